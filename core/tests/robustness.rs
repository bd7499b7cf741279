//! Property tests: no input panics the loader, and a valid dataset survives a serialise/parse trip.

use atlas_core::model::RawDataset;
use atlas_core::validate::load;
use proptest::prelude::*;

const MINIMAL: &str = include_str!("fixtures/minimal.json");

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = load(&bytes);
    }

    #[test]
    fn mutated_valid_datasets_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12)
    ) {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        for (at, byte, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let _ = load(&bytes);
    }

    #[test]
    fn numbers_anywhere_never_panic(value in any::<f64>(), year in any::<i32>(), rank in any::<u32>()) {
        let text = MINIMAL
            .replacen("\"value\": 1000", &format!("\"value\": {}", serde_json::to_string(&value).unwrap_or_else(|_| "0".into())), 1)
            .replacen("\"year\": 2015", &format!("\"year\": {year}"), 1)
            .replacen("\"rank\": 1", &format!("\"rank\": {rank}"), 1);
        let _ = load(text.as_bytes());
    }

    #[test]
    fn valid_datasets_round_trip(population in 0u32..1_000_000_000, year in 1900i32..2100, amount in 0.0f64..1e12) {
        let mut raw: RawDataset = serde_json::from_str(MINIMAL).expect("fixture parses");
        // A population is a whole number of people.
        raw.indicators[0].values[0].value = f64::from(population);
        raw.indicators[0].values[0].year = Some(year);
        raw.funding[0].amounts[0].total = amount;
        let text = serde_json::to_string(&raw).expect("serialises");
        let back = load(text.as_bytes()).expect("still valid");
        prop_assert_eq!(back.raw(), &raw);
    }
}
