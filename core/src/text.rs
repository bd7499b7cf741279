//! Accent- and case-insensitive text folding, sorting and search.
