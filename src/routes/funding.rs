//! The Funding page (`/funding`): every programme and budget of the dataset as charts with
//! table twins, sources, downloads and an embed button.

use atlas_core::format::{format_money, MoneyStyle};
use atlas_core::i18n::{localize, t, Lang, Msg};
use atlas_core::model::{Funding, FundingKind};
use leptos::prelude::*;

use super::PageMetaMsg;
use crate::components::{LText, SourceLine};
use crate::data::use_dataset;
use crate::i18n::use_lang;

#[component]
pub fn FundingPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let text = move |m: Msg| move || t(lang.get(), m);
    view! {
        <PageMetaMsg title=Msg::TitleFunding description=Msg::DescFunding />
        <h1 data-testid="page-title">{text(Msg::TitleFunding)}</h1>
        {move || data.dataset().map(|d| {
            let groups = [
                (FundingKind::Programme, Msg::FundingKindProgramme),
                (FundingKind::Budget, Msg::FundingKindBudget),
                (FundingKind::Support, Msg::FundingKindSupport),
                (FundingKind::Projects, Msg::FundingKindProjects),
                (FundingKind::Cumulative, Msg::FundingKindCumulative),
            ];
            groups.into_iter().filter_map(|(kind, msg)| {
                let items: Vec<Funding> = d.funding().iter().filter(|f| f.kind == kind).cloned().collect();
                (!items.is_empty()).then(|| view! {
                    <section class="funding-group" data-kind=format!("{kind:?}").to_lowercase()>
                        <h2>{text(msg)}</h2>
                        {items.into_iter().map(|f| view! { <FundingCard funding=f /> }).collect_view()}
                    </section>
                })
            }).collect_view()
        })}
    }
}

/// One programme: its amounts as a chart and a table, with its source.
#[component]
pub fn FundingCard(funding: Funding) -> impl IntoView {
    let lang = use_lang();
    let f = StoredValue::new(funding);
    let rows = move |l: Lang| {
        f.with_value(|f| {
            f.amounts
                .iter()
                .map(|a| {
                    let period = match (a.from_year, a.year) {
                        (Some(from), Some(to)) => atlas_core::i18n::year_span(from, to),
                        (None, Some(y)) => y.to_string(),
                        (Some(from), None) => atlas_core::i18n::since_year(l, from),
                        (None, None) => "—".into(),
                    };
                    let money = |v: f64| {
                        let s = format_money(v, &f.currency, l, MoneyStyle::Compact);
                        match a.qualifier {
                            Some(q) => format!("{} {s}", t(l, atlas_core::format::qualifier_msg(q))),
                            None => s,
                        }
                    };
                    (period, money(a.total), a.public.map(money))
                })
                .collect::<Vec<_>>()
        })
    };
    let has_public = f.with_value(|f| f.amounts.iter().any(|a| a.public.is_some()));
    let title = f.with_value(|f| f.title.clone());
    let description = f.with_value(|f| f.description.clone());
    let source = f.with_value(|f| f.source.clone());
    let id = f.with_value(|f| f.id.clone());
    view! {
        <article class="chart card" id=format!("funding-{id}") data-testid="funding-card" data-funding=id.clone()>
            <h3><LText text=title /></h3>
            {description.map(|d| view! { <p><LText text=d /></p> })}
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || t(lang.get(), Msg::ColYear)}</th>
                            <th scope="col" class="num">{move || t(lang.get(), Msg::Total)}</th>
                            {has_public.then(|| view! { <th scope="col" class="num">{move || t(lang.get(), Msg::FundingPublic)}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows(lang.get()).into_iter().map(|(period, total, public)| view! {
                            <tr>
                                <th scope="row">{period}</th>
                                <td class="num">{total}</td>
                                {has_public.then(|| view! { <td class="num">{public.unwrap_or_default()}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <SourceLine source_id=source />
            {move || f.with_value(|f| localize(&f.title, lang.get()).text.is_empty()).then(|| ())}
        </article>
    }
}
