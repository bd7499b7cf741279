//! Stage two, the meaning of a well-shaped dataset: every problem is reported, none stops the
//! check.

// foldhash: every id of the file is hashed once or more (a seventh of the check with SipHash); its
// random seed per page keeps a dataset from being written to collide.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::rules::{valid_date, valid_id, valid_lonlat};
use super::{safe_url, Problem, ProblemKind, ProblemKind as K};
use crate::classify::MAX_CLASSES;
use crate::compare::population_indicator;
use crate::geo::path::signed_area;
use crate::geo::Projector;
use crate::limits::*;
use crate::model::*;

/// How far from a conic's apex a main-map position may be, in apex-to-equator distances: beyond
/// it (about 85° south for a cone over France) the far pole's region would shrink the rest of
/// the map to nothing.
const MAX_CONE_SPREAD: f64 = 10.0;

/// Currencies a publisher may use (ISO 4217); short on purpose: an unknown code is more likely a
/// typo than a real need.
const CURRENCIES: &[&str] = &[
    "EUR", "USD", "GBP", "CHF", "CAD", "JPY", "SEK", "DKK", "NOK", "PLN", "CZK",
];

/// Stage two: every semantic problem, unlocated (see [`super::locate::locate_all`]).
pub fn check(raw: &RawDataset) -> Vec<Problem> {
    check_counted(raw).0
}

/// [`check`], with the number of problems found in all: the first [`MAX_PROBLEMS`] are kept,
/// every one is counted.
pub fn check_counted(raw: &RawDataset) -> (Vec<Problem>, usize) {
    let mut c = Checker::default();
    c.run(raw);
    (c.problems, c.total)
}

/// A problem's JSON path as its last key (as written: `.name`) with the index that follows it,
/// if any, and the path it extends; joined only when a problem is reported: most checks find
/// nothing, and formatting every field's path was most of the check's time.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    key: &'a str,
    index: Option<usize>,
}

impl<'a> At<'a> {
    /// The element `i` of the top-level array `list`.
    fn item(list: &'a str, i: usize) -> At<'a> {
        At {
            parent: None,
            key: list,
            index: Some(i),
        }
    }

    /// A field of this path.
    fn then(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            key,
            index: None,
        }
    }

    /// The element `i` of the array in field `key` of this path.
    fn item_of(&'a self, key: &'a str, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            key,
            index: Some(i),
        }
    }
}

impl<'a> From<&'a str> for At<'a> {
    fn from(path: &'a str) -> Self {
        At {
            parent: None,
            key: path,
            index: None,
        }
    }
}

impl<'a> From<&'a String> for At<'a> {
    fn from(path: &'a String) -> Self {
        At::from(path.as_str())
    }
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        f.write_str(self.key)?;
        match self.index {
            Some(i) => write!(f, "[{i}]"),
            None => Ok(()),
        }
    }
}

impl From<At<'_>> for String {
    fn from(path: At<'_>) -> String {
        path.to_string()
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Every problem found, listed or not.
    total: usize,
}

