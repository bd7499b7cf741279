//! Locale-aware formatting of numbers, money, percentages, ordinals and dates.
//!
//! Conventions:
//! - French groups thousands with U+202F NARROW NO-BREAK SPACE, writes a decimal comma and puts the
//!   same space between a number and its unit: "3 345 842", "4,5", "42 %", "2,3 M€", "300 ha".
//! - English groups with "," and writes a decimal point; words and currency codes are joined with
//!   U+00A0 NO-BREAK SPACE: "3,345,842", "42%", "€2.3M", "300 ha", "USD 2.3M".
//! - Negative numbers use U+2212 MINUS SIGN, which lines up with "+" in tabular figures.
//! - No output contains an ASCII space, so a figure never wraps across two lines.
//! - Non-finite input gives [`NO_VALUE`]. Nothing here panics, whatever the input.
//! - Rounding is half away from zero on the shortest decimal form of the number (what a reader
//!   sees in the data file), so 2.25 rounds to 2.3 and 0.15 to 0.2, unlike `format!("{:.1}")`.
//! - Numbers that round to [`SCIENTIFIC_FROM`] (10¹⁵) or more in magnitude are written in
//!   scientific notation with one decimal and a superscript exponent, instead of 16 to 309
//!   digits: "1,0 × 10³⁰⁸ €" (U+202F around "×") / "€1.0 × 10³⁰⁸" (U+00A0). Full money keeps up
//!   to three decimals of the mantissa ("1,235 × 10¹⁵ €"). Integers ([`format_integer`]) are
//!   exact and always written in full.

use crate::date::IsoDate;
use crate::locale::Lang;
use crate::model::Unit;

// Kept here too: shell code names them as `format::…`.
pub use crate::locale::{Gender, NBSP, NNBSP};

/// Shown instead of a number that is missing or not finite.
pub const NO_VALUE: &str = "—";
/// The minus sign of negative numbers.
pub const MINUS: char = '\u{2212}';

/// Magnitudes from which numbers are written in scientific notation: 10¹⁵, a million billion
/// (a thousand times France's GDP in euros); a figure that large is a typo or a test, and its
/// 16+ digits would be unreadable anyway.
pub const SCIENTIFIC_FROM: f64 = 1e15;
/// Integer digits of a rounded number at or above [`SCIENTIFIC_FROM`].
const SCIENTIFIC_DIGITS: usize = 16;
/// Mantissa decimals in scientific notation, and the most Full money keeps.
const SCIENTIFIC_DECIMALS: usize = 1;
const SCIENTIFIC_DECIMALS_FULL: usize = 3;

/// Caps requested decimals: f64 has ~17 significant digits, and an unbounded request must not
/// allocate without limit.
const MAX_DECIMALS: usize = 20;

/// How much of an amount to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MoneyStyle {
    /// "2,3 M€" / "€2.3M": at most three significant digits, one decimal.
    #[default]
    Compact,
    /// "2 300 000 €" / "€2,300,000": every digit, cents only when there are any.
    Full,
}

fn group_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{202F}",
        Lang::En => ",",
    }
}

fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    }
}

/// The space between a number and a unit word or code.
fn unit_space(lang: Lang) -> char {
    match lang {
        Lang::Fr => NNBSP,
        Lang::En => NBSP,
    }
}

/// A finite number rounded to a number of decimals, as decimal digits.
struct Rounded {
    negative: bool,
    /// Integer digits, most significant first, no leading zeros except a lone "0".
    int: Vec<u8>,
    /// Fraction digits, without trailing zeros.
    frac: Vec<u8>,
}

impl Rounded {
    /// Rounds `x` half away from zero to at most `decimals` decimals. `None` when `x` is not
    /// finite.
    fn new(x: f64, decimals: usize) -> Option<Rounded> {
        if !x.is_finite() {
            return None;
        }
        let decimals = decimals.min(MAX_DECIMALS);
        // `Display` for f64 prints the shortest round-tripping decimal and never uses exponents.
        let shortest = x.abs().to_string();
        let (int_str, frac_str) = shortest.split_once('.').unwrap_or((shortest.as_str(), ""));
        let digits = |s: &str| -> Vec<u8> {
            s.bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect()
        };
        let mut int = digits(int_str);
        let mut frac = digits(frac_str);
        if frac.len() > decimals {
            let round_up = frac[decimals] >= 5;
            frac.truncate(decimals);
            if round_up {
                increment(&mut int, &mut frac);
            }
        }
        while frac.last() == Some(&0) {
            frac.pop();
        }
        let leading = int.iter().take_while(|&&d| d == 0).count();
        int.drain(..leading.min(int.len().saturating_sub(1)));
        if int.is_empty() {
            int.push(0);
        }
        let zero = int.iter().chain(&frac).all(|&d| d == 0);
        Some(Rounded {
            negative: x < 0.0 && !zero,
            int,
            frac,
        })
    }

