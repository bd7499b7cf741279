//! The choropleth map as a download: a standalone SVG (regions, insets, legend, title, sources)
//! and its CSV, drawn from the same geometry, classes and colours as the live map.
//!
//! Unlike the chart kinds, which take already-localised labels, the map export reads its texts
//! in the reader's language from [`Choropleth`] and [`crate::i18n`], as the live map does, so the
//! download says exactly what the page says. The zoom is not applied: the whole map is exported.
//!
//! Every dataset string is cleaned of characters XML cannot carry and escaped before it reaches
//! the SVG; the CSV goes through [`super::csv`], which neutralises formula-like cells.

use std::fmt::Write;

use super::label::{clean, escape_xml, text_width, truncate};
use super::table::{csv, Cell, Table};
use super::theme::{ChartTheme, Rgb};
use crate::choropleth::{Choropleth, LegendLine};
use crate::classify::{no_data_style, ClassIndex, Scheme};
use crate::geo::MapGeometry;
use crate::i18n::{fallback_msg, localize, t, Lang, Msg};
use crate::present::sources::source_sentence;
use crate::validate::Dataset;

/// Space around and between the blocks of the export, in CSS pixels.
const PAD: f64 = 12.0;
/// Side of a legend swatch.
const SWATCH: f64 = 14.0;
/// Longest count bar of the legend histogram.
const BAR_MAX: f64 = 80.0;
/// Source lines drawn under the map at most; the rest is summed up as "…".
const MAX_SOURCES: usize = 6;

/// The class colours for a chart theme: the dark palette for the dark theme, as on the page.
pub fn scheme_of(theme: &ChartTheme) -> Scheme {
    if theme.name == "dark" {
        Scheme::Dark
    } else {
        Scheme::Light
    }
}

/// The source ids of the figures shown, each once, in the order regions first use them.
pub fn map_source_ids(choropleth: &Choropleth) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in choropleth.values.iter().flatten() {
        if !out.contains(&v.source) {
            out.push(v.source.clone());
        }
    }
    out
}

