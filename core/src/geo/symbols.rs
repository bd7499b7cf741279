//! Marker symbols: one shape per place category, so that colour is never the only cue.
//!
//! Shapes are centred on (0, 0) in pixels; a marker draws its shape around its spot in absolute
//! coordinates ([`Symbol::to_svg_at`]).

use crate::model::Category;

/// A marker's shape, ready to become an SVG `<circle>`, `<rect>` or `<path>`.
#[derive(Debug, Clone, PartialEq)]
pub enum Symbol {
    Circle {
        r: f64,
    },
    /// A square of side `2 × half`, centred.
    Square {
        half: f64,
    },
    /// A closed polygon's corners, relative to the marker's spot.
    Polygon(Vec<(f64, f64)>),
}

/// The symbol of `category` for a marker of nominal radius `r`.
pub fn symbol(category: Category, r: f64) -> Symbol {
    match category {
        Category::Cluster => Symbol::Circle { r },
        Category::Campus => Symbol::Square { half: r },
        Category::Incubator => Symbol::Polygon(vec![
            (0.0, -r * 1.2),
            (r * 1.1, r * 0.9),
            (-r * 1.1, r * 0.9),
        ]),
        Category::Company => Symbol::Polygon(vec![
            (0.0, -r * 1.3),
            (r * 1.3, 0.0),
            (0.0, r * 1.3),
            (-r * 1.3, 0.0),
        ]),
        Category::Startup => Symbol::Polygon(star_points(r * 1.35)),
        Category::Agency => Symbol::Polygon(vec![
            (-r * 1.1, -r * 0.9),
            (r * 1.1, -r * 0.9),
            (0.0, r * 1.2),
        ]),
        Category::Association => Symbol::Polygon(hexagon_points(r * 1.15)),
        Category::Hospital => Symbol::Polygon(plus_points(r * 1.2)),
        Category::Laboratory => Symbol::Circle { r: r * 0.8 },
    }
}

/// A five-pointed star of outer radius `r` (inner radius 0.45 r), first point up.
pub fn star_path(r: f64) -> String {
    polygon(&star_points(r), (0.0, 0.0))
}

fn star_points(r: f64) -> Vec<(f64, f64)> {
    (0..10)
        .map(|k| {
            let radius = if k % 2 == 0 { r } else { r * 0.45 };
            let a = std::f64::consts::PI * f64::from(k) / 5.0 - std::f64::consts::FRAC_PI_2;
            (radius * a.cos(), radius * a.sin())
        })
        .collect()
}

/// A regular hexagon of radius `r`, flat top and bottom.
pub fn hexagon_path(r: f64) -> String {
    polygon(&hexagon_points(r), (0.0, 0.0))
}

fn hexagon_points(r: f64) -> Vec<(f64, f64)> {
    (0..6)
        .map(|k| {
            let a = std::f64::consts::PI * f64::from(k) / 3.0;
            (r * a.cos(), r * a.sin())
        })
        .collect()
}

/// A plus (Greek cross) reaching `r` on each axis, arms 0.76 r wide.
pub fn plus_path(r: f64) -> String {
    polygon(&plus_points(r), (0.0, 0.0))
}

fn plus_points(r: f64) -> Vec<(f64, f64)> {
    let a = r * 0.38;
    vec![
        (-a, -r),
        (a, -r),
        (a, -a),
        (r, -a),
        (r, a),
        (a, a),
        (a, r),
        (-a, r),
        (-a, a),
        (-r, a),
        (-r, -a),
        (-a, -a),
    ]
}

/// "M x y L x y … Z", each corner moved by `at`, with at most two decimals.
fn polygon(points: &[(f64, f64)], at: (f64, f64)) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    push_polygon(&mut d, points, at);
    d
}

fn push_polygon(out: &mut String, points: &[(f64, f64)], at: (f64, f64)) {
    for (k, (x, y)) in points.iter().enumerate() {
        out.push(if k == 0 { 'M' } else { 'L' });
        push_num(out, at.0 + x);
        out.push(' ');
        push_num(out, at.1 + y);
        out.push(' ');
    }
    out.push('Z');
}

/// `x` rounded to two decimals, without trailing zeros ("5.5", "-3.26", "11").
fn push_num(out: &mut String, x: f64) {
    use std::fmt::Write;
    // Adding 0 turns -0 into 0.
    let rounded = if x.is_finite() {
        (x * 100.0).round() / 100.0 + 0.0
    } else {
        0.0
    };
    let _ = write!(out, "{rounded}");
}

fn push_attr(out: &mut String, name: &str, value: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_num(out, value);
    out.push('"');
}

impl Symbol {
    /// SVG path data of a polygon centred on (0, 0) (a legend's own small drawing).
    pub fn path_data(&self) -> Option<String> {
        match self {
            Symbol::Polygon(points) => Some(polygon(points, (0.0, 0.0))),
            _ => None,
        }
    }

    /// Appends the shape centred on (`x`, `y`) to `out` as SVG markup with `class` (escaped),
    /// in absolute coordinates: no `transform` per marker, so that thousands of them paint as
    /// one layer (a transform each made every pan frame repaint and re-layer every marker).
    pub fn push_svg_at(&self, out: &mut String, class: &str, (x, y): (f64, f64)) {
        let class = crate::pages::escape_html(class);
        let tag = match self {
            Symbol::Circle { .. } => "circle",
            Symbol::Square { .. } => "rect",
            Symbol::Polygon(_) => "path",
        };
        out.push('<');
        out.push_str(tag);
        out.push_str(" class=\"");
        out.push_str(&class);
        out.push('"');
        match self {
            Symbol::Circle { r } => {
                push_attr(out, "cx", x);
                push_attr(out, "cy", y);
                push_attr(out, "r", *r);
            }
            Symbol::Square { half } => {
                push_attr(out, "x", x - half);
                push_attr(out, "y", y - half);
                push_attr(out, "width", 2.0 * half);
                push_attr(out, "height", 2.0 * half);
            }
            Symbol::Polygon(points) => {
                out.push_str(" d=\"");
                push_polygon(out, points, (x, y));
                out.push('"');
            }
        }
        out.push_str("></");
        out.push_str(tag);
        out.push('>');
    }
}
