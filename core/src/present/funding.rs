//! The Funding page's figures and charts, built from the dataset: which chart reads honestly for
//! each funding entry, the chart specs, the key figures, the big number and the member mixes.
//!
//! Amounts over years are bars, an amount with its public part is a public/other stack, a
//! breakdown is ranked bars, a share is a 100 % bar, and a single amount is a big number (a
//! one-bar chart would suggest a comparison that does not exist). Used by the Funding page, the
//! region pages and the chart embeds alike.

use std::sync::Arc;

use crate::charts::bars::{self, BarSpec};
use crate::charts::ranked::{self, RankedSpec};
use crate::charts::shares::{self, ShareStyle, SharesSpec};
use crate::charts::stacked::{self, public_and_other, StackedBar, StackedSpec};
use crate::charts::{Chart, ChartError, ChartTheme, Datum, Formats, Labels, Size};
use crate::format::{format_money, format_percent, MoneyStyle, NBSP};
use crate::i18n::{join_list, labelled, localize, part_of, since_year, t, year_span, Lang, Msg};
use crate::model::{Amount, Funding, FundingKind, Party, PartyKind, Qualifier, Share, Unit};
use crate::units::{format_value, qualifier_msg, unit_label};
use crate::validate::Dataset;

/// Draws a chart for a language, a theme and a container width in CSS pixels: the same closure
/// serves the page, the exports and the embeds, redrawn whenever one of the three changes.
pub type Draw = Arc<dyn Fn(Lang, &ChartTheme, u32) -> Result<Chart, ChartError> + Send + Sync>;

/// Bar and stacked charts are drawn this tall; ranked and share charts follow their content.
pub const COLUMN_HEIGHT: u32 = 300;
/// A share's 100 % bar, legend included.
const SHARE_HEIGHT: u32 = 160;

/// How a funding entry's amounts are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountChart {
    /// Totals over two or more periods.
    Bars,
    /// Every amount split into its public part and the rest.
    Stacked,
    /// One amount: a figure, not a chart.
    BigNumber,
    /// No amounts at all (the breakdown may still be charted).
    Nothing,
}

impl AmountChart {
    /// Its name in the page's `data-chart-kind`.
    pub const fn code(self) -> &'static str {
        match self {
            AmountChart::Bars => "bars",
            AmountChart::Stacked => "stacked",
            AmountChart::BigNumber => "number",
            AmountChart::Nothing => "none",
        }
    }
}

/// The honest way to show `funding`'s amounts.
pub fn amount_chart(funding: &Funding) -> AmountChart {
    let amounts = &funding.amounts;
    if amounts.is_empty() {
        AmountChart::Nothing
    } else if amounts.iter().all(|a| public_and_other(a).is_some()) {
        AmountChart::Stacked
    } else if amounts.len() >= 2 {
        AmountChart::Bars
    } else {
        AmountChart::BigNumber
    }
}

/// The chart of `funding`'s amounts, or `None` when they are a big number (or absent).
pub fn chart_for_funding(funding: &Funding) -> Option<Draw> {
    let f = Arc::new(funding.clone());
    match amount_chart(funding) {
        AmountChart::Bars => Some(Arc::new(move |lang, theme, width| {
            draw_bars(&f, lang, theme, width)
        })),
        AmountChart::Stacked => Some(Arc::new(move |lang, theme, width| {
            draw_stacked(&f, lang, theme, width)
        })),
        AmountChart::BigNumber | AmountChart::Nothing => None,
    }
}

/// The ranked chart of `funding`'s breakdown, if it has one.
pub fn chart_for_breakdown(funding: &Funding) -> Option<Draw> {
    funding.breakdown.as_ref()?;
    let f = Arc::new(funding.clone());
    Some(Arc::new(move |lang, theme, width| {
        draw_breakdown(&f, lang, theme, width)
    }))
}

/// The 100 % bar of a share.
pub fn chart_for_share(share: &Share) -> Draw {
    let s = Arc::new(share.clone());
    Arc::new(move |lang, theme, width| draw_share(&s, lang, theme, width))
}

