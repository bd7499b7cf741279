//! Calendar dates as the dataset writes them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ISO 8601).
//!
//! One parser for the validator and the formatters, so a date the validator accepts is always one
//! the atlas can print, and the other way round.

use crate::limits::YEARS;

/// A parsed date, as precise as it was written: a year, a month of a year, or a real calendar day.
/// A day never comes without its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IsoDate {
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
}

impl IsoDate {
    /// Strict parsing: exactly four digits for the year (within [`YEARS`]), two for the month
    /// (01–12) and two for the day (a day that exists in that month, leap years included), joined
    /// by `-`. No spaces, signs, other digits or trailing text: anything else is `None`.
    pub fn parse(s: &str) -> Option<IsoDate> {
        let mut parts = s.split('-');
        let year = digits(parts.next()?, 4)?;
        if !i32::try_from(year).is_ok_and(|y| YEARS.contains(&y)) {
            return None;
        }
        // A present part must be valid; an absent one makes a coarser date.
        let month = match parts.next() {
            Some(m) => Some(digits(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(digits(d, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return None;
                }
            }
        }
        Some(IsoDate { year, month, day })
    }

    pub const fn year(self) -> u32 {
        self.year
    }

    /// 1 to 12, when the date has a month.
    pub const fn month(self) -> Option<u32> {
        self.month
    }

    /// 1 to 31, when the date is a day.
    pub const fn day(self) -> Option<u32> {
        self.day
    }
}

/// Exactly `len` ASCII digits.
fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Gregorian leap years: every fourth year, except centuries not divisible by 400.
pub const fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        _ => 0,
    }
}
