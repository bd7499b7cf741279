//! The "Embed" button: a dialog with a live preview and the snippet a partner pastes.

use atlas_core::i18n::{t, Msg};
use atlas_core::present::embed::{snippet, with_lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_lang;
use crate::platform;

#[component]
pub fn EmbedButton(
    /// Route of the widget, relative to the atlas base, e.g. `embed/chart/budget`.
    #[prop(into)]
    route: Signal<String>,
    /// Accessible title of the iframe.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    if use_context::<crate::data::InPreview>().is_some() {
        return ().into_any();
    }
    let lang = use_lang();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let code = Memo::new(move |_| {
        let widget = platform::absolute_url(&with_lang(&route.get(), lang.get()));
        snippet(&widget, &platform::absolute_url("embed.js"), &title.get())
    });
    let show = move |_| {
        open.set(true);
        copied.set(false);
        if let Some(d) = dialog.get() {
            let d: web_sys::HtmlDialogElement = d.unchecked_into();
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        open.set(false);
        if let Some(d) = dialog.get() {
            let d: web_sys::HtmlDialogElement = d.unchecked_into();
            d.close();
        }
    };
    let copy = move |_| {
        let text = code.get_untracked();
        leptos::task::spawn_local(async move {
            copied.set(platform::copy_text(&text).await);
        });
    };
    let preview_src = Memo::new(move |_| platform::asset_url(&with_lang(&route.get(), lang.get())));
    view! {
        <button type="button" class="button no-print" data-testid="embed-button" on:click=show>
            {move || t(lang.get(), Msg::Embed)}
        </button>
        <dialog node_ref=dialog class="embed-dialog" data-testid="embed-dialog" aria-labelledby="embed-dialog-title" on:close=move |_| open.set(false)>
            <h2 id="embed-dialog-title">{move || t(lang.get(), Msg::EmbedTitle)}</h2>
            <p>{move || t(lang.get(), Msg::EmbedHelp)}</p>
            <label for="embed-code">{move || t(lang.get(), Msg::EmbedCode)}</label>
            <textarea id="embed-code" rows="5" readonly data-testid="embed-code" prop:value=move || code.get()></textarea>
            <p class="chart-actions">
                <button type="button" class="button button--primary" data-testid="embed-copy" on:click=copy>
                    {move || if copied.get() { t(lang.get(), Msg::EmbedCopied) } else { t(lang.get(), Msg::EmbedCopy) }}
                </button>
                <button type="button" class="button" on:click=close>{move || t(lang.get(), Msg::Close)}</button>
            </p>
            <h3>{move || t(lang.get(), Msg::EmbedPreview)}</h3>
            <Show when=move || open.get()>
                <iframe class="embed-preview" src=move || preview_src.get() title=move || title.get() data-testid="embed-preview"></iframe>
            </Show>
        </dialog>
    }
    .into_any()
}
