//! `atlas-validate [--format human|json] FILE…`: checks dataset files as the atlas will, for
//! publishers.
//!
//! Human output (the default) prints `FILE:LINE:COL: json.path: message` per problem, a
//! `FILE: first N of M problems listed` line when there were more than
//! [`atlas_core::limits::MAX_PROBLEMS`], and a summary line.
//! `--format json` prints one JSON object per problem on stdout (JSON Lines:
//! `{"file", "line", "column", "path", "kind", "message"}`, `line`/`column` null when unknown),
//! and everything else (valid files, the capped-list line, the summary) on stderr, so scripts
//! read stdout only.
//! Exit status: 0 all valid, 1 problems found, 2 a file could not be read or bad usage.
//! `atlas-validate --schema` prints the JSON Schema of the format.

use std::process::ExitCode;

use atlas_core::validate::{load_counted, Problem};

const USAGE: &str =
    "usage: atlas-validate [--format human|json] FILE…   (or --schema to print the JSON Schema)";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("{USAGE}");
        return ExitCode::from(if args.is_empty() { 2 } else { 0 });
    }
    if args.iter().any(|a| a == "--schema") {
        print!("{}", atlas_core::schema::dataset_schema_json());
        return ExitCode::SUCCESS;
    }
    let (format, files) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("atlas-validate: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    // Human output goes to stdout; in JSON mode stdout carries only problem objects.
    let info = |text: String| match format {
        Format::Human => println!("{text}"),
        Format::Json => eprintln!("{text}"),
    };
    let (mut problems_total, mut unreadable, mut invalid_files) = (0usize, 0usize, 0usize);
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                unreadable += 1;
                continue;
            }
        };
        match load_counted(&bytes) {
            Ok(ds) => {
                let raw = ds.raw();
                info(format!(
                    "{file}: valid — {} regions, {} places, {} indicators, {} funding entries, {} sources",
                    raw.regions.len(),
                    raw.places.len(),
                    raw.indicators.len(),
                    raw.funding.len(),
                    raw.sources.len()
                ));
            }
            Err(problems) => {
                invalid_files += 1;
                problems_total += problems.total;
                for p in &problems.listed {
                    match format {
                        Format::Human => println!("{}", line(file, p)),
                        Format::Json => println!("{}", json_line(file, p)),
                    }
                }
                if problems.is_capped() {
                    info(format!(
                        "{file}: first {} of {} problems listed",
                        problems.listed.len(),
                        problems.total
                    ));
                }
            }
        }
    }
    info(format!(
        "{} file(s) checked: {} valid, {} with problems ({} problem(s)), {} unreadable",
        files.len(),
        files.len() - invalid_files - unreadable,
        invalid_files,
        problems_total,
        unreadable
    ));
    if unreadable > 0 {
        ExitCode::from(2)
    } else if invalid_files > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--format json`, `--format=json` (or `human`) anywhere; every other argument is a file.
fn parse_args(args: &[String]) -> Result<(Format, Vec<&str>), String> {
    let mut format = Format::Human;
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = if arg == "--format" {
            Some(
                rest.next()
                    .ok_or("--format needs a value: human or json")?
                    .as_str(),
            )
        } else {
            arg.strip_prefix("--format=")
        };
        match value {
            Some("human") => format = Format::Human,
            Some("json") => format = Format::Json,
            Some(other) => return Err(format!("unknown format \"{other}\"; use human or json")),
            None => files.push(arg.as_str()),
        }
    }
    Ok((format, files))
}

fn line(file: &str, p: &Problem) -> String {
    let path = if p.path.is_empty() {
        "(document)"
    } else {
        p.path.as_str()
    };
    format!(
        "{file}:{}:{}: {path}: {}",
        p.line.unwrap_or(0),
        p.column.unwrap_or(0),
        p.message
    )
}

/// One problem as a single-line JSON object; the path is `""` for the whole document.
fn json_line(file: &str, p: &Problem) -> String {
    serde_json::json!({
        "file": file,
        "line": p.line,
        "column": p.column,
        "path": p.path,
        "kind": p.kind.as_str(),
        "message": p.message,
    })
    .to_string()
}