    /// Number of integer digits: 4 or more means "≥ 1000" after rounding.
    fn int_len(&self) -> usize {
        self.int.len()
    }

    /// The unsigned figure, grouped or not.
    fn digits(&self, lang: Lang, grouped: bool) -> String {
        let mut out = String::with_capacity(self.int.len() * 2 + self.frac.len() + 2);
        let sep = if grouped { group_separator(lang) } else { "" };
        push_grouped(&mut out, &self.int, sep);
        if !self.frac.is_empty() {
            out.push(decimal_mark(lang));
            out.extend(self.frac.iter().map(|&d| char::from(b'0' + d)));
        }
        out
    }

    fn sign(&self) -> &'static str {
        if self.negative {
            "\u{2212}"
        } else {
            ""
        }
    }

    /// Signed and grouped; in scientific notation from [`SCIENTIFIC_FROM`].
    fn render(&self, lang: Lang) -> String {
        format!("{}{}", self.sign(), self.figure(lang, true))
    }

    /// The unsigned figure: grouped (or not) digits, or from [`SCIENTIFIC_FROM`] on, scientific
    /// notation with one decimal.
    fn figure(&self, lang: Lang, grouped: bool) -> String {
        if self.is_huge() {
            self.scientific(lang, SCIENTIFIC_DECIMALS)
        } else {
            self.digits(lang, grouped)
        }
    }

    /// Whether the rounded magnitude is at least [`SCIENTIFIC_FROM`].
    fn is_huge(&self) -> bool {
        self.int_len() >= SCIENTIFIC_DIGITS
    }

    /// The unsigned magnitude as "1,2 × 10¹⁵" / "1.2 × 10¹⁵": a mantissa from 1 to 9.9… with at
    /// least one and at most `decimals` decimals (rounded half away from zero on the digits, so
    /// 9.96e20 gives "1,0 × 10²¹"), a no-break space each side of "×" and a superscript exponent.
    /// Meant for magnitudes of 1 or more.
    fn scientific(&self, lang: Lang, decimals: usize) -> String {
        let all: Vec<u8> = self.int.iter().chain(&self.frac).copied().collect();
        let mut exponent = self.int.len().saturating_sub(1);
        let mut int = vec![all.first().copied().unwrap_or(0)];
        let keep = decimals.max(1);
        let mut frac: Vec<u8> = all.iter().skip(1).take(keep).copied().collect();
        if all.get(keep + 1).is_some_and(|&d| d >= 5) {
            increment(&mut int, &mut frac);
        }
        if int.len() > 1 {
            // 9.99… rounded up to 10.0: the carry left only zeros behind it.
            exponent += 1;
            int.truncate(1);
        }
        frac.resize(keep, 0);
        while frac.len() > 1 && frac.last() == Some(&0) {
            frac.pop();
        }
        let mantissa = Rounded {
            negative: false,
            int,
            frac,
        };
        let sp = unit_space(lang);
        format!(
            "{}{sp}×{sp}10{}",
            mantissa.digits(lang, false),
            superscript(exponent)
        )
    }
}

/// "³⁰⁸" for 308.
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .filter_map(|b| DIGITS.get(usize::from(b.wrapping_sub(b'0'))).copied())
        .collect()
}

/// Adds one unit in the last place of `int.frac`, carrying as far as needed.
fn increment(int: &mut Vec<u8>, frac: &mut [u8]) {
    for d in frac.iter_mut().rev().chain(int.iter_mut().rev()) {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return;
        }
    }
    int.insert(0, 1);
}

fn push_grouped(out: &mut String, digits: &[u8], sep: &str) {
    let n = digits.len();
    for (i, &d) in digits.iter().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(char::from(b'0' + d));
    }
}

