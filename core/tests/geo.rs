//! Map geometry: projection test vectors, layout, paths, hit testing, zoom, markers, and the
//! containment and shared-border helpers of the dataset tests.

use atlas_core::geo::layout::lonlat_bbox;
use atlas_core::geo::path::{path_d, project_geometry, signed_area};
use atlas_core::geo::projection::EARTH_MEAN_RADIUS;
use atlas_core::geo::view::{marker_scale_at, MAX_ZOOM, MIN_ZOOM};
use atlas_core::geo::*;
use atlas_core::model::{
    Category, Geometry, Inset, InsetPlacement, LonLat, MapSettings, Projection, Region, RegionKind,
    Text,
};
use proptest::prelude::*;

mod support {
    pub mod geometry;
}
use support::geometry::{point_in_region, shared_border_mismatch, BorderReport};

// ---------- fixtures ----------

/// A closed lon/lat rectangle, counter-clockwise (GeoJSON's right-hand rule).
fn rect_ring(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<LonLat> {
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
}

fn reversed(mut ring: Vec<LonLat>) -> Vec<LonLat> {
    ring.reverse();
    ring
}

fn region(id: &str, polygons: Vec<Vec<Vec<LonLat>>>) -> Region {
    Region {
        id: id.to_owned(),
        name: Text::both(id, id),
        kind: RegionKind::Metropolitan,
        capital: None,
        geometry: Geometry::MultiPolygon {
            coordinates: polygons,
        },
    }
}

fn conic(parallels: [f64; 2], origin: [f64; 2]) -> Projection {
    Projection::ConicConformal { parallels, origin }
}

fn settings(projection: Projection, insets: &[&str], placement: InsetPlacement) -> MapSettings {
    MapSettings {
        projection,
        insets: insets
            .iter()
            .map(|r| Inset {
                region: (*r).to_owned(),
                label: None,
            })
            .collect(),
        inset_placement: placement,
    }
}

/// "Squaria", an invented country: three mainland squares and two islands far away, one of them
/// on the other side of the antimeridian.
fn squaria() -> Vec<Region> {
    vec![
        region("west", vec![vec![rect_ring(0.0, 40.0, 1.0, 41.0)]]),
        region(
            "east",
            vec![vec![reversed(rect_ring(1.0, 40.0, 2.0, 41.0))]],
        ),
        region("north", vec![vec![rect_ring(0.0, 41.0, 2.0, 42.0)]]),
        region(
            "isle",
            vec![
                vec![rect_ring(100.0, -10.0, 100.5, -9.5)],
                vec![rect_ring(100.7, -9.9, 100.9, -9.7)],
            ],
        ),
        region(
            "dateline",
            vec![vec![vec![
                [179.5, -17.0],
                [-179.5, -17.0],
                [-179.5, -16.0],
                [179.5, -16.0],
            ]]],
        ),
    ]
}

fn squaria_settings(insets: &[&str], placement: InsetPlacement) -> MapSettings {
    settings(conic([40.0, 42.0], [1.0, 41.0]), insets, placement)
}

/// A px transform where 1° of longitude at the equator is `px_per_degree` px and (0, 0) is at
/// (tx, ty).
fn plain_transform(px_per_degree: f64, tx: f64, ty: f64) -> FrameTransform {
    let projector = Projector::new(&Projection::Equirectangular { origin: [0.0, 0.0] }).unwrap();
    FrameTransform {
        projector,
        scale: px_per_degree / (EARTH_MEAN_RADIUS.to_radians()),
        tx,
        ty,
    }
}

/// Parses the paths this crate writes (`M x y l dx dy dx dy … Z` per ring) into rings of
/// absolute vertices. Numbers are separated by a space or by their own minus sign.
fn parse_path(d: &str) -> Vec<Vec<[f64; 2]>> {
    let mut rings = Vec::new();
    for ring in d.split('Z').filter(|s| !s.is_empty()) {
        let (start, steps) = ring
            .strip_prefix('M')
            .expect("each ring starts with M")
            .split_once('l')
            .unwrap_or((ring.trim_start_matches('M'), ""));
        let numbers = |s: &str| -> Vec<f64> {
            s.replace('-', " -")
                .split_whitespace()
                .map(|v| v.parse::<f64>().unwrap())
                .collect()
        };
        let first = numbers(start);
        assert_eq!(first.len(), 2, "M takes one point: {ring}");
        let mut at = [first[0], first[1]];
        let mut pts = vec![at];
        let steps = numbers(steps);
        assert_eq!(steps.len() % 2, 0, "l takes pairs: {ring}");
        for step in steps.chunks(2) {
            at = [at[0] + step[0], at[1] + step[1]];
            pts.push(at);
        }
        rings.push(pts);
    }
    rings
}

/// Winding number of a point with respect to all rings (what `fill-rule: nonzero` looks at).
fn winding_number(rings: &[Vec<[f64; 2]>], x: f64, y: f64) -> i32 {
    let mut w = 0;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let cross = (b[0] - a[0]) * (y - a[1]) - (x - a[0]) * (b[1] - a[1]);
            if a[1] <= y && b[1] > y && cross > 0.0 {
                w += 1;
            } else if a[1] > y && b[1] <= y && cross < 0.0 {
                w -= 1;
            }
        }
    }
    w
}

fn frame_is_finite(f: &Frame) -> bool {
    let r = [f.rect, f.content];
    r.iter()
        .all(|r| [r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite()))
        && f.label_at.0.is_finite()
        && f.label_at.1.is_finite()
        && [f.transform.scale, f.transform.tx, f.transform.ty]
            .iter()
            .all(|v| v.is_finite())
}

// ---------- projection ----------

fn check_lambert93(name: &str, lonlat: LonLat, expected: [f64; 2]) {
    let p = Projector::lambert93().project(lonlat);
    let Some([x, y]) = p else {
        panic!("{name}: not projected")
    };
    assert!(
        (x - expected[0]).abs() <= 1.0 && (y - expected[1]).abs() <= 1.0,
        "{name}: got ({x:.1}, {y:.1}), PROJ says ({:.1}, {:.1})",
        expected[0],
        expected[1]
    );
}

#[test]
fn lambert_93_matches_proj_within_a_metre() {
    check_lambert93("Paris", [2.3499, 48.8530], [652_297.0, 6_861_636.4]);
    check_lambert93("Caen", [-0.3707, 49.1829], [454_302.8, 6_903_373.6]);
    check_lambert93("Rouen", [1.0950, 49.4402], [561_802.4, 6_928_419.0]);
    check_lambert93("Brest", [-4.4861, 48.3904], [146_633.0, 6_836_262.3]);
    check_lambert93("Strasbourg", [7.7521, 48.5734], [1_050_362.7, 6_840_899.6]);
    check_lambert93("Nice", [7.2620, 43.7102], [1_043_410.2, 6_299_400.0]);
    check_lambert93("Ajaccio", [8.7369, 41.9192], [1_176_526.6, 6_108_263.0]);
    check_lambert93("the origin", [3.0, 46.5], [700_000.0, 6_600_000.0]);
}

