//! Languages and the typed set of interface messages.
//!
//! Every interface string lives in [`Msg`]. The `messages!` table below generates the enum,
//! [`Msg::ALL`] and one `match` that returns a `(fr, en)` pair per variant, so a message without
//! both texts does not compile. Messages never contain placeholders: texts that need a number or
//! a name are built by the small helper functions at the end of this module.
//!
//! French typography: U+202F NARROW NO-BREAK SPACE before `: ; ? !` and inside `« »`, the
//! typographic apostrophe `’`, the ellipsis `…`, and "1er/1re" ordinals. `tests/i18n.rs` checks it.
//!
//! Imports `locale` and `format`, never the reverse; unit and qualifier names are in `units`.

use crate::classify::{Fallback, Method};
use crate::format;
use crate::locale::NNBSP;
use crate::model::{Category, Text};

// Kept here too: shell code names them as `i18n::…`.
pub use crate::locale::{is_plural, labelled, Gender, Lang};

/// A dataset text resolved for one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    /// The language `text` is actually written in.
    pub lang: Lang,
    /// True when `text` is in the other language than the one asked for.
    pub fallback: bool,
}

impl<'a> Localized<'a> {
    /// The `lang` attribute the element needs: only when the text fell back, so screen readers
    /// switch voice for that element alone.
    pub fn lang_attr(&self) -> Option<&'static str> {
        self.fallback.then(|| self.lang.html_lang())
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl std::fmt::Display for Localized<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text)
    }
}

/// The text in `lang`, else in the other language (`fallback = true`), else "".
/// Blank strings count as missing, so a stray `""` in a dataset still falls back.
pub fn localize(text: &Text, lang: Lang) -> Localized<'_> {
    let get = |l: Lang| {
        match l {
            Lang::Fr => text.fr.as_deref(),
            Lang::En => text.en.as_deref(),
        }
        .filter(|s| !s.trim().is_empty())
    };
    if let Some(s) = get(lang) {
        Localized {
            text: s,
            lang,
            fallback: false,
        }
    } else if let Some(s) = get(lang.other()) {
        Localized {
            text: s,
            lang: lang.other(),
            fallback: true,
        }
    } else {
        Localized {
            text: "",
            lang,
            fallback: false,
        }
    }
}

/// [`localize`] for optional dataset texts (descriptions, labels).
pub fn localize_opt(text: Option<&Text>, lang: Lang) -> Localized<'_> {
    match text {
        Some(text) => localize(text, lang),
        None => Localized {
            text: "",
            lang,
            fallback: false,
        },
    }
}

/// Defines [`Msg`], [`Msg::ALL`], [`Msg::key`] and [`Msg::texts`] from one table, so the three can
/// never disagree and every variant has exactly one French and one English literal.
macro_rules! messages {
    ($( $(#[$meta:meta])* $name:ident => ($fr:literal, $en:literal), )+) => {
        /// Every interface message. Get its text with [`t`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Msg {
            $( $(#[$meta])* $name, )+
        }

        impl Msg {
            /// All messages, in declaration order.
            pub const ALL: &'static [Msg] = &[ $( Msg::$name, )+ ];

            /// The variant's name, for diagnostics and tests.
            pub const fn key(self) -> &'static str {
                match self {
                    $( Msg::$name => stringify!($name), )+
                }
            }

            /// The `(French, English)` texts.
            pub const fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $( Msg::$name => ($fr, $en), )+
                }
            }
        }
    };
}

