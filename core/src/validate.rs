//! Parsing with exact positions, then semantic checks that report every problem.
//!
//! Two stages, as a publisher experiences them: first the file must be JSON of the right shape
//! (the first error stops, with its JSON path and line:column); then its meaning is checked and
//! *all* problems are reported, each located in the original text. Nothing here panics, whatever
//! the bytes.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::limits::*;
use crate::model::*;

/// One thing wrong with a dataset, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// JSON path such as `places[3].region`; empty for the whole document.
    pub path: String,
    /// 1-based line and column of the value at `path`, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: ")?,
            _ => {}
        }
        if self.path.is_empty() {
            write!(f, "(document): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A dataset that passed every check: references resolve, numbers are finite and in range.
///
/// Only [`load`] builds one, so the views may rely on these guarantees; lookups still return
/// `Option` so that a view never needs to unwrap.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    raw: RawDataset,
    regions: HashMap<String, usize>,
    places: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    indicators: HashMap<String, usize>,
}

impl Dataset {
    pub fn raw(&self) -> &RawDataset {
        &self.raw
    }
    pub fn metadata(&self) -> &Metadata {
        &self.raw.metadata
    }
    pub fn regions(&self) -> &[Region] {
        &self.raw.regions
    }
    pub fn places(&self) -> &[Place] {
        &self.raw.places
    }
    pub fn indicators(&self) -> &[Indicator] {
        &self.raw.indicators
    }
    pub fn funding(&self) -> &[Funding] {
        &self.raw.funding
    }
    pub fn sources(&self) -> &[Source] {
        &self.raw.sources
    }
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.get(id).and_then(|&i| self.raw.regions.get(i))
    }
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.get(id).and_then(|&i| self.raw.places.get(i))
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).and_then(|&i| self.raw.sources.get(i))
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators
            .get(id)
            .and_then(|&i| self.raw.indicators.get(i))
    }
    pub fn funding_by_id(&self, id: &str) -> Option<&Funding> {
        self.raw.funding.iter().find(|f| f.id == id)
    }
}

/// Parses and validates a dataset file.
pub fn load(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    let raw = parse(bytes).map_err(|p| vec![p])?;
    let problems = check(&raw);
    if problems.is_empty() {
        Ok(index(raw))
    } else {
        Err(locate_all(bytes, problems))
    }
}

/// Stage one: JSON of the right shape, or the first error with its path and position.
pub fn parse(bytes: &[u8]) -> Result<RawDataset, Problem> {
    if bytes.len() > MAX_DATASET_BYTES {
        return Err(Problem {
            path: String::new(),
            line: None,
            column: None,
            message: format!(
                "the file is {} bytes; the largest accepted is {} bytes",
                bytes.len(),
                MAX_DATASET_BYTES
            ),
        });
    }
    if let Some(problem) = not_json_hint(bytes) {
        return Err(problem);
    }
    // Read the format version first so that a future format gets a clear message instead of a
    // list of unknown fields.
    if let Some(problem) = unsupported_format(bytes) {
        return Err(problem);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result: Result<RawDataset, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(raw) => match de.end() {
            Ok(()) => Ok(raw),
            Err(e) => Err(Problem {
                path: String::new(),
                line: Some(e.line()),
                column: Some(e.column()),
                message: "unexpected text after the end of the JSON document".into(),
            }),
        },
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let path = if path == "." { String::new() } else { path };
            Err(Problem {
                path,
                line: Some(inner.line()).filter(|&l| l > 0),
                column: Some(inner.column()).filter(|_| inner.line() > 0),
                message: serde_message(&inner),
            })
        }
    }
}

/// serde_json appends " at line L column C" to its messages; the position has its own fields.
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// An HTML page or an empty body is the commonest wrong answer from a host; say so plainly.
fn not_json_hint(bytes: &[u8]) -> Option<Problem> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
    let whole = |message: &str| Problem {
        path: String::new(),
        line: None,
        column: None,
        message: message.into(),
    };
    match start.map(|i| bytes[i]) {
        None => Some(whole("the file is empty")),
        Some(b'<') => Some(whole(
            "the file is HTML or XML, not JSON (is the dataset URL right?)",
        )),
        _ => None,
    }
}