#[test]
fn the_dataset_form_of_lambert_93_differs_only_by_the_false_origin() {
    let exact = Projector::lambert93();
    let dataset = Projector::new(&conic([44.0, 49.0], [3.0, 46.5])).unwrap();
    for p in [[2.3499, 48.8530], [-4.4861, 48.3904], [8.7369, 41.9192]] {
        let (a, b) = (exact.project(p).unwrap(), dataset.project(p).unwrap());
        assert!((a[0] - 700_000.0 - b[0]).abs() < 1e-6 && (a[1] - 6_600_000.0 - b[1]).abs() < 1e-6);
    }
}

fn check_rejected(projection: Projection, message_contains: &str) {
    match Projector::new(&projection) {
        Ok(_) => panic!("{projection:?} was accepted"),
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains(message_contains),
                "{projection:?}: message {msg:?} lacks {message_contains:?}"
            );
        }
    }
}

#[test]
fn unusable_projections_are_rejected_with_a_readable_message() {
    check_rejected(
        conic([-30.0, 30.0], [0.0, 0.0]),
        "symmetric about the equator",
    );
    check_rejected(conic([0.0, 0.0], [0.0, 0.0]), "symmetric about the equator");
    check_rejected(conic([f64::NAN, 49.0], [3.0, 46.5]), "not a finite number");
    check_rejected(
        conic([44.0, 49.0], [f64::INFINITY, 46.5]),
        "not a finite number",
    );
    check_rejected(
        conic([44.0, 90.0], [3.0, 46.5]),
        "strictly between -90° and 90°",
    );
    check_rejected(
        conic([44.0, 49.0], [3.0, -90.0]),
        "strictly between -90° and 90°",
    );
    check_rejected(
        Projection::Equirectangular {
            origin: [0.0, 90.0],
        },
        "strictly between",
    );
    check_rejected(
        Projection::Equirectangular {
            origin: [f64::NAN, 0.0],
        },
        "not a finite number",
    );
}

#[test]
fn equal_parallels_give_the_tangent_cone() {
    let p = Projector::new(&conic([45.0, 45.0], [0.0, 45.0])).unwrap();
    let n = p.cone_constant().unwrap();
    assert!((n - 45f64.to_radians().sin()).abs() < 1e-12, "n = {n}");
    let near = Projector::new(&conic([45.0, 45.000001], [0.0, 45.0])).unwrap();
    assert!((near.cone_constant().unwrap() - n).abs() < 1e-6);
}

#[test]
fn southern_cones_keep_north_up_and_east_right() {
    let p = Projector::new(&conic([-20.0, -30.0], [25.0, -25.0])).unwrap();
    let o = p.project([25.0, -25.0]).unwrap();
    let north = p.project([25.0, -24.0]).unwrap();
    let east = p.project([26.0, -25.0]).unwrap();
    assert!(north[1] > o[1] && east[0] > o[0]);
    assert!(p.project([25.0, -90.0]).is_some(), "the apex pole projects");
    assert!(p.project([25.0, 90.0]).is_none(), "the far pole does not");
}

#[test]
fn points_that_cannot_be_projected_give_none() {
    let p = Projector::lambert93();
    for bad in [
        [f64::NAN, 45.0],
        [3.0, f64::INFINITY],
        [3.0, 90.5],
        [3.0, -91.0],
        [3.0, -90.0],
    ] {
        assert_eq!(p.project(bad), None, "{bad:?}");
    }
    assert!(p.project([3.0, 90.0]).is_some(), "the apex pole is a point");
    assert!(p.project([183.0, 46.5]).is_some(), "longitudes wrap");
}

#[test]
fn equirectangular_is_longitude_times_cosine_and_latitude_in_metres() {
    let p = Projector::new(&Projection::Equirectangular {
        origin: [10.0, 60.0],
    })
    .unwrap();
    let [x, y] = p.project([12.0, 61.0]).unwrap();
    let r = EARTH_MEAN_RADIUS;
    assert!((x - 2f64.to_radians() * 0.5 * r).abs() < 1e-6);
    assert!((y - 61f64.to_radians() * r).abs() < 1e-6);
    // Across the antimeridian the short way round.
    let q = Projector::new(&Projection::Equirectangular {
        origin: [179.0, 0.0],
    })
    .unwrap();
    let [x, _] = q.project([-179.0, 0.0]).unwrap();
    assert!((x - 2f64.to_radians() * r).abs() < 1e-6);
}

// ---------- layout ----------

const SLACK: f64 = 0.051; // rounding to 0.1 px

fn grown(r: &Rect, d: f64) -> Rect {
    Rect::new(r.x - d, r.y - d, r.width + 2.0 * d, r.height + 2.0 * d)
}

fn check_layout_fits(width: f64, height: f64, insets: &[&str], placement: InsetPlacement) {
    check_fits(
        &squaria(),
        &squaria_settings(insets, placement),
        width,
        height,
    );
}

fn check_fits(regions: &[Region], settings: &MapSettings, width: f64, height: f64) -> MapGeometry {
    let options = LayoutOptions::default();
    let map = build_map(regions, settings, width, height).unwrap();
    let pad = options.padding;
    let viewport = Rect::new(pad, pad, width - 2.0 * pad, height - 2.0 * pad);
    let ctx = format!(
        "{width}×{height}, {:?}, {:?}",
        settings.insets, settings.inset_placement
    );
    assert_eq!(map.layout.frames.len(), 1 + settings.insets.len(), "{ctx}");
    for f in &map.layout.frames {
        assert!(frame_is_finite(f), "{ctx}: {f:?}");
        assert!(
            viewport.encloses(&f.rect, SLACK),
            "{ctx}: box of {} {:?}",
            f.id,
            f.rect
        );
        assert!(
            f.rect.encloses(&f.content, SLACK),
            "{ctx}: content of {} {:?}",
            f.id,
            f.content
        );
        assert!(
            f.rect.contains(f.label_at.0, f.label_at.1),
            "{ctx}: label of {}",
            f.id
        );
    }
    for r in &map.regions {
        let frame = &map.layout.frames[r.frame];
        for ring in parse_path(&r.path) {
            for [x, y] in ring {
                assert!(
                    grown(&frame.content, SLACK).contains(x, y),
                    "{ctx}: {} at {x},{y}",
                    r.id
                );
                assert!(
                    grown(&viewport, SLACK).contains(x, y),
                    "{ctx}: {} at {x},{y}",
                    r.id
                );
            }
        }
    }
    // Boxes never overlap.
    let frames = &map.layout.frames;
    for (i, a) in frames.iter().enumerate() {
        for b in &frames[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{ctx}: {} {:?} overlaps {} {:?}",
                a.id,
                a.rect,
                b.id,
                b.rect
            );
        }
    }
    map
}

#[test]
fn fitting_keeps_every_frame_inside_the_padded_viewport_for_each_placement() {
    for (w, h) in [
        (800.0, 600.0),
        (320.0, 480.0),
        (1400.0, 400.0),
        (300.0, 1200.0),
        (120.0, 90.0),
    ] {
        for placement in [
            InsetPlacement::Left,
            InsetPlacement::Right,
            InsetPlacement::Bottom,
        ] {
            check_layout_fits(w, h, &["isle"], placement);
            check_layout_fits(w, h, &["isle", "dateline"], placement);
            check_layout_fits(w, h, &[], placement);
        }
    }
}

