//! The Funding page (`/funding`): every programme and budget of the dataset as charts with
//! table twins, sources, downloads and an embed link, then the member mixes (shares).
//!
//! Each funding entry gets the chart that reads honestly: amounts over years as bars, an amount
//! with its public part as public/other stacks, a breakdown as ranked bars, and a single amount
//! as a big number (a one-bar chart would suggest a comparison that does not exist).

use std::sync::Arc;

use atlas_core::charts::bars::{self, BarSpec};
use atlas_core::charts::ranked::{self, RankedSpec};
use atlas_core::charts::shares::{self, ShareStyle, SharesSpec};
use atlas_core::charts::stacked::{self, public_and_other, StackedBar, StackedSpec};
use atlas_core::charts::{Chart, ChartError, ChartTheme, Datum, Formats, Labels, Size};
use atlas_core::format::{format_money, format_percent, MoneyStyle, NBSP};
use atlas_core::i18n::{
    in_year, join_list, labelled, localize, part_of, since_year, t, year_span, Lang, Msg,
};
use atlas_core::model::{Amount, Funding, FundingKind, Party, PartyKind, Qualifier, Share, Unit};
use atlas_core::units::{format_value, qualifier_msg, unit_label};
use atlas_core::url_state::FundingState;
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::PageMetaMsg;
use crate::components::chart::{ChartView, DrawChart};
use crate::components::{EmbedButton, LText, SourceLine, SourceList};
use crate::data::use_dataset;
use crate::i18n::use_lang;

/// Bar and stacked charts are drawn this tall; ranked and share charts follow their content.
const COLUMN_HEIGHT: u32 = 300;

#[component]
pub fn FundingPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let location = use_location();
    let text = move |m: Msg| move || t(lang.get(), m);

    // `?chart=<id>` (shared links) or `#funding-<id>` (anchors): the page is drawn after the
    // dataset arrives, too late for the browser's own jump to the anchor, so scroll here.
    // A chart id may name a funding entry or a share: element ids to try, in order.
    let targets = Memo::new(move |_| {
        if let Some(id) = FundingState::from_query(&location.search.get()).chart {
            return vec![format!("funding-{id}"), format!("share-{id}")];
        }
        let hash = location.hash.get();
        let id = hash.trim_start_matches('#');
        if id.starts_with("funding-") || id.starts_with("share-") {
            vec![id.to_owned()]
        } else {
            Vec::new()
        }
    });
    Effect::new(move |_| {
        let ids = targets.get();
        if ids.is_empty() || data.dataset().is_none() {
            return;
        }
        // After the cards are laid out, so the jump lands on the card and not above it.
        request_animation_frame(move || {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            if let Some(el) = ids.iter().find_map(|id| doc.get_element_by_id(id)) {
                el.scroll_into_view();
            }
        });
    });

    view! {
        <PageMetaMsg title=Msg::TitleFunding description=Msg::DescFunding />
        <h1 data-testid="page-title">{text(Msg::TitleFunding)}</h1>
        <p class="muted">{text(Msg::DescFunding)}</p>
        {move || data.dataset().map(|d| {
            let groups = [
                (FundingKind::Programme, Msg::FundingKindProgramme),
                (FundingKind::Budget, Msg::FundingKindBudget),
                (FundingKind::Support, Msg::FundingKindSupport),
                (FundingKind::Projects, Msg::FundingKindProjects),
                (FundingKind::Cumulative, Msg::FundingKindCumulative),
            ];
            let shares: Vec<Share> = d.raw().shares.clone();
            let mut source_ids: Vec<String> = d.funding().iter().map(|f| f.source.clone()).collect();
            source_ids.extend(shares.iter().map(|s| s.source.clone()));
            view! {
                {groups.into_iter().filter_map(|(kind, msg)| {
                    let items: Vec<Funding> = d.funding().iter().filter(|f| f.kind == kind).cloned().collect();
                    (!items.is_empty()).then(|| view! {
                        <section class="funding-group" data-kind=format!("{kind:?}").to_lowercase()>
                            <h2>{text(msg)}</h2>
                            {items.into_iter().map(|f| view! { <FundingCard funding=f /> }).collect_view()}
                        </section>
                    })
                }).collect_view()}
                {(!shares.is_empty()).then(|| view! {
                    <section class="funding-group" data-kind="shares" data-testid="shares-section">
                        <h2>{text(Msg::Breakdown)}</h2>
                        {shares.into_iter().map(|s| view! { <ShareCard share=s /> }).collect_view()}
                    </section>
                })}
                <h2>{text(Msg::SourcesOnPage)}</h2>
                <SourceList ids=source_ids />
            }
        })}
    }
}

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

