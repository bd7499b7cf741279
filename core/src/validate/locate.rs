//! Where a JSON path's value starts in the original text, found by a small walker over the
//! bytes; it runs only when there are problems to locate.

use std::collections::{HashMap, HashSet};

use super::Problem;

pub(super) fn locate_all(bytes: &[u8], mut problems: Vec<Problem>) -> Vec<Problem> {
    // A missing field has no position of its own: fall back to the nearest enclosing value.
    let targets: Vec<String> = problems.iter().flat_map(|p| ancestors(&p.path)).collect();
    let positions = locate_many(bytes, &targets);
    for p in &mut problems {
        if let Some(&(l, c)) = ancestors(&p.path).iter().find_map(|a| positions.get(a)) {
            p.line = Some(l);
            p.column = Some(c);
        }
    }
    problems
}

/// `a.b[2].c`, `a.b[2]`, `a.b`, `a`: the path and its enclosing values, innermost first.
fn ancestors(path: &str) -> Vec<String> {
    let mut out = vec![path.to_owned()];
    let mut rest = path;
    while let Some(i) = rest.rfind(['.', '[']) {
        rest = &rest[..i];
        if rest.is_empty() {
            break;
        }
        out.push(rest.to_owned());
    }
    out
}

/// Line and column (1-based) where the value at `path` starts.
pub fn locate(bytes: &[u8], path: &str) -> Option<(usize, usize)> {
    locate_many(bytes, &[path.to_owned()]).get(path).copied()
}

/// One pass over the document finding where each requested path's value starts.
///
/// The document is already known to be valid JSON when this runs, so the walker can be small;
/// it still never indexes out of bounds on malformed input.
fn locate_many(bytes: &[u8], paths: &[String]) -> HashMap<String, (usize, usize)> {
    let wanted: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let mut found = HashMap::new();
    let mut walker = Walker::new(bytes);
    let mut path = String::new();
    walker.value(&mut path, &wanted, &mut found, 0);
    found
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    /// Characters (not bytes) since the start of the line, so editors land on the right spot.
    chars_in_line: usize,
}

impl Walker<'_> {
    fn new(bytes: &[u8]) -> Walker<'_> {
        Walker {
            bytes,
            pos: 0,
            line: 1,
            chars_in_line: 0,
        }
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }
    fn bump(&mut self) {
        match self.peek() {
            Some(b'\n') => {
                self.line += 1;
                self.chars_in_line = 0;
            }
            // UTF-8 continuation bytes belong to the character already counted.
            Some(b) if b & 0xC0 != 0x80 => self.chars_in_line += 1,
            _ => {}
        }
        self.pos += 1;
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.bump();
        }
    }
    fn column(&self) -> usize {
        self.chars_in_line + 1
    }
    /// A string's decoded text, escapes included, so that a key written `"\u00e9"` is `é`.
    fn string(&mut self) -> String {
        let mut out = String::new();
        let mut raw = Vec::new();
        self.bump(); // opening quote
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.bump();
                    break;
                }
                b'\\' => {
                    self.bump();
                    let decoded = match self.peek() {
                        Some(b'u') => {
                            self.bump();
                            Some(self.unicode_escape())
                        }
                        Some(e) => {
                            self.bump();
                            Some(match e {
                                b'n' => '\n',
                                b't' => '\t',
                                b'r' => '\r',
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                other => char::from(other),
                            })
                        }
                        None => None,
                    };
                    if let Some(c) = decoded {
                        out.push_str(&String::from_utf8_lossy(&raw));
                        raw.clear();
                        out.push(c);
                    }
                }
                _ => {
                    raw.push(b);
                    self.bump();
                }
            }
        }
        out.push_str(&String::from_utf8_lossy(&raw));
        out
    }
    /// The character of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair;
    /// a lone surrogate or bad hex gives U+FFFD, as the parser would have refused it anyway.
    fn unicode_escape(&mut self) -> char {
        let Some(high) = self.hex4() else {
            return char::REPLACEMENT_CHARACTER;
        };
        if (0xD800..0xDC00).contains(&high) {
            if self.peek() == Some(b'\\') && self.peek_at(1) == Some(b'u') {
                self.bump();
                self.bump();
                let Some(low) = self.hex4() else {
                    return char::REPLACEMENT_CHARACTER;
                };
                if (0xDC00..0xE000).contains(&low) {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
                }
            }
            return char::REPLACEMENT_CHARACTER;
        }
        char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
    fn hex4(&mut self) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = char::from(self.peek()?).to_digit(16)?;
            v = v * 16 + d;
            self.bump();
        }
        Some(v)
    }
    fn value(
        &mut self,
        path: &mut String,
        wanted: &HashSet<&str>,
        found: &mut HashMap<String, (usize, usize)>,
        depth: usize,
    ) {
        self.ws();
        if wanted.contains(path.as_str()) && !found.contains_key(path.as_str()) {
            found.insert(path.clone(), (self.line, self.column()));
        }
        if found.len() == wanted.len() || depth > 256 {
            return;
        }
        match self.peek() {
            Some(b'{') => {
                self.bump();
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => {
                            self.bump();
                            return;
                        }
                        Some(b',') => {
                            self.bump();
                            continue;
                        }
                        _ => return,
                    }
                    let key = self.string();
                    self.ws();
                    if self.peek() == Some(b':') {
                        self.bump();
                    }
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&key);
                    self.value(path, wanted, found, depth + 1);
                    path.truncate(len);
                }
            }
            Some(b'[') => {
                self.bump();
                let mut index = 0usize;
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b']') => {
                            self.bump();
                            return;
                        }
                        Some(b',') => {
                            self.bump();
                            continue;
                        }
                        None => return,
                        _ => {}
                    }
                    let len = path.len();
                    path.push_str(&format!("[{index}]"));
                    let before = self.pos;
                    self.value(path, wanted, found, depth + 1);
                    path.truncate(len);
                    index += 1;
                    if self.pos == before {
                        return;
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    self.bump();
                }
            }
            None => {}
        }
    }
}
