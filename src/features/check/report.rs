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

/// Problems rendered in the first frame: the first problems show at once.
const FIRST_BATCH: usize = 2;
/// The most problems rendered in one frame, so 500 problems with their excerpts never make one
/// long task. Batches double up to it, so the whole list is there in about twenty frames, however
/// slow the frames are.
const MAX_BATCH: usize = 32;

/// The problems cut into batches of 2, 4, 8, … then `MAX_BATCH` each, one batch per frame.
fn batches<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, FIRST_BATCH);
    while start < items.len() {
        let end = (start + size).min(items.len());
        out.push(items[start..end].to_vec());
        start = end;
        size = (size * 2).min(MAX_BATCH);
    }
    out
}

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

/// Every listed problem, rendered a batch per frame.
#[component]
fn ProblemList(report: Arc<Report>) -> impl IntoView {
    let Verdict::Invalid { problems, .. } = &report.verdict else {
        return ().into_any();
    };
    let batches = batches(problems);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_double_up_to_the_cap_and_keep_every_problem_in_order() {
        let items: Vec<usize> = (0..500).collect();
        let cut = batches(&items);
        let sizes: Vec<usize> = cut.iter().map(Vec::len).collect();
        assert_eq!(&sizes[..6], &[2, 4, 8, 16, 32, 32]);
        assert!(sizes.iter().all(|&n| n <= MAX_BATCH));
        assert_eq!(cut.len(), 19);
        assert_eq!(cut.concat(), items);
        assert!(batches::<usize>(&[]).is_empty());
        assert_eq!(batches(&[7]), vec![vec![7]]);
    }
}
