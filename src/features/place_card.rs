//! A place's card: its category and town, description, facts with their sources, and links.
//! Shown on region pages and in the map's side panel.

use atlas_core::i18n::category_name;
use atlas_core::model::Place;
use atlas_core::units::format_value;
use leptos::prelude::*;

use crate::components::{LText, SafeLink, SourceMark};
use crate::i18n::use_lang;

#[component]
pub fn PlaceCard(place: Place) -> impl IntoView {
    let lang = use_lang();
    let category = place.category;
    // The place's own source covers its description (or, without one, its category and town).
    let own_source = StoredValue::new(place.source.clone());
    let has_description = place.description.is_some();
    view! {
        <div class="card place-card" id=format!("place-{}", place.id) data-testid="place-card">
            <h4><LText text=place.name /></h4>
            <p class="muted">
                {move || category_name(lang.get(), category, false)}
                {place.town.map(|t| format!(" · {t}"))}
                {(!has_description).then(|| view! { <SourceMark source_id=own_source.get_value() /> })}
            </p>
            {place.description.map(|d| view! {
                <p><LText text=d /><SourceMark source_id=own_source.get_value() /></p>
            })}
            {(!place.facts.is_empty()).then(|| view! {
                <ul class="facts">
                    {place.facts.into_iter().map(|f| {
                        let qualifier = f.qualifier;
                        let figure = f.value.zip(f.unit).map(|(v, u)| view! {
                            <strong class="num">{move || format_value(v, u, qualifier, lang.get())}</strong>
                            " "
                        });
                        view! {
                            <li>
                                {figure}
                                <LText text=f.label />
                                {f.year.map(|y| format!(" ({y})"))}
                                <SourceMark source_id=f.source />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {place.links.into_iter().map(|l| {
                let text = match l.label {
                    Some(t) => view! { <LText text=t /> }.into_any(),
                    None => view! { <span>{l.url.clone()}</span> }.into_any(),
                };
                view! { <p><SafeLink url=l.url>{text}</SafeLink></p> }
            }).collect_view()}
        </div>
    }
}
