//! Presenters on the sample dataset and small fixtures: the Funding page's charts and figures,
//! the region page's headline figures and ranks, the embeds' full routes and snippet, sources.

use atlas_core::charts::ChartTheme;
use atlas_core::compare::{national_ranks, Rank};
use atlas_core::i18n::Lang;
use atlas_core::model::{Funding, Qualifier, Share};
use atlas_core::present::embed::{full_route_of, snippet, with_lang, DEFAULT_HEIGHT};
use atlas_core::present::funding::{
    amount_chart, big_number, chart_entry, chart_for_breakdown, chart_for_funding, chart_for_share,
    draw_bars, draw_breakdown, draw_share, draw_stacked, funding_groups, key_figures, money,
    page_source_ids, parties, period, AmountChart, ChartEntry,
};
use atlas_core::present::region::{
    compare_route, funding_for_region, headline_figures, places_by_category, ranking_text,
    rankings, suggestions,
};
use atlas_core::present::sources::{date_text, source_sentence};
use atlas_core::validate::{self, Dataset};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/atlas.json");
/// French groups digits and separates units with U+202F; qualifiers are joined with U+00A0.
const NN: &str = "\u{202f}";
const NB: &str = "\u{a0}";

fn sample() -> Dataset {
    let bytes = std::fs::read(SAMPLE).unwrap_or_else(|e| panic!("reading {SAMPLE}: {e}"));
    validate::load(&bytes).unwrap_or_else(|p| panic!("the sample does not load: {p:?}"))
}

fn funding<'a>(d: &'a Dataset, id: &str) -> &'a Funding {
    d.funding_by_id(id)
        .unwrap_or_else(|| panic!("no funding {id}"))
}

/// A funding entry with these amounts (JSON, as in the dataset) and nothing else.
fn with_amounts(amounts: serde_json::Value) -> Funding {
    serde_json::from_value(serde_json::json!({
        "id": "fixture",
        "title": { "fr": "Fixture", "en": "Fixture" },
        "kind": "programme",
        "beneficiary": { "kind": "national" },
        "currency": "EUR",
        "amounts": amounts,
        "source": "s",
    }))
    .unwrap_or_else(|e| panic!("fixture: {e}"))
}

const WIDTH: u32 = 640;

fn light() -> ChartTheme {
    ChartTheme::light()
}

fn formatted(chart: &atlas_core::charts::Chart) -> Vec<String> {
    chart.marks.iter().map(|m| m.formatted.clone()).collect()
}

// ── Funding ──

#[test]
fn each_sample_entry_gets_the_chart_that_reads_honestly() {
    let d = sample();
    let kinds: Vec<(&str, AmountChart)> = d
        .funding()
        .iter()
        .map(|f| (f.id.as_str(), amount_chart(f)))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("france-2030-health", AmountChart::BigNumber),
            ("france-2030-medical-devices", AmountChart::BigNumber),
            ("medicen-budget", AmountChart::Bars),
            ("medicen-region-erdf-support", AmountChart::Bars),
            ("medicen-collaborative-projects-2016", AmountChart::Stacked),
            (
                "medicen-certified-projects-since-2005",
                AmountChart::Stacked
            ),
        ]
    );
    assert_eq!(AmountChart::BigNumber.code(), "number");
    assert_eq!(
        amount_chart(&with_amounts(serde_json::json!([]))),
        AmountChart::Nothing
    );
    // A big number is not a chart; bars and stacks are, and draw as their own functions do.
    assert!(chart_for_funding(funding(&d, "france-2030-health")).is_none());
    let budget = funding(&d, "medicen-budget");
    let drawn = chart_for_funding(budget).map(|draw| draw(Lang::En, &light(), WIDTH));
    assert_eq!(drawn, Some(draw_bars(budget, Lang::En, &light(), WIDTH)));
    assert!(chart_for_breakdown(budget).is_none());
    assert!(chart_for_breakdown(funding(&d, "medicen-collaborative-projects-2016")).is_some());
}

