//! Unit and qualifier names, and dataset figures written with their qualifier.
//!
//! The top of the locale chain (`locale` ← `format` ← `i18n` ← `units`): it joins the number
//! formatting of [`crate::format`] with the words of [`crate::i18n`].

use crate::format::format_figure;
use crate::i18n::{t, Msg};
use crate::locale::{Lang, NBSP};
use crate::model::{Qualifier, Unit};

/// A dataset figure with its unit and qualifier: "plus de 300" / "over 300",
/// "environ 1,9 Md€" / "about €1.9bn", "12 %", "×3", "1re", "2017".
pub fn format_value(value: f64, unit: Unit, qualifier: Option<Qualifier>, lang: Lang) -> String {
    let figure = format_figure(value, unit, lang);
    match qualifier {
        // A missing figure is not "about —".
        Some(q) if value.is_finite() => format!("{}{NBSP}{figure}", t(lang, qualifier_msg(q))),
        _ => figure,
    }
}

/// The message for a qualifier ("plus de" / "over").
pub const fn qualifier_msg(qualifier: Qualifier) -> Msg {
    match qualifier {
        Qualifier::MoreThan => Msg::QualifierMoreThan,
        Qualifier::Approximately => Msg::QualifierAbout,
    }
}

/// The message naming a unit, lower case, singular or plural.
pub const fn unit_msg(unit: Unit, plural: bool) -> Msg {
    match (unit, plural) {
        (Unit::Count, _) => Msg::UnitCount,
        (Unit::People, false) => Msg::UnitPerson,
        (Unit::People, true) => Msg::UnitPeople,
        (Unit::Jobs, false) => Msg::UnitJob,
        (Unit::Jobs, true) => Msg::UnitJobs,
        (Unit::Eur, false) => Msg::UnitEuro,
        (Unit::Eur, true) => Msg::UnitEuros,
        (Unit::Hectares, false) => Msg::UnitHectare,
        (Unit::Hectares, true) => Msg::UnitHectares,
        (Unit::Percent, _) => Msg::UnitPercent,
        (Unit::PercentChange, _) => Msg::UnitPercentChange,
        (Unit::Multiplier, _) => Msg::UnitMultiplier,
        (Unit::Rank, false) => Msg::UnitRank,
        (Unit::Rank, true) => Msg::UnitRanks,
        (Unit::Year, false) => Msg::UnitYear,
        (Unit::Year, true) => Msg::UnitYears,
    }
}

/// A unit's name for table headers: "emplois" / "jobs", "euros", "pour cent" / "percent".
pub const fn unit_label(unit: Unit, lang: Lang, plural: bool) -> &'static str {
    t(lang, unit_msg(unit, plural))
}
