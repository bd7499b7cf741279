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
    /// A string's decoded text, escapes included, so that a key written `"\u00e9"` is `é`; and
    /// whether serde_json would accept it (closed, no raw control character, known escapes,
    /// paired surrogates, UTF-8).
    fn string(&mut self) -> (String, bool) {
        let mut out = String::new();
        let mut raw = Vec::new();
        let mut valid = true;
        self.bump(); // opening quote
        let mut closed = false;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.bump();
                    closed = true;
                    break;
                }
                b'\\' => {
                    self.bump();
                    let decoded = match self.peek() {
                        Some(b'u') => {
                            self.bump();
                            let (c, ok) = self.unicode_escape();
                            valid &= ok;
                            Some(c)
                        }
                        Some(e) => {
                            self.bump();
                            Some(match e {
                                b'n' => '\n',
                                b't' => '\t',
                                b'r' => '\r',
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                b'"' | b'\\' | b'/' => char::from(e),
                                other => {
                                    valid = false;
                                    char::from(other)
                                }
                            })
                        }
                        None => None,
                    };
                    if let Some(c) = decoded {
                        valid &= std::str::from_utf8(&raw).is_ok();
                        out.push_str(&String::from_utf8_lossy(&raw));
                        raw.clear();
                        out.push(c);
                    }
                }
                _ => {
                    valid &= b >= 0x20;
                    raw.push(b);
                    self.bump();
                }
            }
        }
        valid &= closed && std::str::from_utf8(&raw).is_ok();
        out.push_str(&String::from_utf8_lossy(&raw));
        (out, valid)
    }
    /// The character of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair; a
    /// lone surrogate or bad hex gives U+FFFD and `false`, as serde_json refuses them.
    fn unicode_escape(&mut self) -> (char, bool) {
        const BAD: (char, bool) = (char::REPLACEMENT_CHARACTER, false);
        let Some(high) = self.hex4() else {
            return BAD;
        };
        if (0xDC00..0xE000).contains(&high) {
            return BAD;
        }
        if (0xD800..0xDC00).contains(&high) {
            if self.peek() == Some(b'\\') && self.peek_at(1) == Some(b'u') {
                self.bump();
                self.bump();
                let Some(low) = self.hex4() else {
                    return BAD;
                };
                if (0xDC00..0xE000).contains(&low) {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(c).map_or(BAD, |c| (c, true));
                }
            }
            return BAD;
        }
        char::from_u32(high).map_or(BAD, |c| (c, true))
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
                    let (key, _) = self.string();
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

/// What is known of a parse error besides its byte offset, to place it the way serde's own
/// path tracking did.
pub(super) struct ParseError<'a> {
    /// Bytes of the document before the error's position (serde_json's line and column).
    pub offset: usize,
    /// The document ended too early: the path is that of the value or container left open.
    pub eof: bool,
    /// The JSON is well formed there but does not fit the format.
    pub data: bool,
    /// Raised on an object's key but blaming the object itself (`duplicate field`, an enum
    /// written as an object with an unknown variant).
    pub blames_object_of_key: bool,
    /// A fixed-length array has too many elements (`trailing characters`): blame the array.
    pub blames_array: bool,
    /// Whether a value buffered before being typed (an internally tagged enum) holds the error:
    /// its error is reported after the enclosing object's closing brace.
    pub inside_buffered: &'a dyn Fn(&str, &[u8]) -> bool,
    /// Whether the value starting at this offset is read as an enum: one written as an object
    /// whose first key cannot be read is blamed as a whole.
    pub enum_at: &'a dyn Fn(usize) -> bool,
}

/// serde_json's nesting limit: the 128th nested array or object is refused.
const RECURSION_LIMIT: usize = 128;

/// A JSON path being built, `regions[2].name`, with its segment count (a key after the first
/// segment is preceded by a dot, even after an empty key).
#[derive(Default)]
struct PathText {
    text: String,
    segments: usize,
}

impl PathText {
    fn key(&mut self, key: &str) {
        if self.segments > 0 {
            self.text.push('.');
        }
        self.text.push_str(key);
        self.segments += 1;
    }
    fn index(&mut self, index: usize) {
        self.text.push_str(&format!("[{index}]"));
        self.segments += 1;
    }
    fn mark(&self) -> (usize, usize) {
        (self.text.len(), self.segments)
    }
    fn reset(&mut self, (len, segments): (usize, usize)) {
        self.text.truncate(len);
        self.segments = segments;
    }
    /// A key that could not be read is shown as `?`, as serde_path_to_error did.
    fn with_unknown_key(mut self) -> String {
        self.key("?");
        self.text
    }
}

struct Container {
    object: bool,
    /// The container's own path.
    mark: (usize, usize),
    start: usize,
    index: usize,
    /// The last member read: its path and bytes, for [`ParseError::inside_buffered`].
    last_member: Option<(String, usize, usize)>,
}

enum Step {
    /// A value starts at the current path.
    Value,
    /// A value at the current path ended; `closed` is the last member of an object just closed.
    After {
        start: usize,
        closed: Option<(String, usize, usize)>,
    },
}

