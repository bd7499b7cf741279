//! Languages and the typographic rules every locale module builds on: the bottom layer.
//!
//! The locale modules form one chain, `locale` ← `format` ← `i18n` ← `units`: each may import
//! the ones to its left and none to its right (`tests/layers.rs` checks it). This module imports
//! nothing from the crate.

/// French thousands separator, number–unit space and space before `: ; ? !`.
pub const NNBSP: char = '\u{202F}';
/// English word space inside a figure ("300 ha", "USD 2.3M") and between a qualifier and its figure.
pub const NBSP: char = '\u{A0}';

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// The atlas is French first: French is the default.
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// ISO 639-1 code, as used in URLs (`?lang=en`) and storage.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses "fr", "EN", "fr-FR", "en_GB"…: only the primary subtag counts, case-insensitively.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The first supported language in a preference list (e.g. `navigator.languages`),
    /// else the default.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Lang {
        preferences
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }

    pub const fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// Value for `<html lang>` and `lang` attributes.
    pub const fn html_lang(self) -> &'static str {
        self.code()
    }

    /// The language's name in itself ("Français", "English").
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    /// Picks one of two values by language; handy for one-off pairs in helpers.
    pub fn pick<T>(self, fr: T, en: T) -> T {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// Grammatical gender, for French ordinals ("1er" / "1re").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Gender {
    #[default]
    Masculine,
    Feminine,
}

/// Whether `n` takes the plural: French treats 0 and 1 as singular, English only 1.
pub const fn is_plural(lang: Lang, n: u64) -> bool {
    match lang {
        Lang::Fr => n >= 2,
        Lang::En => n != 1,
    }
}

/// "Label : " / "Label: ", for a label whose value follows as separate markup (a link, a figure
/// in its own element). The label itself is never rewritten, whatever it contains.
pub fn label_prefix(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Fr => format!("{label}{NNBSP}: "),
        Lang::En => format!("{label}: "),
    }
}

/// "Label : valeur" / "Label: value", with French spacing before the colon. Neither the label
/// nor the value is rewritten: a name that contains " : " keeps it as written.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    let mut out = label_prefix(lang, label);
    out.push_str(value);
    out
}
