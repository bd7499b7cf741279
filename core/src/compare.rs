//! Comparison maths: per-capita values and ranks with ties, missing values never ranked.
//!
//! Everything here keeps "missing" distinct from zero: a region without a figure gets `None`
//! (no value, no rank, no bar), never 0, and is not counted in the "of N" of a rank.

use std::collections::{HashMap, HashSet};

use crate::classify::per_capita;
use crate::model::{
    Amount, Category, Indicator, IndicatorValue, PartyKind, Qualifier, RawDataset, Region, Unit,
};
use crate::sort::sort_stable_by;

/// Id of the indicator used as denominator for per-capita figures, when the dataset has one.
pub const POPULATION_ID: &str = "population";

/// Most regions compared side by side.
pub const MAX_COMPARED: usize = 4;

/// Which end of the scale ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// The highest figure is ranked 1 (jobs, money, places).
    #[default]
    Descending,
    /// The lowest figure is ranked 1 (figures that are themselves ranks).
    Ascending,
}

/// A rank among the regions that have a figure: "2nd of 17", `tied` when another region shares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rank {
    pub rank: u32,
    pub of: u32,
    pub tied: bool,
}

/// Standard competition ranks ("1, 2, 2, 4") of `values`, returned in input order. Missing and
/// non-finite figures get `None` and do not count in `of`.
pub fn ranks<K: Clone>(values: &[(K, Option<f64>)], order: Order) -> Vec<(K, Option<Rank>)> {
    // Adding 0.0 turns -0.0 into 0.0 so the two tie.
    let finite = |v: &Option<f64>| v.filter(|x| x.is_finite()).map(|x| x + 0.0);
    let mut present: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, (_, v))| finite(v).map(|x| (i, x)))
        .collect();
    sort_stable_by(&mut present, |a, b| match order {
        Order::Descending => b.1.total_cmp(&a.1),
        Order::Ascending => a.1.total_cmp(&b.1),
    });
    let of = u32::try_from(present.len()).unwrap_or(u32::MAX);
    let mut out: Vec<(K, Option<Rank>)> = values.iter().map(|(k, _)| (k.clone(), None)).collect();
    let mut start = 0;
    while start < present.len() {
        let value = present[start].1;
        let end = start + present[start..].iter().take_while(|p| p.1 == value).count();
        let rank = u32::try_from(start + 1).unwrap_or(u32::MAX);
        let tied = end - start > 1;
        for &(i, _) in &present[start..end] {
            if let Some(slot) = out.get_mut(i) {
                slot.1 = Some(Rank { rank, of, tied });
            }
        }
        start = end;
    }
    out
}

/// National ranks, "among regions with data": the highest figure first, missing figures neither
/// ranked nor counted, and no rank at all when fewer than two regions have a figure (a rank
/// among one says nothing). Returned in input order, like [`ranks`].
pub fn national_ranks<K: Clone>(values: &[(K, Option<f64>)]) -> Vec<(K, Option<Rank>)> {
    let mut ranked = ranks(values, Order::Descending);
    if ranked.iter().filter(|(_, r)| r.is_some()).count() < 2 {
        for (_, r) in &mut ranked {
            *r = None;
        }
    }
    ranked
}

/// `region`'s national rank on `indicator`'s latest figures over `regions` (see
/// [`national_ranks`]); `None` when it has no figure or too few regions have one.
pub fn national_rank(indicator: &Indicator, regions: &[Region], region: &str) -> Option<Rank> {
    let values: Vec<(&str, Option<f64>)> = regions
        .iter()
        .map(|r| {
            let value = latest_value(indicator, &r.id).map(|v| v.value);
            (r.id.as_str(), value)
        })
        .collect();
    national_ranks(&values)
        .into_iter()
        .find(|(id, _)| *id == region)
        .and_then(|(_, rank)| rank)
}

/// Which of a list of dated things is the latest: the highest year; undated ones count only when
/// nothing is dated; among equals the first listed wins.
fn latest_by<T>(items: impl Iterator<Item = T>, year: impl Fn(&T) -> Option<i32>) -> Option<T> {
    let mut best: Option<T> = None;
    for item in items {
        let better = match &best {
            None => true,
            Some(b) => match (year(&item), year(b)) {
                (Some(y), Some(by)) => y > by,
                (Some(_), None) => true,
                _ => false,
            },
        };
        if better {
            best = Some(item);
        }
    }
    best
}