/// The JSON path (`regions[2].name`, empty for the whole document) of the value serde was
/// reading when it stopped with `error`, found by walking the bytes with serde_json's grammar up
/// to the error's position. Used only when a parse fails, so the success path stays one pass.
pub(super) fn error_path(bytes: &[u8], error: &ParseError<'_>) -> String {
    // An early end is where the text ends; other errors are where serde_json says.
    let limit = if error.eof { usize::MAX } else { error.offset };
    let mut w = Walker::new(bytes);
    let mut path = PathText::default();
    let mut open: Vec<Container> = Vec::new();
    let mut step = Step::Value;
    loop {
        match std::mem::replace(&mut step, Step::Value) {
            Step::Value => {
                w.ws();
                if error.blames_array && w.pos + 1 >= limit {
                    if let Some(array) = open.last().filter(|c| !c.object) {
                        path.reset(array.mark);
                        return path.text;
                    }
                }
                if w.pos >= limit {
                    return path.text;
                }
                let start = w.pos;
                match w.peek() {
                    Some(bracket @ (b'{' | b'[')) => {
                        // Refused at the bracket itself: too deep, or not what the type
                        // takes (an enum written as an array).
                        if open.len() + 1 >= RECURSION_LIMIT || (!error.data && start + 1 >= limit)
                        {
                            return path.text;
                        }
                        w.bump();
                        w.ws();
                        let object = bracket == b'{';
                        open.push(Container {
                            object,
                            mark: path.mark(),
                            start,
                            index: 0,
                            last_member: None,
                        });
                        match (object, w.peek()) {
                            (true, Some(b'}')) | (false, Some(b']')) => {
                                w.bump();
                                open.pop();
                                step = Step::After {
                                    start,
                                    closed: None,
                                };
                            }
                            (true, Some(b'"')) => {
                                if let Err(at) =
                                    member_key(&mut w, &mut path, limit, error, Some(start))
                                {
                                    return at;
                                }
                            }
                            (true, _) if (error.enum_at)(start) => return path.text,
                            (true, _) => return path.with_unknown_key(),
                            (false, None) => return path.text,
                            (false, Some(_)) => path.index(0),
                        }
                    }
                    Some(b'"') => {
                        if !w.string().1 {
                            return path.text;
                        }
                        step = Step::After {
                            start,
                            closed: None,
                        };
                    }
                    Some(b't') if w.literal(b"true") => {
                        step = Step::After {
                            start,
                            closed: None,
                        }
                    }
                    Some(b'f') if w.literal(b"false") => {
                        step = Step::After {
                            start,
                            closed: None,
                        }
                    }
                    Some(b'n') if w.literal(b"null") => {
                        step = Step::After {
                            start,
                            closed: None,
                        }
                    }
                    Some(b'-' | b'0'..=b'9') if w.number() => {
                        step = Step::After {
                            start,
                            closed: None,
                        }
                    }
                    _ => return path.text,
                }
            }
            Step::After { start, closed } => {
                if w.pos >= limit {
                    if let Some((member, from, to)) = closed {
                        if (error.inside_buffered)(&member, bytes.get(from..to).unwrap_or(&[])) {
                            return member;
                        }
                    }
                    return path.text;
                }
                let end = w.pos;
                w.ws();
                if w.pos >= limit {
                    return path.text;
                }
                let Some(parent) = open.last_mut() else {
                    return path.text;
                };
                if parent.object {
                    parent.last_member = Some((path.text.clone(), start, end));
                }
                path.reset(parent.mark);
                match (parent.object, w.peek()) {
                    (true, Some(b',')) => {
                        w.bump();
                        w.ws();
                        if w.peek() != Some(b'"') {
                            return path.with_unknown_key();
                        }
                        if let Err(at) = member_key(&mut w, &mut path, limit, error, None) {
                            return at;
                        }
                        step = Step::Value;
                    }
                    (false, Some(b',')) => {
                        w.bump();
                        w.ws();
                        if matches!(w.peek(), None | Some(b']')) {
                            return path.text;
                        }
                        parent.index += 1;
                        path.index(parent.index);
                        step = Step::Value;
                    }
                    (true, Some(b'}')) | (false, Some(b']')) => {
                        w.bump();
                        let start = parent.start;
                        let closed = open.pop().and_then(|c| c.last_member);
                        step = Step::After { start, closed };
                    }
                    (true, _) => return path.with_unknown_key(),
                    (false, _) => return path.text,
                }
            }
        }
    }
}

/// Reads an object member's key (at its opening quote) and the colon after it, leaving `path`
/// at the member; or the path to report when the error is there. `first_of` is the object's
/// offset when this is its first key.
fn member_key(
    w: &mut Walker<'_>,
    path: &mut PathText,
    limit: usize,
    error: &ParseError<'_>,
    first_of: Option<usize>,
) -> Result<(), String> {
    let object = path.mark();
    let (key, valid) = w.string();
    if !valid && first_of.is_some_and(|start| (error.enum_at)(start)) {
        return Err(std::mem::take(&mut path.text));
    }
    if !valid {
        return Err(std::mem::take(path).with_unknown_key());
    }
    path.key(&key);
    // Right after the key, after the blanks serde_json skipped looking for the end of the
    // object, or after that end: a key refused as it is read is reported there.
    let refused_key = w.pos >= limit || {
        w.ws();
        w.pos >= limit || (error.data && w.peek() == Some(b'}') && w.pos + 1 >= limit)
    };
    if refused_key {
        if error.blames_object_of_key {
            path.reset(object);
        }
        return Err(std::mem::take(&mut path.text));
    }
    if w.peek() != Some(b':') {
        path.reset(object);
        return Err(std::mem::take(&mut path.text));
    }
    w.bump();
    Ok(())
}

impl Walker<'_> {
    /// `true`, `false` or `null`, exactly.
    fn literal(&mut self, word: &[u8]) -> bool {
        for &b in word {
            if self.peek() != Some(b) {
                return false;
            }
            self.bump();
        }
        true
    }
    /// A number in JSON's grammar (serde_json refuses a leading zero before another digit).
    fn number(&mut self) -> bool {
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => {
                self.bump();
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return false;
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return false,
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return false;
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return false;
            }
            self.digits();
        }
        true
    }
    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.bump();
        }
    }
}