messages! {
    // ── The application ──
    AppName => ("Atlas des régions de santé", "Health Regions Atlas"),

    // ── Navigation and page chrome ──
    /// `aria-label` of the main `<nav>`.
    NavLabel => ("Navigation principale", "Main navigation"),
    /// The toggle of the navigation on narrow screens.
    NavMenu => ("Menu", "Menu"),
    NavMap => ("Carte", "Map"),
    NavCompare => ("Comparer", "Compare"),
    NavFunding => ("Financements", "Funding"),
    NavSources => ("Sources", "Sources"),
    SkipToContent => ("Aller au contenu", "Skip to content"),
    /// The language switch shows the *other* language, in that language: give the element
    /// `lang={lang.other().html_lang()}`.
    LangSwitch => ("English", "Français"),
    /// Starts with the visible label so the accessible name contains it (WCAG 2.5.3).
    LangSwitchAria => ("English — lire cette page en anglais", "Français — read this page in French"),
    ThemeSwitch => ("Thème", "Theme"),
    ThemeSwitchAria => ("Choisir le thème de couleurs", "Choose the colour theme"),
    ThemeLight => ("Clair", "Light"),
    ThemeDark => ("Sombre", "Dark"),
    /// Follow the system setting.
    ThemeAuto => ("Automatique", "Automatic"),
    Close => ("Fermer", "Close"),

    // ── Page titles and meta descriptions (see also [`page_title`]) ──
    /// A region page, as the check page's preview tab names it.
    TitleRegion => ("Fiche région", "Region profile"),
    TitleMap => ("Carte des écosystèmes de santé", "Map of health ecosystems"),
    DescMap => (
        "Carte interactive des pôles, campus, incubateurs, entreprises et hôpitaux de santé dans les régions de France.",
        "Interactive map of health clusters, campuses, incubators, companies and hospitals across the regions of France."
    ),
    TitleCompare => ("Comparer les régions", "Compare regions"),
    DescCompare => (
        "Comparez de deux à quatre régions côte à côte\u{202f}: indicateurs, rangs, acteurs et financements.",
        "Compare two to four regions side by side: indicators, ranks, organisations and funding."
    ),
    TitleFunding => ("Financements de la santé", "Health funding"),
    DescFunding => (
        "Programmes d’investissement, budgets et soutiens aux industries de santé, en graphiques et en tableaux.",
        "Investment programmes, budgets and support for the health industries, as charts and tables."
    ),
    TitleSources => ("Sources et données", "Sources and data"),
    DescSources => (
        "Le jeu de données de l’atlas, sa version, sa licence et chacune de ses sources.",
        "The atlas dataset, its version, its licence and every one of its sources."
    ),
    TitleNotFound => ("Page introuvable", "Page not found"),
    DescNotFound => (
        "Cette adresse ne correspond à aucune page de l’atlas.",
        "This address does not match any page of the atlas."
    ),
    TitleEmbed => ("Widget de l’Atlas des régions de santé", "Health Regions Atlas widget"),
    DescEmbed => (
        "Carte, graphique ou fiche région de l’Atlas des régions de santé, intégré à une autre page.",
        "A map, chart or region card from the Health Regions Atlas, embedded in another page."
    ),

    // ── Loading, errors, offline, updates ──
    Loading => ("Chargement…", "Loading…"),
    /// Also the start of [`loading_percent`].
    LoadingDataset => ("Chargement des données…", "Loading data…"),
    DatasetErrorTitle => ("Les données n’ont pas pu être chargées", "The data could not be loaded"),
    /// Heading of the list of validation problems (see [`line_column`], [`more_problems`]).
    DatasetErrorWhere => ("Ce qui ne va pas, et où\u{202f}:", "What is wrong, and where:"),
    DatasetErrorHelp => (
        "Vérifiez votre connexion puis réessayez. Si le problème persiste, les données publiées sont peut-être en cours de mise à jour.",
        "Check your connection, then try again. If the problem persists, the published data may be being updated."
    ),
    ErrorNetwork => ("Le serveur n’a pas pu être joint.", "The server could not be reached."),
    ErrorNotJson => ("Le fichier de données n’est pas un JSON valide.", "The data file is not valid JSON."),
    ErrorUnsupportedFormat => (
        "Ce format de données est plus récent que cette version de l’atlas. Rechargez la page.",
        "This data format is newer than this version of the atlas. Reload the page."
    ),
    ErrorInvalidDataset => ("Le fichier de données contient des erreurs.", "The data file contains errors."),
    ErrorTooLarge => ("Le fichier de données dépasse la taille autorisée.", "The data file is larger than allowed."),
    ErrorGeneric => ("Une erreur inattendue est survenue.", "An unexpected error occurred."),
    Retry => ("Réessayer", "Try again"),
    /// A page whose code is fetched when it is first shown, while it comes.
    LoadingPage => ("Chargement de la page…", "Loading the page…"),
    /// That page's code could not be fetched.
    ErrorPageCode => (
        "Cette page n’a pas pu être chargée. Vérifiez votre connexion puis réessayez.",
        "This page could not be loaded. Check your connection, then try again."
    ),
    /// The retry button while its attempt runs.
    Retrying => ("Nouvelle tentative…", "Trying again…"),
    ErrorForbiddenData => (
        "Ce lien demande un fichier de données qui n’appartient pas à cet atlas. Seuls les fichiers publiés avec l’atlas, à son adresse, peuvent être affichés.",
        "This link asks for a data file that does not belong to this atlas. Only files published with the atlas, at its own address, can be shown."
    ),
    /// First piece of the offline banner; see [`offline_banner`].
    Offline => ("Hors ligne", "Offline"),
    /// Second piece of the offline banner, followed by the data's date.
    OfflineDataFrom => ("données du", "data from"),
    Reload => ("Recharger", "Reload"),

    // ── Not found ──
    NotFoundHeading => ("Cette page n’existe pas", "This page does not exist"),
    NotFoundText => (
        "L’adresse est peut-être mal saisie, ou la page a été déplacée.",
        "The address may be mistyped, or the page may have moved."
    ),
    RegionNotFound => ("Cette région ne figure pas dans les données.", "This region is not in the data."),
    BackToMap => ("Retour à la carte", "Back to the map"),

    // ── Map ──
    /// `aria-label` of the map.
    MapLabel => ("Carte des régions de France", "Map of the regions of France"),
    IndicatorPicker => ("Indicateur", "Indicator"),
    /// Per-capita toggle.
    PerCapita => ("Pour 100\u{202f}000 habitants", "Per 100,000 inhabitants"),
    LegendTitle => ("Légende", "Legend"),
    NoData => ("Pas de données", "No data"),
    /// Label of the choice of how classes are cut (see [`method_msg`]).
    ClassMethod => ("Découpage des classes", "Class breaks"),
    ClassMethodQuantiles => ("Quantiles (autant de régions par classe)", "Quantiles (as many regions per class)"),
    ClassMethodEqualIntervals => ("Intervalles égaux", "Equal intervals"),
    ClassMethodNaturalBreaks => ("Seuils naturels (Jenks)", "Natural breaks (Jenks)"),
    ClassMethodDataset => ("Seuils publiés", "Published thresholds"),
    /// Near the legend when the published thresholds could not be used (see [`fallback_msg`]).
    ClassFallbackNoThresholds => (
        "Pas de seuils publiés pour cet indicateur\u{202f}: classes par quantiles.",
        "No published thresholds for this indicator: classes by quantiles."
    ),
    ClassFallbackPerCapita => (
        "Les seuils publiés valent pour les valeurs absolues\u{202f}: classes par quantiles.",
        "The published thresholds are for absolute values: classes by quantiles."
    ),
    /// Accessible name of the legend's histogram: how many regions each class holds.
    LegendCounts => ("Nombre de régions par classe", "Regions per class"),
    ZoomIn => ("Zoomer", "Zoom in"),
    ZoomOut => ("Dézoomer", "Zoom out"),
    ZoomReset => ("Revenir à la vue d’ensemble", "Reset the view"),
    PanHintKeys => (
        "Flèches pour déplacer, + et − pour zoomer, 0 pour revenir à la vue d’ensemble.",
        "Arrow keys to move, + and − to zoom, 0 to reset the view."
    ),
    /// Under the map when the overseas insets are drawn at other scales than the main map.
    InsetsNotToScale => (
        "Les encarts ne sont pas à l’échelle de la carte principale.",
        "The insets are not to the scale of the main map."
    ),
    SearchLabel => ("Rechercher une région ou un lieu", "Search for a region or a place"),
    SearchPlaceholder => ("Région, ville, organisme…", "Region, town, organisation…"),
    SearchNoResults => ("Aucun résultat", "No results"),
    FilterByCategory => ("Filtrer par catégorie", "Filter by category"),
    PlacesWithoutPosition => ("Lieux sans position sur la carte", "Places without a map position"),
    TableTwinCaption => ("Tableau de la carte", "Table of the map"),
    ChartTableCaption => ("Tableau du graphique", "Table of the chart"),
    ViewRegion => ("Voir la région", "View the region"),

    // ── Place categories (see [`category_msg`]) ──
    CategoryCluster => ("Pôle ou cluster", "Cluster"),
    CategoryClusterPlural => ("Pôles et clusters", "Clusters"),
    CategoryCampus => ("Campus", "Campus"),
    CategoryCampusPlural => ("Campus", "Campuses"),
    CategoryIncubator => ("Incubateur", "Incubator"),
    CategoryIncubatorPlural => ("Incubateurs", "Incubators"),
    CategoryCompany => ("Entreprise", "Company"),
    CategoryCompanyPlural => ("Entreprises", "Companies"),
    CategoryStartup => ("Start-up", "Startup"),
    /// Invariable in French.
    CategoryStartupPlural => ("Start-up", "Startups"),
    CategoryAgency => ("Agence", "Agency"),
    CategoryAgencyPlural => ("Agences", "Agencies"),
    CategoryAssociation => ("Association", "Association"),
    CategoryAssociationPlural => ("Associations", "Associations"),
    CategoryHospital => ("Hôpital", "Hospital"),
    CategoryHospitalPlural => ("Hôpitaux", "Hospitals"),
    CategoryLaboratory => ("Laboratoire", "Laboratory"),
    CategoryLaboratoryPlural => ("Laboratoires", "Laboratories"),

    // ── Table headers ──
    /// The region's code in the map's CSV export.
    ColId => ("Code", "Code"),
    ColRegion => ("Région", "Region"),
    ColValue => ("Valeur", "Value"),
    /// The figure as the map writes it, with its unit (map CSV export).
    ColShown => ("Valeur affichée", "Value as shown"),
    /// The range of a region's colour class (map CSV export).
    ColClass => ("Classe", "Class"),
    ColRank => ("Rang", "Rank"),
    ColSource => ("Source", "Source"),
    ColCategory => ("Catégorie", "Category"),
    ColYear => ("Année", "Year"),
    ColAmount => ("Montant", "Amount"),

    // ── Unit names, lower case, for headers such as "Valeur (emplois)" (see `units::unit_label`) ──
    UnitCount => ("nombre", "number"),
    UnitPerson => ("personne", "person"),
    UnitPeople => ("personnes", "people"),
    UnitJob => ("emploi", "job"),
    UnitJobs => ("emplois", "jobs"),
    UnitEuro => ("euro", "euro"),
    UnitEuros => ("euros", "euros"),
    UnitHectare => ("hectare", "hectare"),
    UnitHectares => ("hectares", "hectares"),
    UnitPercent => ("pour cent", "percent"),
    UnitPercentChange => ("évolution en pour cent", "change in percent"),
    UnitMultiplier => ("facteur multiplicatif", "multiplier"),
    UnitRank => ("rang", "rank"),
    UnitRanks => ("rangs", "ranks"),
    UnitYear => ("année", "year"),
    UnitYears => ("années", "years"),

    // ── Qualifiers, prefixed to a figure by `units::format_value` ──
    QualifierMoreThan => ("plus de", "over"),
    QualifierAbout => ("environ", "about"),

    // ── Region page ──
    HeadlineFigures => ("Chiffres clés", "Key figures"),
    NationalRanks => ("Classements nationaux", "National rankings"),
    PlacesByCategory => ("Acteurs par catégorie", "Places by category"),
    RegionFunding => ("Financements concernant la région", "Funding for the region"),
    SourcesOnPage => ("Sources utilisées sur cette page", "Sources used on this page"),
    CompareWith => ("Comparer avec…", "Compare with…"),
    Print => ("Imprimer", "Print"),
    RegionCapital => ("Chef-lieu", "Regional capital"),
    RegionNoFigures => (
        "Les données ne contiennent pas encore de chiffres pour cette région.",
        "The data has no figures for this region yet."
    ),
    RegionNoPlaces => ("Aucun lieu recensé dans cette région.", "No places listed in this region."),
    RegionNoFunding => ("Aucun financement recensé pour cette région.", "No funding listed for this region."),
    RegionKindMetropolitan => ("Région métropolitaine", "Metropolitan region"),
    RegionKindOverseas => ("Région d’outre-mer", "Overseas region"),

    // ── Compare ──
    ChooseRegions => ("Choisissez de 2 à 4 régions", "Choose 2 to 4 regions"),
    AddRegion => ("Ajouter une région", "Add a region"),
    CompareTooFew => ("Choisissez au moins deux régions pour les comparer.", "Choose at least two regions to compare them."),
    CompareIndicators => ("Indicateurs", "Indicators"),
    /// Feminine in French: it qualifies *région*.
    NotRanked => ("Non classée", "Not ranked"),
    MissingValue => ("Donnée manquante", "Missing"),
    MissingNote => ("Une donnée manquante n’est jamais comptée comme zéro.", "A missing figure is never counted as zero."),
    FundingTotals => ("Total des financements", "Funding totals"),

    // ── Funding ──
    FundingPublic => ("Fonds publics", "Public funds"),
    FundingPrivate => ("Fonds privés et autres", "Private and other funds"),
    Total => ("Total", "Total"),
    Download => ("Télécharger", "Download"),
    DownloadPng => ("Télécharger l’image (PNG)", "Download image (PNG)"),
    DownloadSvg => ("Télécharger l’image vectorielle (SVG)", "Download vector image (SVG)"),
    DownloadCsv => ("Télécharger les données (CSV)", "Download data (CSV)"),
    Embed => ("Intégrer", "Embed"),
    ShowTable => ("Afficher le tableau", "Show table"),
    HideTable => ("Masquer le tableau", "Hide table"),
    /// Followed by the parent programme's name; see [`part_of`].
    PartOf => ("Fait partie de", "Part of"),
    Funders => ("Financeurs", "Funders"),
    Beneficiary => ("Bénéficiaire", "Beneficiary"),
    FundingKindProgramme => ("Programmes d’investissement", "Investment programmes"),
    FundingKindBudget => ("Budgets annuels", "Annual budgets"),
    FundingKindSupport => ("Soutiens", "Support"),
    FundingKindProjects => ("Projets", "Projects"),
    FundingKindCumulative => ("Montants cumulés", "Cumulative totals"),
    PartyNational => ("État", "French State"),
    PartyEuropean => ("Union européenne", "European Union"),
    Breakdown => ("Répartition", "Breakdown"),

    // ── Sources page ──
    Dataset => ("Jeu de données", "Dataset"),
    Version => ("Version", "Version"),
    PublicationDate => ("Date de publication", "Publication date"),
    Licence => ("Licence", "Licence"),
    Publisher => ("Éditeur", "Publisher"),
    Attribution => ("Mention à citer", "Attribution"),
    Languages => ("Langues", "Languages"),
    AllSources => ("Toutes les sources", "All sources"),
    DownloadDataset => ("Télécharger le jeu de données (JSON)", "Download the dataset (JSON)"),
    MethodNote => (
        "Les chiffres sont repris tels que leurs sources les publient\u{202f}; chaque chiffre renvoie à sa source.",
        "Figures are reproduced as their sources publish them; every figure links to its source."
    ),

    // ── Embed dialog and embeds ──
    EmbedTitle => ("Intégrer dans votre site", "Embed on your site"),
    EmbedCode => ("Code d’intégration", "Embed code"),
    EmbedCopy => ("Copier le code", "Copy code"),
    EmbedCopied => ("Code copié", "Code copied"),
    EmbedPreview => ("Aperçu", "Preview"),
    EmbedHelp => (
        "Collez ce code dans votre page. Le widget ajuste sa hauteur et suit la langue et le thème choisis.",
        "Paste this code into your page. The widget adjusts its height and follows the chosen language and theme."
    ),
    OpenInAtlas => ("Ouvrir dans l’atlas", "Open in the atlas"),
    EmbedUnknown => (
        "Ce widget n’existe pas ou n’est plus disponible.",
        "This widget does not exist or is no longer available."
    ),

    // ── Footer ──
    FooterCredits => ("Crédits", "Credits"),
    FooterAbout => ("À propos de l’atlas", "About the atlas"),

    // ── Check a dataset ──
    TitleCheck => ("Vérifier un fichier de données", "Check a dataset"),
    DescCheck => (
        "Vérifiez un fichier de données de l’atlas avant de le publier, avec les contrôles mêmes de l’atlas.",
        "Check an atlas data file before publishing it, with the atlas’s own checks."
    ),
    CheckNothingUploaded => (
        "Le fichier est lu dans votre navigateur\u{202f}: rien n’est envoyé ni enregistré.",
        "The file is read in your browser: nothing is uploaded or saved."
    ),
    CheckLinkFromSources => (
        "Vous publiez ces données\u{202f}? Vérifiez un fichier avant de le mettre en ligne.",
        "Publishing this data? Check a file before putting it online."
    ),
    CheckDropZone => ("Déposez un fichier JSON ici, ou choisissez-le.", "Drop a JSON file here, or choose it."),
    CheckChooseFile => ("Fichier de données (JSON)", "Data file (JSON)"),
    CheckPasteLabel => ("Ou collez le texte du fichier", "Or paste the file’s text"),
    CheckButton => ("Vérifier", "Check"),
    CheckEmptyPaste => ("Collez d’abord le texte du fichier.", "Paste the file’s text first."),
    CheckReading => ("Lecture du fichier…", "Reading the file…"),
    CheckChecking => ("Vérification…", "Checking…"),
    CheckPreparingPreview => ("Préparation de l’aperçu…", "Preparing the preview…"),
    CheckValid => ("Aucun problème\u{202f}: ce fichier peut être publié.", "No problems: this file can be published."),
    CheckInvalid => ("Ce fichier ne peut pas être publié tel quel.", "This file cannot be published as it is."),
    CheckFailed => ("La vérification n’a pas pu aboutir.", "The check could not finish."),
    CheckFileTooLarge => (
        "Ce fichier dépasse la taille maximale de l’atlas (16\u{a0}Mo).",
        "This file is larger than the atlas accepts (16\u{a0}MB)."
    ),
    CheckExcerpt => ("Extrait du fichier", "Excerpt of the file"),
    CheckPreview => ("Aperçu", "Preview"),
    CheckPreviewNote => (
        "Ce que les visiteurs verront avec ce fichier. Rien n’est enregistré\u{202f}: le site publié ne change pas.",
        "What visitors will see with this file. Nothing is saved: the published site does not change."
    ),
    CheckPreviewPages => ("Page de l’aperçu", "Preview page"),
    CheckPreviewRegion => ("Région affichée", "Region shown"),
    CheckPreviewOutside => (
        "Cette page ne fait pas partie de l’aperçu.",
        "This page is not part of the preview."
    ),
    CheckKindTooLarge => ("Le fichier est trop volumineux.", "The file is too large."),
    CheckKindEmpty => ("Le fichier est vide.", "The file is empty."),
    CheckKindHtml => ("C’est une page HTML ou XML, pas un fichier JSON.", "This is an HTML or XML page, not a JSON file."),
    CheckKindSyntax => (
        "Le texte n’est pas du JSON valide (une virgule, un guillemet ou une accolade en trop ou en moins).",
        "The text is not valid JSON (a comma, quote or bracket too many or missing)."
    ),
    CheckKindFormat => ("Cet atlas ne lit pas cette version du format.", "This atlas does not read this version of the format."),
    CheckKindShape => ("Un champ est inconnu, manquant ou du mauvais type.", "A field is unknown, missing or of the wrong type."),
    CheckKindLimit => ("Plus d’éléments ou de caractères que l’atlas n’en accepte.", "More entries or characters than the atlas accepts."),
    CheckKindId => (
        "Un identifiant compte de 1 à 64 lettres, chiffres, tirets ou soulignés.",
        "An id is 1 to 64 letters, digits, hyphens or underscores."
    ),
    CheckKindDuplicate => ("Le même identifiant ou la même valeur figure deux fois.", "The same id or value appears twice."),
    CheckKindReference => ("Cet identifiant ne désigne rien de ce type dans le fichier.", "This id names nothing of that kind in the file."),
    CheckKindCycle => ("Une chaîne de «\u{202f}part_of\u{202f}» revient à son point de départ.", "A chain of part_of comes back to where it started."),
    CheckKindMissing => ("Une information obligatoire est absente ou vide.", "Something required is absent or empty."),
    CheckKindCode => ("Un code de langue ou de monnaie que l’atlas ne connaît pas.", "A language or currency code the atlas does not know."),
    CheckKindText => ("Le texte contient des caractères de contrôle.", "The text contains control characters."),
    CheckKindLink => ("Un lien doit être une adresse web en http ou https.", "A link must be a web address in http or https."),
    CheckKindDate => ("Une date s’écrit AAAA, AAAA-MM ou AAAA-MM-JJ.", "A date is written YYYY, YYYY-MM or YYYY-MM-DD."),
    CheckKindNumber => (
        "Un nombre est hors limites, du mauvais signe ou non entier, ou une somme ne tombe pas juste.",
        "A number is out of range, of the wrong sign or not whole, or a sum does not add up."
    ),
    CheckKindGeometry => ("Une géométrie ne peut pas être dessinée ou placée.", "A geometry cannot be drawn or placed."),
    CheckKindMap => ("Les réglages de la carte (projection, encarts) ne conviennent pas.", "The map settings (projection, insets) do not work."),
}