impl Checker {
    fn report(&mut self, kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) {
        self.total += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                kind,
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
            let p = At::item("sources", i);
            self.text(p.then(".title"), &s.title, MAX_NAME_LEN);
            self.string(p.then(".publisher"), &s.publisher, MAX_NAME_LEN, true);
            self.string(
                p.then(".origin.reference"),
                &s.origin.reference,
                MAX_NAME_LEN,
                true,
            );
            if let Some(date) = &s.date {
                self.date(p.then(".date"), date);
            }
            if let Some(url) = &s.url {
                self.url(p.then(".url"), url);
            }
            if let Some(l) = &s.licence {
                self.string(p.then(".licence"), l, MAX_NAME_LEN, true);
            }
        }
        self.map(d);
        self.drawable_with_projection(d);
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
        self.per_capita_figures(d);
        self.part_of_cycles(&d.funding);
        self.funding_sums(d);
        for (i, r) in d.rankings.iter().enumerate() {
            let p = At::item("rankings", i);
            self.reference(p.then(".region"), &r.region, refs.regions, "region");
            self.reference(p.then(".source"), &r.source, refs.sources, "source");
            self.text(p.then(".subject"), &r.subject, MAX_NAME_LEN);
            if r.rank == 0 {
                self.report(K::Number, p.then(".rank"), "a rank starts at 1");
            }
            if r.rank as usize > d.regions.len().max(1) {
                self.report(
                    K::Number,
                    p.then(".rank"),
                    format!(
                        "rank {} is beyond the {} regions of the dataset",
                        r.rank,
                        d.regions.len()
                    ),
                );
            }
        }
        for (i, s) in d.shares.iter().enumerate() {
            let p = At::item("shares", i);
            self.text(p.then(".title"), &s.title, MAX_NAME_LEN);
            self.party(p.then(".subject"), &s.subject, &refs);
            self.reference(p.then(".source"), &s.source, refs.sources, "source");
            if let Some(y) = s.year {
                self.year(p.then(".year"), y);
            }
            if s.parts.is_empty() {
                self.report(
                    K::Missing,
                    p.then(".parts"),
                    "a share needs at least one part",
                );
            }
            let mut sum = 0.0;
            for (j, part) in s.parts.iter().enumerate() {
                self.text(
                    p.item_of(".parts", j).then(".label"),
                    &part.label,
                    MAX_NAME_LEN,
                );
                if !(0.0..=100.0).contains(&part.percent) {
                    self.report(
                        K::Number,
                        p.item_of(".parts", j).then(".percent"),
                        format!("{} is not a percentage between 0 and 100", part.percent),
                    );
                }
                sum += part.percent;
            }
            if !s.parts.is_empty() && (sum - 100.0).abs() > SHARE_SUM_TOLERANCE {
                self.report(
                    K::Number,
                    p.then(".parts"),
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
                self.report(
                    K::Limit,
                    path,
                    format!("{n} entries; at most {cap} are accepted"),
                );
            }
        }
        if d.regions.is_empty() {
            self.report(K::Missing, "regions", "the dataset has no region to draw");
        }
        let positions: usize = d
            .regions
            .iter()
            .flat_map(|r| r.geometry.polygons())
            .flat_map(|poly| poly.iter().map(Vec::len))
            .sum();
        if positions > MAX_POSITIONS {
            self.report(
                K::Limit,
                "regions",
                format!(
                    "the geometry has {positions} positions; at most {MAX_POSITIONS} are accepted"
                ),
            );
        }
    }

