//! `atlas-validate FILE…`: checks dataset files as the atlas will, for publishers.
//!
//! Prints `FILE:LINE:COL: json.path: message` per problem and a summary line.
//! Exit status: 0 all valid, 1 problems found, 2 a file could not be read.
//! `atlas-validate --schema` prints the JSON Schema of the format.

use std::process::ExitCode;

use atlas_core::validate::{load_counted, Problem};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: atlas-validate FILE…   (or --schema to print the JSON Schema)");
        return ExitCode::from(if args.is_empty() { 2 } else { 0 });
    }
    if args.iter().any(|a| a == "--schema") {
        print!("{}", atlas_core::schema::dataset_schema_json());
        return ExitCode::SUCCESS;
    }
    let (mut problems_total, mut unreadable, mut invalid_files) = (0usize, 0usize, 0usize);
    for file in &args {
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
                println!(
                    "{file}: valid — {} regions, {} places, {} indicators, {} funding entries, {} sources",
                    raw.regions.len(),
                    raw.places.len(),
                    raw.indicators.len(),
                    raw.funding.len(),
                    raw.sources.len()
                );
            }
            Err(problems) => {
                invalid_files += 1;
                problems_total += problems.total;
                for p in &problems.listed {
                    println!("{}", line(file, p));
                }
                if problems.total > problems.listed.len() {
                    println!(
                        "{file}: first {} of {} problems listed",
                        problems.listed.len(),
                        problems.total
                    );
                }
            }
        }
    }
    println!(
        "{} file(s) checked: {} valid, {} with problems ({} problem(s)), {} unreadable",
        args.len(),
        args.len() - invalid_files - unreadable,
        invalid_files,
        problems_total,
        unreadable
    );
    if unreadable > 0 {
        ExitCode::from(2)
    } else if invalid_files > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