/// France drawn roughly: a hexagon, Corsica and the five overseas regions as boxes.
fn rough_france() -> Vec<Region> {
    let hexagon = vec![
        [-4.8, 48.4],
        [2.5, 51.1],
        [8.2, 49.0],
        [7.5, 43.7],
        [3.0, 42.4],
        [-1.8, 43.4],
    ];
    vec![
        region("metropole", vec![vec![hexagon]]),
        region("94", vec![vec![rect_ring(8.5, 41.3, 9.6, 43.0)]]),
        region("01", vec![vec![rect_ring(-61.8, 15.8, -61.0, 16.5)]]),
        region("02", vec![vec![rect_ring(-61.25, 14.4, -60.8, 14.9)]]),
        region("03", vec![vec![rect_ring(-54.6, 2.1, -51.6, 5.8)]]),
        region("04", vec![vec![rect_ring(55.2, -21.4, 55.85, -20.85)]]),
        region("06", vec![vec![rect_ring(45.0, -13.0, 45.3, -12.6)]]),
    ]
}

#[test]
fn france_with_five_overseas_insets_fits_phones_and_desktops() {
    let overseas = ["01", "02", "03", "04", "06"];
    for (placement, w, h) in [
        (InsetPlacement::Left, 960.0, 720.0),
        (InsetPlacement::Right, 1280.0, 640.0),
        (InsetPlacement::Bottom, 360.0, 640.0),
    ] {
        let s = settings(conic([44.0, 49.0], [3.0, 46.5]), &overseas, placement);
        let map = check_fits(&rough_france(), &s, w, h);
        let (x, y) = map
            .project_in_region("metropole", [2.3499, 48.8530])
            .unwrap();
        assert!(map.layout.main().unwrap().content.contains(x, y), "Paris");
        let (x, y) = map.project_in_region("04", [55.45, -20.88]).unwrap();
        assert!(
            map.frame_of(5).unwrap().content.contains(x, y),
            "Saint-Denis"
        );
        assert_eq!(map.hit_test(x, y), Some(5));
        for inset in map.layout.insets() {
            let ratio = inset.rect.width / inset.rect.height;
            assert!(
                (0.4..2.5).contains(&ratio),
                "{placement:?}: box {} is {:?}",
                inset.id,
                inset.rect
            );
        }
    }
}

#[test]
fn inset_boxes_sit_on_the_side_the_settings_ask_for() {
    let regions = squaria();
    for placement in [
        InsetPlacement::Left,
        InsetPlacement::Right,
        InsetPlacement::Bottom,
    ] {
        let map = build_map(
            &regions,
            &squaria_settings(&["isle", "dateline"], placement),
            800.0,
            600.0,
        )
        .unwrap();
        let main = map.layout.main().unwrap();
        for inset in map.layout.insets() {
            let ok = match placement {
                InsetPlacement::Left => inset.rect.right() <= main.rect.x,
                InsetPlacement::Right => inset.rect.x >= main.rect.right(),
                InsetPlacement::Bottom => inset.rect.y >= main.rect.bottom(),
            };
            assert!(
                ok,
                "{placement:?}: {:?} vs main {:?}",
                inset.rect, main.rect
            );
        }
    }
}

#[test]
fn the_layout_option_can_override_the_dataset_placement() {
    let options = LayoutOptions {
        placement: Some(InsetPlacement::Bottom),
        ..LayoutOptions::default()
    };
    let map = build_map_with(
        &squaria(),
        &squaria_settings(&["isle"], InsetPlacement::Left),
        320.0,
        560.0,
        &options,
    )
    .unwrap();
    let (main, isle) = (&map.layout.frames[0], &map.layout.frames[1]);
    assert!(isle.rect.y >= main.rect.bottom());
}

#[test]
fn the_main_map_keeps_its_aspect_ratio() {
    let regions = squaria();
    let projector =
        Projector::new(&squaria_settings(&[], InsetPlacement::Left).projection).unwrap();
    let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
    for r in &regions[..3] {
        for poly in r.geometry.polygons() {
            for &p in &poly[0] {
                let q = projector.project(p).unwrap();
                lo = [lo[0].min(q[0]), lo[1].min(q[1])];
                hi = [hi[0].max(q[0]), hi[1].max(q[1])];
            }
        }
    }
    let expected = (hi[0] - lo[0]) / (hi[1] - lo[1]);
    for (w, h) in [(800.0, 600.0), (300.0, 900.0)] {
        let map = build_map(
            &regions,
            &squaria_settings(&["isle", "dateline"], InsetPlacement::Right),
            w,
            h,
        )
        .unwrap();
        let c = map.layout.main().unwrap().content;
        assert!(
            (c.width / c.height - expected).abs() < 1e-9,
            "{w}×{h}: {} vs {expected}",
            c.width / c.height
        );
    }
}

