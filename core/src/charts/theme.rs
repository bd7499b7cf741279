//! Chart colours and type for the light and dark themes, shared with the UI's CSS tokens.
//!
//! Series colours follow the Okabe–Ito colour-blind-safe palette, darkened where needed so every
//! colour keeps ≥ 3:1 contrast against its page background (text ≥ 4.5:1); tests check the ratios.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`, upper case, as plotters writes it.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
const INK: Rgb = Rgb(0x11, 0x14, 0x18);

/// Colours and type of a chart. The SVG background stays transparent; `page` is the background the
/// chart is designed to sit on (and the one `export_svg` paints).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartTheme {
    pub name: &'static str,
    pub page: Rgb,
    pub text: Rgb,
    /// Axis titles, tick labels and "no data" labels.
    pub text_muted: Rgb,
    pub axis: Rgb,
    pub grid: Rgb,
    /// Parts nobody specified (the gap of shares under 100 %).
    pub neutral: Rgb,
    /// Data colours in order of use; charts with more parts cycle through them.
    pub series: [Rgb; 6],
    pub font_family: &'static str,
    /// Base text size in CSS pixels; tick and value labels use it, titles a little more.
    pub font_px: f64,
}

const FONT_STACK: &str = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

impl ChartTheme {
    pub fn light() -> Self {
        ChartTheme {
            name: "light",
            page: WHITE,
            text: Rgb(0x1B, 0x1F, 0x24),
            text_muted: Rgb(0x4F, 0x58, 0x64),
            axis: Rgb(0x8A, 0x93, 0x9F),
            grid: Rgb(0x8A, 0x91, 0x9A),
            neutral: Rgb(0x7D, 0x84, 0x8E),
            series: [
                Rgb(0x00, 0x72, 0xB2), // blue
                Rgb(0xD5, 0x5E, 0x00), // vermillion
                Rgb(0x00, 0x9E, 0x73), // bluish green
                Rgb(0xCC, 0x79, 0xA7), // reddish purple
                Rgb(0x8A, 0x6D, 0x00), // yellow, darkened to ochre for white pages
                Rgb(0x3B, 0x3B, 0x3B), // black, softened
            ],
            font_family: FONT_STACK,
            font_px: 13.0,
        }
    }

    pub fn dark() -> Self {
        ChartTheme {
            name: "dark",
            page: INK,
            text: Rgb(0xE8, 0xEB, 0xEF),
            text_muted: Rgb(0xA9, 0xB2, 0xBD),
            axis: Rgb(0x7D, 0x87, 0x93),
            grid: Rgb(0x5F, 0x66, 0x70),
            neutral: Rgb(0x73, 0x7B, 0x86),
            series: [
                Rgb(0x56, 0xB4, 0xE9), // sky blue
                Rgb(0xE6, 0x9F, 0x00), // orange
                Rgb(0x00, 0x9E, 0x73), // bluish green
                Rgb(0xCC, 0x79, 0xA7), // reddish purple
                Rgb(0xF0, 0xE4, 0x42), // yellow
                Rgb(0xD0, 0xD4, 0xD9), // white, softened
            ],
            font_family: FONT_STACK,
            font_px: 13.0,
        }
    }

    /// The theme by name: "dark", anything else is light.
    pub fn by_name(name: &str) -> Self {
        if name == "dark" {
            Self::dark()
        } else {
            Self::light()
        }
    }

    /// The colour of series `index`, cycling.
    pub fn series_color(&self, index: usize) -> Rgb {
        self.series[index % self.series.len()]
    }

    /// Text colour for a label drawn on top of `fill`: white or ink, whichever contrasts more
    /// (one of the two always reaches 4.5:1).
    pub fn label_on(&self, fill: Rgb) -> Rgb {
        if WHITE.contrast(fill) >= INK.contrast(fill) {
            WHITE
        } else {
            INK
        }
    }

    /// The stylesheet's design tokens these colours must equal (`style/main.css` is the one source
    /// of colour; a host test compares the two): the page, text and control colours are the UI's
    /// own (`--bg`, `--text`, `--text-muted`, `--border`), the rest are chart tokens
    /// (`--chart-grid`, `--chart-neutral`, `--chart-series-1` …).
    pub fn css_tokens(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("--bg".to_owned(), self.page.hex()),
            ("--text".to_owned(), self.text.hex()),
            ("--text-muted".to_owned(), self.text_muted.hex()),
            ("--border".to_owned(), self.axis.hex()),
            ("--chart-grid".to_owned(), self.grid.hex()),
            ("--chart-neutral".to_owned(), self.neutral.hex()),
        ];
        for (i, c) in self.series.iter().enumerate() {
            out.push((format!("--chart-series-{}", i + 1), c.hex()));
        }
        out
    }
}

impl Default for ChartTheme {
    fn default() -> Self {
        Self::light()
    }
}
