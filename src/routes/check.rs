//! The "Check a dataset" page (`/check`): a publisher's file, dropped, chosen or pasted, is read
//! on the device (nothing is uploaded), checked by the app's own validator in a worker, then
//! shown problem by problem (path, line:column, the lines around it, what it means), or, when
//! it is valid, previewed with the app's own pages.

use std::sync::Arc;

use atlas_core::check::{Report, Verdict};
use atlas_core::i18n::{t, Msg};
use atlas_core::limits::MAX_DATASET_BYTES;
use atlas_core::validate::stepwise::{Step, StepwiseLoad};
use atlas_core::validate::{load_counted, Dataset};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::PageMetaMsg;
use crate::features::check::report::ReportView;
use crate::features::check::{check_dataset, CheckWorker, PickedFile, WorkerEvent};
use crate::i18n::use_lang;
use crate::platform;

/// Where the check of the current file is.
#[derive(Clone)]
enum Stage {
    Idle,
    Reading {
        received: u64,
        total: u64,
    },
    Checking,
    /// Valid: the page builds the dataset for the preview on its own thread, a step at a time;
    /// `done` of `total` bytes so far.
    Preparing {
        done: usize,
        total: usize,
    },
    Done(Arc<Report>, Option<Arc<Dataset>>),
    Failed(Msg),
}

impl Stage {
    fn code(&self) -> &'static str {
        match self {
            Stage::Idle => "idle",
            Stage::Reading { .. } => "reading",
            Stage::Checking => "checking",
            Stage::Preparing { .. } => "preparing",
            Stage::Done(..) => "done",
            Stage::Failed(_) => "failed",
        }
    }
}

/// The check in flight: its number (reports of older checks are ignored) and the bytes, kept
/// for the preview.
struct Pending {
    id: u32,
    bytes: Vec<u8>,
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = use_lang();
    let text = move |m: Msg| move || t(lang.get(), m);
    let stage = RwSignal::new(Stage::Idle);
    let file_name = RwSignal::new(None::<String>);
    let worker_ready = RwSignal::new(false);
    let pending = StoredValue::new_local(None::<Pending>);
    let worker = StoredValue::new_local(None::<CheckWorker>);

    let finish = move |report: Report, bytes: Vec<u8>| {
        let report = Arc::new(report);
        if !matches!(report.verdict, Verdict::Valid(_)) {
            stage.set(Stage::Done(report, None));
            return;
        }
        stage.set(Stage::Preparing {
            done: 0,
            total: bytes.len(),
        });
        spawn_local(async move {
            // The worker has validated these bytes; built in steps, with a paint between two,
            // so that a 16 MB file never freezes the page.
            let mut load = StepwiseLoad::of_checked(bytes);
            let dataset = loop {
                platform::sleep_ms(0).await;
                match load.step() {
                    Step::Progress { done, total } => stage.set(Stage::Preparing { done, total }),
                    Step::Done(dataset) => break Ok(Arc::new(*dataset)),
                    // Not expected of checked bytes; the usual load, in one task, says why.
                    Step::Failed => break load_counted(&load.into_bytes()).map(Arc::new),
                }
            };
            // The preview's first paint is a task of its own.
            platform::sleep_ms(0).await;
            match dataset {
                Ok(dataset) => stage.set(Stage::Done(report, Some(dataset))),
                // The worker and this page disagree on the file: say so rather than show a
                // verdict without its preview.
                Err(_) => stage.set(Stage::Failed(Msg::CheckFailed)),
            }
        });
    };
    // Without a worker (it failed to start), the same check runs on this thread.
    let check_here = move |bytes: Vec<u8>| {
        spawn_local(async move {
            platform::sleep_ms(0).await;
            if let Some(report) = atlas_core::check::decode(&check_dataset(&bytes)) {
                finish(report, bytes);
            } else {
                stage.set(Stage::Failed(Msg::CheckFailed));
            }
        });
    };
    let on_worker = move |event: WorkerEvent| match event {
        WorkerEvent::Ready => worker_ready.set(true),
        WorkerEvent::Report { id, report } => {
            let done = pending.try_update_value(|p| match p.take() {
                Some(p) if p.id == id => Some(p.bytes),
                other => {
                    *p = other;
                    None
                }
            });
            if let Some(Some(bytes)) = done {
                finish(report, bytes);
            }
        }
        WorkerEvent::Failed => {
            worker_ready.set(false);
            // Dropped after this message's handler has returned: the handler belongs to it.
            spawn_local(async move {
                let _ = worker.try_update_value(|w| w.take());
            });
            if let Some(Some(p)) = pending.try_update_value(Option::take) {
                check_here(p.bytes);
            }
        }
    };
    worker.set_value(CheckWorker::start(on_worker));

