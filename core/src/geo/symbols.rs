//! Marker symbols: one shape per place category, so that colour is never the only cue.
//!
//! Shapes are centred on (0, 0) in pixels; the view places them with a `translate`.

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
    /// SVG path data.
    Path(String),
}

/// The symbol of `category` for a marker of nominal radius `r`.
pub fn symbol(category: Category, r: f64) -> Symbol {
    match category {
        Category::Cluster => Symbol::Circle { r },
        Category::Campus => Symbol::Square { half: r },
        Category::Incubator => Symbol::Path(format!(
            "M0 {} L{} {} L{} {} Z",
            -r * 1.2,
            r * 1.1,
            r * 0.9,
            -r * 1.1,
            r * 0.9
        )),
        Category::Company => Symbol::Path(format!(
            "M0 {} L{} 0 L0 {} L{} 0 Z",
            -r * 1.3,
            r * 1.3,
            r * 1.3,
            -r * 1.3
        )),
        Category::Startup => Symbol::Path(star_path(r * 1.35)),
        Category::Agency => Symbol::Path(format!(
            "M{} {} L{} {} L0 {} Z",
            -r * 1.1,
            -r * 0.9,
            r * 1.1,
            -r * 0.9,
            r * 1.2
        )),
        Category::Association => Symbol::Path(hexagon_path(r * 1.15)),
        Category::Hospital => Symbol::Path(plus_path(r * 1.2)),
        Category::Laboratory => Symbol::Circle { r: r * 0.8 },
    }
}

/// A five-pointed star of outer radius `r` (inner radius 0.45 r), first point up.
pub fn star_path(r: f64) -> String {
    let points = (0..10).map(|k| {
        let radius = if k % 2 == 0 { r } else { r * 0.45 };
        let a = std::f64::consts::PI * f64::from(k) / 5.0 - std::f64::consts::FRAC_PI_2;
        (radius * a.cos(), radius * a.sin())
    });
    polygon(points)
}

/// A regular hexagon of radius `r`, flat top and bottom.
pub fn hexagon_path(r: f64) -> String {
    let points = (0..6).map(|k| {
        let a = std::f64::consts::PI * f64::from(k) / 3.0;
        (r * a.cos(), r * a.sin())
    });
    polygon(points)
}

/// A plus (Greek cross) reaching `r` on each axis, arms 0.76 r wide.
pub fn plus_path(r: f64) -> String {
    let a = r * 0.38;
    polygon([
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
    ])
}

/// "M x y L x y … Z" with two decimals.
fn polygon(points: impl IntoIterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (k, (x, y)) in points.into_iter().enumerate() {
        let command = if k == 0 { 'M' } else { 'L' };
        d.push_str(&format!("{command}{x:.2} {y:.2} "));
    }
    d.push('Z');
    d
}

impl Symbol {
    /// The shape as SVG markup with `class` (attribute-safe: the caller's class is escaped).
    pub fn to_svg(&self, class: &str) -> String {
        let class = crate::pages::escape_html(class);
        match self {
            Symbol::Circle { r } => format!(r#"<circle class="{class}" r="{r}"></circle>"#),
            Symbol::Square { half } => format!(
                r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"></rect>"#,
                -half,
                -half,
                2.0 * half,
                2.0 * half
            ),
            Symbol::Path(d) => format!(
                r#"<path class="{class}" d="{}"></path>"#,
                crate::pages::escape_html(d)
            ),
        }
    }
}
