//! Comparison maths: per-capita values and ranks with ties, missing values never ranked.
