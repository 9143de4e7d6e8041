//! HTML character references in documents: "US&#36; 700", "1&nbsp;000", "&minus;5%".
//!
//! Exported pages and CMS copy write figures with entities. Rules and the quantity model read a
//! decoded text; every offset a claim reports is mapped back to the file as it is on disk, so
//! columns, snippets and spans still point at what the editor sees in the file.
//!
//! Only references that matter to figures and the words around them are decoded: spaces,
//! dashes and minus, currency and percent signs, quotes and apostrophes, and numeric references
//! to printable characters. `&lt;`, `&gt;`, `&amp;` and references to line breaks or control
//! characters are left as written, so decoding never creates markup, markers or new lines.

/// One decoded reference: where it is in the decoded text and in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decoded {
    at: usize,
    len: usize,
    source_at: usize,
    source_len: usize,
}

/// A decoded text's way back to its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    /// The text as read from the file.
    pub source: String,
    decoded: Vec<Decoded>,
}

/// Named references decoded, with what they stand for.
const NAMED: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("hairsp", '\u{200a}'),
    ("numsp", '\u{2007}'),
    ("puncsp", '\u{2008}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("minus", '\u{2212}'),
    ("dollar", '$'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("percnt", '%'),
    ("permil", '‰'),
    ("plus", '+'),
    ("plusmn", '±'),
    ("times", '×'),
    ("deg", '°'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("apos", '\''),
    ("quot", '"'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("hellip", '\u{2026}'),
];

/// Longest reference decoded, `&` and `;` included ("&#x000000a0;" is 12 bytes).
const MAX_REFERENCE: usize = 12;

/// The character a reference at the start of `s` (which starts with `&`) stands for, and the
/// reference's length; `None` when it is not one this module decodes.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s
        .as_bytes()
        .iter()
        .take(MAX_REFERENCE + 1)
        .position(|&b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        let c = char::from_u32(code)?;
        if c.is_control() || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') {
            return None;
        }
        c
    } else {
        NAMED.iter().find(|(n, _)| *n == body)?.1
    };
    Some((c, end + 1))
}

/// Decodes `text`; `None` when it holds no reference to decode (the common case costs one
/// scan for `&`).
pub fn decode(text: &str) -> Option<(String, SourceMap)> {
    let (out, decoded) = decode_references(text)?;
    Some((
        out,
        SourceMap {
            source: text.to_string(),
            decoded,
        },
    ))
}

/// Decodes `reading`, a text read from `source`: the same length, with the bytes that are not
/// prose blanked ([`crate::markup::prose`]). Returns the text rules read and the way back to
/// `source`, the file's text, which the map keeps (spans, snippets and columns are the file's).
pub fn decode_read(reading: String, source: String) -> (String, SourceMap) {
    debug_assert_eq!(reading.len(), source.len());
    let (text, decoded) = decode_references(&reading).unwrap_or((reading, Vec::new()));
    (text, SourceMap { source, decoded })
}

fn decode_references(text: &str) -> Option<(String, Vec<Decoded>)> {
    let mut out = String::new();
    let mut decoded = Vec::new();
    let mut copied = 0;
    for (i, _) in text.match_indices('&') {
        if i < copied {
            continue;
        }
        let Some((c, len)) = reference(&text[i..]) else {
            continue;
        };
        if decoded.is_empty() {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..i]);
        decoded.push(Decoded {
            at: out.len(),
            len: c.len_utf8(),
            source_at: i,
            source_len: len,
        });
        out.push(c);
        copied = i + len;
    }
    if decoded.is_empty() {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, decoded))
}

impl SourceMap {
    /// The decoded offset of source offset `at`; an offset inside a reference maps to the start
    /// of the character it stands for.
    pub fn to_decoded(&self, at: usize) -> usize {
        let i = self.decoded.partition_point(|d| d.source_at <= at);
        let Some(d) = i.checked_sub(1).map(|i| self.decoded[i]) else {
            return at;
        };
        if at >= d.source_at + d.source_len {
            d.at + d.len + (at - d.source_at - d.source_len)
        } else {
            d.at
        }
    }

    /// The source offset of decoded offset `at`. An offset inside a decoded character maps to
    /// the start of its reference, or with `end` (an exclusive end) to the end of it.
    pub fn to_source(&self, at: usize, end: bool) -> usize {
        let i = self.decoded.partition_point(|d| d.at <= at);
        let Some(d) = i.checked_sub(1).map(|i| self.decoded[i]) else {
            return at;
        };
        if at >= d.at + d.len {
            d.source_at + d.source_len + (at - d.at - d.len)
        } else if end && at > d.at {
            d.source_at + d.source_len
        } else {
            d.source_at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (source, decoded)
    const CASES: &[(&str, &str)] = &[
        ("US&#36; 700 million", "US$ 700 million"),
        ("1&nbsp;000 troops", "1\u{a0}000 troops"),
        ("&minus;5% and 3&ndash;5", "\u{2212}5% and 3\u{2013}5"),
        (
            "1&#x202F;000 and 1&#8201;000",
            "1\u{202f}000 and 1\u{2009}000",
        ),
        (
            "Vietnam&rsquo;s 193 countries",
            "Vietnam\u{2019}s 193 countries",
        ),
    ];

    #[test]
    fn references_around_figures_are_decoded() {
        for (source, decoded) in CASES {
            let (text, _) = decode(source).expect("something to decode");
            assert_eq!(&text, decoded, "{source}");
        }
    }

    #[test]
    fn markup_line_breaks_and_unknown_names_are_left_alone() {
        for s in [
            "a &lt;!-- marker --&gt; b",
            "AT&amp;T",
            "line&#10;break &#13;",
            "&#0; &#xD800; &#99999999;",
            "&unknown; & alone; &nbsp without semicolon",
            "&#x00000000000000a0;",
        ] {
            assert_eq!(decode(s), None, "{s}");
        }
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let source = "US&#36; 700 and &minus;5%";
        let (text, map) = decode(source).expect("decoded");
        let fig = text.find("700").expect("figure");
        assert_eq!(&source[map.to_source(fig, false)..], "700 and &minus;5%");
        // A span starting at a decoded character starts at its reference...
        let dollar = text.find('$').expect("dollar");
        assert_eq!(map.to_source(dollar, false), 2);
        // ...and one ending right after it ends after the reference.
        assert_eq!(map.to_source(dollar + 1, true), 7);
        let minus = text.find('\u{2212}').expect("minus");
        let end = text.len();
        assert_eq!(
            &source[map.to_source(minus, false)..map.to_source(end, true)],
            "&minus;5%"
        );
        assert_eq!(map.to_source(0, false), 0);
        // And back.
        assert_eq!(map.to_decoded(map.to_source(fig, false)), fig);
        assert_eq!(map.to_decoded(source.len()), text.len());
        assert_eq!(map.to_decoded(3), dollar);
        assert_eq!(map.to_decoded(0), 0);
    }
}