/// "3 345 842" (U+202F) / "3,345,842"; negatives with U+2212.
pub fn format_integer(n: i64, lang: Lang) -> String {
    let digits: Vec<u8> = n
        .unsigned_abs()
        .to_string()
        .bytes()
        .map(|b| b - b'0')
        .collect();
    let mut out = String::new();
    if n < 0 {
        out.push(MINUS);
    }
    push_grouped(&mut out, &digits, group_separator(lang));
    out
}

/// A number with at most `max_decimals` decimals, trailing zeros dropped: "1 234,5" / "1,234.5".
pub fn format_decimal(x: f64, max_decimals: usize, lang: Lang) -> String {
    match Rounded::new(x, max_decimals) {
        Some(r) => r.render(lang),
        None => NO_VALUE.to_owned(),
    }
}

/// A year as written in text: no thousands separator ("2017", "−500").
pub fn format_year(year: i64) -> String {
    if year < 0 {
        format!("{MINUS}{}", year.unsigned_abs())
    } else {
        year.to_string()
    }
}

/// How a currency is written: a symbol ("€") or the ISO code itself ("CHF").
enum CurrencyMark {
    Symbol(&'static str),
    Code(String),
    None,
}

fn currency_mark(currency: &str) -> CurrencyMark {
    let code = currency.trim().to_ascii_uppercase();
    match code.as_str() {
        "EUR" | "€" => CurrencyMark::Symbol("€"),
        "USD" | "$" => CurrencyMark::Symbol("$"),
        "GBP" | "£" => CurrencyMark::Symbol("£"),
        "" => CurrencyMark::None,
        _ => CurrencyMark::Code(code),
    }
}

/// Compact scales, largest first: (divisor, French suffix, English suffix).
const SCALES: [(f64, &str, &str); 4] = [
    (1e9, "Md", "bn"),
    (1e6, "M", "M"),
    (1e3, "k", "K"),
    (1.0, "", ""),
];

/// Rounds `abs` for the compact style and picks its scale. Values of 100 or more in their scale
/// lose their decimal (three significant digits); a value that rounds up to 1000 moves to the
/// next scale, so 999 950 gives "1 M€", never "1 000 k€".
fn compact(abs: f64) -> Option<(Rounded, usize)> {
    let mut idx = SCALES
        .iter()
        .position(|s| abs >= s.0)
        .unwrap_or(SCALES.len() - 1);
    loop {
        let scaled = abs / SCALES[idx].0;
        let decimals = if scaled < 100.0 { 1 } else { 0 };
        let rounded = Rounded::new(scaled, decimals)?;
        if rounded.int_len() >= 4 && idx > 0 {
            idx -= 1;
        } else {
            return Some((rounded, idx));
        }
    }
}

/// Money. Compact: "2,3 M€" / "€2.3M", "7,5 Md€" / "€7.5bn", "245 k€" / "€245K", "950 €" / "€950".
/// Full: "2 300 000 €" / "€2,300,000". `currency` is an ISO 4217 code: EUR, USD and GBP get
/// their symbol, others their code ("2,3 M CHF" / "CHF 2.3M").
///
/// From [`SCIENTIFIC_FROM`] on, in scientific notation, with no scale suffix:
/// "1,0 × 10³⁰⁸ €" / "€1.0 × 10³⁰⁸"; Full keeps up to three decimals ("1,235 × 10¹⁵ €").
pub fn format_money(amount: f64, currency: &str, lang: Lang, style: MoneyStyle) -> String {
    let Some(exact) = Rounded::new(amount.abs(), 2) else {
        return NO_VALUE.to_owned();
    };
    // Compact rounding may carry just below 10¹⁵ up to it: "1 000 000 Md€" is 10¹⁵ too.
    let carried = style == MoneyStyle::Compact
        && compact(amount.abs()).is_some_and(|(r, idx)| idx == 0 && r.int_len() > 6);
    let huge = (exact.is_huge() || carried).then_some(exact);
    let (number, suffix, nonzero) = match (huge, style) {
        (Some(r), MoneyStyle::Compact) => (r.scientific(lang, SCIENTIFIC_DECIMALS), "", true),
        (Some(r), MoneyStyle::Full) => (r.scientific(lang, SCIENTIFIC_DECIMALS_FULL), "", true),
        (None, _) => match money_digits(amount.abs(), lang, style) {
            Some(parts) => parts,
            None => return NO_VALUE.to_owned(),
        },
    };
    // The sign comes from the amount, not the rounded magnitude, but never on a zero.
    let sign = if amount < 0.0 && nonzero {
        "\u{2212}"
    } else {
        ""
    };
    let sp = unit_space(lang);
    match (lang, currency_mark(currency)) {
        (Lang::Fr, CurrencyMark::Symbol(sym)) => format!("{sign}{number}{sp}{suffix}{sym}"),
        (Lang::Fr, CurrencyMark::Code(code)) if suffix.is_empty() => {
            format!("{sign}{number}{sp}{code}")
        }
        (Lang::Fr, CurrencyMark::Code(code)) => format!("{sign}{number}{sp}{suffix}{sp}{code}"),
        (Lang::Fr, CurrencyMark::None) if suffix.is_empty() => format!("{sign}{number}"),
        (Lang::Fr, CurrencyMark::None) => format!("{sign}{number}{sp}{suffix}"),
        (Lang::En, CurrencyMark::Symbol(sym)) => format!("{sign}{sym}{number}{suffix}"),
        (Lang::En, CurrencyMark::Code(code)) => format!("{sign}{code}{sp}{number}{suffix}"),
        (Lang::En, CurrencyMark::None) => format!("{sign}{number}{suffix}"),
    }
}

/// An amount below [`SCIENTIFIC_FROM`] as grouped digits, its scale suffix, and whether it is
/// non-zero once rounded.
fn money_digits(abs: f64, lang: Lang, style: MoneyStyle) -> Option<(String, &'static str, bool)> {
    let (rounded, suffix) = match style {
        MoneyStyle::Compact => {
            let (r, idx) = compact(abs)?;
            (r, lang.pick(SCALES[idx].1, SCALES[idx].2))
        }
        // Cents are shown as a pair ("12,50 €") when any survive rounding, else not at all.
        MoneyStyle::Full => {
            let mut r = Rounded::new(abs, 2)?;
            if !r.frac.is_empty() {
                r.frac.resize(2, 0);
            }
            (r, "")
        }
    };
    let nonzero = rounded.int.iter().chain(&rounded.frac).any(|&d| d != 0);
    Some((rounded.digits(lang, true), suffix, nonzero))
}

fn percent_sign(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{202F}%",
        Lang::En => "%",
    }
}