/// The text of `msg` in `lang`.
pub const fn t(lang: Lang, msg: Msg) -> &'static str {
    let (fr, en) = msg.texts();
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

// ── Helpers for messages that carry a number or a name ──

fn count(n: usize, lang: Lang) -> String {
    format::format_integer(i64::try_from(n).unwrap_or(i64::MAX), lang)
}

fn plural_of(lang: Lang, n: usize) -> bool {
    is_plural(lang, u64::try_from(n).unwrap_or(u64::MAX))
}

/// Lower-cases the first letter, for category names used inside a sentence.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `<title>`: "Normandie — Atlas des régions de santé": the page, then the atlas's name (see
/// [`site_name`]); the name alone when `page` is blank.
pub fn page_title(lang: Lang, site: Option<&Text>, page: &str) -> String {
    let app = site_name(lang, site);
    let page = page.trim();
    if page.is_empty() {
        app
    } else {
        format!("{page} — {app}")
    }
}

/// The atlas's name: the dataset's own title, else the app's name (before a dataset is loaded).
pub fn site_name(lang: Lang, site: Option<&Text>) -> String {
    let title = localize_opt(site, lang).text.trim();
    if title.is_empty() {
        t(lang, Msg::AppName).to_owned()
    } else {
        title.to_owned()
    }
}

