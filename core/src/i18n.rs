//! Languages and the typed set of interface messages.