/// A region's most recent figure for an indicator (highest year; an undated figure only if none is
/// dated). Non-finite figures are ignored.
pub fn latest_value<'a>(indicator: &'a Indicator, region: &str) -> Option<&'a IndicatorValue> {
    latest_by(
        indicator
            .values
            .iter()
            .filter(|v| v.region == region && v.value.is_finite()),
        |v| v.year,
    )
}

/// The region's figure for exactly `year`, if the indicator has one.
fn value_in_year<'a>(
    indicator: &'a Indicator,
    region: &str,
    year: i32,
) -> Option<&'a IndicatorValue> {
    indicator
        .values
        .iter()
        .find(|v| v.region == region && v.year == Some(year) && v.value.is_finite())
}

/// The dataset's population indicator: id [`POPULATION_ID`] with unit `people`.
pub fn population_indicator(ds: &RawDataset) -> Option<&Indicator> {
    ds.indicators
        .iter()
        .find(|i| i.id == POPULATION_ID && i.unit == Unit::People)
}

/// The regions to compare: unknown ids dropped, duplicates removed, order kept, at most
/// [`MAX_COMPARED`].
pub fn select_regions<S: AsRef<str>>(ds: &RawDataset, ids: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let id = id.as_ref();
        if out.len() < MAX_COMPARED
            && !out.iter().any(|o| o == id)
            && ds.regions.iter().any(|r| r.id == id)
        {
            out.push(id.to_owned());
        }
    }
    out
}

/// One region's figure for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub region: String,
    /// The latest figure as published.
    pub value: Option<f64>,
    /// Per 100,000 inhabitants, when the indicator allows it and the population is known.
    pub per_capita: Option<f64>,
    /// Rank among all regions of the dataset on the figure shown (see [`IndicatorRow::per_capita`]).
    pub rank: Option<Rank>,
    pub year: Option<i32>,
    pub source: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// Length of this region's bar relative to the largest among the compared regions, 0..=1.
    pub bar_fraction: Option<f64>,
}

impl Cell {
    /// The figure shown: per capita or as published.
    pub fn shown(&self, per_capita: bool) -> Option<f64> {
        if per_capita {
            self.per_capita
        } else {
            self.value
        }
    }
}

/// One indicator across the compared regions.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub indicator: String,
    pub unit: Unit,
    /// Whether the cells show, rank and bar their per-capita figure (the toggle is on, the
    /// indicator allows it and the dataset has a population).
    pub per_capita: bool,
    pub order: Order,
    /// One per compared region, in the comparison's order.
    pub cells: Vec<Cell>,
}

impl IndicatorRow {
    /// The one source of every figure in the row, when they share it (then the row names it once
    /// instead of in each cell); `None` when sources differ or no region has a figure.
    pub fn shared_source(&self) -> Option<&str> {
        let mut sources = self.cells.iter().filter_map(|c| c.source.as_deref());
        let first = sources.next()?;
        sources.all(|s| s == first).then_some(first)
    }
}

/// Places the dataset lists in a region, by category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceCounts {
    pub region: String,
    /// Every category in [`Category::ALL`] order; 0 means the dataset lists none.
    pub by_category: Vec<(Category, usize)>,
    pub total: usize,
}

/// A sum of money in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyTotal {
    pub currency: String,
    pub amount: f64,
    /// `MoreThan` if some summed amounts were minimums, `Approximately` if any was approximate.
    pub qualifier: Option<Qualifier>,
}

/// Money that concerns a region.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingTotals {
    /// One per currency, sorted by currency code; never empty.
    pub totals: Vec<MoneyTotal>,
    /// Ids of the funding entries summed, in dataset order.
    pub funding: Vec<String>,
}

/// Funding of one compared region; `totals` is `None` when the dataset has none (not zero).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionFunding {
    pub region: String,
    pub totals: Option<FundingTotals>,
}

/// Two to four regions side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionComparison {
    /// The compared region ids after cleaning (see [`select_regions`]).
    pub regions: Vec<String>,
    /// The id of the population indicator used for per-capita figures, if any.
    pub population: Option<String>,
    /// Whether per-capita figures are shown where they make sense.
    pub per_capita: bool,
    /// One per dataset indicator, in dataset order.
    pub rows: Vec<IndicatorRow>,
    /// One per compared region, in order.
    pub places: Vec<PlaceCounts>,
    /// One per compared region, in order.
    pub funding: Vec<RegionFunding>,
}

