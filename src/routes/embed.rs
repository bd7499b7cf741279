//! Embeddable widgets (`/embed/…`): the same views without site chrome, for partner pages.

use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;

use super::map::AtlasMap;
use super::PageMetaMsg;
use crate::data::use_dataset;
use crate::i18n::use_lang;

#[component]
pub fn EmbedMap() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleMap)}</h1>
        {move || data.dataset().map(|d| view! { <AtlasMap dataset=d embedded=true /> })}
    }
}

#[component]
pub fn EmbedChart() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleFunding)}</h1>
    }
}

#[component]
pub fn EmbedRegion() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleRegion)}</h1>
    }
}

#[component]
pub fn EmbedCompare() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleCompare)}</h1>
    }
}
