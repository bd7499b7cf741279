//! Charts on fixture data: bars, labels, ticks, legends, escaping, table twins, CSV and file names.

use atlas_core::charts::bars::{self, BarSpec};
use atlas_core::charts::ranked::{self, RankedSpec};
use atlas_core::charts::shares::{self, ShareStyle, SharesSpec};
use atlas_core::charts::stacked::{self, StackedBar, StackedSpec};
use atlas_core::charts::{
    csv, file_name, Cell, Chart, ChartError, ChartTheme, Datum, Formats, Labels, Rgb, Size, Table,
};
use atlas_core::model::{Amount, Qualifier};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// A tiny strict XML reader: enough to prove the SVG is well-formed and to inspect its elements.

#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or("unterminated entity")? + i;
        let name = &rest[i + 1..end];
        match name {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ if name.starts_with("#x") => {
                let n = u32::from_str_radix(&name[2..], 16)
                    .map_err(|_| format!("bad entity &{name};"))?;
                out.push(char::from_u32(n).ok_or("bad code point")?);
            }
            _ if name.starts_with('#') => {
                let n: u32 = name[1..]
                    .parse()
                    .map_err(|_| format!("bad entity &{name};"))?;
                out.push(char::from_u32(n).ok_or("bad code point")?);
            }
            _ => return Err(format!("unknown entity &{name};")),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Elements in document order, or why the document is not well-formed XML.
fn parse_xml(doc: &str) -> Result<Vec<Element>, String> {
    if let Some(c) = doc.chars().find(|c| !is_xml_char(*c)) {
        return Err(format!("invalid XML character U+{:04X}", c as u32));
    }
    let mut elements: Vec<Element> = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut roots = 0;
    let mut rest = doc;
    loop {
        let Some(lt) = rest.find('<') else {
            if !rest.trim().is_empty() {
                if stack.is_empty() {
                    return Err("text after the root element".into());
                }
                return Err("unclosed elements".into());
            }
            break;
        };
        let text = &rest[..lt];
        if text.contains("]]>") {
            return Err("]]> in text".into());
        }
        let text = unescape(text)?;
        match stack.last() {
            Some((_, idx)) => elements[*idx].text.push_str(&text),
            None if !text.trim().is_empty() => return Err("text outside the root".into()),
            None => {}
        }
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            let gt = after.find('>').ok_or("unterminated end tag")?;
            let name = after[..gt].trim();
            match stack.pop() {
                Some((open, _)) if open == name => {}
                other => return Err(format!("end tag </{name}> does not match {other:?}")),
            }
            rest = &after[gt + 1..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .ok_or("unterminated tag")?;
        let name = &rest[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '_')
        {
            return Err(format!("bad element name {name:?}"));
        }
        rest = &rest[name_end..];
        let mut attrs: Vec<(String, String)> = Vec::new();
        let self_closing;
        loop {
            rest = rest.trim_start();
            if let Some(r) = rest.strip_prefix("/>") {
                rest = r;
                self_closing = true;
                break;
            }
            if let Some(r) = rest.strip_prefix('>') {
                rest = r;
                self_closing = false;
                break;
            }
            let eq = rest.find('=').ok_or("attribute without value")?;
            let key = rest[..eq].trim();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '_')
            {
                return Err(format!("bad attribute name {key:?}"));
            }
            if attrs.iter().any(|(k, _)| k == key) {
                return Err(format!("duplicate attribute {key}"));
            }
            rest = rest[eq + 1..].trim_start();
            let quote = rest.chars().next().ok_or("missing attribute value")?;
            if quote != '"' && quote != '\'' {
                return Err("unquoted attribute value".into());
            }
            let close = rest[1..]
                .find(quote)
                .ok_or("unterminated attribute value")?
                + 1;
            let raw = &rest[1..close];
            if raw.contains('<') {
                return Err("< in attribute value".into());
            }
            attrs.push((key.to_owned(), unescape(raw)?));
            rest = &rest[close + 1..];
        }
        if stack.is_empty() {
            roots += 1;
            if roots > 1 {
                return Err("more than one root element".into());
            }
        }
        elements.push(Element {
            name: name.to_owned(),
            attrs,
            text: String::new(),
        });
        if !self_closing {
            stack.push((name.to_owned(), elements.len() - 1));
        }
    }
    if !stack.is_empty() {
        return Err("unclosed elements".into());
    }
    if roots != 1 {
        return Err("no root element".into());
    }
    Ok(elements)
}

// ---------------------------------------------------------------------------------------------
// Checks shared by every test.

/// Well-formed, safe, responsive, accessible: what every chart SVG must be.
fn check_svg(svg: &str) -> Vec<Element> {
    let elements = parse_xml(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
    let root = &elements[0];
    assert_eq!(root.name, "svg");
    assert!(
        root.attr("viewBox").is_some_and(|v| v.starts_with("0 0 ")),
        "viewBox"
    );
    assert_eq!(root.attr("width"), Some("100%"));
    assert_eq!(root.attr("height"), None, "no fixed height");
    assert_eq!(root.attr("role"), Some("img"));
    assert!(root.attr("aria-label").is_some());
    let allowed = [
        "svg", "rect", "text", "polyline", "polygon", "line", "circle",
    ];
    for e in &elements {
        assert!(
            allowed.contains(&e.name.as_str()),
            "unexpected element <{}>",
            e.name
        );
        for (k, _) in &e.attrs {
            assert!(
                !k.to_ascii_lowercase().starts_with("on"),
                "event attribute {k}"
            );
            assert_ne!(k, "style", "style attributes break a strict CSP");
            assert!(!k.contains("href"), "no links: {k}");
        }
    }
    let lower = svg.to_ascii_lowercase();
    assert!(!lower.contains("<script"));
    assert!(!lower.contains("<foreignobject"));
    elements
}

fn texts(elements: &[Element]) -> Vec<String> {
    elements
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.trim().to_owned())
        .collect()
}

fn rects_filled(elements: &[Element], color: Rgb) -> usize {
    let hex = color.hex();
    elements
        .iter()
        .filter(|e| e.name == "rect" && e.attr("fill") == Some(hex.as_str()))
        .count()
}

fn has_text(elements: &[Element], wanted: &str) -> bool {
    texts(elements).iter().any(|t| t == wanted)
}

fn check_texts(chart: &Chart, wanted: &[&str]) {
    let elements = check_svg(&chart.svg);
    for w in wanted {
        assert!(
            has_text(&elements, w),
            "missing text {w:?} in {:?}",
            texts(&elements)
        );
    }
}

/// French money: 2 300 000 → "2,3 M€", 245 000 → "245 k€".
fn fr_money(v: f64) -> String {
    fn dec(x: f64) -> String {
        let s = format!("{x:.1}");
        let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
        s.replace('.', ",")
    }
    if v.abs() >= 1e6 {
        format!("{} M€", dec(v / 1e6))
    } else if v.abs() >= 1e3 {
        format!("{} k€", dec(v / 1e3))
    } else {
        format!("{} €", dec(v))
    }
}

fn fr_percent(v: f64) -> String {
    format!("{} %", format!("{v:.0}").replace('.', ","))
}

fn count(v: f64) -> String {
    format!("{v}")
}

fn labels(title: &str, category: &str, value: &str) -> Labels {
    Labels {
        title: title.into(),
        summary: format!("{title}: summary"),
        category: category.into(),
        value: value.into(),
        no_data: "non disponible".into(),
    }
}

fn budget_spec(f: &dyn Fn(f64) -> String) -> BarSpec<'_> {
    BarSpec {
        labels: labels("Budget de Medicen", "Année", "Budget (€)"),
        data: vec![
            Datum::new("2015", 1_900_000.0),
            Datum::new("2016", 2_300_000.0),
        ],
        formats: Formats::same(f),
    }
}