/// One line naming every source of the figures shown ("Source : … · Source : …"); empty when
/// no region has a figure.
pub fn map_source_line(dataset: &Dataset, choropleth: &Choropleth, lang: Lang) -> String {
    map_source_ids(choropleth)
        .iter()
        .map(|id| source_sentence(dataset, id, lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A standalone SVG document of the map as the visitor sees it, unzoomed: every region of
/// `geometry` (main frame and insets, built by [`crate::geo::build_map`] as for the live map)
/// filled by its class or hatched for "no data", each a `<path data-region="id">` with a
/// `<title>` giving its name and figure; the inset frames and labels; the title
/// ([`Choropleth::title`]); the legend with each class's range and region count and the no-data
/// entry; the fallback note when the classes asked for could not be used; and one line per source.
///
/// Fixed pixel size (`width`/`height` attributes) for PNG conversion; the page background of
/// `theme` is painted. Deterministic: the same input gives the same bytes.
pub fn map_svg(
    dataset: &Dataset,
    choropleth: &Choropleth,
    geometry: &MapGeometry,
    lang: Lang,
    theme: &ChartTheme,
) -> String {
    let scheme = scheme_of(theme);
    let f = theme.font_px;
    let map_w = finite_or(geometry.layout.width, 0.0).max(0.0);
    let map_h = finite_or(geometry.layout.height, 0.0).max(0.0);
    let w = map_w.max(320.0);
    let text_w = w - 2.0 * PAD;
    let font = escape_xml(theme.font_family);

    // Title block.
    let title_px = f * 1.25;
    let title_lines = wrap(
        &clean(&choropleth.title(dataset, lang)),
        title_px,
        text_w,
        2,
    );
    let title_line_h = (title_px * 1.3).round();
    let mut y = PAD;
    let mut body = String::new();
    for line in &title_lines {
        y += title_line_h;
        text(
            &mut body,
            &font,
            PAD,
            y,
            Type::new(title_px, theme.text).bold(),
            line,
        );
    }
    if !title_lines.is_empty() {
        y += PAD / 2.0;
    }

    // Map block, centred when the export is wider than the map.
    let map_x = ((w - map_w) / 2.0).max(0.0);
    let map_y = y;
    body.push_str(&format!(
        "<g transform=\"translate({} {})\" data-testid=\"map-regions\">\n",
        num(map_x),
        num(map_y)
    ));
    push_insets(&mut body, dataset, geometry, lang, theme, &font);
    push_regions(
        &mut body, dataset, choropleth, geometry, lang, scheme, theme,
    );
    body.push_str("</g>\n");
    y = map_y + map_h + PAD;

    // Legend block.
    y = push_legend(&mut body, choropleth, lang, scheme, theme, &font, y, text_w);

    // Notes and sources.
    let small = f * 0.9;
    let line_h = (small * 1.5).round();
    let mut notes: Vec<String> = Vec::new();
    if let Some(fallback) = choropleth.fallback {
        notes.push(t(lang, fallback_msg(fallback)).to_owned());
    }
    if geometry.layout.insets_differ_in_scale() {
        notes.push(t(lang, Msg::InsetsNotToScale).to_owned());
    }
    let sources = map_source_ids(choropleth);
    for id in sources.iter().take(MAX_SOURCES) {
        notes.push(source_sentence(dataset, id, lang));
    }
    if sources.len() > MAX_SOURCES {
        notes.push("…".to_owned());
    }
    for note in &notes {
        for line in wrap(&clean(note), small, text_w, 4) {
            y += line_h;
            text(
                &mut body,
                &font,
                PAD,
                y,
                Type::new(small, theme.text_muted),
                &line,
            );
        }
    }
    let total_h = (y + PAD).ceil();
    let w = w.ceil();

    let mut out = String::with_capacity(body.len() + 1024);
    let title_all = clean(&choropleth.title(dataset, lang));
    let label = if title_all.is_empty() {
        t(lang, Msg::MapLabel).to_owned()
    } else {
        title_all
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {total_h}\" width=\"{w}\" \
         height=\"{total_h}\" role=\"group\" aria-labelledby=\"atlas-map-export-title\" \
         class=\"atlas-map-export\" data-theme=\"{}\">",
        escape_xml(theme.name)
    );
    let _ = writeln!(
        out,
        "<title id=\"atlas-map-export-title\">{}</title>",
        escape_xml(&label)
    );
    push_defs(&mut out, scheme);
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{total_h}\" fill=\"{}\"/>",
        theme.page.hex()
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The id of the export's hatch pattern: not the live map's, so an export shown inline on the
/// map page cannot take over the live map's pattern.
fn hatch_id(scheme: Scheme) -> String {
    format!("{}-export", no_data_style(scheme).pattern_id)
}

/// The no-data hatch, drawn as the live map's `<pattern>` with its colours written in.
fn push_defs(out: &mut String, scheme: Scheme) {
    let style = no_data_style(scheme);
    let _ = writeln!(
        out,
        "<defs><pattern id=\"{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{}\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"1.5\"/></pattern></defs>",
        hatch_id(scheme),
        escape_xml(style.fill),
        escape_xml(style.hatch)
    );
}

/// The dashed frame and the label of each overseas inset, as the live map draws them.
fn push_insets(
    out: &mut String,
    dataset: &Dataset,
    geometry: &MapGeometry,
    lang: Lang,
    theme: &ChartTheme,
    font: &str,
) {
    for frame in geometry.layout.insets() {
        let r = frame.rect;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" \
             stroke-width=\"1\" stroke-dasharray=\"3 3\"/>",
            num(r.x),
            num(r.y),
            num(r.width.max(0.0)),
            num(r.height.max(0.0)),
            theme.grid.hex()
        );
        let inset = dataset
            .raw()
            .map
            .insets
            .iter()
            .find(|i| i.region == frame.id);
        let label = inset
            .and_then(|i| i.label.as_ref())
            .or_else(|| dataset.region(&frame.id).map(|r| &r.name))
            .map(|text| localize(text, lang).text.to_owned())
            .unwrap_or_default();
        let (lx, ly) = frame.label_at;
        // The label starts inside the frame and must end inside it too.
        let room = (r.right() - lx - 2.0).max(0.0);
        let label = truncate(&clean(&label), 11.0, room);
        text(out, font, lx, ly, Type::new(11.0, theme.text_muted), &label);
    }
}

/// Every region's `<path>`, in dataset order (the live map's order, so insets overlap alike).
fn push_regions(
    out: &mut String,
    dataset: &Dataset,
    choropleth: &Choropleth,
    geometry: &MapGeometry,
    lang: Lang,
    scheme: Scheme,
    theme: &ChartTheme,
) {
    let hatch = hatch_id(scheme);
    for (index, region) in dataset.regions().iter().enumerate() {
        let d = geometry.region(index).map_or("", |g| g.path.as_str());
        let value = choropleth.value(index).map(|v| v.value);
        let (fill, class) = match choropleth.classes.class_of(value) {
            ClassIndex::NoData => (format!("url(#{hatch})"), "nodata".to_owned()),
            class @ ClassIndex::Class(i) => (
                choropleth.classes.colour(class, scheme).to_owned(),
                (i + 1).to_string(),
            ),
        };
        let summary = choropleth.describe(dataset, index, lang);
        let _ = writeln!(
            out,
            "<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.75\" stroke-linejoin=\"round\" \
             data-region=\"{}\" data-class=\"{}\"><title>{}</title></path>",
            escape_xml(d),
            escape_xml(&fill),
            theme.page.hex(),
            escape_xml(&clean(&region.id)),
            class,
            escape_xml(&clean(&summary.aria_label))
        );
    }
}

/// The legend: a heading, one line per class (swatch, range, count bar, count) and the no-data
/// line; returns the y below it.
#[allow(clippy::too_many_arguments)]
fn push_legend(
    out: &mut String,
    choropleth: &Choropleth,
    lang: Lang,
    scheme: Scheme,
    theme: &ChartTheme,
    font: &str,
    top: f64,
    max_w: f64,
) -> f64 {
    let f = theme.font_px;
    let row_h = (f * 1.7).round();
    let mut lines: Vec<LegendLine> = choropleth.legend(scheme, lang);
    let no_data_text = t(lang, Msg::NoData);
    let no_data_count = choropleth.no_data_count();
    let largest = lines
        .iter()
        .map(|l| l.count)
        .chain([no_data_count])
        .max()
        .unwrap_or(0);
    let count_w = text_width(&largest.max(10).to_string(), f);
    let label_max = (max_w - SWATCH - 8.0 - 12.0 - BAR_MAX - 8.0 - count_w).max(f * 4.0);
    for line in &mut lines {
        line.text = truncate(&clean(&line.text), f, label_max);
    }
    let label_w = lines
        .iter()
        .map(|l| text_width(&l.text, f))
        .chain([text_width(no_data_text, f)])
        .fold(0.0, f64::max)
        .min(label_max);
    let text_x = PAD + SWATCH + 8.0;
    let bar_x = text_x + label_w + 12.0;

    let _ = writeln!(
        out,
        "<g data-testid=\"map-legend\" role=\"list\" aria-label=\"{}\">",
        escape_xml(t(lang, Msg::LegendCounts))
    );
    let mut y = top + f;
    text(
        out,
        font,
        PAD,
        y,
        Type::new(f, theme.text).bold(),
        t(lang, Msg::LegendTitle),
    );
    y += row_h * 0.5;
    let row = |out: &mut String, y: f64, fill: &str, label: &str, count: usize, kind: &str| {
        let _ = write!(
            out,
            "<g role=\"listitem\" data-legend=\"{kind}\" data-count=\"{count}\"><rect x=\"{}\" y=\"{}\" \
             width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.5\"/>",
            num(PAD),
            num(y + (row_h - SWATCH) / 2.0),
            escape_xml(fill),
            theme.axis.hex()
        );
        let baseline = y + row_h / 2.0 + f * 0.35;
        text(out, font, text_x, baseline, Type::new(f, theme.text), label);
        let bar = if largest == 0 {
            0.0
        } else {
            BAR_MAX * count as f64 / largest as f64
        };
        if bar > 0.0 {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\" aria-hidden=\"true\"/>",
                num(bar_x),
                num(y + row_h / 2.0 - 4.0),
                num(bar),
                8,
                theme.text_muted.hex()
            );
        }
        let count_text = count.to_string();
        text(
            out,
            font,
            bar_x + BAR_MAX + 8.0 + count_w,
            baseline,
            Type::new(f, theme.text).end(),
            &count_text,
        );
        out.push_str("</g>\n");
    };
    for (i, line) in lines.iter().enumerate() {
        row(
            out,
            y,
            line.colour,
            &line.text,
            line.count,
            &(i + 1).to_string(),
        );
        y += row_h;
    }
    row(
        out,
        y,
        &format!("url(#{})", hatch_id(scheme)),
        no_data_text,
        no_data_count,
        "nodata",
    );
    y += row_h;
    out.push_str("</g>\n");
    y
}

/// How a line of text is set.
#[derive(Debug, Clone, Copy)]
struct Type {
    px: f64,
    fill: Rgb,
    bold: bool,
    /// Anchored at its end (right-aligned numbers).
    end: bool,
}

impl Type {
    fn new(px: f64, fill: Rgb) -> Type {
        Type {
            px,
            fill,
            bold: false,
            end: false,
        }
    }
    fn bold(self) -> Type {
        Type { bold: true, ..self }
    }
    fn end(self) -> Type {
        Type { end: true, ..self }
    }
}

/// One `<text>` line; `s` must already be cleaned (it is escaped here).
fn text(out: &mut String, font: &str, x: f64, y: f64, ty: Type, s: &str) {
    if s.is_empty() {
        return;
    }
    let weight = if ty.bold { " font-weight=\"bold\"" } else { "" };
    let anchor = if ty.end { " text-anchor=\"end\"" } else { "" };
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-family=\"{font}\" font-size=\"{}\"{weight}{anchor} fill=\"{}\">{}</text>",
        num(x),
        num(y),
        num(ty.px),
        ty.fill.hex(),
        escape_xml(s)
    );
}

/// `s` broken at spaces into at most `max_lines` lines of at most `max_w` pixels at `px`; the
/// last line is shortened with an ellipsis when text remains.
fn wrap(s: &str, px: f64, max_w: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = s.split(' ').filter(|w| !w.is_empty()).peekable();
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, px) <= max_w || current.is_empty() {
            current = candidate;
            continue;
        }
        if lines.len() + 1 == max_lines {
            // The last line allowed: the rest goes on it, shortened.
            let rest: Vec<&str> = std::iter::once(word).chain(words.by_ref()).collect();
            current = format!("{current} {}", rest.join(" "));
            break;
        }
        lines.push(std::mem::replace(&mut current, word.to_owned()));
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.into_iter().map(|l| truncate(&l, px, max_w)).collect()
}

