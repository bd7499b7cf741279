//! URL query ⇄ view state: parsing is total, hostile values are dropped.
