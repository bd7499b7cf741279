//! Accent- and case-insensitive text folding, sorting and search.
//!
//! Folding is a hand-written table over Latin-1 and Latin Extended-A (every letter of French and
//! the other Western European languages) rather than Unicode normalisation: precomposed letters
//! are mapped directly, and decomposed input ("e" + U+0301) loses its combining marks, so both
//! spellings fold alike without the `unicode-normalization` tables in the wasm bundle.

use std::cmp::Ordering;

use crate::model::RawDataset;
use crate::sort::sort_stable_by;

/// Lowercases, strips diacritics, expands ligatures (œ → oe, æ → ae, ß → ss) and turns every run
/// of whitespace and punctuation (hyphens, apostrophes, dots…) into one space, trimmed at both
/// ends: "Île-de-France", "ile de france" and "ILE  DE FRANCE" all fold to "ile de france".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Starts true so leading separators are dropped.
    let mut after_separator = true;
    for upper in s.chars() {
        for c in upper.to_lowercase() {
            if let Some(base) = fold_char(c) {
                // A combining mark folds to "" and leaves the word as it was.
                if !base.is_empty() {
                    out.push_str(base);
                    after_separator = false;
                }
            } else if c.is_alphanumeric() {
                out.push(c);
                after_separator = false;
            } else if !after_separator {
                out.push(' ');
                after_separator = true;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Combining diacritical marks, as left by decomposed (NFD) input.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The accent fold of one lower-case character, shared by search and file names: the base
/// letters of a Latin letter with a diacritic or a ligature ("é" → "e", "œ" → "oe", "ĸ" → "k"),
/// `""` for a combining mark (what decomposed input leaves after its base letter), and `None` for
/// anything else, plain ASCII included, which each caller treats in its own way.
pub fn fold_char(c: char) -> Option<&'static str> {
    if is_combining_mark(c) {
        return Some("");
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Accent- and case-insensitive order ("Île-de-France" sorts among the I's); names that fold
/// alike are ordered by their original text so sorting is deterministic.
pub fn compare_folded(a: &str, b: &str) -> Ordering {
    fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
}

/// What a search entry points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Region,
    Place,
}

/// Something to find, with all its names (French and English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    pub id: String,
    pub names: Vec<String>,
}

/// How well a name matched; earlier variants rank first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchQuality {
    /// The whole name, folded.
    Exact,
    /// The start of the name.
    NamePrefix,
    /// The start of a word inside the name.
    WordPrefix,
    /// Anywhere in the name.
    Substring,
}

/// One search result: the entry and the name that matched best, as written in the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: EntryKind,
    pub id: String,
    pub name: String,
    pub quality: MatchQuality,
}

#[derive(Debug, Clone)]
struct IndexedEntry {
    kind: EntryKind,
    id: String,
    /// (as written, folded); names that fold to nothing are left out.
    names: Vec<(String, String)>,
}

/// Names folded once, searched on every keystroke.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<IndexedEntry>,
}

impl SearchIndex {
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> SearchIndex {
        let entries = entries
            .into_iter()
            .map(|e| {
                let mut names: Vec<(String, String)> = Vec::with_capacity(e.names.len());
                for name in e.names {
                    let folded = fold(&name);
                    if !folded.is_empty() && !names.iter().any(|(n, _)| *n == name) {
                        names.push((name, folded));
                    }
                }
                IndexedEntry {
                    kind: e.kind,
                    id: e.id,
                    names,
                }
            })
            .filter(|e| !e.names.is_empty())
            .collect();
        SearchIndex { entries }
    }

    /// Every region and place of the dataset under its French and English names.
    pub fn from_dataset(ds: &RawDataset) -> SearchIndex {
        let names =
            |t: &crate::model::Text| t.fr.iter().chain(t.en.iter()).cloned().collect::<Vec<_>>();
        let regions = ds.regions.iter().map(|r| Entry {
            kind: EntryKind::Region,
            id: r.id.clone(),
            names: names(&r.name),
        });
        let places = ds.places.iter().map(|p| Entry {
            kind: EntryKind::Place,
            id: p.id.clone(),
            names: names(&p.name),
        });
        SearchIndex::new(regions.chain(places))
    }

    /// Number of searchable entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// At most `limit` entries matching `query`, best first: exact name, then name prefix, then
    /// word prefix, then substring; equally good matches by name (accent-insensitive), then
    /// regions before places, then id. Each entry appears once, with its best-matching name.
    /// A query that folds to nothing (empty, spaces, punctuation) finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut found: Vec<(MatchQuality, &str, &str, &IndexedEntry)> = Vec::new();
        for entry in &self.entries {
            let best = entry
                .names
                .iter()
                .filter_map(|(name, folded)| {
                    match_quality(folded, &q).map(|m| (m, folded.as_str(), name.as_str()))
                })
                .min();
            if let Some((m, folded, name)) = best {
                found.push((m, folded, name, entry));
            }
        }
        sort_stable_by(&mut found, |a, b| {
            (a.0, a.1, a.2, a.3.kind, a.3.id.as_str()).cmp(&(
                b.0,
                b.1,
                b.2,
                b.3.kind,
                b.3.id.as_str(),
            ))
        });
        found
            .into_iter()
            .take(limit)
            .map(|(quality, _, name, e)| Hit {
                kind: e.kind,
                id: e.id.clone(),
                name: name.to_owned(),
                quality,
            })
            .collect()
    }
}

/// How a folded query matches a folded name. Both are folded, so spaces are single and words
/// start after a space.
fn match_quality(name: &str, q: &str) -> Option<MatchQuality> {
    // A query longer than the name cannot match; this also keeps huge queries cheap.
    if q.len() > name.len() {
        return None;
    }
    if name == q {
        Some(MatchQuality::Exact)
    } else if name.starts_with(q) {
        Some(MatchQuality::NamePrefix)
    } else if name
        .match_indices(' ')
        .any(|(i, _)| name[i + 1..].starts_with(q))
    {
        Some(MatchQuality::WordPrefix)
    } else if name.contains(q) {
        Some(MatchQuality::Substring)
    } else {
        None
    }
}
