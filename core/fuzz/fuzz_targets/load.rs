//! Fuzz target: loading any bytes as a dataset must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = atlas_core::validate::load(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = atlas_core::url_state::MapState::from_query(text);
        let _ = atlas_core::url_state::CompareState::from_query(text);
    }
});
