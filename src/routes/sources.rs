//! The Sources page: what the dataset is, who published it, under which licence, from what.

use atlas_core::format::format_date;
use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;

use super::PageMetaMsg;
use crate::components::{LText, SafeLink, SourceList};
use crate::data::use_dataset;
use crate::i18n::use_lang;
use crate::platform;

#[component]
pub fn SourcesPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let text = move |m: Msg| move || t(lang.get(), m);
    view! {
        <PageMetaMsg title=Msg::TitleSources description=Msg::DescSources />
        <h1 data-testid="page-title">{text(Msg::TitleSources)}</h1>
        {move || data.dataset().map(|d| {
            let m = d.metadata().clone();
            let published = m.published.clone();
            let ids: Vec<String> = d.sources().iter().map(|s| s.id.clone()).collect();
            view! {
                <dl class="card" data-testid="dataset-metadata">
                    <dt>{text(Msg::Dataset)}</dt><dd><LText text=m.title.clone() /></dd>
                    <dt>{text(Msg::Version)}</dt><dd>{m.version.clone()}</dd>
                    <dt>{text(Msg::PublicationDate)}</dt>
                    <dd>{move || format_date(&published, lang.get()).unwrap_or_else(|| published.clone())}</dd>
                    <dt>{text(Msg::Publisher)}</dt><dd>{m.publisher.clone()}</dd>
                    <dt>{text(Msg::Licence)}</dt>
                    <dd>
                        {match m.licence.url.clone() {
                            Some(u) => view! { <SafeLink url=u>{m.licence.name.clone()}</SafeLink> }.into_any(),
                            None => view! { <span>{m.licence.name.clone()}</span> }.into_any(),
                        }}
                    </dd>
                    <dt>{text(Msg::Attribution)}</dt><dd><LText text=m.attribution.clone() /></dd>
                    <dt>{text(Msg::Languages)}</dt><dd>{m.languages.join(", ")}</dd>
                </dl>
                <p><a href=platform::asset_url("data/atlas.json") download="atlas.json">{text(Msg::DownloadDataset)}</a></p>
                <h2>{text(Msg::AllSources)}</h2>
                <SourceList ids=ids />
                <p class="muted">{text(Msg::MethodNote)}</p>
                <p data-testid="check-link"><a href=platform::app_href("/check")>{text(Msg::CheckLinkFromSources)}</a></p>
            }
        })}
    }
}