#[test]
fn a_budget_over_two_years_is_two_bars_with_amounts_in_each_language() {
    let d = sample();
    let f = funding(&d, "medicen-budget");
    let en = draw_bars(f, Lang::En, &light(), WIDTH).unwrap();
    assert_eq!(formatted(&en), vec!["€1.9M", "€2.3M"]);
    assert_eq!(en.table.headers, vec!["Year", "Amount"]);
    assert_eq!(
        en.table.rows,
        vec![vec!["2015", "€1.9M"], vec!["2016", "€2.3M"]]
    );
    // The accessible name lists every figure.
    assert!(
        en.svg.contains("2015: €1.9M; 2016: €2.3M\""),
        "{}",
        &en.svg[..en.svg.len().min(400)]
    );
    let fr = draw_bars(f, Lang::Fr, &light(), WIDTH).unwrap();
    assert_eq!(
        formatted(&fr),
        vec![format!("1,9{NN}M€"), format!("2,3{NN}M€")]
    );
    assert_eq!(fr.table.headers, vec!["Année", "Montant"]);
}

#[test]
fn an_approximate_amount_reads_approximate_wherever_it_is_written() {
    let d = sample();
    let f = funding(&d, "medicen-certified-projects-since-2005");
    let chart = draw_stacked(f, Lang::Fr, &light(), WIDTH).unwrap();
    // The public part is stated exactly; the rest and the total are approximate.
    assert_eq!(
        formatted(&chart),
        vec![format!("533{NN}M€"), format!("environ{NB}1,4{NN}Md€")]
    );
    assert_eq!(
        chart.table.rows[0][1..],
        [
            format!("533{NN}M€"),
            format!("environ{NB}1,4{NN}Md€"),
            format!("environ{NB}1,9{NN}Md€")
        ]
    );
    assert_eq!(
        key_figures(f, Lang::Fr),
        format!("2005–2017 — Total{NN}: environ{NB}1,9{NN}Md€ · Fonds publics{NN}: 533{NN}M€")
    );
    assert_eq!(
        key_figures(f, Lang::En),
        format!("2005–2017 — Total: about{NB}€1.9bn · Public funds: €533M")
    );
}

#[test]
fn figures_are_recognised_by_their_qualifier_not_by_an_equal_number() {
    // Half public: the rest equals the public part, yet only the rest is approximate.
    let halves = with_amounts(serde_json::json!([
        { "year": 2016, "total": 100000000.0, "public": 50000000.0, "qualifier": "approximately" }
    ]));
    let chart = draw_stacked(&halves, Lang::En, &light(), WIDTH).unwrap();
    assert_eq!(formatted(&chart), vec!["€50M", &format!("about{NB}€50M")]);
    // Two equal totals, one stated exactly.
    let twins = with_amounts(serde_json::json!([
        { "year": 2015, "total": 2000000.0, "qualifier": "more_than" },
        { "year": 2016, "total": 2000000.0 }
    ]));
    let chart = draw_bars(&twins, Lang::En, &light(), WIDTH).unwrap();
    assert_eq!(
        formatted(&chart),
        vec![format!("over{NB}€2M"), "€2M".to_owned()]
    );
    assert_eq!(chart.table.rows[1], vec!["2016", "€2M"]);
}

#[test]
fn the_breakdown_ranks_projects_by_programme_and_the_share_adds_to_a_whole() {
    let d = sample();
    let f = funding(&d, "medicen-collaborative-projects-2016");
    let chart = draw_breakdown(f, Lang::En, &light(), WIDTH).unwrap();
    assert_eq!(chart.table.headers, vec!["Category", "Number"]);
    let rows: Vec<(&str, &str)> = chart
        .table
        .rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0], ("Teaching Hospital Health Research", "6"));
    assert_eq!(rows[1], ("French National Research Agency (ANR)", "4"));
    // An entry without a breakdown draws nothing rather than failing.
    let none = draw_breakdown(funding(&d, "medicen-budget"), Lang::En, &light(), WIDTH).unwrap();
    assert!(none.svg.is_empty() && none.marks.is_empty());

    let share: &Share = &d.raw().shares[0];
    let chart = draw_share(share, Lang::Fr, &light(), WIDTH).unwrap();
    let cells: Vec<&str> = chart.table.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        cells,
        vec![
            format!("42{NN}%"),
            format!("26{NN}%"),
            format!("17{NN}%"),
            format!("15{NN}%")
        ]
    );
    assert_eq!(chart_for_share(share)(Lang::Fr, &light(), WIDTH), Ok(chart));
}