/// Meta description of a region page. The name comes first so French needs no article
/// ("de la Normandie", "des Hauts-de-France"…).
pub fn region_description(lang: Lang, name: &str) -> String {
    let rest = lang.pick(
        "chiffres clés, classements nationaux, acteurs, financements et sources.",
        "key figures, national rankings, organisations, funding and sources.",
    );
    labelled(lang, name, rest)
}

/// "Chargement des données… 42 %" / "Loading data… 42%"; values above 100 are clamped.
pub fn loading_percent(lang: Lang, pct: u8) -> String {
    format!(
        "{} {}",
        t(lang, Msg::LoadingDataset),
        format::format_percent(f64::from(pct.min(100)), lang)
    )
}

/// "Hors ligne — données du 18 mai 2017" / "Offline — data from 18 May 2017". An unparsable
/// date is shown as given; a blank one leaves only "Offline".
pub fn offline_banner(lang: Lang, date_iso: &str) -> String {
    let offline = t(lang, Msg::Offline);
    let date = date_iso.trim();
    if date.is_empty() {
        return offline.to_owned();
    }
    let date = format::format_date(date, lang).unwrap_or_else(|| date.to_owned());
    format!("{offline} — {} {date}", t(lang, Msg::OfflineDataFrom))
}

/// "2e sur 18" / "2nd of 18". Feminine in French ("1re sur 18"): the ranked things are regions.
pub fn rank_of(lang: Lang, rank: u32, total: u32) -> String {
    let rank = format::format_ordinal(rank, lang, Gender::Feminine);
    let total = format::format_integer(i64::from(total), lang);
    format!("{rank} {} {total}", lang.pick("sur", "of"))
}

