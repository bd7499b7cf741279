//! The dataset JSON Schema, generated from the Rust types.