impl RegionComparison {
    /// Builds the comparison. `population` names the per-capita denominator (usually
    /// [`population_indicator`]'s id); an id that is not an indicator with unit `people` is
    /// ignored. Fewer than two valid regions still builds (the view asks for another region).
    pub fn build<S: AsRef<str>>(
        ds: &RawDataset,
        selected: &[S],
        population: Option<&str>,
        per_capita: bool,
    ) -> RegionComparison {
        let regions = select_regions(ds, selected);
        let population = population.and_then(|id| {
            ds.indicators
                .iter()
                .find(|i| i.id == id && i.unit == Unit::People)
        });
        let mut all_regions: Vec<&str> = Vec::with_capacity(ds.regions.len());
        for r in &ds.regions {
            if !all_regions.contains(&r.id.as_str()) {
                all_regions.push(&r.id);
            }
        }
        let rows = ds
            .indicators
            .iter()
            .map(|ind| indicator_row(ind, &regions, &all_regions, population, per_capita))
            .collect();
        RegionComparison {
            places: regions.iter().map(|r| place_counts(ds, r)).collect(),
            funding: funding_by_region(ds, &regions),
            population: population.map(|p| p.id.clone()),
            per_capita: per_capita && population.is_some(),
            rows,
            regions,
        }
    }

    /// Whether enough regions are selected for a comparison.
    pub fn is_complete(&self) -> bool {
        self.regions.len() >= 2
    }
}

/// A region's figure and its per-capita value. The denominator is the population of the same
/// year when the dataset has it, else the latest population.
fn figures<'a>(
    ind: &'a Indicator,
    region: &str,
    population: Option<&Indicator>,
) -> (Option<&'a IndicatorValue>, Option<f64>) {
    let latest = latest_value(ind, region);
    let per_cap = match (latest, population) {
        (Some(v), Some(pop)) if ind.per_capita && ind.id != pop.id => {
            let denominator = v
                .year
                .and_then(|y| value_in_year(pop, region, y))
                .or_else(|| latest_value(pop, region));
            per_capita(Some(v.value), denominator.map(|p| p.value))
        }
        _ => None,
    };
    (latest, per_cap)
}

fn indicator_row(
    ind: &Indicator,
    selected: &[String],
    all_regions: &[&str],
    population: Option<&Indicator>,
    per_capita_on: bool,
) -> IndicatorRow {
    let shows_per_capita =
        per_capita_on && ind.per_capita && population.is_some_and(|p| p.id != ind.id);
    // Figures that are themselves ranks read best with the lowest first.
    let order = if ind.unit == Unit::Rank {
        Order::Ascending
    } else {
        Order::Descending
    };
    let shown = |region: &str| {
        let (v, pc) = figures(ind, region, population);
        if shows_per_capita {
            pc
        } else {
            v.map(|v| v.value)
        }
    };
    let national: Vec<(&str, Option<f64>)> = all_regions.iter().map(|&r| (r, shown(r))).collect();
    let ranked: HashMap<&str, Option<Rank>> = ranks(&national, order).into_iter().collect();

    let mut cells: Vec<Cell> = selected
        .iter()
        .map(|region| {
            let (v, pc) = figures(ind, region, population);
            Cell {
                region: region.clone(),
                value: v.map(|v| v.value),
                per_capita: pc,
                rank: ranked.get(region.as_str()).copied().flatten(),
                year: v.and_then(|v| v.year),
                source: v.map(|v| v.source.clone()),
                qualifier: v.and_then(|v| v.qualifier),
                bar_fraction: None,
            }
        })
        .collect();

    // Bars show magnitude; the sign, when there is one, is in the printed figure.
    let max = cells
        .iter()
        .filter_map(|c| c.shown(shows_per_capita))
        .map(f64::abs)
        .fold(0.0_f64, f64::max);
    for c in &mut cells {
        c.bar_fraction = c.shown(shows_per_capita).map(|v| {
            let f = if max > 0.0 { v.abs() / max } else { 0.0 };
            if f.is_finite() {
                f.clamp(0.0, 1.0)
            } else {
                0.0
            }
        });
    }
    IndicatorRow {
        indicator: ind.id.clone(),
        unit: ind.unit,
        per_capita: shows_per_capita,
        order,
        cells,
    }
}

fn place_counts(ds: &RawDataset, region: &str) -> PlaceCounts {
    let mut counts = [0usize; Category::ALL.len()];
    for p in ds.places.iter().filter(|p| p.region == region) {
        counts[p.category.index()] += 1;
    }
    PlaceCounts {
        region: region.to_owned(),
        by_category: Category::ALL.into_iter().zip(counts).collect(),
        total: counts.iter().sum(),
    }
}