    fn metadata(&mut self, m: &Metadata) {
        self.text("metadata.title", &m.title, MAX_NAME_LEN);
        if let Some(subtitle) = &m.subtitle {
            self.text("metadata.subtitle", subtitle, MAX_NAME_LEN);
        }
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
                K::Missing,
                "metadata.languages",
                "list at least one language (\"fr\" or \"en\")",
            );
        }
        for (i, l) in m.languages.iter().enumerate() {
            if l != "fr" && l != "en" {
                self.report(
                    K::UnknownCode,
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
                            K::Map,
                            format!("map.projection.parallels[{j}]"),
                            format!("{v} is not a latitude between -89 and 89"),
                        );
                    }
                }
                if (parallels[0] + parallels[1]).abs() < 1e-9 {
                    self.report(K::Map, "map.projection.parallels", "parallels symmetric about the equator make a cylinder, not a cone; use an equirectangular projection");
                }
                self.lonlat(K::Map, "map.projection.origin", *origin);
            }
            Projection::Equirectangular { origin } => {
                self.lonlat(K::Map, "map.projection.origin", *origin)
            }
        }
        let ids: HashSet<&str> = d.regions.iter().map(|r| r.id.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, inset) in d.map.insets.iter().enumerate() {
            let p = At::item("map.insets", i);
            if !ids.contains(inset.region.as_str()) {
                self.report(
                    K::Reference,
                    p.then(".region"),
                    format!("no region has the id \"{}\"", clip(&inset.region)),
                );
            }
            if !seen.insert(inset.region.as_str()) {
                self.report(
                    K::Duplicate,
                    p.then(".region"),
                    format!("region \"{}\" already has an inset", clip(&inset.region)),
                );
            }
            if let Some(label) = &inset.label {
                self.text(p.then(".label"), label, MAX_NAME_LEN);
            }
        }
        if !d.regions.is_empty() && d.map.insets.len() >= d.regions.len() {
            self.report(
                K::Map,
                "map.insets",
                "every region is an inset: leave at least one region for the main map",
            );
        }
    }

    /// Every region of the main map must project with the map's own projection (the code the
    /// map draws with), and not so near a conic's far pole that it would dwarf everything else.
    /// Insets are drawn with their own equirectangular projection, which takes any position.
    fn drawable_with_projection(&mut self, d: &RawDataset) {
        let Ok(projector) = Projector::new(&d.map.projection) else {
            return; // The map settings' problems are reported by `map`.
        };
        let (name, origin) = match &d.map.projection {
            Projection::ConicConformal { origin, .. } => ("conic_conformal", *origin),
            Projection::Equirectangular { origin } => ("equirectangular", *origin),
        };
        // A conic's apex is its pole; distances from it grow without bound towards the far one.
        let spread = projector.cone_constant().and_then(|n| {
            let apex = projector.project([origin[0], 90f64.copysign(n)])?;
            let equator = projector.project([origin[0], 0.0])?;
            Some((apex, distance(apex, equator)))
        });
        let insets: HashSet<&str> = d.map.insets.iter().map(|i| i.region.as_str()).collect();
        for (i, r) in d.regions.iter().enumerate() {
            if insets.contains(r.id.as_str()) {
                continue;
            }
            let positions = r
                .geometry
                .polygons()
                .into_iter()
                .enumerate()
                .flat_map(|(j, poly)| {
                    poly.iter().enumerate().flat_map(move |(k, ring)| {
                        ring.iter().enumerate().map(move |(n, pos)| (j, k, n, *pos))
                    })
                });
            for (j, k, n, pos) in positions {
                if !valid_lonlat(pos) {
                    continue; // Reported by `region`.
                }
                let drawable = match (projector.project(pos), spread) {
                    (None, _) => false,
                    (Some(p), Some((apex, unit))) => distance(apex, p) <= MAX_CONE_SPREAD * unit,
                    (Some(_), None) => true,
                };
                if !drawable {
                    let path = match r.geometry {
                        Geometry::MultiPolygon { .. } => {
                            format!("regions[{i}].geometry.coordinates[{j}][{k}][{n}]")
                        }
                        Geometry::Polygon { .. } => {
                            format!("regions[{i}].geometry.coordinates[{k}][{n}]")
                        }
                    };
                    let why = if spread.is_some() {
                        "is too close to the pole opposite the cone"
                    } else {
                        "does not project to a finite point"
                    };
                    self.report(
                        K::Geometry,
                        path,
                        format!(
                            "region \"{}\" cannot be drawn with the map's {name} projection: [{}, {}] {why}; draw the region as an inset or choose another projection",
                            clip(&r.id),
                            pos[0],
                            pos[1]
                        ),
                    );
                    break;
                }
            }
        }
    }

    fn region(&mut self, i: usize, r: &Region) -> Option<BBox> {
        let p = At::item("regions", i);
        self.text(p.then(".name"), &r.name, MAX_NAME_LEN);
        if let Some(town) = &r.capital {
            self.string(p.then(".capital.name"), &town.name, MAX_NAME_LEN, true);
            if let Some(pt) = town.point {
                self.lonlat(K::Geometry, &format!("{p}.capital.point"), pt);
            }
        }
        let geo = p.then(".geometry");
        let polygons = r.geometry.polygons();
        if polygons.is_empty() || polygons.iter().all(|poly| poly.is_empty()) {
            self.report(K::Geometry, geo, "the geometry is empty");
            return None;
        }
        let mut bbox = BBox::empty();
        for (j, poly) in polygons.iter().enumerate() {
            if poly.is_empty() {
                self.report(
                    K::Geometry,
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
                        K::Geometry,
                        rp.clone(),
                        format!("a ring needs at least 3 distinct positions; found {distinct}"),
                    );
                }
                let mut all_valid = true;
                for (n, pos) in ring.iter().enumerate() {
                    if !valid_lonlat(*pos) {
                        self.report(
                            K::Geometry,
                            format!("{rp}[{n}]"),
                            format!("[{}, {}] is not a longitude/latitude pair", pos[0], pos[1]),
                        );
                        all_valid = false;
                        break;
                    }
                    bbox.add(*pos);
                }
                // Collinear positions draw nothing: the map drops rings without area.
                if distinct >= 3 && all_valid && signed_area(ring) == 0.0 {
                    self.report(
                        K::Geometry,
                        rp,
                        "the ring encloses no area: its positions lie on one line",
                    );
                }
            }
        }
        bbox.is_valid().then_some(bbox)
    }

    fn indicator(&mut self, i: usize, ind: &Indicator, refs: &Refs) {
        let p = At::item("indicators", i);
        self.text(p.then(".name"), &ind.name, MAX_NAME_LEN);
        if let Some(d) = &ind.description {
            self.text(p.then(".description"), d, MAX_TEXT_LEN);
        }
        if ind.values.len() > MAX_VALUES_PER_INDICATOR {
            self.report(
                K::Limit,
                p.then(".values"),
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
                K::Number,
                p.then(".per_capita"),
                "a per-capita view makes no sense for shares, ranks, years or factors",
            );
        }
        if let Some(breaks) = &ind.breaks {
            self.breaks(&String::from(p.then(".breaks")), breaks);
        }
        let mut seen = HashSet::new();
        for (j, v) in ind.values.iter().enumerate() {
            let vp = p.item_of(".values", j);
            self.reference(vp.then(".region"), &v.region, refs.regions, "region");
            self.reference(vp.then(".source"), &v.source, refs.sources, "source");
            if let Some(y) = v.year {
                self.year(vp.then(".year"), y);
            }
            self.value(vp.then(".value"), v.value, ind.unit);
            if !seen.insert((v.region.as_str(), v.year)) {
                self.report(
                    K::Duplicate,
                    vp,
                    format!(
                        "region \"{}\" already has a value for this year",
                        clip(&v.region)
                    ),
                );
            }
        }
    }

    /// An indicator's class thresholds: 1 to `MAX_CLASSES - 1` finite numbers, each above the
    /// one before.
    fn breaks(&mut self, path: &str, breaks: &[f64]) {
        let most = MAX_CLASSES - 1;
        if breaks.is_empty() {
            self.report(
                K::Missing,
                path,
                "give at least one threshold, or leave `breaks` out",
            );
        } else if breaks.len() > most {
            self.report(
                K::Limit,
                path,
                format!(
                    "{} thresholds; at most {most} are accepted ({MAX_CLASSES} classes)",
                    breaks.len()
                ),
            );
        }
        let mut previous: Option<f64> = None;
        for (j, &v) in breaks.iter().enumerate() {
            if !v.is_finite() {
                self.report(
                    K::Number,
                    format!("{path}[{j}]"),
                    format!("threshold {v} is not a finite number"),
                );
                continue;
            }
            // `+ 0.0`: -0 and 0 are one figure, and say so.
            if let Some(before) = previous.filter(|&b| v <= b).map(|b| b + 0.0) {
                self.report(
                    K::Number,
                    format!("{path}[{j}]"),
                    format!(
                        "threshold {v} is not above the one before it ({before}); list thresholds in increasing order, each once"
                    ),
                );
            }
            previous = Some(v);
        }
    }

    fn place(&mut self, i: usize, pl: &Place, refs: &Refs, bboxes: &HashMap<&str, Option<BBox>>) {
        let p = At::item("places", i);
        self.text(p.then(".name"), &pl.name, MAX_NAME_LEN);
        self.reference(p.then(".region"), &pl.region, refs.regions, "region");
        self.reference(p.then(".source"), &pl.source, refs.sources, "source");
        if let Some(t) = &pl.town {
            self.string(p.then(".town"), t, MAX_NAME_LEN, true);
        }
        if let Some(d) = &pl.description {
            self.text(p.then(".description"), d, MAX_TEXT_LEN);
        }
        if let Some(pt) = &pl.point {
            let pp = p.then(".point");
            if !valid_lonlat([pt.lon, pt.lat]) {
                self.report(
                    K::Geometry,
                    pp,
                    format!("[{}, {}] is not a longitude/latitude pair", pt.lon, pt.lat),
                );
            } else if let Some(Some(bbox)) = bboxes.get(pl.region.as_str()) {
                // A margin of half a degree tolerates town-precision points on simplified coasts.
                if !bbox.contains([pt.lon, pt.lat], 0.5) {
                    self.report(
                        K::Geometry,
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
                K::Limit,
                p.then(".facts"),
                format!(
                    "{} facts; at most {MAX_FACTS_PER_PLACE} are accepted",
                    pl.facts.len()
                ),
            );
        }
        for (j, f) in pl.facts.iter().enumerate() {
            let fp = p.item_of(".facts", j);
            self.text(fp.then(".label"), &f.label, MAX_NAME_LEN);
            self.reference(fp.then(".source"), &f.source, refs.sources, "source");
            if let Some(y) = f.year {
                self.year(fp.then(".year"), y);
            }
            match (f.value, f.unit) {
                (Some(v), Some(u)) => self.value(fp.then(".value"), v, u),
                (Some(_), None) => self.report(
                    K::Missing,
                    fp.then(".unit"),
                    "a fact with a value needs a unit",
                ),
                _ => {}
            }
        }
        if pl.links.len() > MAX_LINKS_PER_PLACE {
            self.report(
                K::Limit,
                p.then(".links"),
                format!(
                    "{} links; at most {MAX_LINKS_PER_PLACE} are accepted",
                    pl.links.len()
                ),
            );
        }
        for (j, l) in pl.links.iter().enumerate() {
            let lp = p.item_of(".links", j);
            self.url(lp.then(".url"), &l.url);
            if let Some(label) = &l.label {
                self.text(lp.then(".label"), label, MAX_NAME_LEN);
            }
        }
    }

    fn funding(&mut self, i: usize, f: &Funding, refs: &Refs) {
        let p = At::item("funding", i);
        self.text(p.then(".title"), &f.title, MAX_NAME_LEN);
        if let Some(d) = &f.description {
            self.text(p.then(".description"), d, MAX_TEXT_LEN);
        }
        self.reference(p.then(".source"), &f.source, refs.sources, "source");
        self.party(p.then(".beneficiary"), &f.beneficiary, refs);
        for (j, party) in f.funders.iter().enumerate() {
            self.party(p.item_of(".funders", j), party, refs);
        }
        if !CURRENCIES.contains(&f.currency.as_str()) {
            self.report(
                K::UnknownCode,
                p.then(".currency"),
                format!(
                    "unknown currency \"{}\"; use an ISO 4217 code such as EUR",
                    clip(&f.currency)
                ),
            );
        }
        if let Some(parent) = &f.part_of {
            if parent == &f.id {
                self.report(
                    K::Cycle,
                    p.then(".part_of"),
                    "a programme cannot be part of itself",
                );
            } else {
                self.reference(p.then(".part_of"), parent, refs.funding, "funding entry");
            }
        }
        if f.amounts.is_empty() {
            self.report(K::Missing, p.then(".amounts"), "list at least one amount");
        }
        if f.amounts.len() > MAX_SERIES_POINTS {
            self.report(
                K::Limit,
                p.then(".amounts"),
                format!(
                    "{} amounts; at most {MAX_SERIES_POINTS} are accepted",
                    f.amounts.len()
                ),
            );
        }
        for (j, a) in f.amounts.iter().enumerate() {
            let ap = p.item_of(".amounts", j);
            if a.total < 0.0 {
                self.report(
                    K::Number,
                    format!("{ap}.total"),
                    format!("negative amount {}", a.total),
                );
            }
            if let Some(public) = a.public {
                if public < 0.0 {
                    self.report(
                        K::Number,
                        format!("{ap}.public"),
                        format!("negative amount {public}"),
                    );
                } else if public > a.total {
                    self.report(
                        K::Number,
                        format!("{ap}.public"),
                        format!("the public part {public} exceeds the total {}", a.total),
                    );
                }
            }
            if let Some(y) = a.year {
                self.year(ap.then(".year"), y);
            }
            if let Some(y) = a.from_year {
                self.year(ap.then(".from_year"), y);
                if a.year.is_some_and(|end| end < y) {
                    self.report(
                        K::Number,
                        format!("{ap}.from_year"),
                        format!("the period starts ({y}) after it ends"),
                    );
                }
            }
        }
        if let Some(b) = &f.breakdown {
            let bp = p.then(".breakdown");
            self.text(bp.then(".title"), &b.title, MAX_NAME_LEN);
            if b.items.len() > MAX_SERIES_POINTS {
                self.report(
                    K::Limit,
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

    /// `part_of` chains that come back to where they started, each reported once at its first
    /// entry. A programme part of itself has its own message (see [`Checker::funding`]).
    fn part_of_cycles(&mut self, funding: &[Funding]) {
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, f) in funding.iter().enumerate() {
            index.entry(f.id.as_str()).or_insert(i);
        }
        let parent = |i: usize| -> Option<usize> {
            let f = funding.get(i)?;
            let p = f.part_of.as_deref().filter(|p| *p != f.id)?;
            index.get(p).copied()
        };
        let mut in_reported_cycle = vec![false; funding.len()];
        for start in 0..funding.len() {
            let mut chain = vec![start];
            let mut cur = start;
            while let Some(next) = parent(cur) {
                if let Some(at) = chain.iter().position(|&c| c == next) {
                    let cycle = &chain[at..];
                    if cycle.iter().all(|&c| !in_reported_cycle[c]) {
                        for &c in cycle {
                            in_reported_cycle[c] = true;
                        }
                        let first = cycle.iter().copied().min().unwrap_or(start);
                        let from = cycle.iter().position(|&c| c == first).unwrap_or(0);
                        let ids: Vec<String> = cycle[from..]
                            .iter()
                            .chain(&cycle[..from])
                            .chain(std::iter::once(&first))
                            .filter_map(|&c| funding.get(c))
                            .map(|f| format!("\"{}\"", clip(&f.id)))
                            .collect();
                        self.report(
                            K::Cycle,
                            format!("funding[{first}].part_of"),
                            format!(
                                "{} goes round in a circle: a programme cannot be part of itself",
                                ids.join(" → ")
                            ),
                        );
                    }
                    break;
                }
                if chain.len() > funding.len() {
                    break;
                }
                chain.push(next);
                cur = next;
            }
        }
    }

    /// Sums the views compute must stay finite, or a region would show "no data" for money it
    /// has: each entry's amounts; per region and currency the amounts of the entries whose
    /// beneficiary is the region or one of its places; and per currency the amounts of the whole
    /// dataset. Every amount counts, so these sums bound the views' (latest amount per entry,
    /// sub-budgets skipped) from above.
    fn funding_sums(&mut self, d: &RawDataset) {
        const TOO_BIG: &str = "more than the atlas can compute with (about 1.8e308)";
        let place_region: HashMap<&str, &str> = d
            .places
            .iter()
            .map(|p| (p.id.as_str(), p.region.as_str()))
            .collect();
        let mut by_region: HashMap<(&str, &str), f64> = HashMap::new();
        let mut by_currency: HashMap<&str, f64> = HashMap::new();
        let mut reported = false;
        let mut dataset_overflow: Option<(usize, &str)> = None;
        for (i, f) in d.funding.iter().enumerate() {
            let total: f64 = f.amounts.iter().map(|a| a.total).sum();
            if !total.is_finite() {
                self.report(
                    K::Number,
                    format!("funding[{i}].amounts"),
                    format!("the amounts add up to {TOO_BIG}"),
                );
                reported = true;
                continue;
            }
            let whole = by_currency.entry(f.currency.as_str()).or_insert(0.0);
            let was_finite = whole.is_finite();
            *whole += total;
            if was_finite && !whole.is_finite() && dataset_overflow.is_none() {
                dataset_overflow = Some((i, f.currency.as_str()));
            }
            let id = f.beneficiary.id.as_deref().unwrap_or("");
            let region = match f.beneficiary.kind {
                PartyKind::Region => Some(id),
                PartyKind::Place => place_region.get(id).copied(),
                _ => None,
            };
            let Some(region) = region else { continue };
            let sum = by_region
                .entry((region, f.currency.as_str()))
                .or_insert(0.0);
            let was_finite = sum.is_finite();
            *sum += total;
            if was_finite && !sum.is_finite() {
                self.report(
                    K::Number,
                    format!("funding[{i}].amounts"),
                    format!(
                        "with this entry the {} funding of region \"{}\" adds up to {TOO_BIG}",
                        clip(&f.currency),
                        clip(region)
                    ),
                );
                reported = true;
            }
        }
        // Reported only when no narrower sum was: that one already names the entry to fix.
        if let (Some((i, currency)), false) = (dataset_overflow, reported) {
            self.report(
                K::Number,
                format!("funding[{i}].amounts"),
                format!(
                    "with this entry the {} funding of the whole dataset adds up to {TOO_BIG}",
                    clip(currency)
                ),
            );
        }
    }

    /// Per-capita figures must stay finite too, or the map and the comparison would show "no
    /// data" for them: each value of a per-capita indicator divided by every positive
    /// population of its region (the views pick one of them; the smallest gives the largest
    /// figure), times 100,000.
    fn per_capita_figures(&mut self, d: &RawDataset) {
        let Some(population) = population_indicator(d) else {
            return;
        };
        let mut smallest: HashMap<&str, f64> = HashMap::new();
        for v in &population.values {
            if v.value.is_finite() && v.value > 0.0 {
                let least = smallest.entry(v.region.as_str()).or_insert(v.value);
                *least = least.min(v.value);
            }
        }
        for (i, ind) in d.indicators.iter().enumerate() {
            if !ind.per_capita || ind.id == population.id {
                continue;
            }
            for (j, v) in ind.values.iter().enumerate() {
                let Some(&people) = smallest.get(v.region.as_str()) else {
                    continue;
                };
                if v.value.is_finite() && !(v.value.abs() / people * 100_000.0).is_finite() {
                    self.report(
                        K::Number,
                        format!("indicators[{i}].values[{j}].value"),
                        format!(
                            "per 100,000 inhabitants of region \"{}\" (population {people}) this value is more than the atlas can compute with (about 1.8e308)",
                            clip(&v.region)
                        ),
                    );
                }
            }
        }
    }

    fn party(&mut self, path: At<'_>, party: &Party, refs: &Refs) {
        if let Some(name) = &party.name {
            self.text(path.then(".name"), name, MAX_NAME_LEN);
        }
        match (party.kind, &party.id) {
            (PartyKind::Region, Some(id)) => {
                self.reference(path.then(".id"), id, refs.regions, "region")
            }
            (PartyKind::Place, Some(id)) => {
                self.reference(path.then(".id"), id, refs.places, "place")
            }
            (PartyKind::Region | PartyKind::Place, None) => self.report(
                K::Missing,
                format!("{path}.id"),
                "give the id of the region or place",
            ),
            (PartyKind::National | PartyKind::European | PartyKind::Other, _) => {
                if party.name.is_none() && party.kind == PartyKind::Other {
                    self.report(
                        K::Missing,
                        format!("{path}.name"),
                        "give the name of this party",
                    );
                }
            }
        }
    }

    fn value<'a>(&mut self, path: impl Into<At<'a>>, v: f64, unit: Unit) {
        let path = path.into();
        let negative_allowed = matches!(unit, Unit::PercentChange);
        if !negative_allowed && v < 0.0 {
            self.report(
                K::Number,
                path,
                format!("negative value {v} for a {}", unit_name(unit)),
            );
        }
        match unit {
            Unit::Percent if v > 100.0 => {
                self.report(K::Number, path, format!("{v} is more than 100%"))
            }
            Unit::Rank if v < 1.0 || v.fract() != 0.0 => {
                self.report(K::Number, path, format!("{v} is not a rank (1, 2, 3…)"))
            }
            Unit::Year if v.fract() != 0.0 || !YEARS.contains(&(v as i32)) => {
                self.report(K::Number, path, format!("{v} is not a plausible year"))
            }
            // People, jobs and counted things come whole; 1000.5 is a typo or a computed ratio.
            Unit::Count | Unit::People | Unit::Jobs if v.fract() != 0.0 => self.report(
                K::Number,
                path,
                format!("{v} is not a whole {}", unit_name(unit)),
            ),
            _ => {}
        }
    }

    fn unique_ids<'a>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            // Formatted only for a problem: this runs for every id of the file.
            let path = || format!("{list}[{i}].id");
            if !valid_id(id) {
                self.report(K::InvalidId, path(), format!("\"{}\" is not a valid id: use 1 to {MAX_ID_LEN} letters, digits, '-' or '_'", clip(id)));
            } else if !seen.insert(id) {
                self.report(K::Duplicate, path(), format!("duplicate id \"{id}\""));
            }
        }
        seen
    }

    fn reference<'a>(
        &mut self,
        path: impl Into<At<'a>>,
        id: &str,
        known: &HashSet<&str>,
        what: &str,
    ) {
        let path = path.into();
        if !known.contains(id) {
            self.report(
                K::Reference,
                path,
                format!("no {what} has the id \"{}\"", clip(id)),
            );
        }
    }

    fn text<'a>(&mut self, path: impl Into<At<'a>>, t: &Text, cap: usize) {
        let path = path.into();
        let fr = t.fr.as_deref().map(str::trim).unwrap_or("");
        let en = t.en.as_deref().map(str::trim).unwrap_or("");
        if fr.is_empty() && en.is_empty() {
            self.report(
                K::Missing,
                path,
                "give the text in French (\"fr\") or English (\"en\")",
            );
        }
        if let Some(s) = &t.fr {
            self.string(path.then(".fr"), s, cap, false);
        }
        if let Some(s) = &t.en {
            self.string(path.then(".en"), s, cap, false);
        }
    }

    fn string<'a>(&mut self, path: impl Into<At<'a>>, s: &str, cap: usize, required: bool) {
        let path = path.into();
        let (chars, control) = chars_and_control(s);
        if chars > cap {
            self.report(
                K::Limit,
                path,
                format!("{chars} characters; at most {cap} are accepted"),
            );
        }
        if required && s.trim().is_empty() {
            self.report(K::Missing, path, "must not be empty");
        }
        if control {
            self.report(K::Text, path, "contains control characters");
        }
    }

    fn url<'a>(&mut self, path: impl Into<At<'a>>, url: &str) {
        let path = path.into();
        if url.len() > MAX_URL_LEN {
            self.report(
                K::Limit,
                path,
                format!(
                    "{} characters; at most {MAX_URL_LEN} are accepted",
                    url.len()
                ),
            );
        } else if !safe_url(url) {
            self.report(
                K::Link,
                path,
                format!(
                    "\"{}\" is not an http(s) link; only http:// and https:// are accepted",
                    clip(url)
                ),
            );
        }
    }

    fn date<'a>(&mut self, path: impl Into<At<'a>>, date: &str) {
        let path = path.into();
        if !valid_date(date) {
            self.report(
                K::Date,
                path,
                format!(
                    "\"{}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    clip(date)
                ),
            );
        }
    }

    fn year<'a>(&mut self, path: impl Into<At<'a>>, y: i32) {
        let path = path.into();
        if !YEARS.contains(&y) {
            self.report(
                K::Number,
                path,
                format!(
                    "implausible year {y} (expected {} to {})",
                    YEARS.start(),
                    YEARS.end()
                ),
            );
        }
    }

    fn lonlat(&mut self, kind: ProblemKind, path: &str, p: LonLat) {
        if !valid_lonlat(p) {
            self.report(
                kind,
                path,
                format!("[{}, {}] is not a longitude/latitude pair", p[0], p[1]),
            );
        }
    }
}

