//! Dates: one strict parser for the validator and the formatters.

use atlas_core::date::{days_in_month, is_leap_year, IsoDate};
use atlas_core::format::format_date;
use atlas_core::locale::Lang;
use atlas_core::validate::valid_date;
use proptest::prelude::*;

fn parts(s: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    IsoDate::parse(s).map(|d| (d.year(), d.month(), d.day()))
}

#[test]
fn years_months_and_days_parse_as_precise_as_written() {
    assert_eq!(parts("2017"), Some((2017, None, None)));
    assert_eq!(parts("2017-05"), Some((2017, Some(5), None)));
    assert_eq!(parts("2017-05-18"), Some((2017, Some(5), Some(18))));
    assert_eq!(parts("1900-01-01"), Some((1900, Some(1), Some(1))));
    assert_eq!(parts("2100-12-31"), Some((2100, Some(12), Some(31))));
}

#[test]
fn february_has_a_29th_only_in_leap_years() {
    assert!(IsoDate::parse("2024-02-29").is_some());
    assert!(IsoDate::parse("2000-02-29").is_some(), "divisible by 400");
    assert!(IsoDate::parse("2023-02-29").is_none());
    assert!(
        IsoDate::parse("1900-02-29").is_none(),
        "a century not divisible by 400"
    );
    assert!(IsoDate::parse("2100-02-29").is_none());
    assert!(IsoDate::parse("2024-02-30").is_none());
    assert!(is_leap_year(2024) && is_leap_year(2000));
    assert!(!is_leap_year(1900) && !is_leap_year(2023));
}

#[test]
fn months_and_days_that_do_not_exist_are_refused() {
    for s in [
        "2017-00",
        "2017-13",
        "2017-00-10",
        "2017-13-01",
        "2017-04-31",
        "2017-06-31",
        "2017-09-31",
        "2017-11-31",
        "2017-01-32",
        "2017-05-00",
    ] {
        assert!(IsoDate::parse(s).is_none(), "{s}");
    }
    assert_eq!(days_in_month(2017, 4), 30);
    assert_eq!(days_in_month(2017, 12), 31);
    assert_eq!(days_in_month(2017, 0), 0);
    assert_eq!(days_in_month(2017, 13), 0);
}

#[test]
fn anything_but_the_three_iso_shapes_is_refused() {
    for s in [
        "",
        " ",
        "-",
        "2017-",
        "2017--05",
        "2017-5",
        "2017-05-5",
        "17-05-18",
        "02017",
        " 2017",
        "2017 ",
        "+2017",
        "-2017",
        "2017-05-18T00:00",
        "2017-05-18-01",
        "2017/05/18",
        "18/05/2017",
        "２０１７",
        "2017-0５",
        "abcd",
        "20x7",
        "2017-May",
        "1899",
        "2101",
        "0000",
        "9999-01-01",
    ] {
        assert!(IsoDate::parse(s).is_none(), "{s:?}");
    }
}

#[test]
fn format_date_prints_what_the_parser_accepts() {
    let nbsp = '\u{a0}';
    assert_eq!(
        format_date("2017-05-18", Lang::Fr),
        Some(format!("18{nbsp}mai{nbsp}2017"))
    );
    assert_eq!(
        format_date("2017-05-01", Lang::Fr),
        Some(format!("1er{nbsp}mai{nbsp}2017"))
    );
    assert_eq!(
        format_date("2017-05-01", Lang::En),
        Some(format!("1{nbsp}May{nbsp}2017"))
    );
    assert_eq!(
        format_date("2024-02", Lang::En),
        Some(format!("February{nbsp}2024"))
    );
    assert_eq!(format_date("2024", Lang::Fr).as_deref(), Some("2024"));
    assert_eq!(format_date("2023-02-29", Lang::Fr), None);
    assert_eq!(format_date("1850-01-01", Lang::Fr), None);
}

proptest! {
    /// The validator's own rule accepts exactly what the shared parser accepts, so pointing
    /// `validate::valid_date` at `IsoDate::parse` changes no verdict.
    #[test]
    fn the_validator_and_the_parser_agree_on_every_date_shaped_text(
        s in "[0-9]{4}(-[0-9]{1,3}(-[0-9]{1,3})?)?|[0-9 +-]{0,12}"
    ) {
        prop_assert_eq!(IsoDate::parse(&s).is_some(), valid_date(&s), "{:?}", s);
    }

    #[test]
    fn parsing_any_text_never_panics_and_agrees_with_formatting(s in "\\PC{0,16}") {
        let parsed = IsoDate::parse(&s);
        prop_assert_eq!(parsed.is_some(), format_date(&s, Lang::En).is_some());
    }

    #[test]
    fn every_real_day_in_range_parses(y in 1900u32..=2100, m in 1u32..=12, d in 1u32..=31) {
        let s = format!("{y:04}-{m:02}-{d:02}");
        prop_assert_eq!(IsoDate::parse(&s).is_some(), d <= days_in_month(y, m));
    }
}
