//! The Funding page (`/funding`): every programme and budget of the dataset as charts with
//! table twins, sources, downloads and an embed link, then the member mixes (shares).
//!
//! Each funding entry gets the chart that reads honestly: amounts over years as bars, an amount
//! with its public part as public/other stacks, a breakdown as ranked bars, and a single amount
//! as a big number (a one-bar chart would suggest a comparison that does not exist).

use std::sync::Arc;

use atlas_core::format::format_percent;
use atlas_core::i18n::{in_year, join_list, labelled, localize, part_of, t, Msg};
use atlas_core::model::{Funding, FundingKind, Share};
use atlas_core::present::funding::{
    amount_chart, chart_for_breakdown, chart_for_funding, chart_for_share, key_figures, money,
    party_name, period, AmountChart,
};
use atlas_core::url_state::FundingState;
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::PageMetaMsg;
use crate::components::chart::ChartView;
use crate::components::{EmbedButton, LText, SourceLine, SourceList};
use crate::data::use_dataset;
use crate::i18n::use_lang;

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
    let draw = chart_for_share(&s);
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
