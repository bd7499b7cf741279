//! Parsing with exact positions, then semantic checks that report every problem.