fn unsupported_format(bytes: &[u8]) -> Option<Problem> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_slice(bytes).ok()?;
    let found = head.format?;
    let supported = SUPPORTED_FORMATS
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let ok = found
        .as_u64()
        .is_some_and(|v| SUPPORTED_FORMATS.iter().any(|&s| u64::from(s) == v));
    if ok {
        return None;
    }
    let mut problem = Problem {
        path: "format".into(),
        line: None,
        column: None,
        message: format!(
            "unsupported format version {found}; this atlas reads version(s) {supported}"
        ),
    };
    if let Some((l, c)) = locate(bytes, "format") {
        problem.line = Some(l);
        problem.column = Some(c);
    }
    Some(problem)
}

fn index(raw: RawDataset) -> Dataset {
    let by_id = |ids: Vec<&String>| {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect()
    };
    Dataset {
        regions: by_id(raw.regions.iter().map(|r| &r.id).collect()),
        places: by_id(raw.places.iter().map(|p| &p.id).collect()),
        sources: by_id(raw.sources.iter().map(|s| &s.id).collect()),
        indicators: by_id(raw.indicators.iter().map(|s| &s.id).collect()),
        raw,
    }
}

/// Currencies a publisher may use (ISO 4217); short on purpose: an unknown code is more likely a
/// typo than a real need.
const CURRENCIES: &[&str] = &[
    "EUR", "USD", "GBP", "CHF", "CAD", "JPY", "SEK", "DKK", "NOK", "PLN", "CZK",
];

