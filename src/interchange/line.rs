//! A reader of claim-file lines in the exact layout crosscheck writes them: the fields in
//! their declared order, no whitespace, `serde_json`'s escapes. Reading a million claims
//! through serde's derived visitors (field names matched one by one, a small allocation per
//! string) was most of `compare`'s time; this reads the same line in one pass.
//!
//! It is a fast path, never the definition of the format: any line it does not recognise
//! (another field order, whitespace, an unknown field, anything malformed) gives `None`, and
//! the caller reads that line with `serde_json`, which accepts it or says what is wrong. So it
//! accepts only lines `serde_json` accepts, and reads them to the same values (a property test
//! in this file's tests checks both).

use super::{ClaimRecord, DocRecord};
use crate::editorial::{Passage, Repeat};
use crate::suppress::Marker;
use crate::text::{Excerpt, Snippet};
use std::borrow::Cow;

/// The claim of a `{"claim":{…}}` line, if it is in the written layout.
pub(super) fn claim(line: &str) -> Option<ClaimRecord<'_>> {
    let mut c = Cursor::new(line);
    c.lit("{\"claim\":{\"rule\":")?;
    let rule = c.string()?;
    c.lit(",\"key\":")?;
    let key = c.nullable(Cursor::string)?;
    let subject = if c.eat(",\"subject\":") {
        Some(c.string()?)
    } else {
        None
    };
    c.lit(",\"period\":")?;
    let period = c.nullable(Cursor::int)?;
    let anchored = c.eat(",\"anchored\":true");
    c.lit(",\"path\":")?;
    let path = c.string()?;
    c.lit(",\"doc_hash\":")?;
    let doc_hash = c.string()?;
    c.lit(",\"line\":")?;
    let line_no = c.uint()?;
    c.lit(",\"column\":")?;
    let column = c.uint()?;
    c.lit(",\"start\":")?;
    let start = c.uint()?;
    c.lit(",\"end\":")?;
    let end = c.uint()?;
    c.lit(",\"text\":")?;
    let text = c.string()?;
    c.lit(",\"digits\":")?;
    let digits = c.string()?;
    c.lit(",\"unit\":")?;
    let unit = c.string()?;
    c.lit(",\"currency\":")?;
    let currency = c.nullable(Cursor::string)?;
    c.lit(",\"value\":")?;
    let value = c.nullable(Cursor::float)?;
    c.lit(",\"hedge\":")?;
    let hedge = c.string()?;
    c.lit(",\"rounded\":")?;
    let rounded = c.bool()?;
    c.lit(",\"lo\":")?;
    let lo = c.nullable(Cursor::float)?;
    c.lit(",\"lo_inclusive\":")?;
    let lo_inclusive = c.bool()?;
    c.lit(",\"hi\":")?;
    let hi = c.nullable(Cursor::float)?;
    c.lit(",\"hi_inclusive\":")?;
    let hi_inclusive = c.bool()?;
    c.lit(",\"items\":")?;
    let items = c.nullable(|c| c.list(|c| c.string().map(Cow::into_owned)))?;
    c.lit(",\"snippet\":")?;
    let snippet = c.snippet()?;
    c.lit("}}")?;
    c.end()?;
    Some(ClaimRecord {
        rule,
        key,
        subject,
        period,
        anchored,
        path,
        doc_hash,
        line: line_no,
        column,
        start,
        end,
        text,
        digits,
        unit,
        currency,
        value,
        hedge,
        rounded,
        lo,
        lo_inclusive,
        hi,
        hi_inclusive,
        items,
        snippet,
    })
}

/// The document of a `{"document":{…}}` line, if it is in the written layout.
pub(super) fn document(line: &str) -> Option<DocRecord<'_>> {
    let mut c = Cursor::new(line);
    c.lit("{\"document\":{\"path\":")?;
    let path = c.string()?;
    c.lit(",\"hash\":")?;
    let hash = c.string()?;
    c.lit(",\"bytes\":")?;
    let bytes = c.uint()?;
    c.lit(",\"date\":")?;
    let date = c.nullable(|c| c.string().map(Cow::into_owned))?;
    c.lit(",\"corpus\":")?;
    let corpus = c.bool()?;
    c.lit(",\"markers\":")?;
    let markers = c.list(Cursor::marker)?;
    let repeats = if c.eat(",\"repeats\":") {
        c.list(Cursor::repeat)?
    } else {
        Vec::new()
    };
    c.lit("}}")?;
    c.end()?;
    Some(DocRecord {
        path,
        hash,
        bytes,
        date,
        corpus,
        markers,
        repeats,
    })
}

