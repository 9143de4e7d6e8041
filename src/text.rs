//! Text spans: the pieces of a document's text that claims, findings and reports quote, and
//! the 32-bit offsets they are held in. A leaf: it knows nothing of documents or checks.

/// The text around a figure (its sentence, at most [`WINDOW`] bytes each side), kept with the
/// claim so reports render without the document: from a claims file, or after the document's
/// text has been dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Snippet {
    /// Byte offset of the snippet in its document.
    pub start: usize,
    /// 1-based line and column (characters) where the snippet starts.
    pub line: u32,
    pub column: u32,
    pub text: Excerpt,
}

/// A piece of a shared string, read as a `str`. The snippets of one document's claims are
/// pieces of one buffer (one allocation per document, not one per claim, which a large run
/// would hold by the hundred thousand); a clone copies a pointer. Offsets are 32-bit, so a piece
/// holds at most 4 GiB; a longer string is cut at the last character that fits.
#[derive(Clone)]
pub struct Excerpt {
    buf: std::sync::Arc<str>,
    start: u32,
    end: u32,
}

impl Excerpt {
    /// The pieces `ranges` of `buf`, which must be character boundaries within it.
    pub fn pieces(buf: &str, ranges: &[(usize, usize)]) -> Vec<Excerpt> {
        if buf.len() > u32::MAX as usize {
            return ranges
                .iter()
                .map(|&(s, e)| Excerpt::new(&buf[s..e]))
                .collect();
        }
        let shared: std::sync::Arc<str> = std::sync::Arc::from(buf);
        ranges
            .iter()
            .map(|&(s, e)| Excerpt {
                buf: shared.clone(),
                start: s as u32,
                end: e as u32,
            })
            .collect()
    }

    pub fn new(s: &str) -> Excerpt {
        let mut end = s.len().min(u32::MAX as usize);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        Excerpt {
            buf: std::sync::Arc::from(&s[..end]),
            start: 0,
            end: end as u32,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.buf[self.start as usize..self.end as usize]
    }

    /// Bytes `from..to` of this piece, sharing its buffer; `None` out of bounds or off a
    /// character boundary.
    pub fn slice(&self, from: usize, to: usize) -> Option<Excerpt> {
        self.as_str().get(from..to)?;
        Some(Excerpt {
            buf: self.buf.clone(),
            start: self.start + from as u32,
            end: self.start + to as u32,
        })
    }
}

impl Default for Excerpt {
    /// The empty string, without an allocation (claims start with an empty snippet).
    fn default() -> Excerpt {
        static EMPTY: std::sync::OnceLock<std::sync::Arc<str>> = std::sync::OnceLock::new();
        Excerpt {
            buf: EMPTY.get_or_init(|| std::sync::Arc::from("")).clone(),
            start: 0,
            end: 0,
        }
    }
}

impl std::ops::Deref for Excerpt {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Excerpt {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Excerpt {
    fn eq(&self, other: &Excerpt) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Excerpt {}

impl PartialEq<str> for Excerpt {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Excerpt {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Excerpt {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Excerpt> for str {
    fn eq(&self, other: &Excerpt) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Excerpt> for &str {
    fn eq(&self, other: &Excerpt) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Excerpt> for String {
    fn eq(&self, other: &Excerpt) -> bool {
        self == other.as_str()
    }
}

impl std::fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Excerpt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Excerpt {
    fn from(s: &str) -> Excerpt {
        Excerpt::new(s)
    }
}

impl From<String> for Excerpt {
    fn from(s: String) -> Excerpt {
        Excerpt::new(&s)
    }
}

impl serde::Serialize for Excerpt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Excerpt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Excerpt, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Excerpt::new(&s))
    }
}

/// `n` as a 32-bit line or column (of a claim, a snippet, a location), `u32::MAX` past it:
/// 32 bits keep the hundreds of thousands of them a large run holds small.
pub fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Snippet {
    /// The snippets around several figures of `text` (each `(start, end, line, column)`),
    /// whose texts share one buffer: the windows, overlapping ones merged.
    pub fn all_around(text: &str, figures: &[(usize, usize, usize, usize)]) -> Vec<Snippet> {
        let windows: Vec<(usize, usize)> = figures
            .iter()
            .map(|&(s, e, _, _)| window(text, s, e))
            .collect();
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i]);
        let mut buf = String::new();
        let mut ranges = vec![(0, 0); windows.len()];
        // The stretch of `text` copied last: (start, end), and where it starts in `buf`.
        let mut open: Option<(usize, usize, usize)> = None;
        for i in order {
            let (ws, we) = windows[i];
            let (s, e, b) = match open {
                Some((s, e, b)) if ws <= e => {
                    if we > e {
                        buf.push_str(&text[e..we]);
                    }
                    (s, e.max(we), b)
                }
                _ => {
                    let b = buf.len();
                    buf.push_str(&text[ws..we]);
                    (ws, we, b)
                }
            };
            open = Some((s, e, b));
            ranges[i] = (b + ws - s, b + we - s);
        }
        let texts = Excerpt::pieces(&buf, &ranges);
        figures
            .iter()
            .zip(windows)
            .zip(texts)
            .map(|((&(start, _, line, column), (ws, _)), text)| {
                let before = text.get(..start - ws).unwrap_or("");
                // The window stops at line breaks, so the snippet starts on the figure's line.
                let column = column.saturating_sub(before.chars().count()).max(1);
                Snippet {
                    start: ws,
                    line: saturating_u32(line),
                    column: saturating_u32(column),
                    text,
                }
            })
            .collect()
    }