/// Up to 2 decimals, trailing zeros trimmed, no "-0"; non-finite numbers are 0.
fn num(v: f64) -> String {
    let r = (finite_or(v, 0.0) * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        fallback
    }
}

/// Column headers of the map's table and CSV. Region, value, year and source come from
/// [`crate::i18n`]; the others are given until they have messages of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct MapColumns {
    /// The region's id in the dataset ("28").
    pub id: String,
    pub region: String,
    /// The raw figure (per 100,000 inhabitants when the map shows that).
    pub value: String,
    /// The figure as the map writes it, with its unit and qualifier.
    pub shown: String,
    /// The range of the region's class, or the no-data text.
    pub class: String,
    pub year: String,
    pub source: String,
}

impl MapColumns {
    /// The headers in `lang`.
    pub fn localized(lang: Lang) -> MapColumns {
        MapColumns::new(
            lang,
            t(lang, Msg::ColId),
            t(lang, Msg::ColShown),
            t(lang, Msg::ColClass),
        )
    }

    /// Headers in `lang`, with `id`, `shown` and `class` as given.
    pub fn new(lang: Lang, id: &str, shown: &str, class: &str) -> MapColumns {
        MapColumns {
            id: id.to_owned(),
            region: t(lang, Msg::ColRegion).to_owned(),
            value: t(lang, Msg::ColValue).to_owned(),
            shown: shown.to_owned(),
            class: class.to_owned(),
            year: t(lang, Msg::ColYear).to_owned(),
            source: t(lang, Msg::ColSource).to_owned(),
        }
    }
}

