//! The choropleth's state: one indicator's figure per region with its rank and colour class,
//! free of any language; texts are formatted when read, in the reader's language.
//!
//! Modelled on OWID's `MapChartState`: series, colour scale and formatting live here, apart from
//! the views that draw the map, its tooltip, its legend and its table twin. Missing stays missing:
//! a region without a figure is never ranked, never classed, never counted in a class, and says
//! "no data".
//!
//! The classes are cut by a [`Method`] the reader picks ([`Choropleth::build_with`]); the legend
//! counts the regions of each class, for a histogram beside the swatches.

use crate::classify::{no_data_style, per_capita, ClassIndex, Classes, Fallback, Method, Scheme};
use crate::compare::{latest_value, population_indicator, ranks_among_several, Order};
use crate::format::{format_decimal, format_per_capita};
use crate::i18n::{labelled, localize, rank_of, t, Lang, Msg};
use crate::locale::NBSP;
use crate::model::{Qualifier, Unit};
use crate::units::format_value;
use crate::validate::Dataset;

/// Classes computed from the figures: five read well on 18 regions and stay distinct in the
/// palette. An indicator's own thresholds make as many classes as they say.
pub const CLASSES: usize = 5;

type Figure = (f64, Option<Qualifier>, String, Option<i32>);

/// One region's figure as the map shows it (per capita when asked and possible).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionValue {
    pub value: f64,
    pub qualifier: Option<Qualifier>,
    /// `(rank, of)` among the regions with a figure; `None` when fewer than two have one.
    pub rank: Option<(u32, u32)>,
    pub source: String,
    pub year: Option<i32>,
}

/// Everything needed to colour and describe one indicator on the map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choropleth {
    /// The indicator shown; `None` when the dataset has none.
    pub indicator_id: Option<String>,
    unit: Option<Unit>,
    /// Whether figures are per 100,000 inhabitants.
    pub per_capita: bool,
    /// Per region, in dataset order.
    pub values: Vec<Option<RegionValue>>,
    pub classes: Classes,
    /// The method asked for.
    pub method: Method,
    /// `Some` when quantiles made the classes instead of the indicator's thresholds; the view
    /// should say why ([`crate::i18n::fallback_msg`]).
    pub fallback: Option<Fallback>,
}

/// A legend line: its swatch colour, its range formatted, and how many regions it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendLine {
    pub colour: &'static str,
    pub text: String,
    /// Regions with a figure in this class (0 happens with equal intervals and thresholds).
    pub count: usize,
}

/// What the map says about one region, in one language: the tooltip, the region's accessible
/// name and its row of the table twin all read this.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionSummary {
    pub name: String,
    /// "Population légale : " — the indicator's name as a label, ready to precede the value.
    pub indicator_label: Option<String>,
    /// The formatted figure; `None` is no data.
    pub value: Option<String>,
    pub year: Option<i32>,
    /// "10e sur 18"; `None` when not ranked.
    pub rank: Option<String>,
    pub source: Option<String>,
    /// "Normandie : 3 345 842" or "Normandie : Pas de données".
    pub aria_label: String,
}

impl Choropleth {
    /// The state for `indicator_id` (the dataset's first indicator when absent or unknown),
    /// per capita when asked and when both the indicator and a population allow it, in quantile
    /// classes.
    pub fn build(dataset: &Dataset, indicator_id: Option<&str>, per_capita_on: bool) -> Choropleth {
        Choropleth::build_with(dataset, indicator_id, per_capita_on, Method::default())
    }

    /// [`Choropleth::build`] with classes cut by `method`. [`Method::Dataset`] uses the
    /// indicator's `breaks`, and falls back to quantiles, saying why in
    /// [`Choropleth::fallback`], when it has none or when figures are shown per capita (the
    /// thresholds are for the figures as published).
    pub fn build_with(
        dataset: &Dataset,
        indicator_id: Option<&str>,
        per_capita_on: bool,
        method: Method,
    ) -> Choropleth {
        let indicator = indicator_id
            .and_then(|id| dataset.indicator(id))
            .or_else(|| dataset.indicators().first());
        let Some(indicator) = indicator else {
            return Choropleth {
                values: vec![None; dataset.regions().len()],
                method,
                ..Choropleth::default()
            };
        };
        let population = population_indicator(dataset.raw());
        let use_pc = per_capita_on && indicator.per_capita && population.is_some();
        // Per region: the figure shown, its qualifier, source and year.
        let figures: Vec<Option<Figure>> = dataset
            .regions()
            .iter()
            .map(|r| {
                let v = latest_value(indicator, &r.id)?;
                let shown = if use_pc {
                    let pop = population
                        .and_then(|p| latest_value(p, &r.id))
                        .map(|p| p.value);
                    per_capita(Some(v.value), pop)?
                } else {
                    v.value
                };
                Some((shown, v.qualifier, v.source.clone(), v.year))
            })
            .collect();
        let keyed: Vec<(usize, Option<f64>)> = figures
            .iter()
            .enumerate()
            .map(|(i, f)| (i, f.as_ref().map(|f| f.0)))
            .collect();
        let ranked = ranks_among_several(&keyed, Order::Descending);
        let finite: Vec<f64> = figures.iter().flatten().map(|f| f.0).collect();
        let thresholds = indicator.breaks.as_deref().filter(|_| !use_pc);
        let mut classification = Classes::by_method(method, &finite, CLASSES, thresholds);
        if use_pc && indicator.breaks.is_some() && classification.fallback.is_some() {
            classification.fallback = Some(Fallback::PerCapita);
        }
        let values = figures
            .into_iter()
            .zip(ranked)
            .map(|(f, (_, rank))| {
                f.map(|(value, qualifier, source, year)| RegionValue {
                    value,
                    qualifier,
                    rank: rank.map(|r| (r.rank, r.of)),
                    source,
                    year,
                })
            })
            .collect();
        Choropleth {
            indicator_id: Some(indicator.id.clone()),
            unit: Some(indicator.unit),
            per_capita: use_pc,
            values,
            classes: classification.classes,
            method,
            fallback: classification.fallback,
        }
    }