#[test]
fn a_single_amount_is_a_big_number_that_says_what_it_is_part_of() {
    let d = sample();
    let part = big_number(&d, funding(&d, "france-2030-medical-devices"), Lang::Fr).unwrap();
    assert_eq!(part.figure, format!("400{NN}M€"));
    assert_eq!(part.period, None);
    assert_eq!(part.public, None);
    let of = part.part_of.unwrap();
    assert_eq!(of.href, "#funding-france-2030-health");
    assert_eq!(
        of.text,
        format!(
            "Fait partie de France 2030 : investissement dans le secteur de la santé — 7,5{NN}Md€"
        )
    );
    let percent = of.percent.unwrap();
    assert!((percent - 400.0 / 7500.0 * 100.0).abs() < 1e-9, "{percent}");
    assert_eq!(
        of.percent_text.as_deref(),
        Some(format!("5,3{NN}%").as_str())
    );

    let whole = big_number(&d, funding(&d, "france-2030-health"), Lang::En).unwrap();
    assert_eq!((whole.figure.as_str(), whole.part_of), ("€7.5bn", None));
    // Several amounts are a chart, not a number.
    assert_eq!(
        big_number(&d, funding(&d, "medicen-budget"), Lang::En),
        None
    );
}

#[test]
fn parties_name_funders_and_beneficiary_from_the_entry_or_the_dataset() {
    let d = sample();
    let support = funding(&d, "medicen-region-erdf-support");
    let text = parties(&d, support, Lang::En).unwrap();
    assert!(
        text.starts_with("Funders: Île-de-France and European Regional Development Fund (ERDF)"),
        "{text}"
    );
    assert!(
        text.ends_with(" · Beneficiary: Medicen Paris Region"),
        "{text}"
    );
    // A national beneficiary without a name gets the generic one; no funders, no funders line.
    let fixture = with_amounts(serde_json::json!([]));
    assert_eq!(
        parties(&d, &fixture, Lang::En).as_deref(),
        Some("Beneficiary: French State")
    );
    assert_eq!(
        parties(&d, &fixture, Lang::Fr),
        Some(format!("Bénéficiaire{NN}: État"))
    );
}

#[test]
fn the_page_groups_entries_by_kind_and_chart_ids_name_funding_or_shares() {
    let d = sample();
    let groups: Vec<(String, Vec<&str>)> = funding_groups(&d)
        .into_iter()
        .map(|g| (g.code(), g.items.iter().map(|f| f.id.as_str()).collect()))
        .collect();
    assert_eq!(groups[0].0, "programme");
    assert_eq!(
        groups[0].1,
        vec!["france-2030-health", "france-2030-medical-devices"]
    );
    assert_eq!(
        groups.iter().map(|g| g.1.len()).sum::<usize>(),
        d.funding().len()
    );
    assert!(groups.iter().all(|g| !g.1.is_empty()));
    assert_eq!(
        page_source_ids(&d).len(),
        d.funding().len() + d.raw().shares.len()
    );

    let budget = chart_entry(&d, "medicen-budget").unwrap();
    assert!(matches!(budget, ChartEntry::Funding(f) if f.id == "medicen-budget"));
    assert_eq!(budget.anchor(), "funding-medicen-budget");
    let share = chart_entry(&d, "medicen-new-members-2016").unwrap();
    assert!(matches!(share, ChartEntry::Share(_)));
    assert_eq!(share.anchor(), "share-medicen-new-members-2016");
    assert_eq!(chart_entry(&d, "nothing-here"), None);
}

#[test]
fn periods_and_money_read_as_a_person_writes_them() {
    let dated = |json| with_amounts(serde_json::json!([json])).amounts[0].clone();
    let a = dated(serde_json::json!({ "from_year": 2005, "year": 2017, "total": 1.0 }));
    assert_eq!(period(&a, Lang::En).as_deref(), Some("2005–2017"));
    let a = dated(serde_json::json!({ "from_year": 2005, "total": 1.0 }));
    assert_eq!(period(&a, Lang::Fr).as_deref(), Some("depuis 2005"));
    let a = dated(serde_json::json!({ "total": 1.0 }));
    assert_eq!(period(&a, Lang::Fr), None);
    assert_eq!(
        money(1.9e9, Some(Qualifier::Approximately), "EUR", Lang::Fr),
        format!("environ{NB}1,9{NN}Md€")
    );
}

// ── Region ──