/// `x` is already in percent: 42 → "42 %" / "42%"; at most one decimal.
pub fn format_percent(x: f64, lang: Lang) -> String {
    match Rounded::new(x, 1) {
        Some(r) => format!("{}{}", r.render(lang), percent_sign(lang)),
        None => NO_VALUE.to_owned(),
    }
}

/// A change in percent, always signed unless zero: "+20 %", "+5,5 %", "−3 %" / "+20%", "−3%".
pub fn format_percent_change(x: f64, lang: Lang) -> String {
    match Rounded::new(x, 1) {
        Some(r) => {
            let zero = r.int.iter().chain(&r.frac).all(|&d| d == 0);
            let plus = if x > 0.0 && !zero { "+" } else { "" };
            format!("{plus}{}{}", r.render(lang), percent_sign(lang))
        }
        None => NO_VALUE.to_owned(),
    }
}

/// A factor: "×3", "×1,5" / "×1.5".
pub fn format_multiplier(x: f64, lang: Lang) -> String {
    match Rounded::new(x, 1) {
        Some(r) => format!("×{}", r.render(lang)),
        None => NO_VALUE.to_owned(),
    }
}

/// An area: "300 ha", "1 200,5 ha" / "1,200.5 ha".
pub fn format_hectares(x: f64, lang: Lang) -> String {
    match Rounded::new(x, 1) {
        Some(r) => format!("{}{}ha", r.render(lang), unit_space(lang)),
        None => NO_VALUE.to_owned(),
    }
}

/// A value per 100,000 inhabitants: at most one decimal ("12,3" / "12.3").
pub fn format_per_capita(x: f64, lang: Lang) -> String {
    format_decimal(x, 1, lang)
}