/// Column header for ranks: "Rang parmi les 18 régions" / "Rank among the 18 regions".
pub fn rank_among(lang: Lang, total: u32) -> String {
    if total < 2 {
        return t(lang, Msg::ColRank).to_owned();
    }
    let total = format::format_integer(i64::from(total), lang);
    lang.pick(
        format!("Rang parmi les {total} régions"),
        format!("Rank among the {total} regions"),
    )
}

/// "1re région" / "1st region", to precede a ranking's subject.
pub fn rank_region(lang: Lang, rank: u32) -> String {
    let rank = format::format_ordinal(rank, lang, Gender::Feminine);
    format!("{rank} {}", lang.pick("région", "region"))
}

/// "1 lieu", "12 lieux" / "1 place", "12 places".
pub fn places_count(lang: Lang, n: usize) -> String {
    let noun = match (lang, plural_of(lang, n)) {
        (Lang::Fr, false) => "lieu",
        (Lang::Fr, true) => "lieux",
        (Lang::En, false) => "place",
        (Lang::En, true) => "places",
    };
    format!("{} {noun}", count(n, lang))
}

/// "1 région", "13 régions" / "1 region", "13 regions".
pub fn regions_count(lang: Lang, n: usize) -> String {
    let noun = match (lang, plural_of(lang, n)) {
        (Lang::Fr, false) => "région",
        (Lang::Fr, true) => "régions",
        (Lang::En, false) => "region",
        (Lang::En, true) => "regions",
    };
    format!("{} {noun}", count(n, lang))
}

