//! Very large numbers in scientific notation, in French and English; smaller ones unchanged.

use atlas_core::format::{
    format_decimal, format_money, format_per_capita, format_percent, MoneyStyle, SCIENTIFIC_FROM,
};
use atlas_core::locale::{Lang, NBSP, NNBSP};
use atlas_core::model::Unit;
use atlas_core::units::format_value;

/// French spacing: U+202F; English: U+00A0. No ASCII space, so a figure never wraps.
fn fr(s: &str) -> String {
    s.replace(' ', &NNBSP.to_string())
}
fn en(s: &str) -> String {
    s.replace(' ', &NBSP.to_string())
}

#[test]
fn the_largest_amounts_are_written_in_scientific_notation() {
    let compact = |x: f64, lang| format_money(x, "EUR", lang, MoneyStyle::Compact);
    assert_eq!(compact(1e308, Lang::Fr), fr("1,0 × 10³⁰⁸ €"));
    assert_eq!(compact(1e308, Lang::En), en("€1.0 × 10³⁰⁸"));
    assert_eq!(compact(f64::MAX, Lang::Fr), fr("1,8 × 10³⁰⁸ €"));
    assert_eq!(compact(-2.5e20, Lang::Fr), fr("−2,5 × 10²⁰ €"));
    assert_eq!(compact(-2.5e20, Lang::En), en("−€2.5 × 10²⁰"));
    assert_eq!(
        format_money(1.25e18, "CHF", Lang::Fr, MoneyStyle::Compact),
        fr("1,3 × 10¹⁸ CHF")
    );
    assert_eq!(
        format_money(1.25e18, "CHF", Lang::En, MoneyStyle::Compact),
        en("CHF 1.3 × 10¹⁸")
    );
    // Full keeps up to three decimals of the mantissa, at least one.
    let full = |x: f64, lang| format_money(x, "EUR", lang, MoneyStyle::Full);
    assert_eq!(full(1.2345e15, Lang::Fr), fr("1,235 × 10¹⁵ €"));
    assert_eq!(full(1.2345e15, Lang::En), en("€1.235 × 10¹⁵"));
    assert_eq!(full(1e308, Lang::Fr), fr("1,0 × 10³⁰⁸ €"));
}

#[test]
fn the_threshold_is_ten_to_the_fifteenth_after_rounding() {
    assert_eq!(SCIENTIFIC_FROM, 1e15);
    let compact = |x: f64, lang| format_money(x, "EUR", lang, MoneyStyle::Compact);
    // Just below: the existing compact form.
    assert_eq!(compact(9.99e14, Lang::Fr), fr("999 000 Md€"));
    assert_eq!(compact(9.99e14, Lang::En), "€999,000bn");
    assert_eq!(
        format_money(999_999_999_999_999.0, "EUR", Lang::En, MoneyStyle::Full),
        "€999,999,999,999,999"
    );
    // At it, and when rounding carries up to it.
    assert_eq!(compact(1e15, Lang::Fr), fr("1,0 × 10¹⁵ €"));
    assert_eq!(compact(999_999_960_000_000.0, Lang::En), en("€1.0 × 10¹⁵"));
    assert_eq!(
        format_decimal(999_999_999_999_999.96, 1, Lang::Fr),
        fr("1,0 × 10¹⁵")
    );
    // A mantissa that rounds up to 10 moves to the next power.
    assert_eq!(format_decimal(9.96e20, 1, Lang::En), en("1.0 × 10²¹"));
}

#[test]
fn every_kind_of_figure_gets_the_same_notation() {
    assert_eq!(format_decimal(1e308, 1, Lang::Fr), fr("1,0 × 10³⁰⁸"));
    assert_eq!(format_decimal(-1e308, 1, Lang::En), en("−1.0 × 10³⁰⁸"));
    assert_eq!(format_per_capita(3.14e16, Lang::Fr), fr("3,1 × 10¹⁶"));
    assert_eq!(format_percent(2e17, Lang::Fr), fr("2,0 × 10¹⁷ %"));
    assert_eq!(format_percent(2e17, Lang::En), en("2.0 × 10¹⁷%"));
    assert_eq!(
        format_value(1.2e30, Unit::People, None, Lang::Fr),
        fr("1,2 × 10³⁰")
    );
    assert_eq!(
        format_value(1.2e30, Unit::Jobs, None, Lang::En),
        en("1.2 × 10³⁰")
    );
    assert_eq!(
        format_value(5e15, Unit::Hectares, None, Lang::Fr),
        fr("5,0 × 10¹⁵ ha")
    );
    assert_eq!(
        format_value(5e15, Unit::Multiplier, None, Lang::En),
        en("×5.0 × 10¹⁵")
    );
    assert_eq!(
        format_value(1e308, Unit::Eur, None, Lang::Fr),
        fr("1,0 × 10³⁰⁸ €")
    );
    assert_eq!(
        format_value(3e20, Unit::Year, None, Lang::Fr),
        fr("3,0 × 10²⁰")
    );
    assert_eq!(
        format_value(3e20, Unit::Rank, None, Lang::En),
        en("3.0 × 10²⁰")
    );
    // A qualifier still comes first.
    assert_eq!(
        format_value(
            1e308,
            Unit::Eur,
            Some(atlas_core::model::Qualifier::MoreThan),
            Lang::Fr
        ),
        format!("plus de{NBSP}{}", fr("1,0 × 10³⁰⁸ €"))
    );
}

#[test]
fn no_figure_is_hundreds_of_digits_long_or_contains_an_ascii_space() {
    let mut x = 1e15_f64;
    while x.is_finite() {
        for lang in [Lang::Fr, Lang::En] {
            for s in [
                format_money(x, "EUR", lang, MoneyStyle::Compact),
                format_money(x, "USD", lang, MoneyStyle::Full),
                format_decimal(x, 2, lang),
                format_value(x, Unit::People, None, lang),
            ] {
                assert!(s.chars().count() <= 20, "{x}: {s}");
                assert!(!s.contains(' '), "{x}: {s:?}");
                assert!(s.contains('×'), "{x}: {s}");
            }
        }
        x *= 7.3;
    }
}