/// Plain-text ordinal: French "1er"/"1re", "2e"; English "1st", "2nd", "3rd", "11th", "21st".
pub fn format_ordinal(n: u32, lang: Lang, gender: Gender) -> String {
    let number = format_integer(i64::from(n), lang);
    let suffix = match lang {
        Lang::Fr if n == 1 => match gender {
            Gender::Masculine => "er",
            Gender::Feminine => "re",
        },
        Lang::Fr => "e",
        Lang::En => match (n % 100, n % 10) {
            (11..=13, _) => "th",
            (_, 1) => "st",
            (_, 2) => "nd",
            (_, 3) => "rd",
            _ => "th",
        },
    };
    format!("{number}{suffix}")
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "YYYY", "YYYY-MM" or "YYYY-MM-DD" as "18 mai 2017" / "18 May 2017", "1er mai 2017",
/// "mai 2017" / "May 2017", "2017". Words are joined with U+00A0. Anything [`IsoDate::parse`]
/// refuses (a date that does not exist, a year outside the plausible range, other text) gives
/// `None`.
pub fn format_date(iso: &str, lang: Lang) -> Option<String> {
    let date = IsoDate::parse(iso)?;
    let year = date.year();
    let Some(month) = date.month() else {
        return Some(year.to_string());
    };
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    let month_name = lang.pick(MONTHS_FR, MONTHS_EN).get(index).copied()?;
    let day = match (lang, date.day()) {
        (_, None) => return Some(format!("{month_name}{NBSP}{year}")),
        (Lang::Fr, Some(1)) => "1er".to_owned(),
        (_, Some(day)) => day.to_string(),
    };
    Some(format!("{day}{NBSP}{month_name}{NBSP}{year}"))
}

/// Counts: whole numbers as integers, others with one decimal at most.
fn format_count(x: f64, lang: Lang) -> String {
    format_decimal(x, 1, lang)
}

/// A rank as a feminine ordinal ("1re", the ranked things being regions); a value that is not a
/// whole number in range falls back to a plain number.
fn format_rank(x: f64, lang: Lang) -> String {
    if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
        // In range and whole, so the cast is exact.
        format_ordinal(x as u32, lang, Gender::Feminine)
    } else {
        format_decimal(x, 1, lang)
    }
}

/// A year value: rounded, no thousands separator (scientific notation from
/// [`SCIENTIFIC_FROM`], in `lang`).
fn format_year_value(x: f64, lang: Lang) -> String {
    match Rounded::new(x, 0) {
        Some(r) => format!("{}{}", r.sign(), r.figure(lang, false)),
        None => NO_VALUE.to_owned(),
    }
}

/// A dataset figure in its unit, without a qualifier: "1,9 Md€" / "€1.9bn", "12 %", "×3", "1re",
/// "2017". `units::format_value` adds the qualifier words.
pub fn format_figure(value: f64, unit: Unit, lang: Lang) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_owned();
    }
    match unit {
        Unit::Eur => format_money(value, "EUR", lang, MoneyStyle::Compact),
        Unit::Count | Unit::People | Unit::Jobs => format_count(value, lang),
        Unit::Percent => format_percent(value, lang),
        Unit::PercentChange => format_percent_change(value, lang),
        Unit::Multiplier => format_multiplier(value, lang),
        Unit::Hectares => format_hectares(value, lang),
        Unit::Rank => format_rank(value, lang),
        Unit::Year => format_year_value(value, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(r: &Rounded) -> String {
        r.digits(Lang::En, false)
    }

    #[test]
    fn rounding_carries_through_every_nine() {
        let r = Rounded::new(999.96, 1).map(|r| digits(&r));
        assert_eq!(r.as_deref(), Some("1000"));
        let r = Rounded::new(0.96, 1).map(|r| digits(&r));
        assert_eq!(r.as_deref(), Some("1"));
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_the_shortest_decimal() {
        for (x, d, want) in [
            (2.25, 1, "2.3"),
            (0.15, 1, "0.2"),
            (1.005, 2, "1.01"),
            (0.05, 0, "0"),
        ] {
            let got = Rounded::new(x, d).map(|r| digits(&r));
            assert_eq!(got.as_deref(), Some(want), "{x} to {d} decimals");
        }
    }

    #[test]
    fn tiny_negatives_round_to_an_unsigned_zero() {
        let r = Rounded::new(-0.04, 1);
        assert!(r.is_some_and(|r| !r.negative && digits(&r) == "0"));
    }
}
