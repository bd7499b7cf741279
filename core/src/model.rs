//! The published dataset, format version 1: the serde types a publisher writes and the views read.
//!
//! These types are the I/O boundary. `validate` turns them into a [`crate::validate::Dataset`]
//! only after every reference, number and string has been checked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The only format versions this build understands.
pub const SUPPORTED_FORMATS: &[u32] = &[1];

/// Text in French and English. At least one language must be present; the other falls back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn both(fr: &str, en: &str) -> Self {
        Text {
            fr: Some(fr.to_owned()),
            en: Some(en.to_owned()),
        }
    }
}

/// The whole published file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Format version; this build reads version 1.
    pub format: u32,
    pub metadata: Metadata,
    pub sources: Vec<Source>,
    pub map: MapSettings,
    pub regions: Vec<Region>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub funding: Vec<Funding>,
    #[serde(default)]
    pub rankings: Vec<Ranking>,
    #[serde(default)]
    pub shares: Vec<Share>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The atlas's name as the site shows it: header, tab titles, embeds.
    pub title: Text,
    /// A short line under the title in the header, e.g. what the atlas covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub publisher: String,
    /// The dataset's own version, e.g. "2026.11.1".
    pub version: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    pub licence: Licence,
    pub attribution: Text,
    /// Languages the dataset's texts are written in, e.g. `["fr", "en"]`.
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: Text,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    pub origin: Origin,
}

/// What kind of document a source is, and which one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub kind: OriginKind,
    /// The seed file name, the package `name@version`, or a document reference.
    pub reference: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OriginKind {
    /// A document the atlas's facts were transcribed from.
    Document,
    /// A published data package (npm, PyPI, an open-data portal).
    DataPackage,
}

/// How the map is projected and laid out. Nothing about a country lives in code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapSettings {
    pub projection: Projection,
    /// Regions drawn in separate boxes (overseas regions), in display order.
    #[serde(default)]
    pub insets: Vec<Inset>,
    /// Where the inset boxes go relative to the main map.
    #[serde(default)]
    pub inset_placement: InsetPlacement,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Projection {
    /// Lambert conformal conic on the sphere: two standard parallels, an origin, all in degrees.
    ConicConformal {
        parallels: [f64; 2],
        origin: [f64; 2],
    },
    /// Equirectangular scaled by the cosine of `origin`'s latitude; for small areas.
    Equirectangular { origin: [f64; 2] },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inset {
    pub region: String,
    /// Box label; defaults to the region's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InsetPlacement {
    #[default]
    Left,
    Right,
    Bottom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Stable id; INSEE region code for France ("28" = Normandie).
    pub id: String,
    pub name: Text,
    pub kind: RegionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<Town>,
    pub geometry: Geometry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    Metropolitan,
    Overseas,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Town {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<LonLat>,
}

/// `[longitude, latitude]` in degrees (WGS 84).
pub type LonLat = [f64; 2];

/// A GeoJSON-style multipolygon: polygons → rings → `[lon, lat]` positions. Rings need not be closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Geometry {
    MultiPolygon { coordinates: Vec<Vec<Vec<LonLat>>> },
    Polygon { coordinates: Vec<Vec<LonLat>> },
}

impl Geometry {
    /// Every polygon as a list of rings, whichever variant was written.
    pub fn polygons(&self) -> Vec<&Vec<Vec<LonLat>>> {
        match self {
            Geometry::MultiPolygon { coordinates } => coordinates.iter().collect(),
            Geometry::Polygon { coordinates } => vec![coordinates],
        }
    }
}

/// What a number counts; decides formatting and whether it can be summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    People,
    Jobs,
    Eur,
    Hectares,
    Percent,
    /// A change in percent (+20 %).
    PercentChange,
    /// A factor (×3).
    Multiplier,
    Rank,
    Year,
}

/// How exact a figure is: "over 300", "about €1.9 billion".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    MoreThan,
    Approximately,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub unit: Unit,
    /// Whether "per 100,000 inhabitants" makes sense (counts, money); not for shares or ranks.
    #[serde(default)]
    pub per_capita: bool,
    /// The publisher's class thresholds for the map, increasing: `[1000, 5000]` makes the three
    /// classes below 1000, 1000 to 5000, and 5000 or more. Inner thresholds only (1 to 6), not
    /// the ends. They apply to the figures as published, not per 100,000 inhabitants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks: Option<Vec<f64>>,
    pub values: Vec<IndicatorValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub region: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    pub source: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Cluster,
    Campus,
    Incubator,
    Company,
    Startup,
    Agency,
    Association,
    Hospital,
    Laboratory,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Cluster,
        Category::Campus,
        Category::Incubator,
        Category::Company,
        Category::Startup,
        Category::Agency,
        Category::Association,
        Category::Hospital,
        Category::Laboratory,
    ];

    /// Its position in [`Category::ALL`]: per-category tallies are plain arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn slug(self) -> &'static str {
        match self {
            Category::Cluster => "cluster",
            Category::Campus => "campus",
            Category::Incubator => "incubator",
            Category::Company => "company",
            Category::Startup => "startup",
            Category::Agency => "agency",
            Category::Association => "association",
            Category::Hospital => "hospital",
            Category::Laboratory => "laboratory",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: Text,
    pub category: Category,
    pub region: String,
    /// The town the source names, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// The source that names this place.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub lon: f64,
    pub lat: f64,
    pub precision: Precision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The place's own address.
    Exact,
    /// The centre of the town the source names.
    Town,
}

/// A figure or a dated fact about a place: "300 ha", "created in 2009".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// `http://` or `https://` only.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// Who gives or receives money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub kind: PartyKind,
    /// A region id for `region`, a place id for `place`; absent for `national` and `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name when the party is not a region or place of the dataset (e.g. "ERDF").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    National,
    European,
    Region,
    Place,
    Other,
}

/// A programme, budget or grant with its amounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Groups programmes on the Funding page.
    pub kind: FundingKind,
    #[serde(default)]
    pub funders: Vec<Party>,
    pub beneficiary: Party,
    /// ISO 4217 code; the sample uses "EUR".
    pub currency: String,
    /// The programme this one is part of (the €400 M within France 2030's €7.5 bn).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    pub amounts: Vec<Amount>,
    /// Counts that break the programme down (projects by programme type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Breakdown>,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    /// A national or European investment plan.
    Programme,
    /// An organisation's yearly budget.
    Budget,
    /// Support a funder gives a beneficiary.
    Support,
    /// Projects and what they are worth.
    Projects,
    /// Totals over a long period.
    Cumulative,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// The year, or the last year of a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// First year of a period ("since 2005").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    pub total: f64,
    /// The public part of `total`, when the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub title: Text,
    pub unit: Unit,
    pub items: Vec<BreakdownItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakdownItem {
    pub label: Text,
    pub value: f64,
}

/// A national rank as the source states it: "1st region for connected medical devices".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    pub region: String,
    pub rank: u32,
    pub subject: Text,
    pub source: String,
}

/// Parts of a whole in percent, e.g. a cluster's new members by sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    pub id: String,
    pub title: Text,
    pub subject: Party,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub parts: Vec<SharePart>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharePart {
    pub label: Text,
    pub percent: f64,
}