#[test]
fn normandys_headline_figure_has_its_year_national_rank_and_source() {
    let d = sample();
    let figures = headline_figures(&d, "28");
    let population = figures
        .iter()
        .find(|f| f.label.fr.as_deref() == Some("Population légale"))
        .unwrap();
    assert_eq!(population.value_text(Lang::Fr), format!("3{NN}345{NN}842"));
    assert_eq!(population.rank.map(|r| (r.rank, r.of)), Some((10, 18)));
    assert_eq!(
        population.rank_text(Lang::Fr).as_deref(),
        Some("10e sur 18")
    );
    assert_eq!(
        population.rank_text(Lang::En).as_deref(),
        Some("10th of 18")
    );
    assert_eq!(population.source, "insee-population");
    // An indicator only one region has a figure for gives that region no rank.
    for f in figures
        .iter()
        .filter(|f| f.label.fr.as_deref() != Some("Population légale"))
    {
        assert_eq!(f.rank, None, "{:?}", f.label);
    }
    assert!(headline_figures(&d, "no-such-region").is_empty());
}

#[test]
fn national_ranks_count_only_regions_with_data_and_say_nothing_below_two() {
    let rank = |rank, of, tied| Some(Rank { rank, of, tied });
    let values = [
        ("a", Some(3.0)),
        ("b", None),
        ("c", Some(5.0)),
        ("d", Some(f64::NAN)),
    ];
    assert_eq!(
        national_ranks(&values),
        vec![
            ("a", rank(2, 2, false)),
            ("b", None),
            ("c", rank(1, 2, false)),
            ("d", None)
        ]
    );
    assert_eq!(
        national_ranks(&[("a", Some(1.0)), ("b", None)]),
        vec![("a", None), ("b", None)]
    );
    assert_eq!(
        national_ranks(&[("a", Some(1.0)), ("b", Some(1.0))]),
        vec![("a", rank(1, 2, true)), ("b", rank(1, 2, true))]
    );
}

