//! Dataset text rendered safely: localized with a `lang` mark on fallbacks, sources, links.

use atlas_core::i18n::{localize, t, Msg};
use atlas_core::locale::label_prefix;
use atlas_core::model::Text;
use atlas_core::validate::safe_url;
use leptos::prelude::*;

use crate::data::use_dataset;
use crate::i18n::use_lang;

/// A dataset text in the reader's language; marked with `lang` when it fell back to the other.
#[component]
pub fn LText(text: Text) -> impl IntoView {
    let lang = use_lang();
    let text = StoredValue::new(text);
    let resolved = move || {
        text.with_value(|t| {
            let l = localize(t, lang.get());
            (l.text.to_owned(), l.lang_attr())
        })
    };
    view! { <span lang=move || resolved().1>{move || resolved().0}</span> }
}

/// An external link from data: rendered as a link only for http(s), else as plain text.
#[component]
pub fn SafeLink(url: String, children: Children) -> impl IntoView {
    if safe_url(&url) {
        view! { <a href=url rel="noopener noreferrer external" target="_blank">{children()}</a> }
            .into_any()
    } else {
        view! { <span>{children()}</span> }.into_any()
    }
}

/// "Source: <title>, <publisher>, <date>" under a figure.
#[component]
pub fn SourceLine(source_id: String) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let source = move || data.dataset().and_then(|d| d.source(&source_id).cloned());
    view! {
        <span class="source-line">
            {move || {
                let l = lang.get();
                label_prefix(l, t(l, Msg::ColSource))
            }}
            {move || source().map(|s| {
                let title = localize(&s.title, lang.get()).text.to_owned();
                let suffix = match &s.date {
                    Some(d) => format!(" — {}, {}", s.publisher, atlas_core::format::format_date(d, lang.get()).unwrap_or_else(|| d.clone())),
                    None => format!(" — {}", s.publisher),
                };
                view! {
                    <a href=format!("#source-{}", s.id) class="source-ref" data-source=s.id.clone()>{title}</a>
                    {suffix}
                }
            })}
        </span>
    }
}

/// The list of sources a page used, each with an anchor the source lines point to.
#[component]
pub fn SourceList(ids: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let mut ids = ids;
    ids.sort();
    ids.dedup();
    view! {
        <ul class="source-list" data-testid="source-list">
            {ids.into_iter().map(|id| {
                let source = data.dataset().and_then(|d| d.source(&id).cloned());
                source.map(|s| {
                    let date = s.date.clone();
                    view! {
                        <li id=format!("source-{}", s.id)>
                            <LText text=s.title.clone() /> " — " {s.publisher.clone()}
                            {date.map(|d| format!(", {}", atlas_core::format::format_date(&d, lang.get_untracked()).unwrap_or(d)))}
                            {s.url.clone().map(|u| view! { " · " <SafeLink url=u.clone()>{u}</SafeLink> })}
                            <span class="muted">" (" {s.origin.reference.clone()} ")"</span>
                        </li>
                    }
                })
            }).collect_view()}
        </ul>
    }
}
