//! Free rules on single values (ids, coordinates, links, dates), shared by the checks and the
//! views.

use crate::limits::{MAX_ID_LEN, MAX_URL_LEN, YEARS};
use crate::model::LonLat;

pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn valid_lonlat(p: LonLat) -> bool {
    p[0].is_finite()
        && p[1].is_finite()
        && (-180.0..=180.0).contains(&p[0])
        && (-90.0..=90.0).contains(&p[1])
}

/// `http://host…` or `https://host…` with no whitespace, control or quote characters.
///
/// The views check again before rendering a link; this is the publisher-facing half.
pub fn safe_url(url: &str) -> bool {
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    !host.is_empty()
        && !host.contains('@')
        && url.len() <= MAX_URL_LEN
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
        })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real calendar day.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let Some(year) = parts.first().and_then(|p| num(p, 4)) else {
        return false;
    };
    if !YEARS.contains(&(year as i32)) {
        return false;
    }
    match parts.len() {
        1 => true,
        2 => parts
            .get(1)
            .and_then(|p| num(p, 2))
            .is_some_and(|m| (1..=12).contains(&m)),
        3 => {
            let (Some(m), Some(d)) = (
                parts.get(1).and_then(|p| num(p, 2)),
                parts.get(2).and_then(|p| num(p, 2)),
            ) else {
                return false;
            };
            (1..=12).contains(&m) && d >= 1 && d <= days_in_month(year, m)
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