struct Refs<'a> {
    sources: &'a HashSet<&'a str>,
    regions: &'a HashSet<&'a str>,
    places: &'a HashSet<&'a str>,
    funding: &'a HashSet<&'a str>,
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
        self.min = [self.min[0].min(p[0]), self.min[1].min(p[1])];
        self.max = [self.max[0].max(p[0]), self.max[1].max(p[1])];
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

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
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

/// How many characters `s` has, and whether one of them is a control character other than a
/// line feed or a tab: one pass over its bytes (most of a dataset's bytes are its texts).
///
/// The control characters (`char::is_control`) are U+0000–U+001F and U+007F–U+009F; in UTF-8
/// the last 32 are the two bytes `C2 80`–`C2 9F`. A character is counted at each byte that does
/// not continue a sequence.
///
/// Every text of a dataset goes through here, so it reads eight bytes at a time: the count is
/// the word's bytes less its continuation bytes (`10xxxxxx`), and only a text with a byte that
/// could start a control character (below a space, `7F`, `C2`) is read again byte by byte.
fn chars_and_control(s: &str) -> (usize, bool) {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // Whether some byte of `w` is zero (exact as a yes/no, whatever the other bytes).
    fn has_zero(w: u64) -> bool {
        w.wrapping_sub(ONES) & !w & HIGH != 0
    }
    let bytes = s.as_bytes();
    let mut words = bytes.chunks_exact(8);
    let mut continuation = 0;
    let mut suspect = false;
    for word in &mut words {
        let mut le = [0; 8];
        le.copy_from_slice(word);
        let w = u64::from_le_bytes(le);
        continuation += (w & HIGH & !(w << 1)).count_ones() as usize;
        suspect |= w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0
            || has_zero(w ^ (ONES * 0x7F))
            || has_zero(w ^ (ONES * 0xC2));
    }
    for &b in words.remainder() {
        continuation += usize::from(b & 0xC0 == 0x80);
        suspect |= b < 0x20 || b == 0x7F || b == 0xC2;
    }
    let chars = bytes.len() - continuation;
    if !suspect {
        return (chars, false);
    }
    let mut control = false;
    let mut after_c2 = false;
    for &b in bytes {
        control |= (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7F
            || (after_c2 && (0x80..=0x9F).contains(&b));
        after_c2 = b == 0xC2;
    }
    (chars, control)
}

#[cfg(test)]
mod tests {
    use super::chars_and_control;

    #[test]
    fn characters_and_control_characters_are_those_of_the_standard_library() {
        let texts = [
            "",
            "plain ASCII",
            "line\nand\ttab",
            "Île-de-France, Provence-Alpes-Côte d’Azur",
            "emoji 😀 and CJK 漢字",
            "bell\u{7}",
            "delete\u{7f}",
            "next line\u{85}",
            "C1 end\u{9f}",
            "not C1: \u{a0}\u{c0}\u{100}\u{2028}",
            "é\u{80}",
        ];
        for text in texts {
            let expected = (
                text.chars().count(),
                text.chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
            );
            assert_eq!(chars_and_control(text), expected, "{text:?}");
        }
    }

    fn of_std(text: &str) -> (usize, bool) {
        let control = text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t');
        (text.chars().count(), control)
    }

    #[test]
    fn every_character_is_seen_at_every_place_in_a_word() {
        // Texts longer than a word, with the character at each offset, so that the eight-byte
        // reading and the byte-by-byte one both meet it, also across two words.
        for c in [
            '\u{0}', '\u{1f}', '\n', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', 'é', '€', '😀',
        ] {
            for before in 0..20 {
                for filler in ["a", "é"] {
                    let text = format!("{}{c}{}", filler.repeat(before), "z".repeat(19 - before));
                    assert_eq!(chars_and_control(&text), of_std(&text), "{text:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_counted_as_the_standard_library_does(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(chars_and_control(&text), of_std(&text));
        }
    }
}
