//! Table twins of charts, their CSV export and safe download file names.

use crate::text::fold_char;

/// A raw table cell, as exported to CSV.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Missing,
}

/// The table twin of a chart: formatted cells for display, raw cells for CSV.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    /// Formatted, ready to show ("2,3 M€", "no data").
    pub rows: Vec<Vec<String>>,
    /// The same cells unformatted, row for row.
    pub raw: Vec<Vec<Cell>>,
}

/// CSV (RFC 4180, CRLF line ends) of a table's raw cells: a `# ` comment line with
/// `source_line` (pass it localised, e.g. "Source: Medicen, annual report 2016"), a header row,
/// then numbers with a dot decimal separator and no grouping. Missing values are empty cells.
///
/// Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// carriage return) get a leading apostrophe, unless they are plain numbers.
/// No byte-order mark is written; prepend `\u{FEFF}` for spreadsheets that need one.
pub fn csv(table: &Table, source_line: &str) -> String {
    let mut out = String::new();
    out.push_str("# ");
    out.push_str(&one_line(source_line));
    out.push_str("\r\n");
    push_row(&mut out, table.headers.iter().map(|h| text_field(h)));
    for row in &table.raw {
        push_row(
            &mut out,
            row.iter().map(|cell| match cell {
                Cell::Text(s) => text_field(s),
                Cell::Number(v) => number(*v),
                Cell::Missing => String::new(),
            }),
        );
    }
    out
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect()
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field);
    }
    out.push_str("\r\n");
}

/// Shortest decimal that reads back as the same `f64`; never an exponent or "-0".
fn number(v: f64) -> String {
    if !v.is_finite() {
        String::new()
    } else if v == 0.0 {
        "0".to_owned()
    } else {
        format!("{v}")
    }
}

fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    digits(int) && frac.is_none_or(digits) && exponent_ok
}

fn text_field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s);
    let s = if risky { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A safe, descriptive ASCII file name: `file_name(&["Medicen", "Budget", "2015–2016"], "csv")`
/// gives `medicen-budget-2015-2016.csv`. Accents are folded as search folds them
/// ([`fold_char`]), "€" is spelled "eur", apostrophes and invisible characters are dropped,
/// anything else becomes a hyphen; the base is at most 80 characters, and an empty result
/// becomes `chart`.
pub fn file_name(slug_parts: &[&str], ext: &str) -> String {
    let mut base = String::new();
    for part in slug_parts {
        for c in part.chars().flat_map(char::to_lowercase) {
            match (c, fold_char(c)) {
                // A currency sign carries meaning in a title ("M€"): spell it out.
                ('€', _) => base.push_str("eur"),
                (_, Some(s)) => base.push_str(s),
                _ if c.is_ascii_alphanumeric() => base.push(c),
                _ if is_invisible_in_names(c) => {}
                _ => base.push('-'),
            }
        }
        base.push('-');
    }
    let mut slug = String::with_capacity(base.len());
    for c in base.chars() {
        if c == '-' && (slug.is_empty() || slug.ends_with('-')) {
            continue;
        }
        slug.push(c);
    }
    slug.truncate(80);
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        slug = "chart".to_owned();
    }
    // Device names Windows refuses as file names, whatever the extension.
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-chart");
    }
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() {
        slug
    } else {
        format!("{slug}.{ext}")
    }
}

/// Characters that join a word rather than split it: apostrophes ("l’Europe" → "leurope"),
/// zero-width characters, the byte-order mark and the soft hyphen.
fn is_invisible_in_names(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}'
    )
}