fn programme_spec(f: &dyn Fn(f64) -> String) -> RankedSpec<'_> {
    RankedSpec {
        labels: labels("Projets par type de programme", "Programme", "Projets"),
        data: vec![
            Datum::new("PSPC", 1.0),
            Datum::new("CIN", 2.0),
            Datum::new("RHU", 6.0),
            Datum::new("ERDF", 2.0),
            Datum::new("ANR", 4.0),
            Datum::new("FUI", 2.0),
        ],
        formats: Formats::same(f),
    }
}

fn projects_spec(f: &dyn Fn(f64) -> String) -> StackedSpec<'_> {
    StackedSpec {
        labels: labels("Projets collaboratifs", "Année", "Montant (€)"),
        series: vec!["public".into(), "other".into()],
        bars: vec![
            StackedBar {
                label: "2015".into(),
                parts: vec![Some(40e6)],
                ..Default::default()
            },
            StackedBar {
                label: "2016".into(),
                parts: vec![Some(58e6), Some(112e6)],
                ..Default::default()
            },
        ],
        total_label: Some("total".into()),
        formats: Formats::same(f),
    }
}

fn members_spec(f: &dyn Fn(f64) -> String, style: ShareStyle) -> SharesSpec<'_> {
    SharesSpec {
        labels: labels(
            "Nouveaux adhérents par secteur",
            "Secteur",
            "Part des adhérents",
        ),
        parts: vec![
            Datum::new("PME", 55.0),
            Datum::new("Académiques", 25.0),
            Datum::new("Grands groupes", 8.0),
        ],
        unspecified: "non précisé".into(),
        style,
        formats: Formats::same(f),
    }
}

fn light() -> ChartTheme {
    ChartTheme::light()
}

// ---------------------------------------------------------------------------------------------
// Bars