/// Stage two: every semantic problem, unlocated (see [`locate_all`]).
pub fn check(raw: &RawDataset) -> Vec<Problem> {
    let mut c = Checker::default();
    c.run(raw);
    c.problems.truncate(MAX_PROBLEMS);
    c.problems
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.problems.len() <= MAX_PROBLEMS {
            self.problems.push(Problem {
                path: path.into(),
                line: None,
                column: None,
                message: message.into(),
            });
        }
    }

    fn run(&mut self, d: &RawDataset) {
        self.counts(d);
        self.metadata(&d.metadata);
        let sources = self.unique_ids("sources", d.sources.iter().map(|s| s.id.as_str()));
        let regions = self.unique_ids("regions", d.regions.iter().map(|r| r.id.as_str()));
        let places = self.unique_ids("places", d.places.iter().map(|p| p.id.as_str()));
        self.unique_ids("indicators", d.indicators.iter().map(|i| i.id.as_str()));
        let funding = self.unique_ids("funding", d.funding.iter().map(|f| f.id.as_str()));
        self.unique_ids("shares", d.shares.iter().map(|s| s.id.as_str()));
        let refs = Refs {
            sources: &sources,
            regions: &regions,
            places: &places,
            funding: &funding,
        };

        for (i, s) in d.sources.iter().enumerate() {
            let p = format!("sources[{i}]");
            self.text(&format!("{p}.title"), &s.title, MAX_NAME_LEN);
            self.string(&format!("{p}.publisher"), &s.publisher, MAX_NAME_LEN, true);
            self.string(
                &format!("{p}.origin.reference"),
                &s.origin.reference,
                MAX_NAME_LEN,
                true,
            );
            if let Some(date) = &s.date {
                self.date(&format!("{p}.date"), date);
            }
            if let Some(url) = &s.url {
                self.url(&format!("{p}.url"), url);
            }
            if let Some(l) = &s.licence {
                self.string(&format!("{p}.licence"), l, MAX_NAME_LEN, true);
            }
        }
        self.map(d);
        let mut bboxes: HashMap<&str, Option<BBox>> = HashMap::new();
        for (i, r) in d.regions.iter().enumerate() {
            let bbox = self.region(i, r);
            // With duplicate ids (already reported) the first region keeps the id.
            bboxes.entry(r.id.as_str()).or_insert(bbox);
        }
        for (i, ind) in d.indicators.iter().enumerate() {
            self.indicator(i, ind, &refs);
        }
        for (i, place) in d.places.iter().enumerate() {
            self.place(i, place, &refs, &bboxes);
        }
        for (i, f) in d.funding.iter().enumerate() {
            self.funding(i, f, &refs);
        }
        for (i, r) in d.rankings.iter().enumerate() {
            let p = format!("rankings[{i}]");
            self.reference(&format!("{p}.region"), &r.region, refs.regions, "region");
            self.reference(&format!("{p}.source"), &r.source, refs.sources, "source");
            self.text(&format!("{p}.subject"), &r.subject, MAX_NAME_LEN);
            if r.rank == 0 {
                self.report(format!("{p}.rank"), "a rank starts at 1");
            }
            if r.rank as usize > d.regions.len().max(1) {
                self.report(
                    format!("{p}.rank"),
                    format!(
                        "rank {} is beyond the {} regions of the dataset",
                        r.rank,
                        d.regions.len()
                    ),
                );
            }
        }
        for (i, s) in d.shares.iter().enumerate() {
            let p = format!("shares[{i}]");
            self.text(&format!("{p}.title"), &s.title, MAX_NAME_LEN);
            self.party(&format!("{p}.subject"), &s.subject, &refs);
            self.reference(&format!("{p}.source"), &s.source, refs.sources, "source");
            if let Some(y) = s.year {
                self.year(&format!("{p}.year"), y);
            }
            if s.parts.is_empty() {
                self.report(format!("{p}.parts"), "a share needs at least one part");
            }
            let mut sum = 0.0;
            for (j, part) in s.parts.iter().enumerate() {
                self.text(&format!("{p}.parts[{j}].label"), &part.label, MAX_NAME_LEN);
                if !(0.0..=100.0).contains(&part.percent) {
                    self.report(
                        format!("{p}.parts[{j}].percent"),
                        format!("{} is not a percentage between 0 and 100", part.percent),
                    );
                }
                sum += part.percent;
            }
            if !s.parts.is_empty() && (sum - 100.0).abs() > SHARE_SUM_TOLERANCE {
                self.report(
                    format!("{p}.parts"),
                    format!(
                        "the parts add up to {}%, not 100% (±{SHARE_SUM_TOLERANCE})",
                        round2(sum)
                    ),
                );
            }
        }
    }

    fn counts(&mut self, d: &RawDataset) {
        let caps: [(&str, usize, usize); 5] = [
            ("regions", d.regions.len(), MAX_REGIONS),
            ("places", d.places.len(), MAX_PLACES),
            ("sources", d.sources.len(), MAX_SOURCES),
            ("indicators", d.indicators.len(), MAX_INDICATORS),
            ("funding", d.funding.len(), MAX_FUNDING),
        ];
        for (path, n, cap) in caps {
            if n > cap {
                self.report(path, format!("{n} entries; at most {cap} are accepted"));
            }
        }
        if d.regions.is_empty() {
            self.report("regions", "the dataset has no region to draw");
        }
        let positions: usize = d
            .regions
            .iter()
            .flat_map(|r| r.geometry.polygons())
            .flat_map(|poly| poly.iter().map(Vec::len))
            .sum();
        if positions > MAX_POSITIONS {
            self.report(
                "regions",
                format!(
                    "the geometry has {positions} positions; at most {MAX_POSITIONS} are accepted"
                ),
            );
        }
    }

    fn metadata(&mut self, m: &Metadata) {
        self.text("metadata.title", &m.title, MAX_NAME_LEN);
        if let Some(d) = &m.description {
            self.text("metadata.description", d, MAX_TEXT_LEN);
        }
        self.text("metadata.attribution", &m.attribution, MAX_TEXT_LEN);
        self.string("metadata.publisher", &m.publisher, MAX_NAME_LEN, true);
        self.string("metadata.version", &m.version, MAX_ID_LEN, true);
        self.date("metadata.published", &m.published);
        self.string("metadata.licence.name", &m.licence.name, MAX_NAME_LEN, true);
        if let Some(url) = &m.licence.url {
            self.url("metadata.licence.url", url);
        }
        if m.languages.is_empty() {
            self.report(
                "metadata.languages",
                "list at least one language (\"fr\" or \"en\")",
            );
        }
        for (i, l) in m.languages.iter().enumerate() {
            if l != "fr" && l != "en" {
                self.report(
                    format!("metadata.languages[{i}]"),
                    format!("unsupported language \"{}\"; use \"fr\" or \"en\"", clip(l)),
                );
            }
        }
    }

    fn map(&mut self, d: &RawDataset) {
        match &d.map.projection {
            Projection::ConicConformal { parallels, origin } => {
                for (j, v) in parallels.iter().enumerate() {
                    if !(-89.0..=89.0).contains(v) {
                        self.report(
                            format!("map.projection.parallels[{j}]"),
                            format!("{v} is not a latitude between -89 and 89"),
                        );
                    }
                }
                if (parallels[0] + parallels[1]).abs() < 1e-9 {
                    self.report("map.projection.parallels", "parallels symmetric about the equator make a cylinder, not a cone; use an equirectangular projection");
                }
                self.lonlat("map.projection.origin", *origin);
            }
            Projection::Equirectangular { origin } => self.lonlat("map.projection.origin", *origin),
        }
        let ids: HashSet<&str> = d.regions.iter().map(|r| r.id.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, inset) in d.map.insets.iter().enumerate() {
            let p = format!("map.insets[{i}]");
            if !ids.contains(inset.region.as_str()) {
                self.report(
                    format!("{p}.region"),
                    format!("no region has the id \"{}\"", clip(&inset.region)),
                );
            }
            if !seen.insert(inset.region.as_str()) {
                self.report(
                    format!("{p}.region"),
                    format!("region \"{}\" already has an inset", clip(&inset.region)),
                );
            }
            if let Some(label) = &inset.label {
                self.text(&format!("{p}.label"), label, MAX_NAME_LEN);
            }
        }
        if !d.regions.is_empty() && d.map.insets.len() >= d.regions.len() {
            self.report(
                "map.insets",
                "every region is an inset: leave at least one region for the main map",
            );
        }
    }

    fn region(&mut self, i: usize, r: &Region) -> Option<BBox> {
        let p = format!("regions[{i}]");
        self.text(&format!("{p}.name"), &r.name, MAX_NAME_LEN);
        if let Some(town) = &r.capital {
            self.string(&format!("{p}.capital.name"), &town.name, MAX_NAME_LEN, true);
            if let Some(pt) = town.point {
                self.lonlat(&format!("{p}.capital.point"), pt);
            }
        }
        let geo = format!("{p}.geometry");
        let polygons = r.geometry.polygons();
        if polygons.is_empty() || polygons.iter().all(|poly| poly.is_empty()) {
            self.report(geo, "the geometry is empty");
            return None;
        }
        let mut bbox = BBox::empty();
        for (j, poly) in polygons.iter().enumerate() {
            if poly.is_empty() {
                self.report(
                    format!("{geo}.coordinates[{j}]"),
                    "a polygon needs at least an outer ring",
                );
            }
            for (k, ring) in poly.iter().enumerate() {
                let rp = match r.geometry {
                    Geometry::MultiPolygon { .. } => format!("{geo}.coordinates[{j}][{k}]"),
                    Geometry::Polygon { .. } => format!("{geo}.coordinates[{k}]"),
                };
                let distinct = distinct_positions(ring);
                if distinct < 3 {
                    self.report(
                        rp.clone(),
                        format!("a ring needs at least 3 distinct positions; found {distinct}"),
                    );
                }
                for (n, pos) in ring.iter().enumerate() {
                    if !valid_lonlat(*pos) {
                        self.report(
                            format!("{rp}[{n}]"),
                            format!("[{}, {}] is not a longitude/latitude pair", pos[0], pos[1]),
                        );
                        break;
                    }
                    bbox.add(*pos);
                }
            }
        }
        bbox.is_valid().then_some(bbox)
    }

    fn indicator(&mut self, i: usize, ind: &Indicator, refs: &Refs) {
        let p = format!("indicators[{i}]");
        self.text(&format!("{p}.name"), &ind.name, MAX_NAME_LEN);
        if let Some(d) = &ind.description {
            self.text(&format!("{p}.description"), d, MAX_TEXT_LEN);
        }
        if ind.values.len() > MAX_VALUES_PER_INDICATOR {
            self.report(
                format!("{p}.values"),
                format!(
                    "{} values; at most {MAX_VALUES_PER_INDICATOR} are accepted",
                    ind.values.len()
                ),
            );
        }
        if ind.per_capita
            && matches!(
                ind.unit,
                Unit::Percent | Unit::PercentChange | Unit::Rank | Unit::Year | Unit::Multiplier
            )
        {
            self.report(
                format!("{p}.per_capita"),
                "a per-capita view makes no sense for shares, ranks, years or factors",
            );
        }
        let mut seen = HashSet::new();
        for (j, v) in ind.values.iter().enumerate() {
            let vp = format!("{p}.values[{j}]");
            self.reference(&format!("{vp}.region"), &v.region, refs.regions, "region");
            self.reference(&format!("{vp}.source"), &v.source, refs.sources, "source");
            if let Some(y) = v.year {
                self.year(&format!("{vp}.year"), y);
            }
            self.value(&format!("{vp}.value"), v.value, ind.unit);
            if !seen.insert((v.region.as_str(), v.year)) {
                self.report(
                    vp,
                    format!(
                        "region \"{}\" already has a value for this year",
                        clip(&v.region)
                    ),
                );
            }
        }
    }

    fn place(&mut self, i: usize, pl: &Place, refs: &Refs, bboxes: &HashMap<&str, Option<BBox>>) {
        let p = format!("places[{i}]");
        self.text(&format!("{p}.name"), &pl.name, MAX_NAME_LEN);
        self.reference(&format!("{p}.region"), &pl.region, refs.regions, "region");
        self.reference(&format!("{p}.source"), &pl.source, refs.sources, "source");
        if let Some(t) = &pl.town {
            self.string(&format!("{p}.town"), t, MAX_NAME_LEN, true);
        }
        if let Some(d) = &pl.description {
            self.text(&format!("{p}.description"), d, MAX_TEXT_LEN);
        }
        if let Some(pt) = &pl.point {
            let pp = format!("{p}.point");
            if !valid_lonlat([pt.lon, pt.lat]) {
                self.report(
                    pp,
                    format!("[{}, {}] is not a longitude/latitude pair", pt.lon, pt.lat),
                );
            } else if let Some(Some(bbox)) = bboxes.get(pl.region.as_str()) {
                // A margin of half a degree tolerates town-precision points on simplified coasts.
                if !bbox.contains([pt.lon, pt.lat], 0.5) {
                    self.report(
                        pp,
                        format!(
                            "({}, {}) lies outside region \"{}\" on the map",
                            pt.lon,
                            pt.lat,
                            clip(&pl.region)
                        ),
                    );
                }
            }
        }
        if pl.facts.len() > MAX_FACTS_PER_PLACE {
            self.report(
                format!("{p}.facts"),
                format!(
                    "{} facts; at most {MAX_FACTS_PER_PLACE} are accepted",
                    pl.facts.len()
                ),
            );
        }
        for (j, f) in pl.facts.iter().enumerate() {
            let fp = format!("{p}.facts[{j}]");
            self.text(&format!("{fp}.label"), &f.label, MAX_NAME_LEN);
            self.reference(&format!("{fp}.source"), &f.source, refs.sources, "source");
            if let Some(y) = f.year {
                self.year(&format!("{fp}.year"), y);
            }
            match (f.value, f.unit) {
                (Some(v), Some(u)) => self.value(&format!("{fp}.value"), v, u),
                (Some(_), None) => {
                    self.report(format!("{fp}.unit"), "a fact with a value needs a unit")
                }
                _ => {}
            }
        }
        if pl.links.len() > MAX_LINKS_PER_PLACE {
            self.report(
                format!("{p}.links"),
                format!(
                    "{} links; at most {MAX_LINKS_PER_PLACE} are accepted",
                    pl.links.len()
                ),
            );
        }
        for (j, l) in pl.links.iter().enumerate() {
            self.url(&format!("{p}.links[{j}].url"), &l.url);
            if let Some(label) = &l.label {
                self.text(&format!("{p}.links[{j}].label"), label, MAX_NAME_LEN);
            }
        }
    }

    fn funding(&mut self, i: usize, f: &Funding, refs: &Refs) {
        let p = format!("funding[{i}]");
        self.text(&format!("{p}.title"), &f.title, MAX_NAME_LEN);
        if let Some(d) = &f.description {
            self.text(&format!("{p}.description"), d, MAX_TEXT_LEN);
        }
        self.reference(&format!("{p}.source"), &f.source, refs.sources, "source");
        self.party(&format!("{p}.beneficiary"), &f.beneficiary, refs);
        for (j, party) in f.funders.iter().enumerate() {
            self.party(&format!("{p}.funders[{j}]"), party, refs);
        }
        if !CURRENCIES.contains(&f.currency.as_str()) {
            self.report(
                format!("{p}.currency"),
                format!(
                    "unknown currency \"{}\"; use an ISO 4217 code such as EUR",
                    clip(&f.currency)
                ),
            );
        }
        if let Some(parent) = &f.part_of {
            if parent == &f.id {
                self.report(
                    format!("{p}.part_of"),
                    "a programme cannot be part of itself",
                );
            } else {
                self.reference(
                    &format!("{p}.part_of"),
                    parent,
                    refs.funding,
                    "funding entry",
                );
            }
        }
        if f.amounts.is_empty() {
            self.report(format!("{p}.amounts"), "list at least one amount");
        }
        if f.amounts.len() > MAX_SERIES_POINTS {
            self.report(
                format!("{p}.amounts"),
                format!(
                    "{} amounts; at most {MAX_SERIES_POINTS} are accepted",
                    f.amounts.len()
                ),
            );
        }
        for (j, a) in f.amounts.iter().enumerate() {
            let ap = format!("{p}.amounts[{j}]");
            if a.total < 0.0 {
                self.report(
                    format!("{ap}.total"),
                    format!("negative amount {}", a.total),
                );
            }
            if let Some(public) = a.public {
                if public < 0.0 {
                    self.report(format!("{ap}.public"), format!("negative amount {public}"));
                } else if public > a.total {
                    self.report(
                        format!("{ap}.public"),
                        format!("the public part {public} exceeds the total {}", a.total),
                    );
                }
            }
            if let Some(y) = a.year {
                self.year(&format!("{ap}.year"), y);
            }
            if let Some(y) = a.from_year {
                self.year(&format!("{ap}.from_year"), y);
                if a.year.is_some_and(|end| end < y) {
                    self.report(
                        format!("{ap}.from_year"),
                        format!("the period starts ({y}) after it ends"),
                    );
                }
            }
        }
        if let Some(b) = &f.breakdown {
            let bp = format!("{p}.breakdown");
            self.text(&format!("{bp}.title"), &b.title, MAX_NAME_LEN);
            if b.items.len() > MAX_SERIES_POINTS {
                self.report(
                    format!("{bp}.items"),
                    format!(
                        "{} items; at most {MAX_SERIES_POINTS} are accepted",
                        b.items.len()
                    ),
                );
            }
            for (j, item) in b.items.iter().enumerate() {
                self.text(&format!("{bp}.items[{j}].label"), &item.label, MAX_NAME_LEN);
                self.value(&format!("{bp}.items[{j}].value"), item.value, b.unit);
            }
        }
    }

    fn party(&mut self, path: &str, party: &Party, refs: &Refs) {
        if let Some(name) = &party.name {
            self.text(&format!("{path}.name"), name, MAX_NAME_LEN);
        }
        match (party.kind, &party.id) {
            (PartyKind::Region, Some(id)) => {
                self.reference(&format!("{path}.id"), id, refs.regions, "region")
            }
            (PartyKind::Place, Some(id)) => {
                self.reference(&format!("{path}.id"), id, refs.places, "place")
            }
            (PartyKind::Region | PartyKind::Place, None) => {
                self.report(format!("{path}.id"), "give the id of the region or place")
            }
            (PartyKind::National | PartyKind::European | PartyKind::Other, _) => {
                if party.name.is_none() && party.kind == PartyKind::Other {
                    self.report(format!("{path}.name"), "give the name of this party");
                }
            }
        }
    }

    fn value(&mut self, path: &str, v: f64, unit: Unit) {
        let negative_allowed = matches!(unit, Unit::PercentChange);
        if !negative_allowed && v < 0.0 {
            self.report(
                path,
                format!("negative value {v} for a {}", unit_name(unit)),
            );
        }
        match unit {
            Unit::Percent if v > 100.0 => self.report(path, format!("{v} is more than 100%")),
            Unit::Rank if v < 1.0 || v.fract() != 0.0 => {
                self.report(path, format!("{v} is not a rank (1, 2, 3…)"))
            }
            Unit::Year if v.fract() != 0.0 || !YEARS.contains(&(v as i32)) => {
                self.report(path, format!("{v} is not a plausible year"))
            }
            _ => {}
        }
    }

    fn unique_ids<'a>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashSet<String> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            if !valid_id(id) {
                self.report(path, format!("\"{}\" is not a valid id: use 1 to {MAX_ID_LEN} letters, digits, '-' or '_'", clip(id)));
            } else if !seen.insert(id.to_owned()) {
                self.report(path, format!("duplicate id \"{id}\""));
            }
        }
        seen
    }

    fn reference(&mut self, path: &str, id: &str, known: &HashSet<String>, what: &str) {
        if !known.contains(id) {
            self.report(path, format!("no {what} has the id \"{}\"", clip(id)));
        }
    }

    fn text(&mut self, path: &str, t: &Text, cap: usize) {
        let fr = t.fr.as_deref().map(str::trim).unwrap_or("");
        let en = t.en.as_deref().map(str::trim).unwrap_or("");
        if fr.is_empty() && en.is_empty() {
            self.report(path, "give the text in French (\"fr\") or English (\"en\")");
        }
        if let Some(s) = &t.fr {
            self.string(&format!("{path}.fr"), s, cap, false);
        }
        if let Some(s) = &t.en {
            self.string(&format!("{path}.en"), s, cap, false);
        }
    }

    fn string(&mut self, path: &str, s: &str, cap: usize, required: bool) {
        let chars = s.chars().count();
        if chars > cap {
            self.report(
                path,
                format!("{chars} characters; at most {cap} are accepted"),
            );
        }
        if required && s.trim().is_empty() {
            self.report(path, "must not be empty");
        }
        if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.report(path, "contains control characters");
        }
    }

    fn url(&mut self, path: &str, url: &str) {
        if url.len() > MAX_URL_LEN {
            self.report(
                path,
                format!(
                    "{} characters; at most {MAX_URL_LEN} are accepted",
                    url.len()
                ),
            );
        } else if !safe_url(url) {
            self.report(
                path,
                format!(
                    "\"{}\" is not an http(s) link; only http:// and https:// are accepted",
                    clip(url)
                ),
            );
        }
    }

    fn date(&mut self, path: &str, date: &str) {
        if !valid_date(date) {
            self.report(
                path,
                format!(
                    "\"{}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    clip(date)
                ),
            );
        }
    }

    fn year(&mut self, path: &str, y: i32) {
        if !YEARS.contains(&y) {
            self.report(
                path,
                format!(
                    "implausible year {y} (expected {} to {})",
                    YEARS.start(),
                    YEARS.end()
                ),
            );
        }
    }

    fn lonlat(&mut self, path: &str, p: LonLat) {
        if !valid_lonlat(p) {
            self.report(
                path,
                format!("[{}, {}] is not a longitude/latitude pair", p[0], p[1]),
            );
        }
    }
}

