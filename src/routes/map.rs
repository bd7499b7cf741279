//! The map page (`/`): the interactive map (`features::map`) with its title, downloads and
//! embed button.

use atlas_core::i18n::{t, Msg};
use atlas_core::url_state::{with_query, MapState};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub use crate::features::map::AtlasMap;

use super::PageMetaMsg;
use crate::components::EmbedButton;
use crate::data::use_dataset;
use crate::i18n::use_lang;

#[component]
pub fn MapPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let location = use_location();
    // The widget shows the same view: same indicator, filters and zoom.
    let embed_route = Signal::derive(move || {
        let query = MapState::from_query(&location.search.get()).to_query();
        with_query("embed/map", &query)
    });
    let title = Signal::derive(move || t(lang.get(), Msg::TitleMap).to_owned());
    view! {
        <PageMetaMsg title=Msg::TitleMap description=Msg::DescMap />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleMap)}</h1>
        {move || data.dataset().map(|d| view! {
            <AtlasMap dataset=d exportable=true>
                <EmbedButton route=embed_route title=title />
            </AtlasMap>
        })}
    }
}
