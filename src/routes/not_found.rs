//! The 404 page: says what happened and offers a way back.

use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;

use super::PageMetaMsg;
use crate::i18n::use_lang;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMetaMsg title=Msg::TitleNotFound description=Msg::DescNotFound />
        <section class="state" data-testid="not-found">
            <h1 data-testid="page-title">{move || t(lang.get(), Msg::NotFoundHeading)}</h1>
            <p>{move || t(lang.get(), Msg::NotFoundText)}</p>
            <p><a href=crate::platform::app_href("/")>{move || t(lang.get(), Msg::BackToMap)}</a></p>
        </section>
    }
}