    let run = move |bytes: Vec<u8>| {
        stage.set(Stage::Checking);
        let sent = worker.with_value(|w| w.as_ref().and_then(|w| w.check(&bytes)));
        match sent {
            Some(id) => pending.set_value(Some(Pending { id, bytes })),
            None => {
                pending.set_value(None);
                check_here(bytes);
            }
        }
    };
    let open_file = move |file: Option<PickedFile>| {
        let Some(file) = file else {
            return;
        };
        file_name.set(Some(file.name.clone()));
        pending.set_value(None);
        let total = file.size();
        if total > MAX_DATASET_BYTES as u64 {
            stage.set(Stage::Failed(Msg::CheckFileTooLarge));
            return;
        }
        stage.set(Stage::Reading { received: 0, total });
        spawn_local(async move {
            let read = file
                .read(|received| stage.set(Stage::Reading { received, total }))
                .await;
            match read {
                Some(bytes) => run(bytes),
                None => stage.set(Stage::Failed(Msg::CheckFailed)),
            }
        });
    };

    let pasted = NodeRef::<leptos::html::Textarea>::new();
    let check_pasted = move |_| {
        let value = pasted.get().map(|t| t.value()).unwrap_or_default();
        file_name.set(None);
        if value.trim().is_empty() {
            stage.set(Stage::Failed(Msg::CheckEmptyPaste));
            return;
        }
        run(value.into_bytes());
    };
    let dragging = RwSignal::new(false);

    view! {
        <PageMetaMsg title=Msg::TitleCheck description=Msg::DescCheck />
        <div
            class="check-page"
            data-testid="check-page"
            data-worker=move || if worker_ready.get() { "ready" } else { "none" }
            data-stage=move || stage.with(Stage::code)
        >
            <h1 data-testid="page-title">{text(Msg::TitleCheck)}</h1>
            <p>{text(Msg::DescCheck)}</p>
            <p class="check-private" data-testid="check-private"><strong>{text(Msg::CheckNothingUploaded)}</strong></p>
            <div
                class="check-drop"
                class:check-drop--over=move || dragging.get()
                data-testid="check-drop"
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    open_file(PickedFile::from_drop(&ev));
                }
            >
                <p>{text(Msg::CheckDropZone)}</p>
                <label for="check-file" class="check-label">{text(Msg::CheckChooseFile)}</label>
                <input
                    type="file"
                    id="check-file"
                    data-testid="check-file"
                    accept=".json,application/json"
                    on:change=move |ev| open_file(PickedFile::from_input(&ev))
                />
            </div>
            <p class="check-paste">
                <label for="check-text" class="check-label">{text(Msg::CheckPasteLabel)}</label>
                <textarea
                    id="check-text"
                    data-testid="check-text"
                    node_ref=pasted
                    rows="6"
                    spellcheck="false"
                    autocomplete="off"
                ></textarea>
                <button type="button" class="button button--primary" data-testid="check-paste" on:click=check_pasted>
                    {text(Msg::CheckButton)}
                </button>
            </p>
            <div role="status" aria-live="polite" class="check-status" data-testid="check-status">
                {move || status_view(stage.get(), file_name.get())}
            </div>
            {move || match stage.get() {
                Stage::Done(report, dataset) => view! { <ReportView report=report dataset=dataset /> }.into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}

fn status_view(stage: Stage, name: Option<String>) -> AnyView {
    let lang = use_lang();
    let name = name.map(|n| view! { <p class="check-file-name"><code>{n}</code></p> });
    match stage {
        Stage::Idle | Stage::Done(..) => ().into_any(),
        Stage::Reading { received, total } => {
            let pct = (received.min(total) * 100)
                .checked_div(total)
                .map_or(100, |p| p as u8);
            view! {
                {name}
                <p>{move || t(lang.get(), Msg::CheckReading)}</p>
                <progress class="progress" data-testid="check-progress" max="100" value=pct
                    aria-label=move || atlas_core::check::reading_percent(lang.get(), pct)></progress>
            }
            .into_any()
        }
        Stage::Preparing { done, total } => {
            let pct = (done.min(total) * 100)
                .checked_div(total)
                .map_or(100, |p| p as u8);
            let msg = Msg::CheckPreparingPreview;
            view! {
                {name}
                <p>{move || t(lang.get(), msg)}</p>
                <progress class="progress" data-testid="check-progress" max="100" value=pct
                    aria-label=move || t(lang.get(), msg)></progress>
            }
            .into_any()
        }
        Stage::Checking => {
            let msg = Msg::CheckChecking;
            view! {
                {name}
                <p>{move || t(lang.get(), msg)}</p>
                // How long a check takes is not known: an indeterminate bar is honest.
                <progress class="progress" data-testid="check-progress" aria-label=move || t(lang.get(), msg)></progress>
            }
            .into_any()
        }
        Stage::Failed(msg) => view! {
            {name}
            <p class="check-failed" data-testid="check-failed">{move || t(lang.get(), msg)}</p>
        }
        .into_any(),
    }
}
