//! The stepwise build of a checked file's dataset: the same dataset as `load`, in steps of about
//! `STEP_BYTES`, whatever the layout of the file (minified or indented, key order, a BOM, keys
//! written with escapes).

use atlas_core::validate::stepwise::{Step, StepwiseLoad, STEP_BYTES};
use atlas_core::validate::{load, Dataset};
use serde_json::{json, Value};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/atlas.json");

fn sample_value() -> Value {
    let text = std::fs::read_to_string(SAMPLE).unwrap_or_else(|e| panic!("reading {SAMPLE}: {e}"));
    serde_json::from_str(&text).expect("the sample is JSON")
}

/// The sample with `extra` copies of its places (new ids), about 1 kB each.
fn grown(extra: usize) -> Value {
    let mut d = sample_value();
    let places = d["places"].as_array().cloned().unwrap_or_default();
    let grown = d["places"].as_array_mut().expect("places");
    for i in 0..extra {
        let mut p = places[i % places.len()].clone();
        p["id"] = json!(format!("copy-{i}"));
        p["description"] = json!({ "fr": "é".repeat(300), "en": "x".repeat(300) });
        grown.push(p);
    }
    d
}

/// Runs every step; the dataset and how many steps it took.
fn run(bytes: Vec<u8>) -> (Dataset, usize) {
    let mut load = StepwiseLoad::of_checked(bytes);
    let mut last_done = 0;
    for steps in 1..100_000 {
        match load.step() {
            Step::Progress { done, total } => {
                assert!(done >= last_done && done <= total, "{done} of {total}");
                last_done = done;
            }
            Step::Done(dataset) => return (*dataset, steps),
            Step::Failed => panic!("a checked file failed at step {steps}"),
        }
    }
    panic!("never done");
}

fn same_as_load(bytes: Vec<u8>) -> usize {
    let expected = load(&bytes).unwrap_or_else(|p| panic!("invalid: {p:?}"));
    let (dataset, steps) = run(bytes);
    assert!(
        dataset == expected,
        "the stepwise dataset differs from load's"
    );
    steps
}

#[test]
fn the_sample_minified_and_indented() {
    let d = sample_value();
    // Finding the arrays, the skeleton, the regions in one step, the places in one step.
    assert_eq!(same_as_load(serde_json::to_vec(&d).unwrap()), 4);
    // Indented, the regions' coordinates take one line each: over 256 kB, two steps.
    let pretty = serde_json::to_vec_pretty(&d).unwrap();
    assert!(pretty.len() > STEP_BYTES, "{}", pretty.len());
    assert_eq!(same_as_load(pretty), 5);
}

#[test]
fn a_large_file_takes_steps_of_about_step_bytes() {
    let bytes = serde_json::to_vec(&grown(3_000)).unwrap();
    assert!(bytes.len() > 3_000_000, "{}", bytes.len());
    let steps = same_as_load(bytes.clone());
    let least = bytes.len() / (STEP_BYTES + 2_000);
    assert!(
        steps >= least && steps <= least * 2 + 4,
        "{steps} steps for {} bytes",
        bytes.len()
    );
}

#[test]
fn key_order_a_bom_and_escaped_keys_change_nothing() {
    // Places before regions, sources last.
    let d = sample_value();
    let mut reordered = String::from("{");
    let object = d.as_object().unwrap();
    let mut keys: Vec<&String> = object.keys().collect();
    keys.sort_by_key(|k| match k.as_str() {
        "places" => 0,
        "regions" => 1,
        "sources" => 3,
        _ => 2,
    });
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            reordered.push_str(",\n ");
        }
        reordered.push_str(&format!("{}: {}", json!(k), object[*k]));
    }
    reordered.push('}');
    same_as_load(reordered.clone().into_bytes());

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(reordered.as_bytes());
    same_as_load(bom);

    // A key with an escape is not split out, but parsed with the rest: still the same dataset.
    let escaped = reordered.replacen("\"places\"", "\"pl\\u0061ces\"", 1);
    assert_ne!(escaped, reordered);
    assert_eq!(same_as_load(escaped.into_bytes()), 3);
}

#[test]
fn strings_with_brackets_quotes_and_backslashes_do_not_confuse_the_scan() {
    let mut d = sample_value();
    d["places"][0]["description"] = json!({ "fr": "]}\\\"[{,", "en": "\\\\\"]" });
    d["regions"][0]["name"] = json!({ "fr": "\"{[", "en": "]}" });
    same_as_load(serde_json::to_vec(&d).unwrap());
    same_as_load(serde_json::to_vec_pretty(&d).unwrap());
}

#[test]
fn bytes_that_do_not_parse_fail_instead_of_panicking() {
    for bad in [
        &b""[..],
        b"[]",
        b"{",
        b"{\"places\": [1, 2",
        b"{\"places\": [{\"id\": 1}]}",
        b"\"\\",
        b"{\"regions\": [}, \"places\": ]",
    ] {
        let mut load = StepwiseLoad::of_checked(bad.to_vec());
        let mut steps = 0;
        loop {
            steps += 1;
            assert!(steps < 100, "no end for {bad:?}");
            match load.step() {
                Step::Progress { .. } => {}
                Step::Failed => break,
                Step::Done(_) => panic!("{bad:?} gave a dataset"),
            }
        }
        // The bytes come back whole, for the usual load to say what is wrong.
        assert_eq!(load.into_bytes(), bad);
    }
}

/// The app's own load of the site's dataset, a phase per step: parse, check, index.
mod phased {
    use atlas_core::validate::{load_counted, PhasedLoad, Problems};

    use super::*;

    /// Every step's outcome up to the result, and the result.
    fn run(bytes: &[u8]) -> (usize, Result<Dataset, Problems>) {
        let mut load = PhasedLoad::new(bytes);
        for steps in 1..10 {
            if let Some(result) = load.step() {
                assert!(load.step().is_none(), "nothing after the result");
                return (steps, result);
            }
        }
        panic!("no result in 10 steps");
    }

    #[test]
    fn a_valid_file_takes_three_steps_and_gives_what_load_gives() {
        let bytes = std::fs::read(SAMPLE).expect("the sample");
        let (steps, result) = run(&bytes);
        assert_eq!(steps, 3);
        assert_eq!(result.ok(), load(&bytes).ok());
        assert!(load(&bytes).is_ok(), "the sample is valid");
    }

    #[test]
    fn a_file_that_does_not_parse_stops_after_one_step() {
        let (steps, result) = run(b"{\"format\": 1,");
        assert_eq!(steps, 1);
        assert_eq!(result.err(), load_counted(b"{\"format\": 1,").err());
    }

    #[test]
    fn a_file_with_problems_stops_after_the_check_with_every_problem_counted() {
        let mut d = sample_value();
        for p in d["places"].as_array_mut().expect("places") {
            p["region"] = json!("zz");
        }
        let bytes = serde_json::to_vec_pretty(&d).expect("JSON");
        let (steps, result) = run(&bytes);
        assert_eq!(steps, 2);
        let problems = result.expect_err("places in an unknown region");
        assert!(problems.total >= d["places"].as_array().map_or(0, Vec::len));
        assert_eq!(Some(problems), load_counted(&bytes).err());
    }
}
