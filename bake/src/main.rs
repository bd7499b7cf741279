//! `atlas-bake DIST`: writes every route of the bundled dataset as a static page of the build.
//!
//! Run by Trunk's post-build hook (scripts/trunk-post-build.sh) on the staged build. Each page is
//! the app's own views rendered to HTML on the host (Leptos `to_html`, the dataset given through
//! context instead of fetched), placed in the built `index.html`; see ARCHITECTURE.md, "Baked
//! pages". The live app replaces the baked content once its dataset has loaded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use atlas_core::i18n::Lang;
use atlas_core::pages::{
    assemble, baked_routes, file_of, in_languages, InlineStyles, LanguageCopy, PageHead, Root,
};
use atlas_core::validate::{load, Dataset};
use health_regions_atlas::app::AppWith;
use health_regions_atlas::data::DatasetContext;
use health_regions_atlas::routes::BakedHead;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

/// Baking renders once, like a server: effects and tasks (timers, observers, fetches) are for
/// the browser, so they are dropped instead of run.
struct NoTasks;

impl CustomExecutor for NoTasks {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// One route's page in one language, rendered: its title, description and content.
fn render(route: &str, lang: Lang, dataset: &Arc<Dataset>) -> (String, String, String) {
    let owner = Owner::new();
    // The language as a reader's `?lang=` gives it; the other views' state stays the default.
    let url = if lang == Lang::default() {
        route.to_owned()
    } else {
        format!("{route}?lang={}", lang.code())
    };
    let (body, head) = owner.with(|| {
        // Rendering once reads every signal outside a reactive scope, on purpose.
        let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
        provide_context(RequestUrl::new(&url));
        // Where leptos_meta's <Title>/<Meta> write on the host; the page's head is written from
        // `BakedHead` instead, so its output is dropped.
        let (meta, _) = leptos_meta::ServerMetaContext::new();
        provide_context(meta);
        let head = BakedHead::default();
        provide_context(head);
        let data = DatasetContext::given(dataset.clone());
        let body = view! { <AppWith data=data /> }.to_html();
        (body, head)
    });
    let title = head.title.get_untracked();
    let description = head.description.get_untracked();
    drop(owner);
    (title, description, body)
}

fn run(dist: &Path) -> Result<usize, String> {
    let template_path = dist.join("index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("{}: {e}", template_path.display()))?;
    let data_path = dist.join("data/atlas.json");
    let bytes = std::fs::read(&data_path).map_err(|e| format!("{}: {e}", data_path.display()))?;
    let dataset = Arc::new(load(&bytes).map_err(|problems| {
        let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
        format!(
            "{}: {} problem(s), first: {first}",
            data_path.display(),
            problems.len()
        )
    })?);
    if template.contains("<div id=\"baked\"") {
        // A folder already baked, post-processed again (another public URL for 404.html): its
        // pages stay as they are, relative links working under any mount path.
        println!(
            "atlas-bake: {} is baked already; pages kept",
            dist.display()
        );
        return Ok(0);
    }
    let _ = Executor::init_custom_executor(NoTasks);
    // `--public-url /atlas/` builds know their mount path; relative ones find it from each page.
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "./".into());
    let absolute = public_url.starts_with('/') || public_url.contains("://");
    let site_url = std::env::var("ATLAS_SITE_URL")
        .ok()
        .filter(|s| !s.is_empty());
    let routes = baked_routes(&dataset);
    let mut styles = InlineStyles::default();
    // The default language first: it is the page's head, and what shows without scripts.
    let langs: Vec<Lang> = std::iter::once(Lang::default())
        .chain(Lang::ALL.into_iter().filter(|l| *l != Lang::default()))
        .collect();
    let rendered: Vec<(String, String, String)> = routes
        .iter()
        .map(|route| {
            let copies: Vec<(String, LanguageCopy)> = langs
                .iter()
                .map(|&lang| {
                    let (title, description, body) = render(route, lang, &dataset);
                    let body = styles.extract(&body);
                    let lang = lang.html_lang().to_owned();
                    (description, LanguageCopy { lang, title, body })
                })
                .collect();
            let (description, first) = copies[0].clone();
            let copies: Vec<LanguageCopy> = copies.into_iter().map(|(_, c)| c).collect();
            (first.title, description, in_languages(&copies))
        })
        .collect();
    // One stylesheet for every page, named by its content so a release never serves another's.
    let stylesheet = (!styles.is_empty()).then(|| {
        let css = styles.stylesheet();
        (format!("/baked-{:016x}.css", fnv1a(css.as_bytes())), css)
    });
    if let Some((file, css)) = &stylesheet {
        let out = dist.join(file.trim_start_matches('/'));
        std::fs::write(&out, css).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    for (route, (title, description, body)) in routes.iter().zip(rendered) {
        let root = if absolute {
            Root::Absolute(format!("{}/", public_url.trim_end_matches('/')))
        } else {
            Root::relative_to(route)
        };
        let head = PageHead {
            route: route.clone(),
            lang: Lang::default().html_lang().to_owned(),
            title,
            description,
            dataset_version: dataset.metadata().version.clone(),
            site_url: site_url.clone(),
        };
        let css = stylesheet.as_ref().map(|(file, _)| file.as_str());
        let page = assemble(&template, &head, &body, &root, css)
            .map_err(|e| format!("{}: {}", template_path.display(), e.0))?;
        let out: PathBuf = dist.join(file_of(route));
        if let Some(folder) = out.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        std::fs::write(&out, page).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(routes.len())
}

/// FNV-1a, 64 bits: a stable content hash for the stylesheet's name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() -> ExitCode {
    let Some(dist) = std::env::args().nth(1) else {
        eprintln!("usage: atlas-bake DIST (the built site: index.html and data/atlas.json)");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match run(Path::new(&dist)) {
        Ok(n) => {
            println!(
                "atlas-bake: {n} pages in {} ms",
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("atlas-bake: {message}");
            ExitCode::FAILURE
        }
    }
}
