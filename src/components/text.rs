//! Dataset text rendered safely: localized with a `lang` mark on fallbacks, sources and their
//! citations, links.

use std::sync::Arc;

use atlas_core::i18n::{localize, t, Msg};
use atlas_core::locale::label_prefix;
use atlas_core::model::Text;
use atlas_core::present::sources::{citation_number, citation_order, source_sentence};
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

/// A page's numbered sources, in the order of its [`SourceList`]. A page that lists its sources
/// provides them, and its figures then cite a number ([`SourceMark`]) instead of repeating the
/// source under each figure.
#[derive(Debug, Clone)]
pub struct Citations(Arc<Vec<String>>);

impl Citations {
    /// Numbers the sources `ids` (repeats and unknown ids dropped) and provides them to the
    /// page; call in the page's body, before its figures render.
    pub fn provide(ids: &[String]) -> Citations {
        let order = use_dataset()
            .dataset()
            .map(|d| citation_order(&d, ids))
            .unwrap_or_default();
        let citations = Citations(Arc::new(order));
        provide_context(citations.clone());
        citations
    }

    /// The sources, in citation order.
    pub fn ids(&self) -> Vec<String> {
        self.0.as_ref().clone()
    }

    fn number(&self, id: &str) -> Option<usize> {
        citation_number(&self.0, id)
    }
}

/// A figure's source: a superscript number that names the source on hover and focus (and, to
/// assistive technologies, in its name) and links to the page's source list; the full
/// [`SourceLine`] on a page that lists no sources.
#[component]
pub fn SourceMark(source_id: String) -> impl IntoView {
    let Some(number) = use_context::<Citations>().and_then(|c| c.number(&source_id)) else {
        return view! { <SourceLine source_id=source_id /> }.into_any();
    };
    let lang = use_lang();
    let data = use_dataset();
    let id = StoredValue::new(source_id);
    let sentence = move || {
        data.dataset()
            .map(|d| id.with_value(|id| source_sentence(&d, id, lang.get())))
            .unwrap_or_default()
    };
    // The name starts with the visible number (WCAG 2.5.3, label in name).
    let name = move || format!("{number} — {}", sentence());
    view! {
        <sup class="cite">
            <a
                href=id.with_value(|id| format!("#source-{id}"))
                class="source-ref cite-link"
                data-source=id.get_value()
                data-testid="source-mark"
                aria-label=name
            >
                {number}
            </a>
            <span class="cite-tip" aria-hidden="true">{sentence}</span>
        </sup>
    }
    .into_any()
}

/// The list of sources a page used, numbered as its citations (an ordered list in
/// [`Citations`] order), each with the anchor they link to.
#[component]
pub fn SourceList(ids: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let ids = use_context::<Citations>()
        .map(|c| c.ids())
        .or_else(|| data.dataset().map(|d| citation_order(&d, &ids)))
        .unwrap_or_default();
    view! {
        <ol class="source-list" data-testid="source-list">
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
        </ol>
    }
}