struct Refs<'a> {
    sources: &'a HashSet<String>,
    regions: &'a HashSet<String>,
    places: &'a HashSet<String>,
    funding: &'a HashSet<String>,
}

#[derive(Debug, Clone, Copy)]
struct BBox {
    min: [f64; 2],
    max: [f64; 2],
}

impl BBox {
    fn empty() -> Self {
        BBox {
            min: [f64::INFINITY; 2],
            max: [f64::NEG_INFINITY; 2],
        }
    }
    fn add(&mut self, p: LonLat) {
        for k in 0..2 {
            self.min[k] = self.min[k].min(p[k]);
            self.max[k] = self.max[k].max(p[k]);
        }
    }
    fn is_valid(&self) -> bool {
        self.min[0] <= self.max[0] && self.min[1] <= self.max[1]
    }
    fn contains(&self, p: LonLat, margin: f64) -> bool {
        (0..2).all(|k| p[k] >= self.min[k] - margin && p[k] <= self.max[k] + margin)
    }
}

fn distinct_positions(ring: &[LonLat]) -> usize {
    let mut seen: Vec<(u64, u64)> = ring
        .iter()
        .map(|p| (p[0].to_bits(), p[1].to_bits()))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::People => "number of people",
        Unit::Jobs => "number of jobs",
        Unit::Eur => "amount",
        Unit::Hectares => "area",
        Unit::Percent => "percentage",
        Unit::PercentChange => "change",
        Unit::Multiplier => "factor",
        Unit::Rank => "rank",
        Unit::Year => "year",
    }
}