#[test]
fn insets_have_their_own_scale_and_say_so() {
    let map = build_map(
        &squaria(),
        &squaria_settings(&["isle", "dateline"], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap();
    assert!(map.layout.insets_differ_in_scale());
    let main = map.layout.main().unwrap().km_per_100px().unwrap();
    let isle = map.layout.frames[1].km_per_100px().unwrap();
    assert!(
        main > 0.0 && isle > 0.0,
        "main {main} km, isle {isle} km per 100 px"
    );
    // The mainland spans ~170 km across ~560 px of height at 800×600.
    assert!((20.0..60.0).contains(&main), "{main}");
}

#[test]
fn an_inset_across_the_antimeridian_is_drawn_in_one_piece() {
    let regions = squaria();
    assert_eq!(
        lonlat_bbox(&regions[4].geometry),
        Some([179.5, -17.0, -179.5, -16.0])
    );
    let map = build_map(
        &regions,
        &squaria_settings(&["dateline"], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap();
    let frame = &map.layout.frames[1];
    let bbox = map.regions[4].bbox.unwrap();
    // One degree wide and tall near 16.5° S: nearly square, not 359° wide.
    assert!(
        (bbox.width / bbox.height - 16.5f64.to_radians().cos()).abs() < 0.01,
        "{bbox:?}"
    );
    assert!(frame.rect.encloses(&bbox, SLACK));
}

#[test]
fn zero_insets_give_one_main_frame_filling_the_padded_viewport() {
    let map = build_map(
        &squaria(),
        &squaria_settings(&[], InsetPlacement::Bottom),
        640.0,
        480.0,
    )
    .unwrap();
    assert_eq!(map.layout.frames.len(), 1);
    let main = &map.layout.frames[0];
    assert_eq!(main.id, "main");
    assert_eq!(main.rect, Rect::new(8.0, 8.0, 624.0, 464.0));
    assert!(map
        .regions
        .iter()
        .all(|r| r.frame == 0 && !r.path.is_empty()));
}

#[test]
fn inset_settings_that_name_unknown_or_repeated_regions_are_errors() {
    let regions = squaria();
    let e = build_map(
        &regions,
        &squaria_settings(&["atlantis"], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap_err();
    assert_eq!(e, GeoError::UnknownInsetRegion("atlantis".into()));
    assert!(e.to_string().contains("atlantis"));
    let e = build_map(
        &regions,
        &squaria_settings(&["isle", "isle"], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap_err();
    assert_eq!(e, GeoError::DuplicateInset("isle".into()));
    let e = build_map(
        &regions,
        &settings(conic([-10.0, 10.0], [0.0, 0.0]), &[], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap_err();
    assert!(
        matches!(e, GeoError::Projection(_)) && e.to_string().starts_with("map projection:"),
        "{e}"
    );
}

fn check_degenerate(what: &str, regions: &[Region], insets: &[&str], width: f64, height: f64) {
    let map = build_map(
        regions,
        &squaria_settings(insets, InsetPlacement::Bottom),
        width,
        height,
    )
    .unwrap_or_else(|e| panic!("{what}: {e}"));
    for f in &map.layout.frames {
        assert!(frame_is_finite(f), "{what}: {f:?}");
    }
    for r in &map.regions {
        assert!(
            !r.path.contains("NaN") && !r.path.contains("inf"),
            "{what}: {}",
            r.path
        );
        if let Some((x, y)) = r.label_anchor() {
            assert!(x.is_finite() && y.is_finite(), "{what}");
        }
    }
    assert!(map.layout.width.is_finite() && map.layout.height.is_finite());
}

#[test]
fn degenerate_inputs_give_finite_empty_results() {
    let empty = region("empty", vec![]);
    let point = region("point", vec![vec![vec![[5.0, 45.0]; 5]]]);
    let line = region(
        "line",
        vec![vec![vec![[5.0, 45.0], [6.0, 45.0], [5.0, 45.0]]]],
    );
    let hostile = region(
        "hostile",
        vec![vec![vec![
            [f64::NAN, 1.0],
            [f64::INFINITY, 2.0],
            [3.0, f64::NEG_INFINITY],
            [1e308, -1e308],
            [0.0, 95.0],
        ]]],
    );
    check_degenerate("no regions", &[], &[], 800.0, 600.0);
    check_degenerate(
        "an empty region",
        std::slice::from_ref(&empty),
        &[],
        800.0,
        600.0,
    );
    check_degenerate(
        "an empty inset",
        std::slice::from_ref(&empty),
        &["empty"],
        800.0,
        600.0,
    );
    check_degenerate(
        "a single repeated point",
        std::slice::from_ref(&point),
        &[],
        800.0,
        600.0,
    );
    check_degenerate(
        "a point inset",
        &[point.clone(), empty.clone()],
        &["point"],
        800.0,
        600.0,
    );
    check_degenerate("a line", &[line], &[], 800.0, 600.0);
    check_degenerate(
        "hostile coordinates",
        std::slice::from_ref(&hostile),
        &["hostile"],
        800.0,
        600.0,
    );
    for (w, h) in [
        (0.0, 0.0),
        (-5.0, 10.0),
        (f64::NAN, f64::INFINITY),
        (1.0, 1.0),
        (1e12, 1e12),
    ] {
        check_degenerate(
            &format!("viewport {w}×{h}"),
            &squaria(),
            &["isle", "dateline"],
            w,
            h,
        );
    }
    let map = build_map(
        &[empty, point],
        &squaria_settings(&[], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap();
    assert!(map
        .regions
        .iter()
        .all(|r| r.path.is_empty() && r.bbox.is_none() && r.label_anchor().is_none()));
    assert_eq!(map.layout.main().unwrap().km_per_100px(), None);
}

// ---------- paths ----------

fn check_path(what: &str, geometry: Geometry, expected: &str) {
    let d = svg_path(&geometry, &plain_transform(10.0, 0.0, 20.0));
    assert_eq!(d, expected, "{what}");
}

#[test]
fn a_square_becomes_one_clockwise_ring_whatever_its_source_orientation() {
    let ccw = rect_ring(0.0, 0.0, 1.0, 1.0);
    let expected = "M0 10l10 0 0 10-10 0Z";
    check_path(
        "counter-clockwise",
        Geometry::Polygon {
            coordinates: vec![ccw.clone()],
        },
        expected,
    );
    check_path(
        "clockwise",
        Geometry::Polygon {
            coordinates: vec![reversed(ccw.clone())],
        },
        "M0 20l0-10 10 0 0 10Z",
    );
    check_path(
        "unclosed",
        Geometry::Polygon {
            coordinates: vec![ccw[..4].to_vec()],
        },
        expected,
    );
    for d in [expected, "M0 20l0-10 10 0 0 10Z"] {
        assert!(signed_area(&parse_path(d)[0]) > 0.0, "clockwise on screen");
    }
}

#[test]
fn coordinates_are_rounded_to_a_tenth_and_repeats_dropped() {
    let ring = vec![
        [0.0, 0.0],
        [0.001, 0.0],
        [0.123, 0.0],
        [0.123, 0.456],
        [0.0, 0.456],
        [0.0, 0.0001],
        [0.0, 0.0],
    ];
    check_path(
        "near-duplicates",
        Geometry::Polygon {
            coordinates: vec![ring],
        },
        "M0 15.4l1.2 0 0 4.6-1.2 0Z",
    );
}

proptest! {
    /// Relative steps put every vertex exactly where an absolute `L` would: the path read back
    /// gives the rings' own tenths, however far from the origin and however many rings.
    #[test]
    fn relative_steps_land_on_every_vertex_exactly(
        rings in prop::collection::vec(
            prop::collection::vec((-10_000_000i64..10_000_000, -10_000_000i64..10_000_000), 3..40),
            1..4,
        )
    ) {
        let rings: Vec<Vec<[f64; 2]>> = rings
            .iter()
            .map(|r| r.iter().map(|&(x, y)| [x as f64 / 10.0, y as f64 / 10.0]).collect())
            .collect();
        let d = path_d(&[PxPolygon { rings: rings.clone() }]);
        let back = parse_path(&d);
        prop_assert_eq!(back.len(), rings.len());
        for (read, ring) in back.iter().zip(&rings) {
            let mut expected = ring.clone();
            expected.dedup();
            prop_assert_eq!(read.len(), expected.len(), "{}", d);
            for (a, b) in read.iter().zip(&expected) {
                prop_assert!((a[0] - b[0]).abs() < 1e-6 && (a[1] - b[1]).abs() < 1e-6, "{:?} vs {:?} in {}", a, b, d);
            }
        }
    }
}

#[test]
fn rings_with_fewer_than_three_distinct_points_are_dropped_with_their_holes() {
    let tiny = vec![[0.0, 0.0], [0.001, 0.0], [0.0, 0.001], [0.0, 0.0]];
    let hole = rect_ring(0.2, 0.2, 0.8, 0.8);
    let geometry = Geometry::MultiPolygon {
        coordinates: vec![
            vec![tiny.clone(), hole.clone()],
            vec![rect_ring(2.0, 0.0, 3.0, 1.0), tiny],
        ],
    };
    check_path(
        "tiny outer and tiny hole",
        geometry,
        "M20 10l10 0 0 10-10 0Z",
    );
    check_path(
        "two points",
        Geometry::Polygon {
            coordinates: vec![vec![[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]],
        },
        "",
    );
    check_path(
        "collinear",
        Geometry::Polygon {
            coordinates: vec![vec![[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]],
        },
        "",
    );
}

#[test]
fn a_hole_stays_empty_under_the_nonzero_fill_rule_whatever_the_source_winding() {
    // The hole is given with the same orientation as the outer ring, as dissolved data can be.
    for (outer, hole) in [
        (rect_ring(0.0, 0.0, 3.0, 3.0), rect_ring(1.0, 1.0, 2.0, 2.0)),
        (
            reversed(rect_ring(0.0, 0.0, 3.0, 3.0)),
            reversed(rect_ring(1.0, 1.0, 2.0, 2.0)),
        ),
        (
            rect_ring(0.0, 0.0, 3.0, 3.0),
            reversed(rect_ring(1.0, 1.0, 2.0, 2.0)),
        ),
    ] {
        let geometry = Geometry::Polygon {
            coordinates: vec![outer, hole],
        };
        let rings = parse_path(&svg_path(&geometry, &plain_transform(10.0, 0.0, 30.0)));
        assert_eq!(rings.len(), 2);
        assert!(signed_area(&rings[0]) > 0.0 && signed_area(&rings[1]) < 0.0);
        assert_eq!(winding_number(&rings, 15.0, 15.0), 0, "the hole is empty");
        assert_ne!(winding_number(&rings, 5.0, 15.0), 0, "the ring is filled");
        assert_eq!(winding_number(&rings, 35.0, 15.0), 0, "outside is empty");
    }
}

#[test]
fn an_island_is_filled_whatever_its_winding() {
    let geometry = Geometry::MultiPolygon {
        coordinates: vec![
            vec![rect_ring(0.0, 0.0, 1.0, 1.0)],
            vec![reversed(rect_ring(2.0, 0.0, 3.0, 1.0))],
        ],
    };
    let rings = parse_path(&svg_path(&geometry, &plain_transform(10.0, 0.0, 20.0)));
    assert_ne!(winding_number(&rings, 5.0, 15.0), 0);
    assert_ne!(winding_number(&rings, 25.0, 15.0), 0);
    assert_eq!(winding_number(&rings, 15.0, 15.0), 0);
}

fn check_label_inside(what: &str, geometry: Geometry) {
    let polygons = project_geometry(&geometry, &plain_transform(10.0, 0.0, 100.0));
    let (x, y) = label_anchor(&polygons).unwrap_or_else(|| panic!("{what}: no anchor"));
    assert!(
        polygons.iter().any(|p| p.contains(x, y)),
        "{what}: anchor {x},{y} is outside"
    );
}

#[test]
fn label_anchors_fall_inside_even_where_the_centroid_does_not() {
    let c_shape = vec![
        [0.0, 0.0],
        [3.0, 0.0],
        [3.0, 0.5],
        [0.5, 0.5],
        [0.5, 2.5],
        [3.0, 2.5],
        [3.0, 3.0],
        [0.0, 3.0],
    ];
    check_label_inside(
        "a C shape",
        Geometry::Polygon {
            coordinates: vec![c_shape],
        },
    );
    check_label_inside(
        "a square with a central hole",
        Geometry::Polygon {
            coordinates: vec![rect_ring(0.0, 0.0, 3.0, 3.0), rect_ring(0.5, 0.5, 2.5, 2.5)],
        },
    );
    check_label_inside(
        "a thin sliver",
        Geometry::Polygon {
            coordinates: vec![rect_ring(0.0, 0.0, 8.0, 0.05)],
        },
    );
    let spiral: Vec<LonLat> = (0..200)
        .map(|i| {
            let a = i as f64 * 0.1;
            [a.cos() * (1.0 + a / 3.0), a.sin() * (1.0 + a / 3.0)]
        })
        .chain((0..200).rev().map(|i| {
            let a = i as f64 * 0.1;
            [a.cos() * (1.3 + a / 3.0), a.sin() * (1.3 + a / 3.0)]
        }))
        .collect();
    check_label_inside(
        "a spiral band",
        Geometry::Polygon {
            coordinates: vec![spiral],
        },
    );
}

#[test]
fn the_label_anchor_goes_in_the_largest_polygon() {
    let geometry = Geometry::MultiPolygon {
        coordinates: vec![
            vec![rect_ring(0.0, 0.0, 0.5, 0.5)],
            vec![rect_ring(2.0, 0.0, 5.0, 3.0)],
        ],
    };
    let polygons = project_geometry(&geometry, &plain_transform(10.0, 0.0, 100.0));
    let (x, y) = label_anchor(&polygons).unwrap();
    assert!(
        polygons[1].contains(x, y) && (x - 35.0).abs() < 1.5 && (y - 85.0).abs() < 1.5,
        "{x},{y}"
    );
}

#[test]
fn project_point_uses_the_frame_of_the_region() {
    let regions = squaria();
    let map = build_map(
        &regions,
        &squaria_settings(&["isle"], InsetPlacement::Left),
        800.0,
        600.0,
    )
    .unwrap();
    let isle_frame = map.frame_of(3).unwrap();
    let (x, y) = map.project_in_region("isle", [100.25, -9.75]).unwrap();
    assert!(isle_frame.rect.contains(x, y));
    assert_eq!(project_point(isle_frame, [100.25, -9.75]), Some((x, y)));
    let (x, y) = map.project_in_region("west", [0.5, 40.5]).unwrap();
    assert!(map.layout.main().unwrap().content.contains(x, y));
    assert_eq!(
        project_point(map.layout.main().unwrap(), [f64::NAN, 0.0]),
        None
    );
    // An unknown region falls back to the main frame.
    assert_eq!(map.project_in_region("nowhere", [0.5, 40.5]), Some((x, y)));
}

// ---------- hit testing ----------

#[test]
fn hit_testing_finds_the_region_under_each_label_anchor_and_nothing_outside() {
    let regions = squaria();
    let map = build_map(
        &regions,
        &squaria_settings(&["isle", "dateline"], InsetPlacement::Right),
        800.0,
        600.0,
    )
    .unwrap();
    for (i, r) in map.regions.iter().enumerate() {
        let (x, y) = r.label_anchor().unwrap();
        assert_eq!(map.hit_test(x, y), Some(i), "{}", r.id);
    }
    assert_eq!(map.hit_test(1.0, 1.0), None);
    assert_eq!(map.hit_test(f64::NAN, 3.0), None);
    assert_eq!(map.region_index("isle"), Some(3));
}

#[test]
fn hit_testing_respects_holes_and_enclaves() {
    let regions = vec![
        region(
            "ring",
            vec![vec![
                rect_ring(0.0, 0.0, 3.0, 3.0),
                rect_ring(1.0, 1.0, 2.0, 2.0),
            ]],
        ),
        region("far", vec![vec![rect_ring(10.0, 10.0, 11.0, 11.0)]]),
    ];
    let s = settings(
        Projection::Equirectangular { origin: [5.0, 5.0] },
        &[],
        InsetPlacement::Left,
    );
    let map = build_map(&regions, &s, 600.0, 600.0).unwrap();
    let f = map.layout.main().unwrap();
    let at = |lon, lat| f.project([lon, lat]).unwrap();
    let (x, y) = at(1.5, 1.5);
    assert_eq!(map.hit_test(x, y), None, "in the hole");
    let (x, y) = at(0.5, 1.5);
    assert_eq!(map.hit_test(x, y), Some(0));
    let with_enclave = vec![
        regions[0].clone(),
        regions[1].clone(),
        region("enclave", vec![vec![rect_ring(1.0, 1.0, 2.0, 2.0)]]),
    ];
    let map = build_map(&with_enclave, &s, 600.0, 600.0).unwrap();
    let (x, y) = at(1.5, 1.5);
    assert_eq!(map.hit_test(x, y), Some(2), "the enclave");
}

// ---------- zoom and pan ----------

#[test]
fn zoom_is_clamped_between_one_and_twelve() {
    let mut v = ViewTransform::new(800.0, 600.0);
    v.zoom_at(100.0, 400.0, 300.0);
    assert_eq!(v.scale, MAX_ZOOM);
    v.zoom_at(1e-6, 400.0, 300.0);
    assert_eq!(v.scale, MIN_ZOOM);
    assert!(v.is_identity());
    for bad in [f64::NAN, f64::INFINITY, 0.0, -2.0] {
        v.zoom_at(bad, 10.0, 10.0);
        assert!(v.is_identity(), "{bad}");
    }
}

#[test]
fn zooming_keeps_the_point_under_the_pointer_still() {
    let mut v = ViewTransform::new(800.0, 600.0);
    v.zoom_at(2.0, 200.0, 150.0);
    let m = (200.0, 150.0); // the map point that was under the pointer at zoom 1
    assert_eq!(v.apply(m.0, m.1), (200.0, 150.0));
    v.zoom_at(1.5, 500.0, 400.0);
    let back = v.invert(500.0, 400.0);
    let again = v.apply(back.0, back.1);
    assert!((again.0 - 500.0).abs() < 1e-9 && (again.1 - 400.0).abs() < 1e-9);
    assert_eq!(v.scale, 3.0);
}

#[test]
fn panning_cannot_take_the_map_out_of_the_viewport() {
    let mut v = ViewTransform::new(800.0, 600.0);
    v.pan(100.0, -50.0);
    assert!(v.is_identity(), "nothing to pan at zoom 1");
    v.zoom_at(2.0, 0.0, 0.0);
    v.pan(-10_000.0, -10_000.0);
    assert_eq!((v.tx, v.ty), (-800.0, -600.0));
    v.pan(10_000.0, 10_000.0);
    assert_eq!((v.tx, v.ty), (0.0, 0.0));
    v.pan(f64::NAN, -20.0);
    assert_eq!((v.tx, v.ty), (0.0, -20.0));
    v.set_viewport(400.0, 10.0);
    assert_eq!((v.tx, v.ty), (0.0, -10.0));
}

#[test]
fn reset_and_svg_transform_and_marker_scale() {
    let mut v = ViewTransform::new(800.0, 600.0);
    assert_eq!(v.to_svg_transform(), "translate(0 0) scale(1)");
    v.zoom_at(2.5, 100.0, 100.0);
    assert_eq!(v.to_svg_transform(), "translate(-150 -150) scale(2.5)");
    assert_eq!(marker_scale_at(v.scale), 0.4);
    v.zoom_at(4.0 / 3.0, 100.0, 100.0);
    assert_eq!(
        v.to_svg_transform(),
        "translate(-233.333 -233.333) scale(3.333)"
    );
    v.reset();
    assert!(v.is_identity());
    assert_eq!(marker_scale_at(v.scale), 1.0);
}

#[test]
fn focusing_a_region_zooms_onto_its_box() {
    let mut v = ViewTransform::new(800.0, 600.0);
    v.focus(&Rect::new(100.0, 100.0, 100.0, 50.0), 0.0);
    assert_eq!(v.scale, 8.0);
    assert_eq!(v.apply(150.0, 125.0), (400.0, 300.0));
    v.focus(&Rect::new(0.0, 0.0, 0.0, 0.0), 0.0);
    assert_eq!(v.scale, MAX_ZOOM);
}

// ---------- markers ----------

fn check_spread(what: &str, points: &[(f64, f64)], d: f64) -> Vec<(f64, f64)> {
    let offsets = spread_markers(points, d);
    assert_eq!(offsets.len(), points.len(), "{what}");
    let placed: Vec<(f64, f64)> = points
        .iter()
        .zip(&offsets)
        .map(|(p, o)| (p.0 + o.0, p.1 + o.1))
        .collect();
    for i in 0..placed.len() {
        for j in i + 1..placed.len() {
            let dist =
                ((placed[i].0 - placed[j].0).powi(2) + (placed[i].1 - placed[j].1).powi(2)).sqrt();
            if dist.is_nan() {
                continue; // a non-finite input point
            }
            assert!(
                dist >= d - 1e-9,
                "{what}: markers {i} and {j} are {dist} apart"
            );
        }
    }
    assert_eq!(spread_markers(points, d), offsets, "{what}: deterministic");
    offsets
}

#[test]
fn markers_on_the_same_spot_are_spread_at_least_the_minimum_distance_apart() {
    for k in [2, 3, 7, 8, 10, 50, 300] {
        let caen = vec![(400.0, 200.0); k];
        let offsets = check_spread(&format!("{k} at Caen"), &caen, 6.0);
        let radius = offsets.iter().map(|o| o.0.hypot(o.1)).fold(0.0, f64::max);
        // Compact: about the area of k disks of diameter d.
        assert!(
            radius <= 6.0 * (k as f64).sqrt() + 6.0,
            "{k}: radius {radius}"
        );
    }
    let mut mixed = vec![(100.0, 100.0); 10];
    mixed.extend([
        (103.0, 100.0),
        (300.0, 300.0),
        (300.0, 305.9),
        (120.0, 100.0),
        (f64::NAN, 4.0),
    ]);
    let offsets = check_spread("towns close together", &mixed, 6.0);
    assert_eq!(offsets[14], (0.0, 0.0), "a non-finite point stays put");
}

#[test]
fn a_lone_marker_is_not_moved_and_spreading_is_order_stable() {
    let offsets = check_spread("two apart", &[(0.0, 0.0), (10.0, 0.0)], 6.0);
    assert_eq!(offsets, vec![(0.0, 0.0), (0.0, 0.0)]);
    let base = vec![(50.0, 50.0); 5];
    let first = spread_markers(&base, 6.0);
    let mut more = base.clone();
    more.extend([(500.0, 500.0), (500.0, 500.0)]);
    assert_eq!(
        &spread_markers(&more, 6.0)[..5],
        &first[..],
        "far away markers change nothing here"
    );
    assert_eq!(spread_markers(&base, 0.0), vec![(0.0, 0.0); 5]);
    assert_eq!(spread_markers(&base, f64::NAN), vec![(0.0, 0.0); 5]);
}

#[test]
fn two_thousand_clustered_markers_end_up_apart() {
    // Deterministic pseudo-random towns, several places per town.
    let mut seed = 12345u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let towns: Vec<(f64, f64)> = (0..300).map(|_| (next() * 800.0, next() * 600.0)).collect();
    let points: Vec<(f64, f64)> = (0..2000).map(|i| towns[(i * 7919) % towns.len()]).collect();
    let offsets = spread_markers(&points, 4.0);
    let placed: Vec<(f64, f64)> = points
        .iter()
        .zip(&offsets)
        .map(|(p, o)| (p.0 + o.0, p.1 + o.1))
        .collect();
    let mut sorted = placed.clone();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    for i in 0..sorted.len() {
        for j in i + 1..sorted.len() {
            if sorted[j].0 - sorted[i].0 >= 4.0 {
                break;
            }
            let dist =
                ((sorted[i].0 - sorted[j].0).powi(2) + (sorted[i].1 - sorted[j].1).powi(2)).sqrt();
            assert!(dist >= 4.0 - 1e-9, "{:?} and {:?}", sorted[i], sorted[j]);
        }
    }
}

// ---------- test helpers: containment and shared borders ----------

#[test]
fn point_in_region_respects_holes_and_islands() {
    let r = region(
        "r",
        vec![
            vec![rect_ring(0.0, 0.0, 3.0, 3.0), rect_ring(1.0, 1.0, 2.0, 2.0)],
            vec![rect_ring(5.0, 5.0, 6.0, 6.0)],
        ],
    );
    for (p, inside) in [
        ([0.5, 0.5], true),
        ([1.5, 1.5], false),
        ([5.5, 5.5], true),
        ([4.0, 4.0], false),
        ([f64::NAN, 1.0], false),
    ] {
        assert_eq!(point_in_region(&r, p), inside, "{p:?}");
    }
}

#[test]
fn shared_borders_that_coincide_pass_and_ones_digitised_differently_are_reported() {
    let regions = squaria();
    let (west, east, north) = (&regions[0], &regions[1], &regions[2]);
    let report = shared_border_mismatch(west, east, 1e-6);
    assert!(report.is_consistent() && report.shared == 2, "{report:?}");
    // North's southern edge runs 0→2 without a vertex at 1, where west and east meet.
    let report = shared_border_mismatch(west, north, 1e-6);
    assert_eq!(
        (report.shared, report.mismatched),
        (1, vec![[1.0, 41.0]]),
        "the T-junction has no vertex on north's edge"
    );
    let report = shared_border_mismatch(east, north, 1e-6);
    assert_eq!((report.shared, report.mismatched), (1, vec![[1.0, 41.0]]));
    let report = shared_border_mismatch(north, west, 1e-6);
    assert!(
        report.is_consistent() && report.shared == 1,
        "north's corner is west's corner: {report:?}"
    );
    assert_eq!(
        shared_border_mismatch(west, &regions[3], 0.01),
        BorderReport::default(),
        "no contact"
    );
    // Snapping within the tolerance counts as shared.
    let nudged = region("nudged", vec![vec![rect_ring(1.00001, 40.0, 2.0, 41.0)]]);
    assert!(shared_border_mismatch(&nudged, west, 1e-4).is_consistent());
    assert_eq!(
        shared_border_mismatch(&nudged, west, 1e-6),
        BorderReport::default()
    );
}

// ---------- never panic ----------

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -200.0..200.0f64,
        1 => any::<f64>(),
        1 => Just(f64::NAN),
        1 => prop_oneof![Just(90.0), Just(-90.0), Just(180.0), Just(f64::INFINITY)],
    ]
}

fn ring() -> impl Strategy<Value = Vec<LonLat>> {
    prop::collection::vec([coordinate(), coordinate()], 0..8)
}

fn geometry() -> impl Strategy<Value = Geometry> {
    prop::collection::vec(prop::collection::vec(ring(), 0..3), 0..3)
        .prop_map(|coordinates| Geometry::MultiPolygon { coordinates })
}

fn viewport_size() -> impl Strategy<Value = f64> {
    prop_oneof![4 => 0.0..3000.0f64, 1 => any::<f64>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_geometry_and_viewports_never_panic_or_produce_nan(
        geometries in prop::collection::vec(geometry(), 1..5),
        parallels in [coordinate(), coordinate()],
        origin in [coordinate(), coordinate()],
        width in viewport_size(),
        height in viewport_size(),
        placement in prop_oneof![Just(InsetPlacement::Left), Just(InsetPlacement::Right), Just(InsetPlacement::Bottom)],
        with_inset in any::<bool>(),
        probe in [coordinate(), coordinate()],
    ) {
        let regions: Vec<Region> =
            geometries.into_iter().enumerate().map(|(i, g)| Region { geometry: g, ..region(&format!("r{i}"), vec![]) }).collect();
        let insets: &[&str] = if with_inset { &["r0"] } else { &[] };
        for projection in [conic(parallels, origin), Projection::Equirectangular { origin }] {
            let s = settings(projection, insets, placement);
            if let Ok(map) = build_map(&regions, &s, width, height) {
                for f in &map.layout.frames {
                    prop_assert!(frame_is_finite(f));
                }
                for r in &map.regions {
                    prop_assert!(!r.path.contains('N') && !r.path.contains('i'));
                    if let Some((x, y)) = r.label_anchor() {
                        prop_assert!(x.is_finite() && y.is_finite());
                    }
                }
                let _ = map.hit_test(probe[0], probe[1]);
                let _ = map.project_in_region("r0", probe);
            }
        }
        for r in &regions {
            let _ = point_in_region(r, probe);
            let _ = shared_border_mismatch(r, &regions[0], probe[0]);
        }
    }

    #[test]
    fn any_projection_parameters_either_fail_cleanly_or_project_finitely(
        parallels in [coordinate(), coordinate()],
        origin in [coordinate(), coordinate()],
        points in prop::collection::vec([coordinate(), coordinate()], 0..20),
    ) {
        for projection in [conic(parallels, origin), Projection::Equirectangular { origin }] {
            match Projector::new(&projection) {
                Ok(p) => for q in &points {
                    if let Some([x, y]) = p.project(*q) {
                        prop_assert!(x.is_finite() && y.is_finite());
                    }
                },
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn zoom_and_pan_keep_their_invariants_under_any_input(
        w in viewport_size(), h in viewport_size(),
        ops in prop::collection::vec((0u8..4, coordinate(), coordinate(), coordinate()), 0..20),
    ) {
        let mut v = ViewTransform::new(w, h);
        for (op, a, b, c) in ops {
            match op {
                0 => v.zoom_at(a, b, c),
                1 => v.pan(a, b),
                2 => v.focus(&Rect::new(a, b, c, a), c),
                _ => v.set_viewport(a, b),
            }
            prop_assert!((MIN_ZOOM..=MAX_ZOOM).contains(&v.scale));
            prop_assert!(v.tx.is_finite() && v.ty.is_finite() && v.tx <= 0.0 && v.ty <= 0.0);
            let (vw, vh) = v.viewport();
            prop_assert!(v.tx >= vw * (1.0 - v.scale) - 1e-6 && v.ty >= vh * (1.0 - v.scale) - 1e-6);
            prop_assert!(!v.to_svg_transform().contains("NaN"));
        }
    }

    #[test]
    fn spreading_any_markers_keeps_them_apart(
        points in prop::collection::vec((0.0..50.0f64, 0.0..50.0f64), 0..60),
        d in 0.5..8.0f64,
    ) {
        // Snap to a coarse grid so many points coincide, as places in one town do.
        let points: Vec<(f64, f64)> = points.into_iter().map(|(x, y)| ((x / 5.0).round() * 5.0, (y / 5.0).round() * 5.0)).collect();
        let offsets = spread_markers(&points, d);
        prop_assert_eq!(offsets.len(), points.len());
        let placed: Vec<(f64, f64)> = points.iter().zip(&offsets).map(|(p, o)| (p.0 + o.0, p.1 + o.1)).collect();
        for i in 0..placed.len() {
            for j in i + 1..placed.len() {
                let dist = ((placed[i].0 - placed[j].0).powi(2) + (placed[i].1 - placed[j].1).powi(2)).sqrt();
                prop_assert!(dist >= d - 1e-9);
            }
        }
    }
}

/// The phone layout: a portrait frame whose mainland has the whole width and whose insets sit
/// in a row under it, for the sample's five overseas regions.
#[test]
fn a_narrow_frame_puts_the_insets_in_a_row_under_the_mainland() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/atlas.json");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let dataset = atlas_core::validate::load(&bytes).unwrap_or_else(|p| panic!("{p:?}"));

    let (wide_h, wide) = frame_for_width(800.0);
    assert!(
        (wide_h - 624.0).abs() < 1e-9,
        "landscape above the phone width"
    );
    assert_eq!(wide.placement, None, "the dataset's own placement");

    let width = 336.0;
    let (h, options) = frame_for_width(width);
    assert!((h - width * NARROW_HEIGHT_RATIO).abs() < 1e-9);
    let map = build_map_with(dataset.regions(), &dataset.raw().map, width, h, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let main = map
        .layout
        .main()
        .map(|f| f.rect)
        .unwrap_or_else(|| panic!("no main frame"));
    let insets: Vec<Rect> = map.layout.insets().map(|f| f.rect).collect();
    assert_eq!(insets.len(), 5);
    assert!(
        main.width > width * 0.9,
        "the mainland spans the width: {main:?}"
    );
    let top = insets[0].y;
    for r in &insets {
        assert!(
            r.y >= main.bottom() - 1e-6,
            "inset {r:?} under the mainland {main:?}"
        );
        assert!((r.y - top).abs() < 1e-6, "one row");
        assert!(r.right() <= width + 1e-6, "inside the frame");
    }
    // At the threshold the landscape layout comes back.
    assert_eq!(frame_for_width(NARROW_WIDTH).1.placement, None);
}

/// The stylesheet reserves the phone's map box with the same threshold and ratio, or a baked map
/// and the live one would take different heights.
#[test]
fn the_stylesheet_reserves_the_phone_map_box() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../style/main.css"))
        .unwrap_or_default();
    let query = format!("@container (width < {NARROW_WIDTH}px)");
    let ratio = format!("aspect-ratio: 1 / {NARROW_HEIGHT_RATIO}");
    let rule = css
        .lines()
        .find(|l| l.contains(&query))
        .unwrap_or_else(|| panic!("no `{query}` rule in style/main.css"));
    assert!(rule.contains(&ratio), "{rule} should hold `{ratio}`");
}

#[test]
fn the_marker_layer_is_one_escaped_focusable_group_per_place() {
    use atlas_core::charts::{marker_layer_svg, MarkerMark};
    let marks = [
        MarkerMark {
            place_index: 7,
            x: 10.04,
            y: -3.26,
            category: Category::Cluster,
            place_id: "medicen",
            label: "Medicen (cluster)",
        },
        MarkerMark {
            place_index: 12,
            x: 0.0,
            y: 5.0,
            category: Category::Campus,
            place_id: "x\"><script>",
            label: "A & B <i>\"quoted\"</i> 'n'",
        },
    ];
    let svg = marker_layer_svg(marks.clone(), 5.5);
    assert_eq!(svg.matches("<g class=\"marker-group\"").count(), 2);
    assert_eq!(svg.matches("role=\"button\" tabindex=\"0\"").count(), 2);
    assert!(svg.contains(
        r#"<g class="marker-group" role="button" tabindex="0" data-category="cluster" data-place="medicen" data-index="7" aria-label="Medicen (cluster)"><circle class="marker marker--cluster" cx="10.04" cy="-3.26" r="5.5"></circle></g>"#
    ), "{svg}");
    // No transform per marker: the layer alone is moved, so a pan repaints no marker.
    assert!(!svg.contains("transform"), "{svg}");
    // Hostile ids and names stay inside their attribute values.
    assert!(!svg.contains("<script") && !svg.contains("<i>"), "{svg}");
    assert!(
        svg.contains(r#"data-place="x&quot;&gt;&lt;script&gt;""#),
        "{svg}"
    );
    assert!(
        svg.contains(r#"aria-label="A &amp; B &lt;i&gt;&quot;quoted&quot;&lt;/i&gt; &#39;n&#39;""#),
        "{svg}"
    );
    assert!(svg.contains(r#"<rect class="marker marker--campus" x="-5.5" y="-0.5" width="11" height="11"></rect>"#), "{svg}");
    // Every category's symbol is drawn with its class, centred on the marker's spot.
    for category in Category::ALL {
        let one = marker_layer_svg(
            [MarkerMark {
                category,
                ..marks[0].clone()
            }],
            5.5,
        );
        assert!(
            one.contains(&format!(r#"class="marker marker--{}""#, category.slug())),
            "{one}"
        );
        assert!(one.ends_with("></g>"), "{one}");
    }
    assert_eq!(marker_layer_svg([], 5.5), "");
}

/// Each polygon symbol is drawn around the marker's spot: its corners are the symbol's own,
/// moved by the spot, and its size follows the radius the layer asks for (the zoom's).
#[test]
fn marker_symbols_are_drawn_around_their_spot_at_the_given_radius() {
    use atlas_core::charts::{marker_layer_svg, MarkerMark};
    use atlas_core::geo::symbols::star_path;
    let corners = |d: &str| -> Vec<(f64, f64)> {
        let numbers: Vec<f64> = d
            .split(|c: char| c == 'M' || c == 'L' || c == 'Z' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap_or(f64::NAN))
            .collect();
        numbers.chunks(2).map(|p| (p[0], p[1])).collect()
    };
    let path_of = |svg: &str| -> String {
        let start = svg.find(" d=\"").map(|i| i + 4).unwrap_or(0);
        svg[start..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let star_at = |x: f64, y: f64, radius: f64| {
        marker_layer_svg(
            [MarkerMark {
                place_index: 0,
                x,
                y,
                category: Category::Startup,
                place_id: "p",
                label: "P",
            }],
            radius,
        )
    };
    let at_origin = corners(&star_path(5.5 * 1.35));
    let moved = corners(&path_of(&star_at(100.0, 50.0, 5.5)));
    assert_eq!(moved.len(), at_origin.len());
    for ((x0, y0), (x1, y1)) in at_origin.iter().zip(&moved) {
        assert!((x1 - x0 - 100.0).abs() < 0.011, "{x0} -> {x1}");
        assert!((y1 - y0 - 50.0).abs() < 0.011, "{y0} -> {y1}");
    }
    // At zoom 2 the layer asks for half the radius: the star is half as wide in map units.
    let width = |c: &[(f64, f64)]| {
        let xs = c.iter().map(|p| p.0);
        xs.clone().fold(f64::MIN, f64::max) - xs.fold(f64::MAX, f64::min)
    };
    let half = corners(&path_of(&star_at(100.0, 50.0, 2.75)));
    assert!((width(&half) * 2.0 - width(&moved)).abs() < 0.05);
    // Circles and squares too: a circle's centre is the spot, a square is centred on it.
    let circle = marker_layer_svg(
        [MarkerMark {
            place_index: 0,
            x: -0.004,
            y: 1.0 / 3.0,
            category: Category::Laboratory,
            place_id: "p",
            label: "P",
        }],
        5.0,
    );
    assert!(circle.contains(r#"cx="0" cy="0.33" r="4""#), "{circle}");
}