/// The chart of `funding`'s amounts, or `None` when they are shown as a big number (or absent).
/// Usable wherever one funding entry is charted (the page, region pages, embeds).
pub fn chart_for_funding(funding: &Funding) -> Option<DrawChart> {
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
pub fn chart_for_breakdown(funding: &Funding) -> Option<DrawChart> {
    funding.breakdown.as_ref()?;
    let f = Arc::new(funding.clone());
    Some(Arc::new(move |lang, theme, width| {
        draw_breakdown(&f, lang, theme, width)
    }))
}

/// Whether `/embed/chart/<id>` has something to show: a funding entry or a share.
pub fn chart_exists(dataset: &Dataset, id: &str) -> bool {
    dataset.funding_by_id(id).is_some() || dataset.raw().shares.iter().any(|s| s.id == id)
}

/// One funding entry or share, by id, as on the Funding page (for the chart embed route);
/// nothing while the dataset loads or when the id is unknown (see [`chart_exists`]).
pub fn funding_chart_by_id(id: String) -> impl IntoView {
    let data = use_dataset();
    move || {
        let d = data.dataset()?;
        if let Some(f) = d.funding_by_id(&id) {
            return Some(view! { <FundingCard funding=f.clone() /> }.into_any());
        }
        let share = d.raw().shares.iter().find(|s| s.id == id)?.clone();
        Some(view! { <ShareCard share=share /> }.into_any())
    }
}

/// One programme: who funds whom, its description, its amounts as a chart or a big number, its
/// breakdown, its source.
#[component]
pub fn FundingCard(funding: Funding) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let query = use_query_map();
    let id = funding.id.clone();
    // Highlighted when a shared link (`?chart=<id>`) points at it.
    let highlighted = {
        let id = id.clone();
        Memo::new(move |_| query.read().get("chart").is_some_and(|c| c == id))
    };
    let amount_draw = chart_for_funding(&funding);
    let breakdown_draw = chart_for_breakdown(&funding);
    let kind = amount_chart(&funding);
    let f = Arc::new(funding);

    let parties = {
        let f = f.clone();
        move || {
            let d = data.dataset()?;
            let l = lang.get();
            let funders: Vec<String> = f
                .funders
                .iter()
                .filter_map(|p| party_name(&d, p, l))
                .collect();
            let beneficiary = party_name(&d, &f.beneficiary, l);
            let mut parts = Vec::new();
            if !funders.is_empty() {
                let names: Vec<&str> = funders.iter().map(String::as_str).collect();
                parts.push(labelled(l, t(l, Msg::Funders), &join_list(l, &names)));
            }
            if let Some(b) = beneficiary {
                parts.push(labelled(l, t(l, Msg::Beneficiary), &b));
            }
            (!parts.is_empty()).then(
                || view! { <p class="muted" data-testid="funding-parties">{parts.join(" · ")}</p> },
            )
        }
    };

    let kind_code = match kind {
        AmountChart::Bars => "bars",
        AmountChart::Stacked => "stacked",
        AmountChart::BigNumber => "number",
        AmountChart::Nothing => "none",
    };
    let title = f.title.clone();
    let description = f.description.clone();
    let source = f.source.clone();
    let stacked_summary = (kind == AmountChart::Stacked).then(|| {
        let f = f.clone();
        move || key_figures(&f, lang.get())
    });
    let main_view = match (amount_draw, kind) {
        (Some(draw), _) => view! {
            <ChartView title=title.clone() draw=draw source_id=source.clone() embed_id=id.clone() />
        }
        .into_any(),
        (None, AmountChart::BigNumber) => {
            view! { <BigNumber funding=f.clone() embed_id=id.clone() /> }.into_any()
        }
        (None, _) => ().into_any(),
    };
    let breakdown_view = breakdown_draw.zip(f.breakdown.clone()).map(|(draw, b)| {
        view! { <ChartView title=b.title draw=draw source_id=source.clone() heading=4 embed_id=id.clone() /> }
    });

    view! {
        <article
            class="chart card"
            id=format!("funding-{id}")
            data-testid="funding-card"
            data-funding=id.clone()
            data-chart-kind=kind_code
            data-highlighted=move || highlighted.get().then_some("true")
            style:box-shadow=move || highlighted.get().then_some("var(--focus-ring)")
        >
            <h3><LText text=title /></h3>
            {parties}
            {description.map(|d| view! { <p><LText text=d /></p> })}
            {stacked_summary.map(|s| view! { <p class="num" data-testid="key-figures">{s}</p> })}
            {main_view}
            {breakdown_view}
        </article>
    }
}