/// The message naming a class method.
pub const fn method_msg(method: Method) -> Msg {
    match method {
        Method::Quantiles => Msg::ClassMethodQuantiles,
        Method::EqualIntervals => Msg::ClassMethodEqualIntervals,
        Method::NaturalBreaks => Msg::ClassMethodNaturalBreaks,
        Method::Dataset => Msg::ClassMethodDataset,
    }
}

/// The message saying why quantiles replaced the published thresholds.
pub const fn fallback_msg(fallback: Fallback) -> Msg {
    match fallback {
        Fallback::NoThresholds => Msg::ClassFallbackNoThresholds,
        Fallback::PerCapita => Msg::ClassFallbackPerCapita,
    }
}

/// The message naming a category, singular or plural.
pub const fn category_msg(category: Category, plural: bool) -> Msg {
    match (category, plural) {
        (Category::Cluster, false) => Msg::CategoryCluster,
        (Category::Cluster, true) => Msg::CategoryClusterPlural,
        (Category::Campus, false) => Msg::CategoryCampus,
        (Category::Campus, true) => Msg::CategoryCampusPlural,
        (Category::Incubator, false) => Msg::CategoryIncubator,
        (Category::Incubator, true) => Msg::CategoryIncubatorPlural,
        (Category::Company, false) => Msg::CategoryCompany,
        (Category::Company, true) => Msg::CategoryCompanyPlural,
        (Category::Startup, false) => Msg::CategoryStartup,
        (Category::Startup, true) => Msg::CategoryStartupPlural,
        (Category::Agency, false) => Msg::CategoryAgency,
        (Category::Agency, true) => Msg::CategoryAgencyPlural,
        (Category::Association, false) => Msg::CategoryAssociation,
        (Category::Association, true) => Msg::CategoryAssociationPlural,
        (Category::Hospital, false) => Msg::CategoryHospital,
        (Category::Hospital, true) => Msg::CategoryHospitalPlural,
        (Category::Laboratory, false) => Msg::CategoryLaboratory,
        (Category::Laboratory, true) => Msg::CategoryLaboratoryPlural,
    }
}

