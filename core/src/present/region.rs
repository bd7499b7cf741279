//! A region's page and its embedded card, built from the dataset: headline figures with their
//! national rank, the dataset's own rankings, places by category, the funding that concerns the
//! region, and suggestions for an unknown id.

use crate::compare::{latest_value, national_rank, Rank};
use crate::format::{format_ordinal, Gender};
use crate::i18n::{localize, rank_of, Lang, Msg};
use crate::model::{Category, Funding, Party, PartyKind, Place, Qualifier, Ranking, Region};
use crate::model::{RegionKind, Text, Unit};
use crate::sort::sort_stable_by;
use crate::text::{compare_folded, Entry, EntryKind, SearchIndex};
use crate::units::format_value;
use crate::validate::Dataset;

/// Most suggestions offered for an unknown region id.
const MAX_SUGGESTIONS: usize = 5;

/// One indicator's latest figure for a region, with its year, national rank and source.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineFigure {
    pub label: Text,
    pub value: f64,
    pub unit: Unit,
    pub qualifier: Option<Qualifier>,
    pub year: Option<i32>,
    /// Among the regions with a figure; none when fewer than two have one.
    pub rank: Option<Rank>,
    pub source: String,
}

impl HeadlineFigure {
    /// "3 345 842", "environ 300 ha".
    pub fn value_text(&self, lang: Lang) -> String {
        format_value(self.value, self.unit, self.qualifier, lang)
    }

    /// "10e sur 18" / "10th of 18".
    pub fn rank_text(&self, lang: Lang) -> Option<String> {
        self.rank.map(|r| rank_of(lang, r.rank, r.of))
    }
}

/// The region's headline figures: every indicator it has a figure for, in dataset order. The
/// region page and the embedded region card show exactly these.
pub fn headline_figures(dataset: &Dataset, region_id: &str) -> Vec<HeadlineFigure> {
    dataset
        .indicators()
        .iter()
        .filter_map(|ind| {
            let v = latest_value(ind, region_id)?;
            Some(HeadlineFigure {
                label: ind.name.clone(),
                value: v.value,
                unit: ind.unit,
                qualifier: v.qualifier,
                year: v.year,
                rank: national_rank(ind, dataset.regions(), region_id),
                source: v.source.clone(),
            })
        })
        .collect()
}

/// The national ranks the dataset states for the region ("1st in connected medical devices").
pub fn rankings<'a>(dataset: &'a Dataset, region_id: &str) -> Vec<&'a Ranking> {
    dataset
        .raw()
        .rankings
        .iter()
        .filter(|r| r.region == region_id)
        .collect()
}

/// "1re" / "1st": a stated rank (rankings are of "la région", feminine in French).
pub fn ranking_text(ranking: &Ranking, lang: Lang) -> String {
    format_ordinal(ranking.rank, lang, Gender::Feminine)
}

/// "Région d'outre-mer" or "Région métropolitaine".
pub const fn kind_msg(kind: RegionKind) -> Msg {
    match kind {
        RegionKind::Overseas => Msg::RegionKindOverseas,
        RegionKind::Metropolitan => Msg::RegionKindMetropolitan,
    }
}

/// The region's places, grouped by category in category order (categories it has none of are
/// left out), dataset order within.
pub fn places_by_category<'a>(
    dataset: &'a Dataset,
    region_id: &str,
) -> Vec<(Category, Vec<&'a Place>)> {
    let mut groups: [Vec<&Place>; Category::ALL.len()] = Default::default();
    for p in dataset.places().iter().filter(|p| p.region == region_id) {
        groups[p.category.index()].push(p);
    }
    Category::ALL
        .into_iter()
        .zip(groups)
        .filter(|(_, places)| !places.is_empty())
        .collect()
}

/// Funding whose beneficiary or one of whose funders is the region, or a place in it.
pub fn funding_for_region<'a>(dataset: &'a Dataset, region_id: &str) -> Vec<&'a Funding> {
    let in_region = |party: &Party| match (party.kind, party.id.as_deref()) {
        (PartyKind::Region, Some(id)) => id == region_id,
        (PartyKind::Place, Some(id)) => dataset.place(id).is_some_and(|p| p.region == region_id),
        _ => false,
    };
    dataset
        .funding()
        .iter()
        .filter(|f| in_region(&f.beneficiary) || f.funders.iter().any(in_region))
        .collect()
}

/// The sources of every figure on the region page, in page order (duplicates kept; the source
/// list shows each once).
pub fn page_source_ids(dataset: &Dataset, region_id: &str) -> Vec<String> {
    let mut ids: Vec<String> = headline_figures(dataset, region_id)
        .into_iter()
        .map(|f| f.source)
        .collect();
    ids.extend(
        rankings(dataset, region_id)
            .iter()
            .map(|r| r.source.clone()),
    );
    let places = dataset.places().iter().filter(|p| p.region == region_id);
    ids.extend(places.clone().map(|p| p.source.clone()));
    ids.extend(places.flat_map(|p| p.facts.iter().map(|f| f.source.clone())));
    ids.extend(
        funding_for_region(dataset, region_id)
            .iter()
            .map(|f| f.source.clone()),
    );
    ids
}

/// The comparison of the region with the first other region of the dataset.
pub fn compare_route(dataset: &Dataset, region_id: &str) -> String {
    let other = dataset
        .regions()
        .iter()
        .find(|r| r.id != region_id)
        .map(|r| r.id.as_str())
        .unwrap_or_default();
    format!("/compare?regions={region_id},{other}")
}

/// Regions to offer for an unknown id: those whose name matches it, else every region by name.
pub fn suggestions<'a>(dataset: &'a Dataset, requested: &str) -> Vec<&'a Region> {
    let index = SearchIndex::new(
        dataset
            .regions()
            .iter()
            .map(|r| Entry {
                kind: EntryKind::Region,
                id: r.id.clone(),
                names: [r.name.fr.clone(), r.name.en.clone()]
                    .into_iter()
                    .flatten()
                    .collect(),
            })
            .collect::<Vec<_>>(),
    );
    let found: Vec<&Region> = index
        .search(requested, MAX_SUGGESTIONS)
        .into_iter()
        .filter_map(|h| dataset.region(&h.id))
        .collect();
    if !found.is_empty() {
        return found;
    }
    let mut all: Vec<&Region> = dataset.regions().iter().collect();
    let l = Lang::default();
    sort_stable_by(&mut all, |a, b| {
        compare_folded(localize(&a.name, l).text, localize(&b.name, l).text)
    });
    all
}