/// A position in a line. Every reading method returns `None` when the text there is not what
/// it reads, leaving the line to `serde_json`.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, at: 0 }
    }

    fn rest(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.at..]
    }

    /// Steps over `s` if the text continues with it.
    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s.as_bytes());
        if found {
            self.at += s.len();
        }
        found
    }

    fn lit(&mut self, s: &str) -> Option<()> {
        self.eat(s).then_some(())
    }

    fn end(&self) -> Option<()> {
        (self.at == self.text.len()).then_some(())
    }

    fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.eat("null") {
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    fn bool(&mut self) -> Option<bool> {
        if self.eat("true") {
            Some(true)
        } else if self.eat("false") {
            Some(false)
        } else {
            None
        }
    }

    /// `[]` or `[a,b,…]`, each element read by `item`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.lit("[")?;
        let mut items = Vec::new();
        if self.eat("]") {
            return Some(items);
        }
        loop {
            items.push(item(self)?);
            if self.eat("]") {
                return Some(items);
            }
            self.lit(",")?;
        }
    }

    /// The digits of a JSON integer: `0` or a digit run without a leading zero, followed by
    /// neither a fraction nor an exponent (those are floats, not integers, to serde).
    fn digits(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || (n > 1 && rest[0] == b'0') || matches!(rest.get(n), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let s = &self.text[self.at..self.at + n];
        self.at += n;
        Some(s)
    }

    fn uint(&mut self) -> Option<usize> {
        self.digits()?.parse().ok()
    }

    /// An `i32`. `-0` is left to serde_json, which reads it as a float.
    fn int(&mut self) -> Option<i32> {
        let negative = self.eat("-");
        let magnitude: i64 = self.digits()?.parse().ok()?;
        if negative && magnitude == 0 {
            return None;
        }
        i32::try_from(if negative { -magnitude } else { magnitude }).ok()
    }

    /// A JSON number as an `f64`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, correctly
    /// rounded, and finite (serde_json refuses a number out of the `f64` range).
    fn float(&mut self) -> Option<f64> {
        let rest = self.rest();
        let mut n = usize::from(rest.first() == Some(&b'-'));
        let run = |from: usize| {
            rest[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let int = run(n);
        if int == 0 || (int > 1 && rest[n] == b'0') {
            return None;
        }
        n += int;
        if rest.get(n) == Some(&b'.') {
            let frac = run(n + 1);
            if frac == 0 {
                return None;
            }
            n += 1 + frac;
        }
        if matches!(rest.get(n), Some(b'e' | b'E')) {
            n += 1;
            if matches!(rest.get(n), Some(b'+' | b'-')) {
                n += 1;
            }
            let exp = run(n);
            if exp == 0 {
                return None;
            }
            n += exp;
        }
        let v: f64 = self.text[self.at..self.at + n].parse().ok()?;
        self.at += n;
        v.is_finite().then_some(v)
    }

    /// A JSON string, borrowed from the line when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.lit("\"")?;
        let rest = self.rest();
        let end = memchr::memchr2(b'"', b'\\', rest)?;
        let plain = &rest[..end];
        if plain.iter().any(|&b| b < 0x20) {
            return None;
        }
        let start = self.at;
        self.at += end;
        if rest[end] == b'"' {
            self.at += 1;
            return Some(Cow::Borrowed(&self.text[start..start + end]));
        }
        let mut owned = String::from(&self.text[start..start + end]);
        self.escaped(&mut owned)?;
        Some(Cow::Owned(owned))
    }

    /// The rest of a string from its first backslash, decoded into `out`, up to and past the
    /// closing quote.
    fn escaped(&mut self, out: &mut String) -> Option<()> {
        loop {
            let rest = self.rest();
            let end = memchr::memchr2(b'"', b'\\', rest)?;
            if rest[..end].iter().any(|&b| b < 0x20) {
                return None;
            }
            out.push_str(&self.text[self.at..self.at + end]);
            self.at += end + 1;
            if rest[end] == b'"' {
                return Some(());
            }
            let e = *rest.get(end + 1)?;
            self.at += 1;
            out.push(match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => return None,
            });
        }
    }

    /// The character of a `\uXXXX` escape (its `\u` already read), joining a surrogate pair;
    /// a lone surrogate is refused, as serde_json refuses it.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return char::from_u32(first);
        }
        self.lit("\\u")?;
        let second = self.hex4()?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.rest().get(..4)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }

    fn snippet(&mut self) -> Option<Snippet> {
        self.lit("{\"start\":")?;
        let start = self.uint()?;
        self.lit(",\"line\":")?;
        let line = self.uint()?;
        self.lit(",\"column\":")?;
        let column = self.uint()?;
        self.lit(",\"text\":")?;
        let text = Excerpt::new(&self.string()?);
        self.lit("}")?;
        // As serde reads a `u32`: a larger number is not a snippet.
        Some(Snippet {
            start,
            line: u32::try_from(line).ok()?,
            column: u32::try_from(column).ok()?,
            text,
        })
    }

    fn marker(&mut self) -> Option<Marker> {
        self.lit("{\"start\":")?;
        let start = self.uint()?;
        self.lit(",\"end\":")?;
        let end = self.uint()?;
        self.lit(",\"line\":")?;
        let line = self.uint()?;
        self.lit(",\"rules\":")?;
        let rules = self.list(|c| c.string().map(Cow::into_owned))?;
        self.lit("}")?;
        Some(Marker {
            start,
            end,
            line,
            rules,
        })
    }

    fn repeat(&mut self) -> Option<Repeat> {
        self.lit("{\"similarity\":")?;
        let similarity = self.float()?;
        self.lit(",\"count\":")?;
        let count = self.uint()?;
        self.lit(",\"passages\":")?;
        let passages = self.list(Cursor::passage)?;
        self.lit("}")?;
        Some(Repeat {
            similarity,
            count,
            passages,
        })
    }

    fn passage(&mut self) -> Option<Passage> {
        self.lit("{\"start\":")?;
        let start = self.uint()?;
        self.lit(",\"end\":")?;
        let end = self.uint()?;
        self.lit(",\"line\":")?;
        let line = self.uint()?;
        self.lit(",\"column\":")?;
        let column = self.uint()?;
        self.lit(",\"text\":")?;
        let text = Excerpt::new(&self.string()?);
        self.lit(",\"similarity\":")?;
        let similarity = self.float()?;
        self.lit("}")?;
        Some(Passage {
            start,
            end,
            line,
            column,
            text,
            similarity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Line;
    use super::*;
    use proptest::prelude::*;

    /// What serde_json reads from `line`, as the fast path's types.
    fn by_serde(line: &str) -> Option<Result<ClaimRecord<'_>, DocRecord<'_>>> {
        match serde_json::from_str::<Line>(line).ok()? {
            Line::Claim(c) => Some(Ok(*c)),
            Line::Document(d) => Some(Err(d)),
        }
    }

    fn by_fast(line: &str) -> Option<Result<ClaimRecord<'_>, DocRecord<'_>>> {
        claim(line).map(Ok).or_else(|| document(line).map(Err))
    }

    fn record<'a>(rule: &'a str, text: &'a str, snippet: &str, lo: Option<f64>) -> ClaimRecord<'a> {
        ClaimRecord {
            rule: rule.into(),
            key: Some("UN Human Rights Council".into()),
            subject: Some("bank of england".into()),
            period: Some(-2023),
            anchored: true,
            path: "news/a \"b\".txt".into(),
            doc_hash: "0123456789abcdef0123456789abcdef".into(),
            line: 3,
            column: 17,
            start: 40,
            end: 45,
            text: text.into(),
            digits: "14.8".into(),
            unit: "percent".into(),
            currency: None,
            value: lo,
            hedge: "about".into(),
            rounded: true,
            lo,
            lo_inclusive: true,
            hi: None,
            hi_inclusive: false,
            items: Some(vec!["a".into(), "b\\c".into()]),
            snippet: Snippet {
                start: 0,
                line: 3,
                column: 1,
                text: Excerpt::new(snippet),
            },
        }
    }

    fn line_of(r: &ClaimRecord) -> String {
        serde_json::to_string(&Line::Claim(Box::new(r.clone()))).expect("serialises")
    }

    #[test]
    fn written_lines_read_as_serde_reads_them() {
        let cases = [
            record("fdi-growth", "14.8%", "FDI grew 14.8% in 2023.", Some(14.8)),
            record(
                "r",
                "“nearly 15”",
                "tab\there, quote \" back \\ slash",
                Some(1e-30),
            ),
            record(
                "r",
                "\u{1}\u{1f}",
                "emoji 🎋 and \u{7f} and \u{2028}",
                Some(-2.5e300),
            ),
            record("r", "", "", None),
        ];
        for r in &cases {
            let line = line_of(r);
            assert_eq!(by_fast(&line), by_serde(&line), "{line}");
            assert_eq!(claim(&line).as_ref(), Some(r), "{line}");
        }
        let doc = r#"{"document":{"path":"a\\b.txt","hash":"h","bytes":12,"date":"2023-12-31","corpus":true,"markers":[{"start":1,"end":9,"line":2,"rules":["x","y"]}],"repeats":[{"similarity":0.93,"count":2,"passages":[{"start":0,"end":5,"line":1,"column":1,"text":"a \"b\"","similarity":1.0}]}]}}"#;
        assert!(document(doc).is_some());
        assert_eq!(by_fast(doc), by_serde(doc));
    }

    #[test]
    fn lines_in_another_layout_are_left_to_serde() {
        let r = record("r", "7%", "7% more", Some(7.0));
        let line = line_of(&r);
        let others = [
            line.replace(",\"key\":", ", \"key\":"), // whitespace
            line.replace("\"period\":-2023", "\"period\":-2023.0"), // a float for an integer
            line.replace("\"line\":3", "\"line\":03"), // a leading zero
            line.replace("\"period\":-2023", "\"period\":-0"), // -0, a float to serde
            line.replace("\"lo\":7.0", "\"lo\":1e400"), // out of range
            line.replace("\"lo\":7.0", "\"lo\":7."), // malformed
            line.replace("7% more", "7% \\x more"),  // an unknown escape
            line.replace("7% more", "7% \\ud83c more"), // a lone surrogate
            line.replace("7% more", "7%\tmore"),     // a raw control character
            line.replace("}}", ",\"extra\":1}}"),    // an unknown field
            format!("{line} x"),                     // trailing text
        ];
        for l in &others {
            assert_eq!(claim(l), None, "{l}");
        }
        // Escapes serde reads, read the same.
        let escaped = line.replace("7% more", "7% \\u00e9 \\ud83c\\udf8b \\/ \\n");
        assert_eq!(by_fast(&escaped), by_serde(&escaped));
        assert!(claim(&escaped).is_some());
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,12}",
            any::<String>(),
            proptest::collection::vec(
                prop_oneof![Just('"'), Just('\\'), Just('\n'), any::<char>()],
                0..8
            )
            .prop_map(|v| v.into_iter().collect()),
        ]
    }

    fn number() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            any::<f64>()
                .prop_filter("finite", |v| v.is_finite())
                .prop_map(Some),
            (-1000i32..1000).prop_map(|v| Some(f64::from(v) / 10.0)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any claim crosscheck writes is read by the fast path, to what serde reads.
        #[test]
        fn any_written_claim_is_read_alike(
            strings in proptest::collection::vec(text(), 6),
            numbers in proptest::collection::vec(number(), 3),
            ints in proptest::collection::vec(any::<usize>(), 5),
            period in proptest::option::of(any::<i32>()),
            flags in proptest::collection::vec(any::<bool>(), 4),
            items in proptest::option::of(proptest::collection::vec(text(), 0..3)),
        ) {
            let r = ClaimRecord {
                rule: strings[0].as_str().into(),
                key: flags[3].then(|| strings[1].as_str().into()),
                subject: flags[2].then(|| strings[5].as_str().into()),
                period,
                anchored: flags[1],
                path: strings[2].as_str().into(),
                doc_hash: strings[3].as_str().into(),
                line: ints[0],
                column: ints[1],
                start: ints[2],
                end: ints[3],
                text: strings[4].as_str().into(),
                digits: "12".into(),
                unit: "count".into(),
                currency: flags[0].then(|| "USD".into()),
                value: numbers[0],
                hedge: "none".into(),
                rounded: flags[1],
                lo: numbers[1],
                lo_inclusive: flags[2],
                hi: numbers[2],
                hi_inclusive: !flags[2],
                items,
                snippet: Snippet { start: ints[4], line: 1, column: 1, text: Excerpt::new(&strings[5]) },
            };
            let line = line_of(&r);
            let read = claim(&line);
            prop_assert_eq!(read.as_ref(), Some(&r));
            prop_assert_eq!(by_fast(&line), by_serde(&line));
        }

        /// A damaged line is read by the fast path only if serde reads it, and then alike.
        #[test]
        fn a_damaged_line_is_never_read_otherwise(
            at in any::<proptest::sample::Index>(),
            byte in prop_oneof![Just(b'"'), Just(b'\\'), Just(b','), Just(b'0'), Just(b'-'), Just(b'e'), Just(b'.'), Just(b'}'), any::<u8>()],
            edit in 0..3u8,
        ) {
            let base = line_of(&record("r", "7%", "about \"7%\" more", Some(7.25)));
            let mut bytes = base.into_bytes();
            let i = at.index(bytes.len());
            match edit {
                0 => { bytes.remove(i); }
                1 => bytes.insert(i, byte),
                _ => bytes[i] = byte,
            }
            if let Ok(line) = String::from_utf8(bytes) {
                if let Some(fast) = by_fast(&line) {
                    prop_assert_eq!(Some(fast), by_serde(&line));
                }
            }
        }
    }
}
