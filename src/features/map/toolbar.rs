//! The map's controls above and beside it: the indicator picker, the per-capita toggle and the
//! choice of class breaks, the category filter chips and the search box.

use std::collections::BTreeSet;

use atlas_core::choropleth::Choropleth;
use atlas_core::classify::Method;
use atlas_core::i18n::{category_count, localize, method_msg, t, Msg};
use atlas_core::model::{Category, Text};
use atlas_core::text::{EntryKind, SearchIndex};
use leptos::prelude::*;

use super::markers::MarkerShape;
use super::MapModel;
use crate::i18n::use_lang;
use crate::nav::History;
use crate::platform;

/// Search results listed at most.
const MAX_HITS: usize = 8;

#[component]
pub(super) fn MapToolbar(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    let options: Vec<(String, Text, bool)> = model.dataset.with_value(|d| {
        d.indicators()
            .iter()
            .map(|i| (i.id.clone(), i.name.clone(), i.per_capita))
            .collect()
    });
    // Indicators with published thresholds: only they offer them as classes.
    let with_breaks: BTreeSet<String> = model.dataset.with_value(|d| {
        d.indicators()
            .iter()
            .filter(|i| i.breaks.is_some())
            .map(|i| i.id.clone())
            .collect()
    });
    let with_breaks = StoredValue::new(with_breaks);
    let options = StoredValue::new(options);
    let current = Memo::new(move |_| model.choropleth.with(|c| c.indicator_id.clone()));
    let can_pc = Memo::new(move |_| {
        let id = current.get();
        options.with_value(|o| o.iter().any(|(i, _, pc)| Some(i) == id.as_ref() && *pc))
    });
    let on_change = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        model
            .url
            .set(History::Push, move |s| s.indicator = Some(value));
    };
    let option_views = move || {
        let l = lang.get();
        let current = current.get();
        options.with_value(|o| {
            o.iter()
                .map(|(id, name, _)| {
                    let selected = Some(id) == current.as_ref();
                    view! { <option value=id.clone() selected=selected>{localize(name, l).text.to_owned()}</option> }
                })
                .collect_view()
        })
    };
    let methods = Memo::new(move |_| {
        let id = current.get();
        let has_breaks = id.is_some_and(|id| with_breaks.with_value(|b| b.contains(&id)));
        Method::ALL
            .into_iter()
            .filter(|&m| m != Method::Dataset || has_breaks)
            .collect::<Vec<_>>()
    });
    // The method that made the classes: after a fallback (no thresholds), quantiles.
    let applied = Memo::new(move |_| model.choropleth.with(Choropleth::applied_method));
    let on_method = move |ev: web_sys::Event| {
        // An unknown value (a tampered page) changes nothing.
        if let Some(method) = Method::parse(&event_target_value(&ev)) {
            model.url.set(History::Push, move |s| s.method = method);
        }
    };
    let method_views = move || {
        let l = lang.get();
        let applied = applied.get();
        methods
            .get()
            .into_iter()
            .map(|m| {
                // A property, not the attribute: it still selects after the reader has picked.
                view! { <option value=m.as_str() prop:selected={m == applied}>{t(l, method_msg(m))}</option> }
            })
            .collect_view()
    };
    let pressed = move || {
        if model.url.state.get().per_capita {
            "true"
        } else {
            "false"
        }
    };
    view! {
        <div class="toolbar no-print">
            <div class="field">
                <label for="indicator-picker">{move || t(lang.get(), Msg::IndicatorPicker)}</label>
                <select id="indicator-picker" data-testid="indicator-picker" on:change=on_change>
                    {option_views}
                </select>
            </div>
            <div class="field">
                <label for="class-method">{move || t(lang.get(), Msg::ClassMethod)}</label>
                <select id="class-method" data-testid="class-method" on:change=on_method>
                    {method_views}
                </select>
            </div>
            <Show when=move || can_pc.get()>
                <button
                    type="button"
                    data-testid="per-capita"
                    aria-pressed=pressed
                    on:click=move |_| model.url.set(History::Push, |s| s.per_capita = !s.per_capita)
                >
                    {move || t(lang.get(), Msg::PerCapita)}
                </button>
            </Show>
        </div>
    }
}

/// One chip per category present, with its symbol and count; all shown is no `cat=` at all.
#[component]
pub(super) fn CategoryFilter(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    let counts = model.dataset.with_value(|d| {
        let mut counts = [0usize; Category::ALL.len()];
        for p in d.places() {
            counts[p.category.index()] += 1;
        }
        counts
    });
    // The categories present, in category order.
    let present: Vec<(Category, usize)> = Category::ALL
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect();
    let all: BTreeSet<String> = present.iter().map(|(c, _)| c.slug().to_owned()).collect();
    let all = StoredValue::new(all);
    let chips = present
        .into_iter()
        .map(|(category, n)| {
            let slug = category.slug();
            let on = move || {
                model.url.state.get().categories.as_ref().is_none_or(|s| s.contains(slug))
            };
            let toggle = move |_| {
                model.url.set(History::Push, move |s| {
                    let mut set = s.categories.clone().unwrap_or_else(|| all.get_value());
                    if !set.remove(slug) {
                        set.insert(slug.to_owned());
                    }
                    s.categories = if set == all.get_value() { None } else { Some(set) };
                })
            };
            view! {
                <button type="button" class="chip" data-testid=format!("filter-{slug}") aria-pressed=move || if on() { "true" } else { "false" } on:click=toggle>
                    <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true"><MarkerShape category=category /></svg>
                    {move || category_count(lang.get(), category, n)}
                </button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="chips no-print" data-testid="category-filter">
            <legend>{move || t(lang.get(), Msg::FilterByCategory)}</legend>
            {chips}
        </fieldset>
    }
}

/// Regions link to their page; a place opens its card on the map and clears the box.
#[component]
pub(super) fn Search(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    let index = StoredValue::new(
        model
            .dataset
            .with_value(|d| SearchIndex::from_dataset(d.raw())),
    );
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let q = query.get();
        index.with_value(|i| i.search(&q, MAX_HITS))
    });
    let open_place = move |id: String| {
        model.url.set(History::Push, move |s| s.place = Some(id));
        query.set(String::new());
    };
    let results = move || {
        let list = hits.get();
        if list.is_empty() {
            return view! { <p class="muted" role="status">{move || t(lang.get(), Msg::SearchNoResults)}</p> }.into_any();
        }
        let items = list
            .into_iter()
            .map(|h| match h.kind {
                EntryKind::Region => view! {
                    <li><a href=platform::app_href(&format!("/region/{}", h.id))>{h.name.clone()}</a></li>
                }
                .into_any(),
                EntryKind::Place => {
                    let id = h.id.clone();
                    view! {
                        <li><a href="#place-card" on:click=move |ev| {
                            ev.prevent_default();
                            open_place(id.clone());
                        }>{h.name.clone()}</a></li>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! { <ul class="search-results" data-testid="search-results">{items}</ul> }.into_any()
    };
    view! {
        <div class="field no-print" role="search">
            <label for="atlas-search">{move || t(lang.get(), Msg::SearchLabel)}</label>
            <input
                id="atlas-search"
                type="search"
                data-testid="search"
                autocomplete="off"
                placeholder=move || t(lang.get(), Msg::SearchPlaceholder)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <Show when=move || !query.get().trim().is_empty()>{results}</Show>
        </div>
    }
}