/// What a chart id (`/embed/chart/<id>`, `?chart=<id>`) names: a funding entry, whose card holds
/// its amounts, breakdown or big number, or a share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChartEntry<'a> {
    Funding(&'a Funding),
    Share(&'a Share),
}

impl ChartEntry<'_> {
    /// The id of its card on the Funding page: `funding-<id>` or `share-<id>`.
    pub fn anchor(&self) -> String {
        match self {
            ChartEntry::Funding(f) => format!("funding-{}", f.id),
            ChartEntry::Share(s) => format!("share-{}", s.id),
        }
    }
}

/// The funding entry or share with this id.
pub fn chart_entry<'a>(dataset: &'a Dataset, id: &str) -> Option<ChartEntry<'a>> {
    if let Some(f) = dataset.funding_by_id(id) {
        return Some(ChartEntry::Funding(f));
    }
    dataset
        .raw()
        .shares
        .iter()
        .find(|s| s.id == id)
        .map(ChartEntry::Share)
}

/// One section of the Funding page: the entries of one kind, in dataset order.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingGroup<'a> {
    pub kind: FundingKind,
    pub heading: Msg,
    pub items: Vec<&'a Funding>,
}

impl FundingGroup<'_> {
    /// Its name in the page's `data-kind`: "programme", "budget"…
    pub fn code(&self) -> String {
        format!("{:?}", self.kind).to_lowercase()
    }
}

/// The Funding page's sections, in reading order, empty ones left out.
pub fn funding_groups(dataset: &Dataset) -> Vec<FundingGroup<'_>> {
    [
        (FundingKind::Programme, Msg::FundingKindProgramme),
        (FundingKind::Budget, Msg::FundingKindBudget),
        (FundingKind::Support, Msg::FundingKindSupport),
        (FundingKind::Projects, Msg::FundingKindProjects),
        (FundingKind::Cumulative, Msg::FundingKindCumulative),
    ]
    .into_iter()
    .map(|(kind, heading)| FundingGroup {
        kind,
        heading,
        items: dataset
            .funding()
            .iter()
            .filter(|f| f.kind == kind)
            .collect(),
    })
    .filter(|g| !g.items.is_empty())
    .collect()
}

/// The sources of every figure on the Funding page: the funding entries', then the shares'.
pub fn page_source_ids(dataset: &Dataset) -> Vec<String> {
    let funding = dataset.funding().iter().map(|f| f.source.clone());
    let shares = dataset.raw().shares.iter().map(|s| s.source.clone());
    funding.chain(shares).collect()
}

// ── Words and figures ──

/// "2016", "2005–2017", "depuis 2005" / "since 2005"; `None` for an undated amount.
pub fn period(a: &Amount, lang: Lang) -> Option<String> {
    match (a.from_year, a.year) {
        (Some(from), Some(to)) => Some(year_span(from, to)),
        (None, Some(y)) => Some(y.to_string()),
        (Some(from), None) => Some(since_year(lang, from)),
        (None, None) => None,
    }
}

/// A category label for an amount; undated amounts are labelled "Total".
pub fn period_label(a: &Amount, lang: Lang) -> String {
    period(a, lang).unwrap_or_else(|| t(lang, Msg::Total).to_owned())
}

/// "2,3 M€", or "environ 1,9 Md€" / "about €1.9bn" when the source gives it as approximate.
pub fn money(v: f64, qualifier: Option<Qualifier>, currency: &str, lang: Lang) -> String {
    let figure = format_money(v, currency, lang, MoneyStyle::Compact);
    match qualifier {
        Some(q) => format!("{}{NBSP}{figure}", t(lang, qualifier_msg(q))),
        None => figure,
    }
}