/// A single amount as a figure, with its period, public part and, for part of a larger
/// programme, that programme and the share it represents.
#[component]
fn BigNumber(funding: Arc<Funding>, embed_id: String) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let f = funding.clone();
    let amount = funding.amounts.first().cloned();
    let embed_title = {
        let title = funding.title.clone();
        Signal::derive(move || localize(&title, lang.get()).text.to_owned())
    };
    let figure = {
        let f = f.clone();
        let amount = amount.clone();
        move || {
            amount
                .as_ref()
                .map(|a| money(a.total, a.qualifier, &f.currency, lang.get()))
        }
    };
    let period_text = {
        let amount = amount.clone();
        move || amount.as_ref().and_then(|a| period(a, lang.get()))
    };
    let public = {
        let f = f.clone();
        let amount = amount.clone();
        move || {
            let l = lang.get();
            let a = amount.as_ref()?;
            let p = a.public.filter(|p| p.is_finite())?;
            Some(labelled(
                l,
                t(l, Msg::FundingPublic),
                &money(p, None, &f.currency, l),
            ))
        }
    };
    // The parent programme: its name and total, and how much of it this amount is.
    let parent = {
        let f = f.clone();
        let amount = amount.clone();
        move || {
            let l = lang.get();
            let d = data.dataset()?;
            let parent = d.funding_by_id(f.part_of.as_deref()?)?;
            let parent_amount = match parent.amounts.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            };
            let name = localize(&parent.title, l).text.to_owned();
            let context = match &parent_amount {
                Some(pa) => format!(
                    "{name} — {}",
                    money(pa.total, pa.qualifier, &parent.currency, l)
                ),
                None => name,
            };
            // A proportion only makes sense in one currency and within the parent's total.
            let ratio = parent_amount
                .zip(amount.as_ref())
                .filter(|(pa, _)| pa.total > 0.0 && parent.currency == f.currency)
                .map(|(pa, a)| a.total / pa.total * 100.0)
                .filter(|r| r.is_finite() && (0.0..=100.0).contains(r));
            let href = format!("#funding-{}", parent.id);
            Some(view! {
                <p class="muted" data-testid="part-of">
                    <a href=href>{part_of(l, &context)}</a>
                    {ratio.map(|r| format!(" ({})", format_percent(r, l)))}
                </p>
                {ratio.map(|r| view! {
                    // The bar repeats the percentage in the text above, for sighted readers.
                    <div class="bar-track" aria-hidden="true">
                        <div class="bar" style:width=format!("{:.2}%", r.max(0.5))></div>
                    </div>
                })}
            })
        }
    };
    view! {
        <div class="figure" data-testid="big-number">
            <span class="figure-value big-number">{figure}</span>
            {move || period_text().map(|p| view! { <span class="figure-label">{p}</span> })}
            {move || public().map(|p| view! { <span class="figure-label">{p}</span> })}
            {parent}
            <SourceLine source_id=funding.source.clone() />
            <div class="chart-actions">
                <span data-testid="embed-chart">
                    <EmbedButton route=format!("embed/chart/{embed_id}") title=embed_title />
                </span>
            </div>
        </div>
    }
}