    /// The method that made the classes: the one asked for, or quantiles after a fallback.
    pub fn applied_method(&self) -> Method {
        if self.fallback.is_some() {
            Method::Quantiles
        } else {
            self.method
        }
    }

    /// Regions with a figure in each class, lowest first; they add up to the regions with a
    /// figure. Regions without one are [`Choropleth::no_data_count`], in no class.
    pub fn class_counts(&self) -> Vec<usize> {
        self.classes
            .counts(self.values.iter().map(|v| v.as_ref().map(|v| v.value)))
    }

    /// Regions without a figure.
    pub fn no_data_count(&self) -> usize {
        self.values.iter().filter(|v| v.is_none()).count()
    }

    /// The figure of the region at `index` (dataset order).
    pub fn value(&self, index: usize) -> Option<&RegionValue> {
        self.values.get(index).and_then(Option::as_ref)
    }

    /// The region's figure formatted in `lang`; `None` is no data.
    pub fn value_text(&self, index: usize, lang: Lang) -> Option<String> {
        let v = self.value(index)?;
        Some(match (self.per_capita, self.unit) {
            (true, _) => format_per_capita(v.value, lang),
            (false, Some(unit)) => format_value(v.value, unit, v.qualifier, lang),
            (false, None) => format_decimal(v.value, 1, lang),
        })
    }

    /// SVG fills in dataset order: the class colour, or the hatched no-data pattern.
    pub fn fills(&self, scheme: Scheme) -> Vec<String> {
        self.values
            .iter()
            .map(
                |v| match self.classes.class_of(v.as_ref().map(|v| v.value)) {
                    ClassIndex::NoData => format!("url(#{})", no_data_style(scheme).pattern_id),
                    class => self.classes.colour(class, scheme).to_owned(),
                },
            )
            .collect()
    }

    /// The value classes, lowest first, their ranges formatted ("1,5 – 3") and their region
    /// counts; the no-data swatch is the view's to add. Classes from the indicator's thresholds
    /// are open at the ends ("< 1 000", "≥ 20 000"): those bands hold any figure below or above.
    pub fn legend(&self, scheme: Scheme, lang: Lang) -> Vec<LegendLine> {
        let fmt = |v: f64| format_decimal(v, if v.abs() < 10.0 { 1 } else { 0 }, lang);
        let open_ends = self.applied_method() == Method::Dataset;
        let last = self.classes.len().saturating_sub(1);
        let counts = self.class_counts();
        self.classes
            .legend(scheme)
            .into_iter()
            .enumerate()
            .map(|(i, e)| LegendLine {
                colour: e.colour,
                text: match (open_ends, i) {
                    (true, 0) => format!("<{NBSP}{}", fmt(e.upper)),
                    (true, i) if i == last => format!("≥{NBSP}{}", fmt(e.lower)),
                    _ => format!("{} – {}", fmt(e.lower), fmt(e.upper)),
                },
                count: counts.get(i).copied().unwrap_or(0),
            })
            .collect()
    }

    /// The indicator's name, with "per 100,000 inhabitants" when shown per capita.
    pub fn title(&self, dataset: &Dataset, lang: Lang) -> String {
        let name = self
            .indicator_id
            .as_deref()
            .and_then(|id| dataset.indicator(id))
            .map(|i| localize(&i.name, lang).text.to_owned())
            .unwrap_or_default();
        if self.per_capita {
            format!("{name} — {}", t(lang, Msg::PerCapita))
        } else {
            name
        }
    }

    /// The one source of every figure shown, when they all share it: a table then names it once
    /// under its rows instead of on each. `None` when sources differ or nothing has a figure.
    pub fn shared_source(&self) -> Option<&str> {
        let mut sources = self.values.iter().flatten().map(|v| v.source.as_str());
        let first = sources.next()?;
        sources.all(|s| s == first).then_some(first)
    }

    /// What the map says about the region at `index`, in `lang`.
    pub fn describe(&self, dataset: &Dataset, index: usize, lang: Lang) -> RegionSummary {
        let name = dataset
            .regions()
            .get(index)
            .map(|r| localize(&r.name, lang).text.to_owned())
            .unwrap_or_default();
        let indicator_label = self
            .indicator_id
            .as_deref()
            .and_then(|id| dataset.indicator(id))
            .map(|i| labelled(lang, localize(&i.name, lang).text, ""));
        let value = self.value_text(index, lang);
        let figure = self.value(index);
        let aria_label = labelled(
            lang,
            &name,
            value.as_deref().unwrap_or(t(lang, Msg::NoData)),
        );
        RegionSummary {
            name,
            indicator_label,
            year: figure.and_then(|v| v.year),
            rank: figure
                .and_then(|v| v.rank)
                .map(|(r, of)| rank_of(lang, r, of)),
            source: figure.map(|v| v.source.clone()),
            value,
            aria_label,
        }
    }
}