    /// `start..end` (document offsets) as (before, inside, after) within the snippet.
    pub fn parts(&self, start: usize, end: usize) -> Option<(&str, &str, &str)> {
        let (s, e) = (start.checked_sub(self.start)?, end.checked_sub(self.start)?);
        let t = self.text.as_str();
        if s > e || e > t.len() || !t.is_char_boundary(s) || !t.is_char_boundary(e) {
            return None;
        }
        Some((&t[..s], &t[s..e], &t[e..]))
    }

    /// 1-based line and column (characters) of a document offset inside the snippet.
    pub fn line_col(&self, offset: usize) -> Option<(usize, usize)> {
        let rel = offset.checked_sub(self.start)?;
        let before = self.text.get(..rel)?;
        Some(match before.rfind('\n') {
            None => (
                self.line as usize,
                self.column as usize + before.chars().count(),
            ),
            Some(i) => (
                self.line as usize + before.matches('\n').count(),
                before[i + 1..].chars().count() + 1,
            ),
        })
    }
}

/// How far a snippet reaches either side of a figure, in bytes.
pub const WINDOW: usize = 100;

/// Byte range of the sentence around `start..end` in `text`: at most [`WINDOW`] bytes each
/// side, stopping at a line break or a sentence end, cut at whitespace.
pub fn window(text: &str, start: usize, end: usize) -> (usize, usize) {
    let t = text.as_bytes();
    let stops_line = |b: u8| b == b'\n' || b == b'\r';
    let mut ws = start;
    while ws > 0 && !stops_line(t[ws - 1]) && start - ws < WINDOW {
        // A sentence starts after ". " (or "? ", "! ").
        if ws >= 2 && t[ws - 1] == b' ' && matches!(t[ws - 2], b'.' | b'?' | b'!') {
            break;
        }
        ws -= 1;
    }
    if ws > 0 && !stops_line(t[ws - 1]) && start - ws >= WINDOW {
        // Cut at a word boundary rather than mid-word.
        while ws < start && !t[ws - 1].is_ascii_whitespace() {
            ws += 1;
        }
    }
    let mut we = end;
    while we < t.len() && !stops_line(t[we]) && we - end < WINDOW {
        we += 1;
        if matches!(t[we - 1], b'.' | b'?' | b'!') && t.get(we).is_none_or(|b| *b == b' ') {
            break;
        }
    }
    if we < t.len() && !stops_line(t[we]) && we - end >= WINDOW {
        while we > end && !t[we].is_ascii_whitespace() {
            we -= 1;
        }
    }
    while !text.is_char_boundary(ws) {
        ws -= 1;
    }
    while !text.is_char_boundary(we) {
        we += 1;
    }
    (ws, we)
}

/// The words of `text`, as [`str::split_whitespace`] gives them (runs of characters between
/// Unicode white space), read a byte at a time where the text is ASCII: the standard splitter
/// decodes every character, which was a tenth of the repeated-paragraph check.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // Past the white space, then to the next.
        while i < bytes.len() {
            match space(self.text, i) {
                (true, n) => i += n,
                (false, _) => break,
            }
        }
        if i >= bytes.len() {
            self.at = i;
            return None;
        }
        let start = i;
        while i < bytes.len() {
            match space(self.text, i) {
                (false, n) => i += n,
                (true, _) => break,
            }
        }
        self.at = i;
        Some(&self.text[start..i])
    }
}

/// Whether the character at byte `i` of `text` (a boundary) is white space, and its length.
#[inline(always)]
fn space(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        // U+0009 to U+000D and U+0020: the ASCII white space of `char::is_whitespace`.
        (matches!(b, b'\t'..=b'\r' | b' '), 1)
    } else {
        match text[i..].chars().next() {
            Some(c) => (c.is_whitespace(), c.len_utf8()),
            None => (false, 1),
        }
    }
}

/// Word-level similarity of two word lists: 2 × matching words / (words in both), as
/// `similar` computes it.
pub fn similarity(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    // Counted here in f64: `similar`'s own ratio is an f32, and 18/20 as an f32 is below 0.9.
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, a, b);
    let matching: usize = ops
        .iter()
        .map(|op| match *op {
            similar::DiffOp::Equal { len, .. } => len,
            _ => 0,
        })
        .sum();
    2.0 * matching as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_those_of_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tnew\nline\r\nform\x0cfeed\x0bvt",
            "no\u{a0}break\u{2009}thin\u{3000}ideographic\u{85}next",
            "unit\x1fseparator is no space",
            "Việt Nam – “quoted” words’",
        ] {
            let ours: Vec<&str> = words(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_agree_with_split_whitespace_on_any_text(
            text in "[ \t\n\x0b\x0c\r\x1c-\x1f\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}ab.é’]{0,60}|(?s).{0,40}"
        ) {
            let ours: Vec<&str> = words(&text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }

    /// The snippets of a document's figures, taken together, are the snippets each figure
    /// gets alone, whether their windows overlap, nest, touch or stand apart.
    #[test]
    fn snippets_taken_together_are_the_snippets_taken_alone() {
        let text =
            "FDI rose 14.8% in 2023. Exports grew 6%, imports 5%.\nA new line: 193 countries \
                    and 139 partners, with 30 strategic partners and 12 comprehensive ones, \
                    stretching well past the hundred-byte window on either side of 7 figures.";
        let mut figures = Vec::new();
        for fig in ["14.8%", "2023", "6%", "5%", "193", "139", "30", "12", "7"] {
            let start = text.find(fig).unwrap();
            let before = &text[..start];
            let line = 1 + before.matches('\n').count();
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            figures.push((start, start + fig.len(), line, column));
        }
        // Out of order too: claims are sorted by position and rule, not by window.
        figures.swap(0, 5);
        let together = Snippet::all_around(text, &figures);
        let alone: Vec<Snippet> = figures
            .iter()
            .map(|&(s, e, l, c)| {
                let (ws, we) = window(text, s, e);
                let column = c - text[ws..s].chars().count();
                Snippet {
                    start: ws,
                    line: l as u32,
                    column: column as u32,
                    text: Excerpt::new(&text[ws..we]),
                }
            })
            .collect();
        assert_eq!(together, alone);
        // One buffer for all of them.
        let first = &together[0].text.buf;
        assert!(together
            .iter()
            .all(|s| std::sync::Arc::ptr_eq(&s.text.buf, first)));
        assert_eq!(Snippet::all_around(text, &[]), Vec::new());
    }

    #[test]
    fn an_excerpt_reads_as_its_piece() {
        let pieces = Excerpt::pieces("a 14.8% rise", &[(2, 7), (0, 12), (7, 7)]);
        assert_eq!(pieces[0], "14.8%");
        assert_eq!(pieces[1].slice(2, 6).unwrap(), "14.8");
        assert_eq!(pieces[2], "");
        assert!(pieces[0].slice(3, 9).is_none());
        assert_eq!(serde_json::to_string(&pieces[0]).unwrap(), "\"14.8%\"");
        let back: Excerpt = serde_json::from_str("\"Việt Nam\"").unwrap();
        assert_eq!(back, "Việt Nam");
        // "ệ" takes bytes 2..5: a piece may not cut it.
        assert!(back.slice(0, 3).is_none());
        assert_eq!(back.slice(0, 5).unwrap(), "Việ");
    }
}
