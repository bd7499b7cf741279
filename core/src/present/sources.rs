//! How sources read: publication dates in the reader's language, the one-line source credit
//! written under exports and atop CSV files, and the numbering a page's citations share with its
//! source list.

use crate::format::format_date;
use crate::i18n::{labelled, localize, t, Lang, Msg};
use crate::sort::sort_stable_by;
use crate::validate::Dataset;

/// "12 mars 2024" / "12 March 2024"; a date the atlas cannot read is shown as written.
pub fn date_text(iso: &str, lang: Lang) -> String {
    format_date(iso, lang).unwrap_or_else(|| iso.to_owned())
}

/// "Source : <title> — <publisher>, <date>"; an unknown source is named by its id.
pub fn source_sentence(dataset: &Dataset, source_id: &str, lang: Lang) -> String {
    let label = t(lang, Msg::ColSource);
    let Some(s) = dataset.source(source_id) else {
        return labelled(lang, label, source_id);
    };
    let title = localize(&s.title, lang).text;
    let body = match &s.date {
        Some(d) => format!("{title} — {}, {}", s.publisher, date_text(d, lang)),
        None => format!("{title} — {}", s.publisher),
    };
    labelled(lang, label, &body)
}

/// Every source of the dataset, in dataset order (the Sources page lists them all).
pub fn all_source_ids(dataset: &Dataset) -> Vec<String> {
    dataset.sources().iter().map(|s| s.id.clone()).collect()
}

/// A page's sources in the order its source list shows them, which is also their citation
/// numbers (the first is 1): known sources only, each once, by id.
pub fn citation_order(dataset: &Dataset, ids: &[String]) -> Vec<String> {
    let mut order: Vec<String> = ids
        .iter()
        .filter(|id| dataset.source(id).is_some())
        .cloned()
        .collect();
    sort_stable_by(&mut order, |a, b| a.cmp(b));
    order.dedup();
    order
}

/// The citation number of `id` in `order` (from [`citation_order`]), from 1.
pub fn citation_number(order: &[String], id: &str) -> Option<usize> {
    order.iter().position(|s| s == id).map(|i| i + 1)
}