/// Shortens hostile or huge strings quoted back in messages.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    let cleaned: String = s.chars().filter(|c| !c.is_control()).collect();
    if cleaned.chars().count() > MAX {
        let head: String = cleaned.chars().take(MAX).collect();
        format!("{head}…")
    } else {
        cleaned
    }
}

pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn valid_lonlat(p: LonLat) -> bool {
    p[0].is_finite()
        && p[1].is_finite()
        && (-180.0..=180.0).contains(&p[0])
        && (-90.0..=90.0).contains(&p[1])
}

/// `http://host…` or `https://host…` with no whitespace, control or quote characters.
///
/// The views check again before rendering a link; this is the publisher-facing half.
pub fn safe_url(url: &str) -> bool {
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    !host.is_empty()
        && !host.contains('@')
        && url.len() <= MAX_URL_LEN
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
        })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real calendar day.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let Some(year) = parts.first().and_then(|p| num(p, 4)) else {
        return false;
    };
    if !YEARS.contains(&(year as i32)) {
        return false;
    }
    match parts.len() {
        1 => true,
        2 => parts
            .get(1)
            .and_then(|p| num(p, 2))
            .is_some_and(|m| (1..=12).contains(&m)),
        3 => {
            let (Some(m), Some(d)) = (
                parts.get(1).and_then(|p| num(p, 2)),
                parts.get(2).and_then(|p| num(p, 2)),
            ) else {
                return false;
            };
            (1..=12).contains(&m) && d >= 1 && d <= days_in_month(year, m)
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn locate_all(bytes: &[u8], mut problems: Vec<Problem>) -> Vec<Problem> {
    // A missing field has no position of its own: fall back to the nearest enclosing value.
    let targets: Vec<String> = problems.iter().flat_map(|p| ancestors(&p.path)).collect();
    let positions = locate_many(bytes, &targets);
    for p in &mut problems {
        if let Some(&(l, c)) = ancestors(&p.path).iter().find_map(|a| positions.get(a)) {
            p.line = Some(l);
            p.column = Some(c);
        }
    }
    problems
}

/// `a.b[2].c`, `a.b[2]`, `a.b`, `a`: the path and its enclosing values, innermost first.
fn ancestors(path: &str) -> Vec<String> {
    let mut out = vec![path.to_owned()];
    let mut rest = path;
    while let Some(i) = rest.rfind(['.', '[']) {
        rest = &rest[..i];
        if rest.is_empty() {
            break;
        }
        out.push(rest.to_owned());
    }
    out
}

/// Line and column (1-based) where the value at `path` starts.
pub fn locate(bytes: &[u8], path: &str) -> Option<(usize, usize)> {
    locate_many(bytes, &[path.to_owned()]).get(path).copied()
}

/// One pass over the document finding where each requested path's value starts.
///
/// The document is already known to be valid JSON when this runs, so the walker can be small;
/// it still never indexes out of bounds on malformed input.
fn locate_many(bytes: &[u8], paths: &[String]) -> HashMap<String, (usize, usize)> {
    let wanted: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let mut found = HashMap::new();
    let mut walker = Walker {
        bytes,
        pos: 0,
        line: 1,
        line_start: 0,
    };
    let mut path = String::new();
    walker.value(&mut path, &wanted, &mut found, 0);
    found
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

impl Walker<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn bump(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
            self.line_start = self.pos + 1;
        }
        self.pos += 1;
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.bump();
        }
    }
    fn column(&self) -> usize {
        // Columns count characters, not bytes, so editors land on the right spot.
        let start = self.line_start.min(self.bytes.len());
        let end = self.pos.min(self.bytes.len());
        String::from_utf8_lossy(&self.bytes[start..end])
            .chars()
            .count()
            + 1
    }
    fn string(&mut self) -> String {
        let mut out = Vec::new();
        self.bump(); // opening quote
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.bump();
                    break;
                }
                b'\\' => {
                    self.bump();
                    if let Some(e) = self.peek() {
                        out.push(e);
                        self.bump();
                    }
                }
                _ => {
                    out.push(b);
                    self.bump();
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    fn value(
        &mut self,
        path: &mut String,
        wanted: &HashSet<&str>,
        found: &mut HashMap<String, (usize, usize)>,
        depth: usize,
    ) {
        self.ws();
        if wanted.contains(path.as_str()) && !found.contains_key(path.as_str()) {
            found.insert(path.clone(), (self.line, self.column()));
        }
        if found.len() == wanted.len() || depth > 256 {
            return;
        }
        match self.peek() {
            Some(b'{') => {
                self.bump();
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => {
                            self.bump();
                            return;
                        }
                        Some(b',') => {
                            self.bump();
                            continue;
                        }
                        _ => return,
                    }
                    let key = self.string();
                    self.ws();
                    if self.peek() == Some(b':') {
                        self.bump();
                    }
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&key);
                    self.value(path, wanted, found, depth + 1);
                    path.truncate(len);
                }
            }
            Some(b'[') => {
                self.bump();
                let mut index = 0usize;
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b']') => {
                            self.bump();
                            return;
                        }
                        Some(b',') => {
                            self.bump();
                            continue;
                        }
                        None => return,
                        _ => {}
                    }
                    let len = path.len();
                    path.push_str(&format!("[{index}]"));
                    let before = self.pos;
                    self.value(path, wanted, found, depth + 1);
                    path.truncate(len);
                    index += 1;
                    if self.pos == before {
                        return;
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    self.bump();
                }
            }
            None => {}
        }
    }
}
