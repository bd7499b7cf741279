//! The comparison view (`/compare?regions=…`): two to four regions side by side.

use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;

use super::PageMetaMsg;
use crate::i18n::use_lang;

#[component]
pub fn ComparePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMetaMsg title=Msg::TitleCompare description=Msg::DescCompare />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleCompare)}</h1>
    }
}
