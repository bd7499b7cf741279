//! Label hygiene and text-width estimates: untrusted labels are cleaned before they reach the SVG.

/// Removes what must not reach a drawing or a table: control characters (invalid in XML 1.0),
/// bidi overrides and isolates (they can visually reorder text), zero-width characters and
/// noncharacters. Line breaks and tabs become spaces; no-break spaces are kept (French number
/// formatting uses them). Leading and trailing spaces are trimmed.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(' ')
            }
            c if c.is_control() => {}
            // Bidi marks, embeddings, overrides and isolates.
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => {}
            // Zero-width and invisible formatting characters.
            '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{00AD}' => {}
            '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}' => {}
            c if (c as u32) & 0xFFFE == 0xFFFE => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim_matches(' ');
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

/// Escapes text for an XML attribute or text node.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' | '\u{1F300}'..='\u{1FAFF}' | '\u{20000}'..='\u{3FFFD}')
}

/// Advance of one character in em, close to DejaVu Sans (the widest common fallback font) so
/// estimates err wide.
fn char_em(c: char) -> f64 {
    match c {
        c if is_combining(c) => 0.0,
        ' ' | '\u{A0}' => 0.32,
        '\u{202F}' | '\u{2009}' | '\u{200A}' => 0.2,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '|' | '!' | '\'' | '`' | 'ı' => 0.3,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '-' | '"' => 0.42,
        '0'..='9' => 0.64,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '—' => 0.98,
        '…' => 1.0,
        'A'..='Z' => 0.74,
        'a'..='z' => 0.62,
        c if is_wide(c) => 1.05,
        c if c.is_uppercase() => 0.74,
        c if c.is_lowercase() => 0.62,
        _ => 0.7,
    }
}

/// Estimated width in pixels of `s` set at `px`.
pub(crate) fn text_width(s: &str, px: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * px
}

/// `s` shortened with an ellipsis to fit `max_w` pixels at `px`; unchanged when it fits.
pub fn truncate(s: &str, px: f64, max_w: f64) -> String {
    if text_width(s, px) <= max_w {
        return s.to_owned();
    }
    let budget = max_w - char_em('…') * px;
    let mut width = 0.0;
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        width += char_em(c) * px;
        if width > budget {
            break;
        }
        end = i + c.len_utf8();
        // Keep combining marks with their base letter.
        while let Some(&(j, m)) = chars.peek() {
            if !is_combining(m) {
                break;
            }
            end = j + m.len_utf8();
            chars.next();
        }
    }
    let mut out = s.get(..end).unwrap_or("").trim_end().to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_keeps_no_break_spaces_and_drops_controls() {
        assert_eq!(clean(" 2,3\u{202F}M€\u{0}\n"), "2,3\u{202F}M€");
        assert_eq!(clean("a\u{202E}b\u{200B}c\u{FEFF}"), "abc");
    }

    #[test]
    fn truncation_fits_and_ends_with_an_ellipsis() {
        let long = "Programme d'investissements d'avenir";
        let t = truncate(long, 13.0, 100.0);
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 13.0) <= 100.0);
        assert_eq!(truncate("RHU", 13.0, 100.0), "RHU");
        assert_eq!(
            truncate("e\u{301}e\u{301}e\u{301}e\u{301}", 13.0, 25.0),
            "e\u{301}…"
        );
    }
}
