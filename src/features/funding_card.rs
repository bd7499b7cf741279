//! A funding entry's card and a share's card, as on the Funding page: shared by that page, the
//! region pages and the chart embeds. What they show is computed by
//! `atlas_core::present::funding`; this module only lays it out.

use std::sync::Arc;

use atlas_core::i18n::{in_year, localize};
use atlas_core::model::{Funding, Share};
use atlas_core::present::funding::{
    amount_chart, big_number, chart_for_breakdown, chart_for_funding, chart_for_share, key_figures,
    parties, AmountChart, ChartEntry,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::chart::ChartView;
use crate::components::{EmbedButton, LText, SourceMark};
use crate::data::use_dataset;
use crate::i18n::use_lang;

/// The card of a chart id: a funding entry's or a share's.
pub fn chart_card(entry: ChartEntry) -> AnyView {
    match entry {
        ChartEntry::Funding(f) => view! { <FundingCard funding=f.clone() /> }.into_any(),
        ChartEntry::Share(s) => view! { <ShareCard share=s.clone() /> }.into_any(),
    }
}

/// Whether a shared link (`?chart=<id>`) points at the card with this id.
fn use_highlighted(id: String) -> Memo<bool> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("chart").is_some_and(|c| c == id))
}

/// One programme: who funds whom, its description, its amounts as a chart or a big number, its
/// breakdown, its source.
#[component]
pub fn FundingCard(funding: Funding) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let id = funding.id.clone();
    let highlighted = use_highlighted(id.clone());
    let kind = amount_chart(&funding);
    let f = Arc::new(funding);

    let parties_line = {
        let f = f.clone();
        move || {
            let line = parties(data.dataset()?.as_ref(), &f, lang.get())?;
            Some(view! { <p class="muted" data-testid="funding-parties">{line}</p> })
        }
    };
    let key_figures_line = (kind == AmountChart::Stacked).then(|| {
        let f = f.clone();
        view! { <p class="num" data-testid="key-figures">{move || key_figures(&f, lang.get())}</p> }
    });
    let source = f.source.clone();
    let main_view = match (chart_for_funding(&f), kind) {
        (Some(draw), _) => view! {
            <ChartView title=f.title.clone() draw=draw source_id=source.clone() embed_id=id.clone() />
        }
        .into_any(),
        (None, AmountChart::BigNumber) => {
            view! { <BigNumber funding=f.clone() embed_id=id.clone() /> }.into_any()
        }
        (None, _) => ().into_any(),
    };
    let breakdown_view = chart_for_breakdown(&f)
        .zip(f.breakdown.clone())
        .map(|(draw, b)| {
            view! { <ChartView title=b.title draw=draw source_id=source heading=4 embed_id=id.clone() /> }
        });

    view! {
        <article
            class="chart card"
            id=format!("funding-{id}")
            data-testid="funding-card"
            data-funding=id.clone()
            data-chart-kind=kind.code()
            data-highlighted=move || highlighted.get().then_some("true")
            style:box-shadow=move || highlighted.get().then_some("var(--focus-ring)")
        >
            <h3><LText text=f.title.clone() /></h3>
            {parties_line}
            {f.description.clone().map(|d| view! { <p><LText text=d /></p> })}
            {key_figures_line}
            {main_view}
            {breakdown_view}
        </article>
    }
}

/// A single amount as a figure, with its period, public part and, for part of a larger
/// programme, that programme and the share it represents; embeddable like any chart.
#[component]
fn BigNumber(funding: Arc<Funding>, embed_id: String) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let number = {
        let f = funding.clone();
        Memo::new(move |_| big_number(data.dataset()?.as_ref(), &f, lang.get()))
    };
    let embed_title = {
        let title = funding.title.clone();
        Signal::derive(move || localize(&title, lang.get()).text.to_owned())
    };
    let label =
        |text: Option<String>| text.map(|t| view! { <span class="figure-label">{t}</span> });
    let part_of = move || {
        let p = number.get()?.part_of?;
        Some(view! {
            <p class="muted" data-testid="part-of">
                <a href=p.href>{p.text}</a>
                {p.percent_text.map(|r| format!(" ({r})"))}
            </p>
            {p.percent.map(|r| view! {
                // The bar repeats the percentage in the text above, for sighted readers.
                <div class="bar-track" aria-hidden="true">
                    <div class="bar" style:width=format!("{:.2}%", r.max(0.5))></div>
                </div>
            })}
        })
    };
    view! {
        <div class="figure" data-testid="big-number">
            <span class="figure-value big-number">{move || number.get().map(|n| n.figure)}</span>
            {move || label(number.get().and_then(|n| n.period))}
            {move || label(number.get().and_then(|n| n.public))}
            {part_of}
            <SourceMark source_id=funding.source.clone() />
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
pub fn ShareCard(share: Share) -> impl IntoView {
    let lang = use_lang();
    let id = share.id.clone();
    let highlighted = use_highlighted(id.clone());
    let draw = chart_for_share(&share);
    view! {
        <article
            class="chart card"
            id=format!("share-{id}")
            data-testid="share-card"
            data-share=id.clone()
            data-highlighted=move || highlighted.get().then_some("true")
            style:box-shadow=move || highlighted.get().then_some("var(--focus-ring)")
        >
            <h3><LText text=share.title.clone() /></h3>
            {share.year.map(|y| view! { <p class="muted">{move || in_year(lang.get(), y)}</p> })}
            <ChartView title=share.title draw=draw source_id=share.source embed_id=id.clone() />
        </article>
    }
}