/// "Incubateur" / "Incubators"… capitalised, for filters and headings.
pub const fn category_name(lang: Lang, category: Category, plural: bool) -> &'static str {
    t(lang, category_msg(category, plural))
}

/// "3 incubateurs", "1 hôpital" / "3 incubators", "1 hospital".
pub fn category_count(lang: Lang, category: Category, n: usize) -> String {
    let name = category_name(lang, category, plural_of(lang, n));
    format!("{} {}", count(n, lang), lower_first(name))
}

/// For the search's live region: "Aucun résultat", "1 résultat", "5 résultats".
pub fn search_results(lang: Lang, n: usize) -> String {
    if n == 0 {
        return t(lang, Msg::SearchNoResults).to_owned();
    }
    let noun = match (lang, plural_of(lang, n)) {
        (Lang::Fr, false) => "résultat",
        (Lang::Fr, true) => "résultats",
        (Lang::En, false) => "result",
        (Lang::En, true) => "results",
    };
    format!("{} {noun}", count(n, lang))
}

/// "Aucun résultat pour « xyz »" / "No results for “xyz”".
pub fn no_results_for(lang: Lang, query: &str) -> String {
    let query = query.trim();
    let none = t(lang, Msg::SearchNoResults);
    if query.is_empty() {
        return none.to_owned();
    }
    format!("{none} {} {}", lang.pick("pour", "for"), quote(lang, query))
}