/// Per region: the latest amount of each funding whose beneficiary is the region or one of its
/// places, summed per currency. A funding that is `part_of` another one also counted for the
/// region is skipped, so a programme and its own sub-budget are not added twice.
fn funding_by_region(ds: &RawDataset, regions: &[String]) -> Vec<RegionFunding> {
    let place_region: HashMap<&str, &str> = ds
        .places
        .iter()
        .map(|p| (p.id.as_str(), p.region.as_str()))
        .collect();
    let parent: HashMap<&str, &str> = ds
        .funding
        .iter()
        .filter_map(|f| f.part_of.as_deref().map(|p| (f.id.as_str(), p)))
        .collect();

    regions
        .iter()
        .map(|region| {
            let concerned: Vec<&crate::model::Funding> = ds
                .funding
                .iter()
                .filter(|f| {
                    let id = f.beneficiary.id.as_deref();
                    match f.beneficiary.kind {
                        PartyKind::Region => id == Some(region.as_str()),
                        PartyKind::Place => id
                            .and_then(|p| place_region.get(p))
                            .is_some_and(|r| *r == region),
                        _ => false,
                    }
                })
                .collect();
            let ids: HashSet<&str> = concerned.iter().map(|f| f.id.as_str()).collect();
            // Skips a funding when one of its ancestors is also counted. Members of a `part_of`
            // cycle (invalid data) are all counted rather than all dropped; the walk is bounded.
            let has_counted_ancestor = |id: &str| {
                let mut ancestors: Vec<&str> = Vec::new();
                let mut cur = id;
                while let Some(&p) = parent.get(cur) {
                    if p == id {
                        return false;
                    }
                    if ancestors.contains(&p) || ancestors.len() > parent.len() {
                        break;
                    }
                    ancestors.push(p);
                    cur = p;
                }
                ancestors.iter().any(|a| ids.contains(a))
            };

            // By currency, in currency order: a region has one or two, so a sorted Vec.
            let mut sums: Vec<(&str, (f64, Option<Qualifier>))> = Vec::new();
            let mut used: Vec<String> = Vec::new();
            for f in concerned.iter().filter(|f| !has_counted_ancestor(&f.id)) {
                let Some(amount) = latest_amount(&f.amounts) else {
                    continue;
                };
                let currency = f.currency.as_str();
                let at = match sums.binary_search_by(|(c, _)| (*c).cmp(currency)) {
                    Ok(at) => at,
                    Err(at) => {
                        sums.insert(at, (currency, (0.0, None)));
                        at
                    }
                };
                let entry = &mut sums[at].1;
                entry.0 += amount.total;
                entry.1 = combine(entry.1, amount.qualifier);
                used.push(f.id.clone());
            }
            let totals: Vec<MoneyTotal> = sums
                .into_iter()
                .filter(|(_, (sum, _))| sum.is_finite())
                .map(|(currency, (amount, qualifier))| MoneyTotal {
                    currency: currency.to_owned(),
                    amount,
                    qualifier,
                })
                .collect();
            RegionFunding {
                region: region.clone(),
                totals: (!totals.is_empty()).then_some(FundingTotals {
                    totals,
                    funding: used,
                }),
            }
        })
        .collect()
}

fn latest_amount(amounts: &[Amount]) -> Option<&Amount> {
    latest_by(amounts.iter().filter(|a| a.total.is_finite()), |a| a.year)
}

/// The qualifier of a sum: exact + "more than" is still "more than"; anything approximate makes
/// the whole approximate.
fn combine(a: Option<Qualifier>, b: Option<Qualifier>) -> Option<Qualifier> {
    match (a, b) {
        (Some(Qualifier::Approximately), _) | (_, Some(Qualifier::Approximately)) => {
            Some(Qualifier::Approximately)
        }
        (Some(Qualifier::MoreThan), _) | (_, Some(Qualifier::MoreThan)) => {
            Some(Qualifier::MoreThan)
        }
        _ => None,
    }
}

/// [`ranks`] as views show them: a rank among a single region says nothing (and reads as a
/// national first), so when fewer than two figures are ranked, none is.
pub fn ranks_among_several<K: Clone>(
    values: &[(K, Option<f64>)],
    order: Order,
) -> Vec<(K, Option<Rank>)> {
    let mut out = ranks(values, order);
    if out.iter().filter(|(_, r)| r.is_some()).count() < 2 {
        for (_, rank) in &mut out {
            *rank = None;
        }
    }
    out
}