/// "Financeurs : Région, FEDER · Bénéficiaire : Medicen": who funds whom, when the dataset says.
pub fn parties(dataset: &Dataset, f: &Funding, lang: Lang) -> Option<String> {
    let funders: Vec<String> = f
        .funders
        .iter()
        .filter_map(|p| party_name(dataset, p, lang))
        .collect();
    let mut parts = Vec::new();
    if !funders.is_empty() {
        let names: Vec<&str> = funders.iter().map(String::as_str).collect();
        parts.push(labelled(
            lang,
            t(lang, Msg::Funders),
            &join_list(lang, &names),
        ));
    }
    if let Some(b) = party_name(dataset, &f.beneficiary, lang) {
        parts.push(labelled(lang, t(lang, Msg::Beneficiary), &b));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A funder's or beneficiary's name: the name given, else the region or place of the dataset,
/// else "the State" / "the European Union" for those kinds.
pub fn party_name(d: &Dataset, p: &Party, lang: Lang) -> Option<String> {
    let own = p
        .name
        .as_ref()
        .map(|n| localize(n, lang).text.to_owned())
        .filter(|n| !n.is_empty());
    let from_data = || match (p.kind, p.id.as_deref()) {
        (PartyKind::Region, Some(id)) => d
            .region(id)
            .map(|r| localize(&r.name, lang).text.to_owned()),
        (PartyKind::Place, Some(id)) => d
            .place(id)
            .map(|pl| localize(&pl.name, lang).text.to_owned()),
        _ => None,
    };
    let generic = || match p.kind {
        PartyKind::National => Some(t(lang, Msg::PartyNational).to_owned()),
        PartyKind::European => Some(t(lang, Msg::PartyEuropean).to_owned()),
        _ => None,
    };
    own.or_else(from_data).or_else(generic)
}

/// "Total : environ 1,9 Md€ · Fonds publics : 533 M€", above a stacked chart, so the figures
/// and how exact they are can be read without the chart.
pub fn key_figures(f: &Funding, lang: Lang) -> String {
    f.amounts
        .iter()
        .filter_map(|a| {
            let public = a.public.filter(|p| p.is_finite())?;
            let total = labelled(
                lang,
                t(lang, Msg::Total),
                &money(a.total, a.qualifier, &f.currency, lang),
            );
            let public = labelled(
                lang,
                t(lang, Msg::FundingPublic),
                &money(public, None, &f.currency, lang),
            );
            let head = period(a, lang)
                .map(|p| format!("{p} — "))
                .unwrap_or_default();
            Some(format!("{head}{total} · {public}"))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// A single amount as a figure, with what is known around it.
#[derive(Debug, Clone, PartialEq)]
pub struct BigNumber {
    /// "7,5 Md€", with its qualifier.
    pub figure: String,
    /// "2021–2030", when dated.
    pub period: Option<String>,
    /// "Fonds publics : 400 M€", when the public part is stated.
    pub public: Option<String>,
    /// The larger programme it is part of, when the dataset has it.
    pub part_of: Option<PartOf>,
}

/// "Fait partie de France 2030 — 7,5 Md€", and the share of it this amount is.
#[derive(Debug, Clone, PartialEq)]
pub struct PartOf {
    /// The parent's card on the same page: `#funding-<id>`.
    pub href: String,
    pub text: String,
    /// 0–100, only for one parent amount in the same currency that holds this one.
    pub percent: Option<f64>,
    /// "5,3 %".
    pub percent_text: Option<String>,
}

/// The big number of a funding entry with one amount; `None` for any other entry.
pub fn big_number(dataset: &Dataset, f: &Funding, lang: Lang) -> Option<BigNumber> {
    let [amount] = f.amounts.as_slice() else {
        return None;
    };
    let public = amount.public.filter(|p| p.is_finite()).map(|p| {
        labelled(
            lang,
            t(lang, Msg::FundingPublic),
            &money(p, None, &f.currency, lang),
        )
    });
    Some(BigNumber {
        figure: money(amount.total, amount.qualifier, &f.currency, lang),
        period: period(amount, lang),
        public,
        part_of: part_of_parent(dataset, f, amount, lang),
    })
}

fn part_of_parent(dataset: &Dataset, f: &Funding, amount: &Amount, lang: Lang) -> Option<PartOf> {
    let parent = dataset.funding_by_id(f.part_of.as_deref()?)?;
    let parent_amount = match parent.amounts.as_slice() {
        [one] => Some(one),
        _ => None,
    };
    let name = localize(&parent.title, lang).text.to_owned();
    let context = match parent_amount {
        Some(pa) => format!(
            "{name} — {}",
            money(pa.total, pa.qualifier, &parent.currency, lang)
        ),
        None => name,
    };
    // A proportion only makes sense in one currency and within the parent's total.
    let percent = parent_amount
        .filter(|pa| pa.total > 0.0 && parent.currency == f.currency)
        .map(|pa| amount.total / pa.total * 100.0)
        .filter(|r| r.is_finite() && (0.0..=100.0).contains(r));
    Some(PartOf {
        href: format!("#funding-{}", parent.id),
        text: part_of(lang, &context),
        percent,
        percent_text: percent.map(|r| format_percent(r, lang)),
    })
}

// ── Chart specs ──

/// "Titre : 2015 : 1,9 M€ ; 2016 : 2,3 M€"-style text for the SVG's accessible name.
fn summary(lang: Lang, title: &str, items: &[String]) -> String {
    labelled(lang, title, &items.join(lang.pick(" ; ", "; ")))
}

/// The texts of a money chart over periods.
pub fn money_labels(f: &Funding, lang: Lang, summary_items: &[String]) -> Labels {
    let title = localize(&f.title, lang).text.to_owned();
    Labels {
        summary: summary(lang, &title, summary_items),
        title,
        category: t(lang, Msg::ColYear).to_owned(),
        value: t(lang, Msg::ColAmount).to_owned(),
        no_data: t(lang, Msg::NoData).to_owned(),
    }
}

/// Totals over periods, each as exact as its source.
pub fn draw_bars(
    f: &Funding,
    lang: Lang,
    theme: &ChartTheme,
    width: u32,
) -> Result<Chart, ChartError> {
    let value = |v: f64| money(v, None, &f.currency, lang);
    let qualified = |v: f64, q: Qualifier| money(v, Some(q), &f.currency, lang);
    let tick = |v: f64| format_money(v, &f.currency, lang, MoneyStyle::Compact);
    let items: Vec<String> = f
        .amounts
        .iter()
        .map(|a| {
            let figure = money(a.total, a.qualifier, &f.currency, lang);
            labelled(lang, &period_label(a, lang), &figure)
        })
        .collect();
    let spec = BarSpec {
        labels: money_labels(f, lang, &items),
        data: f
            .amounts
            .iter()
            .map(|a| Datum::new(period_label(a, lang), a.total).qualified(a.qualifier))
            .collect(),
        formats: Formats::new(&value, &tick).with_qualified(&qualified),
    };
    bars::draw(&spec, Size::new(width, COLUMN_HEIGHT), theme)
}

/// Each amount as its public part and the rest. The public part is stated by the source, so it
/// is exact; the rest and the total are as exact as the amount.
pub fn draw_stacked(
    f: &Funding,
    lang: Lang,
    theme: &ChartTheme,
    width: u32,
) -> Result<Chart, ChartError> {
    let (public_name, other_name, total_name) = (
        t(lang, Msg::FundingPublic),
        t(lang, Msg::FundingPrivate),
        t(lang, Msg::Total),
    );
    let value = |v: f64| money(v, None, &f.currency, lang);
    let qualified = |v: f64, q: Qualifier| money(v, Some(q), &f.currency, lang);
    let tick = |v: f64| format_money(v, &f.currency, lang, MoneyStyle::Compact);
    let mut items = Vec::new();
    let mut bars_out = Vec::new();
    for a in &f.amounts {
        let Some([public, other]) = public_and_other(a) else {
            continue;
        };
        let label = period_label(a, lang);
        let q = a.qualifier;
        items.push(labelled(
            lang,
            &label,
            &format!(
                "{}, {}, {}",
                labelled(lang, public_name, &money(public, None, &f.currency, lang)),
                labelled(lang, other_name, &money(other, q, &f.currency, lang)),
                labelled(lang, total_name, &money(a.total, q, &f.currency, lang))
            ),
        ));
        bars_out.push(StackedBar {
            label,
            parts: vec![Some(public), Some(other)],
            qualifiers: vec![None, q],
            total_qualifier: q,
        });
    }
    let spec = StackedSpec {
        labels: money_labels(f, lang, &items),
        series: vec![public_name.to_owned(), other_name.to_owned()],
        bars: bars_out,
        total_label: Some(total_name.to_owned()),
        formats: Formats::new(&value, &tick).with_qualified(&qualified),
    };
    stacked::draw(&spec, Size::new(width, COLUMN_HEIGHT), theme)
}

/// "Nombre" / "Number": a unit's name as a column header.
fn unit_header(unit: Unit, lang: Lang) -> String {
    let name = unit_label(unit, lang, true);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A funding entry's breakdown as ranked bars (an empty chart when it has none).
pub fn draw_breakdown(
    f: &Funding,
    lang: Lang,
    theme: &ChartTheme,
    width: u32,
) -> Result<Chart, ChartError> {
    let Some(b) = &f.breakdown else {
        return Ok(empty_chart());
    };
    let unit = b.unit;
    let value = |v: f64| match unit {
        Unit::Eur => format_money(v, &f.currency, lang, MoneyStyle::Compact),
        _ => format_value(v, unit, None, lang),
    };
    let title = localize(&b.title, lang).text.to_owned();
    let data: Vec<Datum> = b
        .items
        .iter()
        .map(|i| Datum::new(localize(&i.label, lang).text, i.value))
        .collect();
    let items: Vec<String> = data
        .iter()
        .map(|d| labelled(lang, &d.label, &d.value.map(value).unwrap_or_default()))
        .collect();
    let spec = RankedSpec {
        labels: Labels {
            summary: summary(lang, &title, &items),
            title,
            category: t(lang, Msg::ColCategory).to_owned(),
            value: unit_header(unit, lang),
            no_data: t(lang, Msg::NoData).to_owned(),
        },
        data,
        formats: Formats::same(&value),
    };
    // Rows of about 30 px plus the header and axis; the chart grows past this if it needs to.
    let rows = u32::try_from(b.items.len()).unwrap_or(u32::MAX);
    let height = rows.saturating_mul(30).saturating_add(80);
    ranked::draw(&spec, Size::new(width, height), theme)
}

/// A member mix as one 100 % bar.
pub fn draw_share(
    s: &Share,
    lang: Lang,
    theme: &ChartTheme,
    width: u32,
) -> Result<Chart, ChartError> {
    let percent = |v: f64| format_percent(v, lang);
    let title = localize(&s.title, lang).text.to_owned();
    let parts: Vec<Datum> = s
        .parts
        .iter()
        .map(|p| Datum::new(localize(&p.label, lang).text, p.percent))
        .collect();
    let items: Vec<String> = parts
        .iter()
        .map(|d| labelled(lang, &d.label, &d.value.map(percent).unwrap_or_default()))
        .collect();
    let spec = SharesSpec {
        labels: Labels {
            summary: summary(lang, &title, &items),
            title,
            category: t(lang, Msg::ColCategory).to_owned(),
            value: format!("{} (%)", t(lang, Msg::ColValue)),
            no_data: t(lang, Msg::NoData).to_owned(),
        },
        parts,
        unspecified: t(lang, Msg::MissingValue).to_owned(),
        style: ShareStyle::Bar,
        formats: Formats::same(&percent),
    };
    shares::draw(&spec, Size::new(width, SHARE_HEIGHT), theme)
}

/// Nothing to draw (a breakdown that vanished): an empty chart rather than an error.
fn empty_chart() -> Chart {
    Chart {
        svg: String::new(),
        marks: Vec::new(),
        table: Default::default(),
        width: 1,
        height: 1,
    }
}