/// Quotes a name: « Normandie » (with narrow no-break spaces) / “Normandie”.
pub fn quote(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Fr => format!("«{NNBSP}{s}{NNBSP}»"),
        Lang::En => format!("“{s}”"),
    }
}

/// "A, B et C" / "A, B and C" (no serial comma).
pub fn join_list(lang: Lang, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("et", "and")),
    }
}

/// Where a dataset problem is: "ligne 12, colonne 5" / "line 12, column 5".
pub fn line_column(lang: Lang, line: u64, column: u64) -> String {
    let n = |v: u64| format::format_integer(i64::try_from(v).unwrap_or(i64::MAX), lang);
    lang.pick(
        format!("ligne {}, colonne {}", n(line), n(column)),
        format!("line {}, column {}", n(line), n(column)),
    )
}

/// After a truncated list of problems: "… et 3 autres problèmes" / "… and 3 more problems".
pub fn more_problems(lang: Lang, n: usize) -> String {
    let c = count(n, lang);
    match (lang, plural_of(lang, n)) {
        (Lang::Fr, false) => format!("… et {c} autre problème"),
        (Lang::Fr, true) => format!("… et {c} autres problèmes"),
        (Lang::En, false) => format!("… and {c} more problem"),
        (Lang::En, true) => format!("… and {c} more problems"),
    }
}

/// "Le serveur a répondu avec le code 404." / "The server responded with status 404."
pub fn http_status(lang: Lang, status: u16) -> String {
    lang.pick(
        format!("Le serveur a répondu avec le code {status}."),
        format!("The server responded with status {status}."),
    )
}

/// "Fait partie de France 2030" / "Part of France 2030".
pub fn part_of(lang: Lang, name: &str) -> String {
    format!("{} {name}", t(lang, Msg::PartOf))
}

/// Accessible name of a region's remove button in Compare.
pub fn remove_region(lang: Lang, name: &str) -> String {
    lang.pick(
        format!("Retirer {name} de la comparaison"),
        format!("Remove {name} from the comparison"),
    )
}

/// "Version 2026.11.1 du 18 mai 2026" / "Version 2026.11.1 of 18 May 2026"; the date is
/// left out when it does not parse.
pub fn data_version(lang: Lang, version: &str, published_iso: &str) -> String {
    let head = format!("{} {}", t(lang, Msg::Version), version.trim());
    match format::format_date(published_iso.trim(), lang) {
        Some(date) => format!("{head} {} {date}", lang.pick("du", "of")),
        None => head,
    }
}

/// "en 2023" / "in 2023".
pub fn in_year(lang: Lang, year: i32) -> String {
    format!(
        "{} {}",
        lang.pick("en", "in"),
        format::format_year(i64::from(year))
    )
}

/// "depuis 2005" / "since 2005".
pub fn since_year(lang: Lang, year: i32) -> String {
    format!(
        "{} {}",
        lang.pick("depuis", "since"),
        format::format_year(i64::from(year))
    )
}

/// "2005–2023" (en dash, both languages); one year when both ends are equal.
pub fn year_span(from: i32, to: i32) -> String {
    if from == to {
        format::format_year(i64::from(to))
    } else {
        format!(
            "{}–{}",
            format::format_year(i64::from(from)),
            format::format_year(i64::from(to))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_key_is_unique() {
        let mut keys: Vec<&str> = Msg::ALL.iter().map(|m| m.key()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
    }

    #[test]
    fn lower_first_handles_accents_and_empty_strings() {
        assert_eq!(lower_first("Hôpitaux"), "hôpitaux");
        assert_eq!(lower_first("École"), "école");
        assert_eq!(lower_first(""), "");
    }
}