/// A share (a member mix) as a 100 % bar.
#[component]
fn ShareCard(share: Share) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let id = share.id.clone();
    let highlighted = {
        let id = id.clone();
        Memo::new(move |_| query.read().get("chart").is_some_and(|c| c == id))
    };
    let year = share.year;
    let title = share.title.clone();
    let source = share.source.clone();
    let s = Arc::new(share);
    let draw: DrawChart = Arc::new(move |lang, theme, width| draw_share(&s, lang, theme, width));
    view! {
        <article
            class="chart card"
            id=format!("share-{id}")
            data-testid="share-card"
            data-share=id.clone()
            data-highlighted=move || highlighted.get().then_some("true")
            style:box-shadow=move || highlighted.get().then_some("var(--focus-ring)")
        >
            <h3><LText text=title.clone() /></h3>
            {year.map(|y| view! { <p class="muted">{move || in_year(lang.get(), y)}</p> })}
            <ChartView title=title draw=draw source_id=source embed_id=id.clone() />
        </article>
    }
}

// ── Drawing ──

/// "2016", "2005–2017", "depuis 2005" / "since 2005"; `None` for an undated amount.
fn period(a: &Amount, lang: Lang) -> Option<String> {
    match (a.from_year, a.year) {
        (Some(from), Some(to)) => Some(year_span(from, to)),
        (None, Some(y)) => Some(y.to_string()),
        (Some(from), None) => Some(since_year(lang, from)),
        (None, None) => None,
    }
}

/// A category label for an amount; undated amounts are labelled "Total".
fn period_label(a: &Amount, lang: Lang) -> String {
    period(a, lang).unwrap_or_else(|| t(lang, Msg::Total).to_owned())
}

