//! A check's report on the page: the verdict, then every problem with its path, position,
//! marked excerpt and explanation (rendered a few per frame), or the valid file's preview.

use std::sync::Arc;

use atlas_core::check::{
    counts_line, kind_msg, problems_heading, Excerpt, Finding, Report, Verdict,
};
use atlas_core::i18n::{line_column, t, Msg};
use atlas_core::validate::Dataset;
use leptos::prelude::*;

use super::preview::Preview;
use crate::i18n::use_lang;
use crate::platform;

/// Problems rendered per animation frame, so 500 problems with their excerpts never make one
/// long task.
const PROBLEMS_PER_FRAME: usize = 2;

#[component]
pub(crate) fn ReportView(report: Arc<Report>, dataset: Option<Arc<Dataset>>) -> impl IntoView {
    let lang = use_lang();
    let text = move |m: Msg| move || t(lang.get(), m);
    match &report.verdict {
        Verdict::Valid(counts) => {
            let counts = *counts;
            view! {
                <div class="check-verdict check-verdict--ok" data-testid="check-valid">
                    <p><strong>{text(Msg::CheckValid)}</strong></p>
                    <p>{move || counts_line(lang.get(), &counts)}</p>
                </div>
                {dataset.map(|d| view! { <Preview dataset=d /> })}
            }
            .into_any()
        }
        Verdict::Invalid { problems, total } => {
            let (listed, total) = (problems.len(), *total);
            let report = report.clone();
            view! {
                <div class="check-verdict check-verdict--bad" data-testid="check-invalid">
                    <p><strong>{text(Msg::CheckInvalid)}</strong></p>
                </div>
                <h2 data-testid="check-problems-heading">{move || problems_heading(lang.get(), listed, total)}</h2>
                <ProblemList report=report />
            }
            .into_any()
        }
    }
}

/// Every listed problem, rendered a few per frame.
#[component]
fn ProblemList(report: Arc<Report>) -> impl IntoView {
    let Verdict::Invalid { problems, .. } = &report.verdict else {
        return ().into_any();
    };
    let batches: Vec<Vec<Finding>> = problems
        .chunks(PROBLEMS_PER_FRAME)
        .map(<[Finding]>::to_vec)
        .collect();
    let shown = RwSignal::new(1usize);
    let count = batches.len();
    fn next_frame(shown: RwSignal<usize>, count: usize) {
        request_animation_frame(move || {
            let Some(n) = shown.try_get_untracked() else {
                return;
            };
            if n < count {
                shown.set(n + 1);
                next_frame(shown, count);
            }
        });
    }
    if platform::window().is_some() {
        next_frame(shown, count);
    }
    view! {
        <ol class="check-problems" data-testid="check-problems">
            {batches.into_iter().enumerate().map(|(i, batch)| {
                let batch = StoredValue::new(batch);
                view! {
                    <Show when=move || i < shown.get()>
                        {batch.get_value().into_iter().map(|f| view! { <FindingItem finding=f /> }).collect_view()}
                    </Show>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let lang = use_lang();
    let kind = finding.kind();
    let position = finding.line.zip(finding.column);
    let path = if finding.path.is_empty() {
        "(document)".to_owned()
    } else {
        finding.path.clone()
    };
    view! {
        <li class="check-problem" data-testid="check-problem" data-kind=finding.kind.clone()>
            <p class="check-problem__where" data-testid="check-problem-summary">
                {position.map(|(l, c)| view! { <span>{move || line_column(lang.get(), l as u64, c as u64)}</span> " · " })}
                <code>{path}</code> " — " <span lang="en">{finding.message.clone()}</span>
            </p>
            <p class="check-problem__why">{move || t(lang.get(), kind_msg(kind))}</p>
            {finding.excerpt.clone().map(|e| view! { <ExcerptView excerpt=e /> })}
        </li>
    }
}

/// The lines around the problem, numbered, the spot highlighted; wrapped rather than scrolled,
/// so a narrow screen shows it all without a scroll box per problem.
#[component]
fn ExcerptView(excerpt: Excerpt) -> impl IntoView {
    let lang = use_lang();
    let width = excerpt
        .lines
        .last()
        .map_or(1, |l| l.number.to_string().len());
    let lines = excerpt
        .lines
        .into_iter()
        .map(|line| {
            let number = format!("{:>width$}", line.number);
            let cut_before = line.cut_before.then_some("…");
            let cut_after = line.cut_after.then_some("…");
            let content = match line.marked_parts() {
                Some((before, at, after)) => {
                    let at = if at.is_empty() { " " } else { at }.to_owned();
                    let (before, after) = (before.to_owned(), after.to_owned());
                    view! { {before}<mark data-testid="check-excerpt-mark">{at}</mark>{after} }
                        .into_any()
                }
                None => line.text.clone().into_any(),
            };
            let marked = line.marker.is_some();
            view! {
                <span class="check-excerpt__line" class:check-excerpt__line--marked=marked>
                    <span class="check-excerpt__number" aria-hidden="true">{number}</span>
                    {cut_before}{content}{cut_after}
                </span>
            }
        })
        .collect_view();
    view! {
        <figure class="check-excerpt">
            <figcaption class="visually-hidden">{move || t(lang.get(), Msg::CheckExcerpt)}</figcaption>
            <pre data-testid="check-excerpt"><code>{lines}</code></pre>
        </figure>
    }
}
