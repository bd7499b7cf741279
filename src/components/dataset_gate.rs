//! Shows the loading progress, the error view or the routes, depending on the dataset's state.

use atlas_core::i18n::{line_column, loading_percent, t, Lang, Msg};
use atlas_core::validate::{Problem, ProblemKind};
use leptos::prelude::*;

use crate::data::{use_dataset, LoadError, Progress};
use crate::i18n::use_lang;
use crate::platform;

/// Problems listed before "and N more": enough to fix a file, short enough to read.
const SHOWN_PROBLEMS: usize = 50;

/// A route's view that shows the site's dataset: behind the gate.
pub fn gated<V: IntoView + 'static>(
    page: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || {
        let page = page.clone();
        view! { <DatasetGate>{page()}</DatasetGate> }.into_any()
    }
}

/// A route's view that needs no site dataset (the check page reads the publisher's own file):
/// it shows at once, while the site's dataset loads, and when that dataset is broken.
pub fn ungated<V: IntoView + 'static>(
    page: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || {
        platform::take_over_baked();
        request_ready_flag();
        page().into_any()
    }
}

#[component]
pub fn DatasetGate(children: ChildrenFn) -> impl IntoView {
    let data = use_dataset();
    let lang = use_lang();
    let children = StoredValue::new(children);
    view! {
        {move || match data.state.get() {
            None => view! { <Loading progress=data.progress /> }.into_any(),
            Some(Err(error)) => {
                platform::take_over_baked();
                platform::set_root_attribute("data-ready", "error");
                view! { <LoadFailed error=error /> }.into_any()
            }
            Some(Ok(loaded)) => {
                // Before the routes render, in this same task: they mount into the visible app
                // (measuring their real width, scrolling to their targets) and the next frame
                // shows them in place of the baked copy.
                platform::take_over_baked();
                let banner = loaded.stale_because.clone().map(|_| {
                    // The date of the copy shown: when it was cached, else the dataset's own date.
                    let date = loaded
                        .cached_at
                        .clone()
                        .and_then(|d| d.get(..10).map(str::to_owned))
                        .unwrap_or_else(|| loaded.dataset.metadata().published.clone());
                    view! {
                        <div class="banner" role="status" data-testid="offline-banner">
                            <span>{move || atlas_core::i18n::offline_banner(lang.get(), &date)}</span>
                            <RetryButton primary=false />
                        </div>
                    }
                });
                request_ready_flag();
                view! { {banner} {children.with_value(|c| c())} }.into_any()
            }
        }}
    }
}

/// Tells tests and embeds the first view is on screen, after the browser has painted it.
fn request_ready_flag() {
    leptos::task::spawn_local(async {
        platform::sleep_ms(0).await;
        platform::forget_baked_widths();
        platform::set_root_attribute("data-ready", "true");
    });
}

#[component]
fn Loading(progress: RwSignal<Progress>) -> impl IntoView {
    let lang = use_lang();
    let percent = move || {
        let p = progress.get();
        p.total
            .filter(|&t| t > 0)
            .map(|t| ((p.received.min(t) * 100) / t) as u8)
    };
    view! {
        <div class="state loading-state" role="status" aria-live="polite" data-testid="dataset-loading">
            <p>{move || t(lang.get(), Msg::LoadingDataset)}</p>
            {move || match percent() {
                Some(pct) => view! {
                    <progress class="progress" max="100" value=pct aria-label=move || loading_percent(lang.get(), pct)></progress>
                }.into_any(),
                // No Content-Length: an indeterminate bar is honest.
                None => view! {
                    <progress class="progress" aria-label=move || t(lang.get(), Msg::LoadingDataset)></progress>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn LoadFailed(error: LoadError) -> impl IntoView {
    let lang = use_lang();
    let summary = {
        let error = error.clone();
        move || summary(lang.get(), &error)
    };
    let (problems, count) = match &error {
        LoadError::Invalid { problems, total } => (problems.clone(), *total),
        _ => (Vec::new(), 0),
    };
    view! {
        <section class="state state--error" role="alert" data-testid="dataset-error">
            <h1 data-testid="page-title">{move || t(lang.get(), Msg::DatasetErrorTitle)}</h1>
            <p data-testid="dataset-error-summary">{summary}</p>
            {(count > 0).then(|| view! {
                <h2>{move || t(lang.get(), Msg::DatasetErrorWhere)}</h2>
                <ul class="problems" data-testid="dataset-problems">
                    {problems.into_iter().take(SHOWN_PROBLEMS).map(|p| view! { <ProblemItem problem=p /> }).collect_view()}
                </ul>
                {(count > SHOWN_PROBLEMS).then(|| view! {
                    <p>{move || atlas_core::i18n::more_problems(lang.get(), count - SHOWN_PROBLEMS)}</p>
                })}
            })}
            <p>{move || t(lang.get(), Msg::DatasetErrorHelp)}</p>
            <RetryButton primary=true />
        </section>
    }
}

/// "Try again": busy and disabled while the new attempt runs (it may take seconds of backoff).
#[component]
fn RetryButton(primary: bool) -> impl IntoView {
    let data = use_dataset();
    let lang = use_lang();
    let busy = move || data.retrying.get();
    view! {
        <button
            type="button"
            class=if primary { "button button--primary" } else { "button" }
            data-testid=primary.then_some("retry")
            disabled=busy
            aria-busy=move || busy().then_some("true")
            on:click=move |_| data.retry()
        >
            {move || t(lang.get(), if busy() { Msg::Retrying } else { Msg::Retry })}
        </button>
    }
}

#[component]
fn ProblemItem(problem: Problem) -> impl IntoView {
    let lang = use_lang();
    let position = match (problem.line, problem.column) {
        (Some(l), Some(c)) => Some((l as u64, c as u64)),
        _ => None,
    };
    let path = if problem.path.is_empty() {
        "(document)".to_owned()
    } else {
        problem.path.clone()
    };
    view! {
        <li>
            {position.map(|(l, c)| view! { <span>{move || line_column(lang.get(), l, c)}</span> " · " })}
            <code>{path}</code> " — " <span lang="en">{problem.message.clone()}</span>
        </li>
    }
}

fn summary(lang: Lang, error: &LoadError) -> String {
    match error {
        LoadError::Http { status, .. } => atlas_core::i18n::http_status(lang, *status),
        LoadError::Network(_) => t(lang, Msg::ErrorNetwork).to_owned(),
        LoadError::Timeout => t(lang, Msg::ErrorNetwork).to_owned(),
        LoadError::TooLarge => t(lang, Msg::ErrorTooLarge).to_owned(),
        LoadError::Invalid { problems, .. } => {
            let has = |kinds: &[ProblemKind]| problems.iter().any(|p| kinds.contains(&p.kind));
            let msg = if has(&[ProblemKind::Empty, ProblemKind::LooksLikeHtml]) {
                Msg::ErrorNotJson
            } else if has(&[ProblemKind::UnsupportedFormat]) {
                Msg::ErrorUnsupportedFormat
            } else if has(&[ProblemKind::TooLarge]) {
                Msg::ErrorTooLarge
            } else {
                Msg::ErrorInvalidDataset
            };
            t(lang, msg).to_owned()
        }
        LoadError::ForbiddenUrl(_) => t(lang, Msg::ErrorForbiddenData).to_owned(),
    }
}