#[test]
fn normandys_stated_ranks_places_and_funding() {
    let d = sample();
    let ranks: Vec<String> = rankings(&d, "28")
        .iter()
        .map(|r| ranking_text(r, Lang::Fr))
        .collect();
    assert_eq!(ranks, vec!["1re", "2e", "3e"]);
    let en: Vec<String> = rankings(&d, "28")
        .iter()
        .map(|r| ranking_text(r, Lang::En))
        .collect();
    assert_eq!(en, vec!["1st", "2nd", "3rd"]);

    let places = places_by_category(&d, "28");
    assert_eq!(places.iter().map(|(_, g)| g.len()).sum::<usize>(), 16);
    assert!(places.iter().flat_map(|(_, g)| g).all(|p| p.region == "28"));
    // In category order, each category once and never empty.
    assert!(places.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(places
        .iter()
        .all(|(c, g)| !g.is_empty() && g.iter().all(|p| p.category == *c)));

    // Medicen's funding concerns Île-de-France (its beneficiary is a place there).
    let idf: Vec<&str> = funding_for_region(&d, "11")
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert!(idf.contains(&"medicen-budget") && idf.contains(&"medicen-region-erdf-support"));
    assert!(!idf.contains(&"france-2030-health"));
    assert!(funding_for_region(&d, "28").is_empty());
    let other = d
        .regions()
        .iter()
        .find(|r| r.id != "28")
        .map(|r| r.id.clone())
        .unwrap();
    assert_eq!(
        compare_route(&d, "28"),
        format!("/compare?regions=28,{other}")
    );
}

#[test]
fn an_unknown_region_suggests_matching_names_else_every_region() {
    let d = sample();
    let found: Vec<&str> = suggestions(&d, "normandie")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(found.first(), Some(&"28"));
    let all = suggestions(&d, "zzzz");
    assert_eq!(all.len(), d.regions().len());
    let names: Vec<&str> = all.iter().filter_map(|r| r.name.fr.as_deref()).collect();
    assert_eq!(names.first(), Some(&"Auvergne-Rhône-Alpes"));
}

// ── Embeds ──

#[test]
fn an_embed_opens_its_full_view_with_the_same_query() {
    let d = sample();
    let full = |route: &str, search: &str| full_route_of(route, search, Some(&d));
    assert_eq!(full("/embed/map", "?lang=en"), "/?lang=en");
    assert_eq!(full("/embed/map", ""), "/");
    assert_eq!(
        full("/embed/region/28", "?lang=en&theme=dark"),
        "/region/28?lang=en&theme=dark"
    );
    assert_eq!(
        full("/embed/compare", "?regions=28,11"),
        "/compare?regions=28,11"
    );
    // Charts open their card: a funding entry's or a share's, the query before the fragment.
    assert_eq!(
        full("/embed/chart/medicen-budget", "?lang=en"),
        "/funding?lang=en#funding-medicen-budget"
    );
    assert_eq!(
        full("/embed/chart/medicen-new-members-2016", "?lang=en"),
        "/funding?lang=en#share-medicen-new-members-2016"
    );
    assert_eq!(full("/embed/chart/unknown", "?lang=en"), "/funding?lang=en");
    assert_eq!(
        full_route_of("/embed/chart/medicen-budget", "", None),
        "/funding"
    );
}

#[test]
fn the_snippet_is_an_iframe_and_the_script_with_every_attribute_escaped() {
    assert_eq!(with_lang("embed/map", Lang::Fr), "embed/map?lang=fr");
    assert_eq!(
        with_lang("embed/map?indicator=jobs", Lang::En),
        "embed/map?indicator=jobs&lang=en"
    );
    let code = snippet(
        "https://atlas.example/a/embed/map?indicator=jobs&lang=en",
        "https://atlas.example/a/embed.js",
        "Jobs \"&\" <b>",
    );
    assert_eq!(
        code,
        format!(
            "<iframe src=\"https://atlas.example/a/embed/map?indicator=jobs&amp;lang=en\" \
             title=\"Jobs &quot;&amp;&quot; &lt;b&gt;\" loading=\"lazy\" width=\"100%\" \
             height=\"{DEFAULT_HEIGHT}\" data-atlas-embed style=\"border:0;max-width:100%\"></iframe>\n\
             <script src=\"https://atlas.example/a/embed.js\" defer></script>"
        )
    );
}

// ── Sources ──

#[test]
fn a_source_reads_as_title_publisher_and_date() {
    let d = sample();
    let line = source_sentence(&d, "medicen-2016-review", Lang::En);
    assert!(line.starts_with("Source: "), "{line}");
    assert!(line.ends_with(&format!(", 18{NB}May{NB}2017")), "{line:?}");
    assert_eq!(
        source_sentence(&d, "missing", Lang::Fr),
        format!("Source{NN}: missing")
    );
    assert_eq!(date_text("not a date", Lang::Fr), "not a date");
    assert_eq!(
        date_text("2017-05-18", Lang::Fr),
        format!("18{NB}mai{NB}2017")
    );
}

#[test]
fn a_region_opened_from_an_embedded_map_keeps_only_the_app_wide_parameters() {
    use atlas_core::present::embed::region_route;
    assert_eq!(region_route("28", ""), "region/28");
    assert_eq!(
        region_route("28", "?indicator=jobs&lang=en&theme=dark&view=2,1,1"),
        "region/28?lang=en&theme=dark"
    );
    // The dataset parameter follows too: the page shows the data the widget showed.
    assert_eq!(
        region_route("28", "data=alt.json&pc=1"),
        "region/28?data=alt.json"
    );
    // A hostile id stays one path segment.
    assert_eq!(region_route("a/b?c#d", ""), "region/a%2Fb%3Fc%23d");
}

#[test]
fn citations_are_numbered_in_the_order_of_the_source_list() {
    use atlas_core::present::sources::{citation_number, citation_order};
    let d = sample();
    let ids: Vec<String> = d.sources().iter().map(|s| s.id.clone()).collect();
    assert!(ids.len() >= 2, "the sample has several sources");
    // Repeated and unknown ids: each known source once, sorted by id.
    let mut given = vec![
        ids[1].clone(),
        "no-such-source".to_owned(),
        ids[0].clone(),
        ids[1].clone(),
    ];
    given.push(ids[0].clone());
    let order = citation_order(&d, &given);
    let mut expected = vec![ids[0].clone(), ids[1].clone()];
    expected.sort();
    assert_eq!(order, expected);
    assert_eq!(citation_number(&order, &expected[0]), Some(1));
    assert_eq!(citation_number(&order, &expected[1]), Some(2));
    assert_eq!(citation_number(&order, "no-such-source"), None);
}