#[test]
fn a_cluster_budget_draws_one_bar_per_year_with_french_value_and_tick_labels() {
    let chart = bars::draw(&budget_spec(&fr_money), Size::default(), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    assert_eq!(rects_filled(&elements, light().series[0]), 2);
    assert_eq!(chart.marks.len(), 2);
    check_texts(
        &chart,
        &[
            "1,9 M€",
            "2,3 M€",
            "0 €",
            "1 M€",
            "2,5 M€",
            "2015",
            "2016",
            "Année",
            "Budget (€)",
        ],
    );
    assert!(
        !texts(&elements)
            .iter()
            .any(|t| t.contains("Budget de Medicen")),
        "the title is not drawn"
    );
    assert!(chart
        .svg
        .contains("aria-label=\"Budget de Medicen: summary\""));
    let m = &chart.marks[1];
    assert_eq!(
        (m.category.as_str(), m.value, m.formatted.as_str()),
        ("2016", Some(2_300_000.0), "2,3 M€")
    );
    assert!(
        chart.marks[1].h > chart.marks[0].h,
        "2.3 M€ is taller than 1.9 M€"
    );
}

#[test]
fn regional_and_erdf_support_grows_from_245_to_573_thousand_euros() {
    let spec = BarSpec {
        labels: labels("Soutien Région + FEDER", "Année", "Soutien (€)"),
        data: vec![Datum::new("2015", 245_000.0), Datum::new("2016", 573_000.0)],
        formats: Formats::same(&fr_money),
    };
    let chart = bars::draw(&spec, Size::new(320, 240), &ChartTheme::dark()).unwrap();
    assert_eq!(
        rects_filled(&check_svg(&chart.svg), ChartTheme::dark().series[0]),
        2
    );
    check_texts(&chart, &["245 k€", "573 k€", "600 k€"]);
}

#[test]
fn the_table_twin_of_bars_has_formatted_cells_and_raw_numbers() {
    let chart = bars::draw(&budget_spec(&fr_money), Size::default(), &light()).unwrap();
    assert_eq!(chart.table.caption, "Budget de Medicen");
    assert_eq!(chart.table.headers, vec!["Année", "Budget (€)"]);
    assert_eq!(
        chart.table.rows,
        vec![vec!["2015", "1,9 M€"], vec!["2016", "2,3 M€"]]
    );
    assert_eq!(
        chart.table.raw[1],
        vec![Cell::Text("2016".into()), Cell::Number(2_300_000.0)]
    );
}

#[test]
fn missing_and_non_finite_values_show_no_data_and_are_never_drawn_as_zero() {
    let spec = BarSpec {
        data: vec![
            Datum::new("2014", 1.0e6),
            Datum::missing("2015"),
            Datum::new("2016", f64::NAN),
            Datum::new("2017", f64::INFINITY),
        ],
        ..budget_spec(&fr_money)
    };
    let chart = bars::draw(&spec, Size::default(), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    assert_eq!(rects_filled(&elements, light().series[0]), 1);
    assert_eq!(
        texts(&elements)
            .iter()
            .filter(|t| *t == "non disponible")
            .count(),
        3
    );
    let missing: Vec<_> = chart
        .marks
        .iter()
        .filter(|m| m.value.is_none())
        .map(|m| m.category.as_str())
        .collect();
    assert_eq!(missing, vec!["2015", "2016", "2017"]);
    assert_eq!(chart.table.rows[2], vec!["2016", "non disponible"]);
    assert_eq!(chart.table.raw[3][1], Cell::Missing);
}

#[test]
fn negative_values_are_drawn_below_the_zero_line() {
    let spec = BarSpec {
        labels: labels("Variation", "Année", "Variation (%)"),
        data: vec![Datum::new("2015", 20.0), Datum::new("2016", -10.0)],
        formats: Formats::same(&fr_percent),
    };
    let chart = bars::draw(&spec, Size::default(), &light()).unwrap();
    check_texts(&chart, &["20 %", "-10 %"]);
    let (up, down) = (&chart.marks[0], &chart.marks[1]);
    assert!(
        (up.y + up.h - down.y).abs() <= 1.0,
        "both bars meet at the zero line"
    );
    assert!(down.h > 0.0);
}

// ---------------------------------------------------------------------------------------------
// Stacked bars

#[test]
fn collaborative_projects_stack_public_and_other_money_with_a_legend_and_totals() {
    let chart = stacked::draw(&projects_spec(&fr_money), Size::default(), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    let theme = light();
    // One swatch in the legend per series plus the bar parts: 2015 has public only.
    assert_eq!(rects_filled(&elements, theme.series[0]), 2 + 1);
    assert_eq!(rects_filled(&elements, theme.series[1]), 1 + 1);
    check_texts(&chart, &["public", "other", "58 M€", "112 M€", "170 M€"]);
    assert!(!has_text(&elements, "40 M€") || chart.marks.iter().any(|m| m.formatted == "40 M€"));
    let parts: Vec<_> = chart
        .marks
        .iter()
        .map(|m| (m.category.as_str(), m.series.as_str(), m.value))
        .collect();
    assert_eq!(
        parts,
        vec![
            ("2015", "public", Some(40e6)),
            ("2016", "public", Some(58e6)),
            ("2016", "other", Some(112e6))
        ]
    );
    assert_eq!(
        chart.table.headers,
        vec!["Année", "public", "other", "total"]
    );
    assert_eq!(
        chart.table.rows[0],
        vec!["2015", "40 M€", "non disponible", "non disponible"]
    );
    assert_eq!(
        chart.table.rows[1],
        vec!["2016", "58 M€", "112 M€", "170 M€"]
    );
}

#[test]
fn the_public_share_of_an_amount_splits_into_public_and_other() {
    let amount = Amount {
        year: Some(2016),
        from_year: None,
        total: 170e6,
        public: Some(58e6),
        qualifier: None,
    };
    assert_eq!(stacked::public_and_other(&amount), Some([58e6, 112e6]));
    let inconsistent = Amount {
        public: Some(200e6),
        ..amount.clone()
    };
    assert_eq!(stacked::public_and_other(&inconsistent), None);
    assert_eq!(
        stacked::public_and_other(&Amount {
            public: None,
            ..amount
        }),
        None
    );
}

#[test]
fn stacked_bars_refuse_negative_parts_extra_parts_and_no_series() {
    let f = fr_money;
    let mut spec = projects_spec(&f);
    spec.bars[0].parts = vec![Some(-1.0), Some(2.0)];
    assert!(matches!(
        stacked::draw(&spec, Size::default(), &light()),
        Err(ChartError::NegativePart { .. })
    ));
    spec.bars[0].parts = vec![Some(1.0), Some(2.0), Some(3.0)];
    assert!(matches!(
        stacked::draw(&spec, Size::default(), &light()),
        Err(ChartError::PartCount { found: 3, .. })
    ));
    spec.series.clear();
    assert_eq!(
        stacked::draw(&spec, Size::default(), &light()),
        Err(ChartError::NoSeries)
    );
}

// ---------------------------------------------------------------------------------------------
// Shares

#[test]
fn shares_under_100_percent_leave_a_labelled_unspecified_gap_in_the_bar() {
    let chart = shares::draw(
        &members_spec(&fr_percent, ShareStyle::Bar),
        Size::default(),
        &light(),
    )
    .unwrap();
    let elements = check_svg(&chart.svg);
    let theme = light();
    check_texts(
        &chart,
        &[
            "55 %",
            "25 %",
            "PME (55 %)",
            "Académiques (25 %)",
            "Grands groupes (8 %)",
            "non précisé (12 %)",
            "0 %",
            "100 %",
        ],
    );
    // Bar segment plus legend swatch for each part; the gap uses the neutral colour.
    for c in &theme.series[..3] {
        assert_eq!(rects_filled(&elements, *c), 2);
    }
    assert_eq!(rects_filled(&elements, theme.neutral), 2);
    let gap = chart.marks.last().unwrap();
    assert_eq!(
        (gap.category.as_str(), gap.value),
        ("non précisé", Some(12.0))
    );
    let widths: Vec<f64> = chart.marks.iter().map(|m| m.w).collect();
    assert!(widths[0] > widths[1] && widths[1] > widths[3] && widths[3] > widths[2]);
    assert_eq!(
        chart.table.rows.last().unwrap(),
        &vec!["non précisé".to_owned(), "12 %".to_owned()]
    );
}

#[test]
fn a_donut_draws_one_sector_per_part_and_finds_them_by_angle() {
    let chart = shares::draw(
        &members_spec(&fr_percent, ShareStyle::Donut),
        Size::default(),
        &light(),
    )
    .unwrap();
    let elements = check_svg(&chart.svg);
    assert_eq!(elements.iter().filter(|e| e.name == "polygon").count(), 4);
    check_texts(
        &chart,
        &["55 %", "25 %", "PME (55 %)", "non précisé (12 %)"],
    );
    let first = chart.marks[0].arc.unwrap();
    // Just right of 12 o'clock, halfway through the ring: the first part.
    let r = (first.inner + first.outer) / 2.0;
    let hit = chart
        .mark_at(first.cx + r * 0.1_f64.sin(), first.cy - r * 0.1_f64.cos())
        .unwrap();
    assert_eq!(hit.category, "PME");
    // Just left of 12 o'clock: the last part, the unspecified gap.
    let hit = chart
        .mark_at(first.cx - r * 0.1_f64.sin(), first.cy - r * 0.1_f64.cos())
        .unwrap();
    assert_eq!(hit.category, "non précisé");
    assert_eq!(
        chart.mark_at(first.cx, first.cy),
        None,
        "the hole is not a part"
    );
}

#[test]
fn shares_over_100_percent_or_out_of_range_are_refused() {
    let f = fr_percent;
    let mut spec = members_spec(&f, ShareStyle::Bar);
    spec.parts.push(Datum::new("Autres", 20.0));
    assert!(matches!(
        shares::draw(&spec, Size::default(), &light()),
        Err(ChartError::SharesOver100 { .. })
    ));
    spec.parts = vec![Datum::new("A", -5.0)];
    assert!(matches!(
        shares::draw(&spec, Size::default(), &light()),
        Err(ChartError::ShareOutOfRange { .. })
    ));
}

#[test]
fn shares_off_by_rounding_fill_the_whole_bar_without_a_gap() {
    let f = fr_percent;
    let mut spec = members_spec(&f, ShareStyle::Bar);
    spec.parts = vec![
        Datum::new("A", 33.3),
        Datum::new("B", 33.3),
        Datum::new("C", 33.3),
    ];
    let chart = shares::draw(&spec, Size::default(), &light()).unwrap();
    assert_eq!(chart.marks.len(), 3);
    assert!(!chart.svg.contains("non précisé"));
    spec.parts.push(Datum::new("D", 0.4));
    assert!(
        shares::draw(&spec, Size::default(), &light()).is_ok(),
        "100.3 % is rounding"
    );
}

// ---------------------------------------------------------------------------------------------
// Ranked bars

#[test]
fn programme_types_are_ranked_from_most_projects_with_ties_in_given_order() {
    let chart = ranked::draw(&programme_spec(&count), Size::default(), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    assert_eq!(rects_filled(&elements, light().series[0]), 6);
    let order: Vec<_> = chart.marks.iter().map(|m| m.category.as_str()).collect();
    assert_eq!(order, vec!["RHU", "ANR", "CIN", "ERDF", "FUI", "PSPC"]);
    let widths: Vec<f64> = chart.marks.iter().map(|m| m.w).collect();
    assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{widths:?}");
    assert!(
        (widths[0] / widths[5] - 6.0).abs() < 0.5,
        "bars are proportional from zero: {widths:?}"
    );
    check_texts(
        &chart,
        &["RHU", "PSPC", "6", "1", "0", "Projets", "Programme"],
    );
    assert_eq!(chart.table.rows[0], vec!["RHU", "6"]);
}

#[test]
fn long_labels_are_shortened_in_the_drawing_but_kept_whole_in_marks_and_table() {
    let long =
        "Programme d'investissements d'avenir, action Recherche hospitalo-universitaire en santé";
    let mut spec = programme_spec(&count);
    spec.data.push(Datum::new(long, 3.0));
    let chart = ranked::draw(&spec, Size::new(360, 300), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    assert!(!chart.svg.contains(long));
    assert!(texts(&elements)
        .iter()
        .any(|t| t.starts_with("Programme d") && t.ends_with('…')));
    assert!(chart.marks.iter().any(|m| m.category == long));
    assert!(chart.table.rows.iter().any(|r| r[0] == long));
}

#[test]
fn regions_without_data_are_listed_last_as_no_data_and_never_drawn() {
    let spec = RankedSpec {
        labels: labels("Emplois", "Région", "Emplois"),
        data: vec![
            Datum::missing("Corse"),
            Datum::new("Normandie", 12.0),
            Datum::new("Bretagne", f64::NAN),
            Datum::new("Occitanie", 30.0),
        ],
        formats: Formats::same(&count),
    };
    let chart = ranked::draw(&spec, Size::default(), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    assert_eq!(rects_filled(&elements, light().series[0]), 2);
    let order: Vec<_> = chart
        .marks
        .iter()
        .map(|m| (m.category.as_str(), m.value))
        .collect();
    assert_eq!(
        order,
        vec![
            ("Occitanie", Some(30.0)),
            ("Normandie", Some(12.0)),
            ("Corse", None),
            ("Bretagne", None)
        ]
    );
    assert_eq!(
        texts(&elements)
            .iter()
            .filter(|t| *t == "non disponible")
            .count(),
        2
    );
    assert_eq!(chart.table.rows[3], vec!["Bretagne", "non disponible"]);
}

// ---------------------------------------------------------------------------------------------
// Pointer, lines, type

#[test]
fn the_pointer_finds_the_bar_under_it_and_nothing_beside_it() {
    let chart = bars::draw(&budget_spec(&fr_money), Size::default(), &light()).unwrap();
    for m in &chart.marks {
        let hit = chart.mark_at(m.x + m.w / 2.0, m.y + m.h / 2.0).unwrap();
        assert_eq!(hit.category, m.category);
    }
    assert_eq!(chart.mark_at(1.0, 1.0), None);
    assert_eq!(chart.mark_at(f64::NAN, 10.0), None);
}

#[test]
fn grid_and_axis_lines_sit_on_half_pixels_and_text_sizes_are_compensated() {
    let chart = bars::draw(&budget_spec(&fr_money), Size::default(), &light()).unwrap();
    let elements = check_svg(&chart.svg);
    let lines: Vec<_> = elements.iter().filter(|e| e.name == "polyline").collect();
    assert!(!lines.is_empty());
    for l in lines {
        let points = l.attr("points").unwrap();
        assert!(points.contains(".5"), "crisp line: {points}");
    }
    for t in elements.iter().filter(|e| e.name == "text") {
        let size: f64 = t.attr("font-size").unwrap().parse().unwrap();
        assert!(size >= 11.0, "readable text, got {size}");
    }
    assert!(chart.svg.contains("font-size=\"13\""));
}

#[test]
fn every_theme_colour_contrasts_enough_with_its_page() {
    for theme in [ChartTheme::light(), ChartTheme::dark()] {
        let page = theme.page;
        for (name, c, min) in [
            ("text", theme.text, 4.5),
            ("muted text", theme.text_muted, 4.5),
            ("axis", theme.axis, 3.0),
            ("grid", theme.grid, 3.0),
            ("neutral", theme.neutral, 3.0),
        ] {
            assert!(
                c.contrast(page) >= min,
                "{} {name}: {:.2}",
                theme.name,
                c.contrast(page)
            );
        }
        for c in theme.series {
            assert!(
                c.contrast(page) >= 3.0,
                "{} series {}: {:.2}",
                theme.name,
                c.hex(),
                c.contrast(page)
            );
            assert!(theme.label_on(c).contrast(c) >= 4.5, "label on {}", c.hex());
        }
        let tokens = theme.css_tokens();
        assert!(tokens.contains(&("--chart-series-1".to_owned(), theme.series[0].hex())));
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile labels

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onload='alert(1)",
    "]]><![CDATA[",
    "&amp; &lt; &#x3C;",
    "\u{202E}gnp.exe\u{202C} \u{2066}x\u{2069}",
    "zero\u{200B}width\u{FEFF}",
    "nul\u{0}bell\u{7}esc\u{1B}\u{FFFE}",
    "line\nbreak\r\ttab",
    "<svg onload=alert(1)><foreignObject>",
];

fn hostile_charts(label: &str) -> Vec<Chart> {
    let f = |v: f64| format!("{v} <b>€</b>");
    let l = Labels {
        title: label.into(),
        summary: label.into(),
        category: label.into(),
        value: label.into(),
        no_data: label.into(),
    };
    let data = vec![
        Datum::new(label, 1.0),
        Datum::missing(label),
        Datum::new(format!("{label}2"), 3.0),
    ];
    let mut out = vec![
        bars::draw(
            &BarSpec {
                labels: l.clone(),
                data: data.clone(),
                formats: Formats::same(&f),
            },
            Size::default(),
            &light(),
        )
        .unwrap(),
        ranked::draw(
            &RankedSpec {
                labels: l.clone(),
                data: data.clone(),
                formats: Formats::same(&f),
            },
            Size::default(),
            &light(),
        )
        .unwrap(),
        stacked::draw(
            &StackedSpec {
                labels: l.clone(),
                series: vec![label.into(), "b".into()],
                bars: vec![StackedBar {
                    label: label.into(),
                    parts: vec![Some(1.0), None],
                    ..Default::default()
                }],
                total_label: Some(label.into()),
                formats: Formats::same(&f),
            },
            Size::default(),
            &light(),
        )
        .unwrap(),
    ];
    for style in [ShareStyle::Bar, ShareStyle::Donut] {
        let spec = SharesSpec {
            labels: l.clone(),
            parts: data.clone(),
            unspecified: label.into(),
            style,
            formats: Formats::same(&f),
        };
        out.push(shares::draw(&spec, Size::default(), &light()).unwrap());
    }
    out
}

#[test]
fn hostile_labels_stay_escaped_text_and_the_svg_stays_well_formed() {
    for label in HOSTILE {
        for chart in hostile_charts(label) {
            let elements = check_svg(&chart.svg);
            let all_text =
                texts(&elements).join("\n") + elements[0].attr("aria-label").unwrap_or("");
            for bad in [
                '\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{0}', '\u{7}', '\u{FFFE}',
            ] {
                assert!(
                    !all_text.contains(bad),
                    "{label:?} leaked U+{:04X}",
                    bad as u32
                );
            }
            if label.starts_with('<') {
                assert!(chart.svg.contains("&lt;"), "escaped markup for {label:?}");
            }
            let export = chart.export_svg(&light(), label);
            parse_xml(&export).unwrap_or_else(|e| panic!("export of {label:?}: {e}"));
            assert!(!export.to_ascii_lowercase().contains("<script"));
        }
    }
}

#[test]
fn a_ten_thousand_character_label_is_shortened_in_the_drawing_only() {
    let label = "é".repeat(10_000);
    for chart in hostile_charts(&label) {
        let elements = check_svg(&chart.svg);
        for t in texts(&elements) {
            assert!(
                t.chars().count() < 200,
                "drawn text is shortened: {} chars in {}: {}",
                t.chars().count(),
                chart
                    .svg
                    .lines()
                    .next()
                    .unwrap_or("")
                    .rsplit("class=")
                    .next()
                    .unwrap_or(""),
                t.get(..40).unwrap_or("")
            );
        }
        assert!(chart.svg.len() < 60_000, "{} bytes", chart.svg.len());
        assert_eq!(chart.table.caption, label);
    }
}

#[test]
fn bidi_and_zero_width_characters_are_removed_from_marks_and_tables() {
    let chart = &hostile_charts("a\u{202E}b\u{200B}c")[0];
    assert_eq!(chart.marks[0].category, "abc");
    assert_eq!(chart.table.rows[0][0], "abc");
}

// ---------------------------------------------------------------------------------------------
// Edge cases

#[test]
fn empty_single_zero_and_huge_series_draw_without_panicking() {
    let cases: Vec<Vec<Datum>> = vec![
        vec![],
        vec![Datum::new("only", 42.0)],
        vec![Datum::new("a", 0.0), Datum::new("b", 0.0)],
        vec![Datum::new("a", f64::MAX), Datum::new("b", f64::MAX)],
        vec![Datum::new("a", -f64::MAX), Datum::new("b", f64::MAX)],
        vec![Datum::new("a", 5e-324), Datum::new("b", f64::MIN_POSITIVE)],
        vec![Datum::new("a", f64::NEG_INFINITY), Datum::missing("b")],
    ];
    for data in cases {
        for size in [
            Size::new(0, 0),
            Size::default(),
            Size::new(u32::MAX, u32::MAX),
        ] {
            let spec = BarSpec {
                data: data.clone(),
                ..budget_spec(&fr_money)
            };
            check_svg(&bars::draw(&spec, size, &light()).unwrap().svg);
            let spec = RankedSpec {
                data: data.clone(),
                ..programme_spec(&fr_money)
            };
            check_svg(&ranked::draw(&spec, size, &light()).unwrap().svg);
            let bars: Vec<StackedBar> = data
                .iter()
                .map(|d| StackedBar {
                    label: d.label.clone(),
                    parts: vec![d.value.map(f64::abs)],
                    ..Default::default()
                })
                .collect();
            let spec = StackedSpec {
                bars,
                ..projects_spec(&fr_money)
            };
            match stacked::draw(&spec, size, &light()) {
                Ok(chart) => {
                    check_svg(&chart.svg);
                }
                Err(e) => assert_eq!(e, ChartError::Overflow),
            }
        }
    }
    let spec = StackedSpec {
        bars: vec![StackedBar {
            label: "x".into(),
            parts: vec![Some(f64::MAX), Some(f64::MAX)],
            ..Default::default()
        }],
        ..projects_spec(&fr_money)
    };
    assert_eq!(
        stacked::draw(&spec, Size::default(), &light()),
        Err(ChartError::Overflow)
    );
}

#[test]
fn an_empty_chart_says_no_data_and_has_an_empty_table() {
    let spec = BarSpec {
        data: vec![],
        ..budget_spec(&fr_money)
    };
    let chart = bars::draw(&spec, Size::default(), &light()).unwrap();
    check_texts(&chart, &["non disponible"]);
    assert!(chart.marks.is_empty() && chart.table.rows.is_empty());
    let spec = SharesSpec {
        parts: vec![],
        ..members_spec(&fr_percent, ShareStyle::Bar)
    };
    check_texts(
        &shares::draw(&spec, Size::default(), &light()).unwrap(),
        &["non disponible"],
    );
}

#[test]
fn too_many_items_are_refused_with_a_clear_error() {
    let data: Vec<Datum> = (0..501).map(|i| Datum::new(i.to_string(), 1.0)).collect();
    let spec = BarSpec {
        data,
        ..budget_spec(&fr_money)
    };
    assert_eq!(
        bars::draw(&spec, Size::default(), &light()),
        Err(ChartError::TooManyItems {
            count: 501,
            max: 500
        })
    );
}

// ---------------------------------------------------------------------------------------------
// CSV and file names

#[test]
fn the_csv_of_a_chart_has_a_source_line_headers_and_raw_numbers() {
    let chart = stacked::draw(&projects_spec(&fr_money), Size::default(), &light()).unwrap();
    assert_eq!(
        csv(&chart.table, "Source: Medicen, rapport d'activité 2016"),
        "# Source: Medicen, rapport d'activité 2016\r\n\
         Année,public,other,total\r\n\
         2015,40000000,,\r\n\
         2016,58000000,112000000,170000000\r\n"
    );
}

fn check_csv(cells: &[(Cell, &str)]) {
    for (cell, expected) in cells {
        let table = Table {
            headers: vec!["h".into()],
            raw: vec![vec![cell.clone()]],
            ..Table::default()
        };
        let out = csv(&table, "s");
        let line = out.split("\r\n").nth(2).unwrap();
        assert_eq!(line, *expected, "{cell:?}");
    }
}

#[test]
fn csv_cells_are_quoted_and_defused_against_formula_injection() {
    check_csv(&[
        (
            Cell::Text("=HYPERLINK(\"http://x\")".into()),
            "\"'=HYPERLINK(\"\"http://x\"\")\"",
        ),
        (Cell::Text("+33 1 23".into()), "'+33 1 23"),
        (Cell::Text("@SUM(A1)".into()), "'@SUM(A1)"),
        (
            Cell::Text("-cmd|' /C calc'!A0".into()),
            "'-cmd|' /C calc'!A0",
        ),
        (Cell::Text("-12.5".into()), "-12.5"),
        (Cell::Text("+1e3".into()), "+1e3"),
        (Cell::Text("a, b".into()), "\"a, b\""),
        (Cell::Text("two\nlines".into()), "\"two\nlines\""),
        (Cell::Text("Île-de-France".into()), "Île-de-France"),
        (Cell::Number(2.3e6), "2300000"),
        (Cell::Number(0.1), "0.1"),
        (Cell::Number(-0.0), "0"),
        (Cell::Number(-1.5), "-1.5"),
        (Cell::Number(f64::NAN), ""),
        (Cell::Missing, ""),
    ]);
    assert!(csv(&Table::default(), "line\r\nbreak").starts_with("# line  break\r\n"));
}

#[test]
fn file_names_are_safe_descriptive_ascii() {
    for (parts, ext, expected) in [
        (
            &["Medicen", "budget", "2015–2016"][..],
            "csv",
            "medicen-budget-2015-2016.csv",
        ),
        (
            &["Région Île-de-France", "Évolution des aides"][..],
            "svg",
            "region-ile-de-france-evolution-des-aides.svg",
        ),
        (&["../../etc/passwd"][..], "csv", "etc-passwd.csv"),
        (
            &["C:\\Windows\\system32"][..],
            "png",
            "c-windows-system32.png",
        ),
        (&["Cœur & Santé", "M€"][..], "csv", "coeur-sante-meur.csv"),
        (&["e\u{301}te\u{301}"][..], "csv", "ete.csv"),
        (&["l'Europe", "FEDER"][..], ".CSV", "leurope-feder.csv"),
        (&["", "   "][..], "csv", "chart.csv"),
        (&["北京"][..], "csv", "chart.csv"),
        (&["con"][..], "txt", "con-chart.txt"),
        (&["x"][..], "", "x"),
    ] {
        assert_eq!(file_name(parts, ext), expected, "{parts:?}");
    }
    let long = file_name(&["a".repeat(500).as_str()], "csv");
    assert_eq!(long.len(), 84);
}

#[test]
fn an_export_carries_the_title_the_source_and_a_page_background() {
    let chart = bars::draw(
        &budget_spec(&fr_money),
        Size::default(),
        &ChartTheme::dark(),
    )
    .unwrap();
    let export = chart.export_svg(&ChartTheme::dark(), "Source : Medicen");
    let elements = parse_xml(&export).unwrap();
    assert_eq!(elements[0].attr("width"), Some("640"));
    assert!(has_text(&elements, "Budget de Medicen"));
    assert!(has_text(&elements, "Source : Medicen"));
    assert!(has_text(&elements, "2,3 M€"));
    assert_eq!(elements[1].attr("fill"), Some("#111418"));
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input

fn value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        any::<f64>().prop_map(Some),
        (-1e9..1e9f64).prop_map(Some),
        (0.0..100.0f64).prop_map(Some),
        Just(Some(0.0)),
    ]
}

fn datum() -> impl Strategy<Value = Datum> {
    (any::<String>(), value()).prop_map(|(label, value)| Datum {
        label,
        value,
        qualifier: None,
    })
}

fn any_labels() -> impl Strategy<Value = Labels> {
    (
        any::<String>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
    )
        .prop_map(|(title, summary, category, value, no_data)| Labels {
            title,
            summary,
            category,
            value,
            no_data,
        })
}

fn size() -> impl Strategy<Value = Size> {
    (0u32..2000, 0u32..2000).prop_map(|(w, h)| Size::new(w, h))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_specs_never_panic_and_give_well_formed_svg(
        labels in any_labels(),
        data in prop::collection::vec(datum(), 0..12),
        parts in prop::collection::vec(prop::collection::vec(value(), 0..4), 0..6),
        series in prop::collection::vec(any::<String>(), 0..4),
        size in size(),
        dark in any::<bool>(),
        donut in any::<bool>(),
        unspecified in any::<String>(),
    ) {
        let theme = if dark { ChartTheme::dark() } else { ChartTheme::light() };
        let f = |v: f64| format!("{v}");
        let formats = Formats::same(&f);
        let mut results = vec![
            bars::draw(&BarSpec { labels: labels.clone(), data: data.clone(), formats }, size, &theme),
            ranked::draw(&RankedSpec { labels: labels.clone(), data: data.clone(), formats }, size, &theme),
        ];
        let style = if donut { ShareStyle::Donut } else { ShareStyle::Bar };
        results.push(shares::draw(&SharesSpec { labels: labels.clone(), parts: data.clone(), unspecified, style, formats }, size, &theme));
        let bars: Vec<StackedBar> = parts.iter().enumerate().map(|(i, p)| StackedBar { label: i.to_string(), parts: p.clone(), ..Default::default() }).collect();
        results.push(stacked::draw(&StackedSpec { labels, series, bars, total_label: None, formats }, size, &theme));
        for chart in results.into_iter().flatten() {
            parse_xml(&chart.svg).map_err(|e| TestCaseError::fail(format!("{e}: {}", chart.svg)))?;
            prop_assert!(!chart.svg.to_ascii_lowercase().contains("<script"));
            prop_assert_eq!(chart.table.rows.len(), chart.table.raw.len());
            parse_xml(&chart.export_svg(&theme, "src")).map_err(TestCaseError::fail)?;
            let _ = csv(&chart.table, "src");
            for m in &chart.marks {
                prop_assert!(m.x.is_finite() && m.y.is_finite() && m.w >= 0.0 && m.h >= 0.0);
                let _ = chart.mark_at(m.x, m.y);
            }
        }
    }

    #[test]
    fn arbitrary_file_names_are_safe(parts in prop::collection::vec(any::<String>(), 0..4), ext in any::<String>()) {
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let name = file_name(&refs, &ext);
        prop_assert!(!name.is_empty() && name.len() <= 89);
        prop_assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
        prop_assert!(!name.starts_with(['-', '.']));
        prop_assert!(name.matches('.').count() <= 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Qualified values: the qualifier travels with the datum, never recognised by its number.

fn about(v: f64, q: Qualifier) -> String {
    let word = match q {
        Qualifier::Approximately => "environ",
        Qualifier::MoreThan => "plus de",
    };
    format!("{word} {}", fr_money(v))
}

#[test]
fn a_qualified_bar_reads_approximate_and_an_equal_plain_bar_does_not() {
    let spec = BarSpec {
        labels: labels("Projets", "Année", "Montant"),
        data: vec![
            Datum::new("2015", 1.9e9).qualified(Some(Qualifier::Approximately)),
            // The same number, stated exactly: must not borrow the other bar's qualifier.
            Datum::new("2016", 1.9e9),
        ],
        formats: Formats::same(&fr_money).with_qualified(&about),
    };
    let chart = bars::draw(&spec, Size::default(), &light()).unwrap();
    let formatted: Vec<&str> = chart.marks.iter().map(|m| m.formatted.as_str()).collect();
    assert_eq!(formatted, vec!["environ 1900 M€", "1900 M€"]);
    assert_eq!(
        chart.table.rows,
        vec![vec!["2015", "environ 1900 M€"], vec!["2016", "1900 M€"]]
    );
    check_texts(&chart, &["1900 M€"]);
}

#[test]
fn without_a_qualified_formatter_a_qualified_value_reads_as_any_other() {
    let spec = BarSpec {
        data: vec![Datum::new("2015", 1.9e6).qualified(Some(Qualifier::MoreThan))],
        ..budget_spec(&fr_money)
    };
    let chart = bars::draw(&spec, Size::default(), &light()).unwrap();
    assert_eq!(chart.marks[0].formatted, "1,9 M€");
}

#[test]
fn stacked_parts_and_totals_carry_their_own_qualifiers() {
    let spec = StackedSpec {
        bars: vec![StackedBar {
            label: "2016".into(),
            parts: vec![Some(58e6), Some(112e6)],
            // The public part is stated exactly; the rest and the total are approximate.
            qualifiers: vec![None, Some(Qualifier::Approximately)],
            total_qualifier: Some(Qualifier::Approximately),
        }],
        formats: Formats::same(&fr_money).with_qualified(&about),
        ..projects_spec(&fr_money)
    };
    let chart = stacked::draw(&spec, Size::default(), &light()).unwrap();
    let formatted: Vec<&str> = chart.marks.iter().map(|m| m.formatted.as_str()).collect();
    assert_eq!(formatted, vec!["58 M€", "environ 112 M€"]);
    assert_eq!(
        chart.table.rows[0],
        vec!["2016", "58 M€", "environ 112 M€", "environ 170 M€"]
    );
}

#[test]
fn ranked_and_share_data_are_written_with_their_qualifiers() {
    let ranked_spec = RankedSpec {
        data: vec![
            Datum::new("RHU", 6.0).qualified(Some(Qualifier::MoreThan)),
            Datum::new("ANR", 4.0),
        ],
        formats: Formats::same(&count).with_qualified(&|v, _| format!("plus de {v}")),
        ..programme_spec(&count)
    };
    let chart = ranked::draw(&ranked_spec, Size::default(), &light()).unwrap();
    let formatted: Vec<&str> = chart.marks.iter().map(|m| m.formatted.as_str()).collect();
    assert_eq!(formatted, vec!["plus de 6", "4"]);

    let shares_spec = SharesSpec {
        parts: vec![
            Datum::new("PME", 55.0).qualified(Some(Qualifier::Approximately)),
            Datum::new("Académiques", 25.0),
        ],
        formats: Formats::same(&fr_percent).with_qualified(&|v, _| format!("≈ {}", fr_percent(v))),
        ..members_spec(&fr_percent, ShareStyle::Bar)
    };
    let chart = shares::draw(&shares_spec, Size::default(), &light()).unwrap();
    let rows: Vec<&str> = chart.table.rows.iter().map(|r| r[1].as_str()).collect();
    // The gap left by the parts is computed, so never qualified.
    assert_eq!(rows, vec!["≈ 55 %", "25 %", "20 %"]);
}

/// `--name: value;` declarations of the first block of `css` that opens with `selector {`.
fn css_block_tokens(css: &str, selector: &str) -> Vec<(String, String)> {
    let start = css
        .find(&format!("{selector} {{"))
        .unwrap_or_else(|| panic!("no `{selector}` block in style/main.css"));
    let body = &css[start..];
    let body = &body[..body.find('}').unwrap_or(body.len())];
    body.split(';')
        .filter_map(|decl| {
            let decl = decl.rsplit("*/").next().unwrap_or(decl).trim();
            let (name, value) = decl.split_once(':')?;
            let name = name.trim();
            name.starts_with("--")
                .then(|| (name.to_owned(), value.trim().to_ascii_uppercase()))
        })
        .collect()
}

/// The stylesheet is the one source of colour: the charts' theme uses its tokens, in both themes.
#[test]
fn the_chart_themes_are_the_stylesheet_tokens() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../style/main.css"))
        .unwrap_or_default();
    for (theme, selector) in [
        (ChartTheme::light(), ":root"),
        (ChartTheme::dark(), ":root[data-theme=\"dark\"]"),
    ] {
        let tokens = css_block_tokens(&css, selector);
        for (name, hex) in theme.css_tokens() {
            let found = tokens
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str());
            assert_eq!(found, Some(hex.as_str()), "{} theme, {name}", theme.name);
        }
    }
}
