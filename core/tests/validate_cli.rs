//! The `atlas-validate` binary as publishers and scripts run it: the human report, the capped
//! list's "first N of M" line, and `--format json`.

use std::path::PathBuf;
use std::process::{Command, Output};

use atlas_core::limits::MAX_PROBLEMS;
use atlas_core::validate::{load, load_counted};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

/// The minimal fixture with 2,000 bad indicator values, each with three problems: a dangling
/// region, a negative number of people and a dangling source.
fn many_problems() -> String {
    let bad_values: String = (0..2000)
        .map(|i| format!("{{ \"region\": \"r{i}\", \"value\": -1, \"source\": \"nope\" }}"))
        .collect::<Vec<_>>()
        .join(",");
    let anchor = "{ \"region\": \"north\", \"value\": 1000";
    assert!(MINIMAL.contains(anchor));
    MINIMAL.replacen(anchor, &format!("{bad_values}, {anchor}"), 1)
}

/// Writes `text` to a file of its own in the temporary directory.
fn dataset_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-validate-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atlas-validate"))
        .args(args)
        .output()
        .unwrap()
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn load_counts_every_problem_beyond_those_listed() {
    let text = many_problems();
    let counted = load_counted(text.as_bytes()).unwrap_err();
    assert_eq!(counted.listed.len(), MAX_PROBLEMS);
    assert_eq!(counted.total, 6000);
    assert!(counted.is_capped());
    // `load` keeps its signature and lists the same problems.
    assert_eq!(load(text.as_bytes()).unwrap_err(), counted.listed);

    let one = MINIMAL.replacen("\"value\": 2000", "\"value\": -2000", 1);
    let counted = load_counted(one.as_bytes()).unwrap_err();
    assert_eq!((counted.listed.len(), counted.total), (1, 1));
    assert!(!counted.is_capped());
    // A shape error stops at the first: one problem, counted as one.
    let counted = load_counted(b"{").unwrap_err();
    assert_eq!((counted.listed.len(), counted.total), (1, 1));
}

#[test]
fn the_human_report_says_how_many_problems_were_not_listed() {
    let path = dataset_file("many.json", &many_problems());
    let file = path.to_str().unwrap();
    let out = run(&[file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = lines(&out.stdout);
    assert_eq!(stdout.len(), MAX_PROBLEMS + 2, "{stdout:?}");
    assert!(
        stdout[0].starts_with(&format!("{file}:"))
            && stdout[0].contains(": indicators[0].values[0]"),
        "{}",
        stdout[0]
    );
    assert_eq!(
        stdout[MAX_PROBLEMS],
        format!("{file}: first 500 of 6000 problems listed")
    );
    assert_eq!(
        stdout[MAX_PROBLEMS + 1],
        "1 file(s) checked: 0 valid, 1 with problems (6000 problem(s)), 0 unreadable"
    );
}

#[test]
fn the_human_report_of_a_few_problems_is_unchanged() {
    let text = MINIMAL.replacen("\"value\": 2000", "\"value\": 2000.5", 1);
    let path = dataset_file("few.json", &text);
    let file = path.to_str().unwrap();
    let out = run(&[file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        lines(&out.stdout),
        [
            format!("{file}:53:39: indicators[0].values[1].value: 2000.5 is not a whole number of people"),
            "1 file(s) checked: 0 valid, 1 with problems (1 problem(s)), 0 unreadable".to_owned(),
        ]
    );
    let valid = dataset_file("valid.json", MINIMAL);
    let out = run(&[valid.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = lines(&out.stdout);
    assert_eq!(stdout.len(), 2, "{stdout:?}");
    assert!(stdout[0].contains(": valid — "), "{}", stdout[0]);
}

#[test]
fn json_output_is_one_object_per_problem_that_scripts_can_parse() {
    let text = many_problems();
    let path = dataset_file("many-json.json", &text);
    let file = path.to_str().unwrap();
    let expected = load(text.as_bytes()).unwrap_err();
    for args in [
        ["--format", "json", file].as_slice(),
        &["--format=json", file],
        &[file, "--format", "json"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let objects: Vec<serde_json::Value> = lines(&out.stdout)
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objects.len(), MAX_PROBLEMS, "{args:?}");
        for (o, p) in objects.iter().zip(&expected) {
            let fields: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(fields.len(), 6, "{o}");
            assert_eq!(o["file"], file);
            assert_eq!(o["line"].as_u64(), p.line.map(|l| l as u64), "{o}");
            assert_eq!(o["column"].as_u64(), p.column.map(|c| c as u64), "{o}");
            assert!(p.line.is_some() && p.column.is_some(), "{p:?}");
            assert_eq!(o["path"], p.path.as_str());
            assert_eq!(o["kind"], p.kind.as_str());
            assert_eq!(o["message"], p.message.as_str());
        }
        assert_eq!(objects[0]["kind"], "reference");
        assert_eq!(objects[0]["path"], "indicators[0].values[0].region");
        assert_eq!(objects[2]["kind"], "number");
        assert_eq!(objects[2]["path"], "indicators[0].values[0].value");
        // The rest goes to stderr, so that stdout is JSON only.
        let stderr = lines(&out.stderr);
        assert_eq!(
            stderr,
            [
                format!("{file}: first 500 of 6000 problems listed"),
                "1 file(s) checked: 0 valid, 1 with problems (6000 problem(s)), 0 unreadable"
                    .to_owned(),
            ]
        );
    }
}

#[test]
fn json_output_of_a_document_problem_has_no_position() {
    let path = dataset_file("html.json", "<!doctype html><p>Not found</p>");
    let file = path.to_str().unwrap();
    let out = run(&["--format", "json", file]);
    assert_eq!(out.status.code(), Some(1));
    let objects: Vec<serde_json::Value> = lines(&out.stdout)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["kind"], "looks_like_html");
    assert_eq!(objects[0]["path"], "");
    assert!(objects[0]["line"].is_null() && objects[0]["column"].is_null());
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let out = run(&["--format", "xml", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown format \"xml\""),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(run(&["--format"]).status.code(), Some(2));
}