/// The map's table: one row per region in dataset order (id, name, raw value, value as shown,
/// class range, year, source title), captioned with the indicator's title. A region without a
/// figure has an empty value, "no data" as shown value and class, and no year or source.
pub fn map_table(
    dataset: &Dataset,
    choropleth: &Choropleth,
    lang: Lang,
    columns: &MapColumns,
) -> Table {
    let no_data = t(lang, Msg::NoData);
    let legend = choropleth.legend(Scheme::Light, lang);
    let mut table = Table {
        caption: choropleth.title(dataset, lang),
        headers: vec![
            columns.id.clone(),
            columns.region.clone(),
            columns.value.clone(),
            columns.shown.clone(),
            columns.class.clone(),
            columns.year.clone(),
            columns.source.clone(),
        ],
        rows: Vec::with_capacity(dataset.regions().len()),
        raw: Vec::with_capacity(dataset.regions().len()),
    };
    for (index, region) in dataset.regions().iter().enumerate() {
        let summary = choropleth.describe(dataset, index, lang);
        let figure = choropleth.value(index);
        let class = match choropleth.classes.class_of(figure.map(|v| v.value)) {
            ClassIndex::Class(i) => legend.get(i).map(|l| l.text.clone()),
            ClassIndex::NoData => None,
        };
        let source = figure.map(|v| {
            dataset
                .source(&v.source)
                .map(|s| localize(&s.title, lang).text.to_owned())
                .unwrap_or_else(|| v.source.clone())
        });
        let shown = summary.value.clone();
        let year = figure.and_then(|v| v.year);
        let text_or = |s: &Option<String>, missing: &str| match s {
            Some(s) => Cell::Text(s.clone()),
            None if missing.is_empty() => Cell::Missing,
            None => Cell::Text(missing.to_owned()),
        };
        table.raw.push(vec![
            Cell::Text(region.id.clone()),
            Cell::Text(summary.name.clone()),
            figure.map_or(Cell::Missing, |v| Cell::Number(v.value)),
            text_or(&shown, no_data),
            text_or(&class, no_data),
            year.map_or(Cell::Missing, |y| Cell::Number(f64::from(y))),
            text_or(&source, ""),
        ]);
        table.rows.push(vec![
            region.id.clone(),
            summary.name,
            shown.clone().unwrap_or_else(|| no_data.to_owned()),
            shown.unwrap_or_else(|| no_data.to_owned()),
            class.unwrap_or_else(|| no_data.to_owned()),
            year.map(|y| y.to_string()).unwrap_or_default(),
            source.unwrap_or_default(),
        ]);
    }
    table
}

