//! A region's figures as the region page shows them, and the embedded region card built from
//! the same items: headline figures with their year, national rank and source, then the ranks
//! the dataset states (`atlas_core::present::region`).

use std::sync::Arc;

use atlas_core::i18n::localize;
use atlas_core::model::{Ranking, Region};
use atlas_core::present::region::{headline_figures, ranking_text, rankings, HeadlineFigure};
use atlas_core::validate::Dataset;
use leptos::prelude::*;

use crate::components::{Citations, LText, SourceList, SourceMark};
use crate::i18n::use_lang;

/// One headline figure: value, label and year, national rank, source.
#[component]
pub fn FigureItem(figure: HeadlineFigure) -> impl IntoView {
    let lang = use_lang();
    let figure = Arc::new(figure);
    let value = {
        let f = figure.clone();
        move || f.value_text(lang.get())
    };
    let rank = {
        let f = figure.clone();
        move || {
            f.rank_text(lang.get())
                .map(|r| view! { <span class="muted">{r}</span> })
        }
    };
    view! {
        <li class="figure">
            <span class="figure-value">{value}</span>
            <span class="figure-label">
                <LText text=figure.label.clone() />
                {figure.year.map(|y| format!(" ({y})"))}
            </span>
            {rank}
            <SourceMark source_id=figure.source.clone() />
        </li>
    }
}

/// A rank the dataset states: "1re", its subject, its source.
#[component]
pub fn RankItem(ranking: Ranking) -> impl IntoView {
    let lang = use_lang();
    let rank = StoredValue::new(ranking.clone());
    view! {
        <li class="figure rank">
            <span class="figure-value">{move || rank.with_value(|r| ranking_text(r, lang.get()))}</span>
            <span class="figure-label"><LText text=ranking.subject /></span>
            <SourceMark source_id=ranking.source />
        </li>
    }
}

/// The embedded region: its name as the page's heading, its headline figures and stated ranks.
#[component]
pub fn RegionCard(dataset: Arc<Dataset>, region: Region) -> impl IntoView {
    let lang = use_lang();
    let figures = headline_figures(&dataset, &region.id);
    let ranks: Vec<Ranking> = rankings(&dataset, &region.id)
        .into_iter()
        .cloned()
        .collect();
    let name = region.name.clone();
    let source_ids: Vec<String> = figures
        .iter()
        .map(|f| f.source.clone())
        .chain(ranks.iter().map(|r| r.source.clone()))
        .collect();
    let citations = Citations::provide(&source_ids);
    view! {
        <article class="card region-card" data-testid="region-card">
            <h1 data-testid="page-title"><LText text=region.name /></h1>
            <ul class="figures" data-testid="headline-figures">
                {figures.into_iter().map(|f| view! { <FigureItem figure=f /> }).collect_view()}
                {ranks.into_iter().map(|r| view! { <RankItem ranking=r /> }).collect_view()}
            </ul>
            <p class="muted">{move || localize(&name, lang.get()).text.to_owned()}</p>
            <SourceList ids=citations.ids() />
        </article>
    }
}