/// "2,3 M€", or "environ 1,9 Md€" / "about €1.9bn" when the source gives it as approximate.
fn money(v: f64, qualifier: Option<Qualifier>, currency: &str, lang: Lang) -> String {
    let figure = format_money(v, currency, lang, MoneyStyle::Compact);
    match qualifier {
        Some(q) => format!("{}{NBSP}{figure}", t(lang, qualifier_msg(q))),
        None => figure,
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The value formatter of a money chart: plain for figures the source states exactly, with the
/// qualifier for approximate ones. Chart formatters see only numbers, so figures are recognised
/// by value; exact ones are checked first so a stated public part never reads as approximate.
fn money_formatter(
    currency: String,
    lang: Lang,
    approximate: Vec<(f64, Qualifier)>,
    exact: Vec<f64>,
) -> impl Fn(f64) -> String {
    move |v| {
        let q = if exact.iter().any(|e| same(*e, v)) {
            None
        } else {
            approximate
                .iter()
                .find(|(a, _)| same(*a, v))
                .map(|(_, q)| *q)
        };
        money(v, q, &currency, lang)
    }
}

/// "Titre : 2015 : 1,9 M€ ; 2016 : 2,3 M€"-style text for the SVG's accessible name.
fn summary(lang: Lang, title: &str, items: &[String]) -> String {
    labelled(lang, title, &items.join(lang.pick(" ; ", "; ")))
}

fn money_labels(f: &Funding, lang: Lang, summary_items: &[String]) -> Labels {
    let title = localize(&f.title, lang).text.to_owned();
    Labels {
        summary: summary(lang, &title, summary_items),
        title,
        category: t(lang, Msg::ColYear).to_owned(),
        value: t(lang, Msg::ColAmount).to_owned(),
        no_data: t(lang, Msg::NoData).to_owned(),
    }
}

fn draw_bars(f: &Funding, lang: Lang, theme: &ChartTheme, width: u32) -> Result<Chart, ChartError> {
    let approximate = f
        .amounts
        .iter()
        .filter_map(|a| a.qualifier.map(|q| (a.total, q)))
        .collect();
    let value = money_formatter(f.currency.clone(), lang, approximate, Vec::new());
    let tick = |v: f64| format_money(v, &f.currency, lang, MoneyStyle::Compact);
    let items: Vec<String> = f
        .amounts
        .iter()
        .map(|a| labelled(lang, &period_label(a, lang), &value(a.total)))
        .collect();
    let spec = BarSpec {
        labels: money_labels(f, lang, &items),
        data: f
            .amounts
            .iter()
            .map(|a| Datum::new(period_label(a, lang), a.total))
            .collect(),
        formats: Formats {
            value: &value,
            tick: &tick,
        },
    };
    bars::draw(&spec, Size::new(width, COLUMN_HEIGHT), theme)
}

fn draw_stacked(
    f: &Funding,
    lang: Lang,
    theme: &ChartTheme,
    width: u32,
) -> Result<Chart, ChartError> {
    let mut approximate = Vec::new();
    let mut exact = Vec::new();
    let mut bars_in = Vec::new();
    let mut items = Vec::new();
    let (public_name, other_name, total_name) = (
        t(lang, Msg::FundingPublic),
        t(lang, Msg::FundingPrivate),
        t(lang, Msg::Total),
    );
    for a in &f.amounts {
        let Some([public, other]) = public_and_other(a) else {
            continue;
        };
        exact.push(public);
        if let Some(q) = a.qualifier {
            approximate.push((a.total, q));
            approximate.push((other, q));
        }
        bars_in.push((a, public, other));
    }
    let value = money_formatter(f.currency.clone(), lang, approximate, exact);
    let tick = |v: f64| format_money(v, &f.currency, lang, MoneyStyle::Compact);
    let mut bars_out = Vec::new();
    for (a, public, other) in bars_in {
        let label = period_label(a, lang);
        items.push(labelled(
            lang,
            &label,
            &format!(
                "{}, {}, {}",
                labelled(lang, public_name, &value(public)),
                labelled(lang, other_name, &value(other)),
                labelled(lang, total_name, &value(a.total))
            ),
        ));
        bars_out.push(StackedBar {
            label,
            parts: vec![Some(public), Some(other)],
        });
    }
    let spec = StackedSpec {
        labels: money_labels(f, lang, &items),
        series: vec![public_name.to_owned(), other_name.to_owned()],
        bars: bars_out,
        total_label: Some(total_name.to_owned()),
        formats: Formats {
            value: &value,
            tick: &tick,
        },
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

fn draw_breakdown(
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

fn draw_share(s: &Share, lang: Lang, theme: &ChartTheme, width: u32) -> Result<Chart, ChartError> {
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
    shares::draw(&spec, Size::new(width, 160), theme)
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

/// "Total : environ 1,9 Md€ · Fonds publics : 533 M€", above a stacked chart, so the figures
/// and how exact they are can be read without the chart.
fn key_figures(f: &Funding, lang: Lang) -> String {
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

/// A funder's or beneficiary's name: a region or place of the dataset, or the name given.
fn party_name(d: &Dataset, p: &Party, lang: Lang) -> Option<String> {
    let own = p
        .name
        .as_ref()
        .map(|n| localize(n, lang).text.to_owned())
        .filter(|n| !n.is_empty());
    let from_data = match (p.kind, p.id.as_deref()) {
        (PartyKind::Region, Some(id)) => d
            .region(id)
            .map(|r| localize(&r.name, lang).text.to_owned()),
        (PartyKind::Place, Some(id)) => d
            .place(id)
            .map(|pl| localize(&pl.name, lang).text.to_owned()),
        _ => None,
    };
    let generic = match p.kind {
        PartyKind::National => Some(t(lang, Msg::PartyNational).to_owned()),
        PartyKind::European => Some(t(lang, Msg::PartyEuropean).to_owned()),
        _ => None,
    };
    own.or(from_data).or(generic)
}