/// The map's CSV ([`super::csv`]: RFC 4180, formula-like cells neutralised): a comment line with
/// the title and every source ([`map_source_line`]), the header row, then one row per region as
/// [`map_table`] gives it. No byte-order mark; prepend `\u{FEFF}` as the chart downloads do.
pub fn map_csv(
    dataset: &Dataset,
    choropleth: &Choropleth,
    lang: Lang,
    columns: &MapColumns,
) -> String {
    let table = map_table(dataset, choropleth, lang, columns);
    let sources = map_source_line(dataset, choropleth, lang);
    let comment = match (table.caption.is_empty(), sources.is_empty()) {
        (false, false) => format!("{} — {sources}", table.caption),
        (false, true) => table.caption.clone(),
        (true, _) => sources,
    };
    csv(&table, &comment)
}

#[cfg(test)]
mod tests {
    use super::{num, wrap};
    use crate::charts::label::text_width;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width_and_the_line_count() {
        let s = "Source : Population légale des régions — Insee, 1er janvier 2024";
        let lines = wrap(s, 12.0, 150.0, 3);
        assert!(lines.len() >= 2 && lines.len() <= 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, 12.0) <= 150.0),
            "{lines:?}"
        );
        assert_eq!(wrap("short", 12.0, 150.0, 3), vec!["short".to_owned()]);
        assert!(wrap("", 12.0, 150.0, 3).is_empty());
        let one = wrap(s, 12.0, 150.0, 1);
        assert_eq!(one.len(), 1);
        assert!(one[0].ends_with('…'));
    }
}
