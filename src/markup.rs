//! Markup: which bytes of a Markdown or HTML file are prose.
//!
//! Rules and the quantity model read prose. A Markdown file also holds code (fenced, indented,
//! inline), raw HTML, front matter, link destinations and image URLs; an HTML file holds tags,
//! attribute values, scripts, styles and comments. Figures there are not claims: a `2023` in a
//! URL or a `193` in a code sample would otherwise be compared with the articles' figures.
//!
//! [`prose`] returns the file's text with every byte that is not prose replaced by an ASCII
//! space, byte for byte, line breaks kept: every offset still points at the same byte of the
//! file, and every line and column is the file's (see `Document::source_span`, `line_col`).
//!
//! What is prose:
//! - **Markdown** (`.md`, `.markdown`), read with `pulldown-cmark` as CommonMark with tables,
//!   footnotes, strikethrough and task lists: the text of paragraphs, headings, list items,
//!   block quotes, table cells, footnotes, emphasis and links. Not prose: code blocks and inline
//!   code, front matter (`---` YAML or `+++` TOML), link destinations and titles, link
//!   reference definitions, autolinks, images (their alt text too, as HTML's `alt`), markup
//!   punctuation (`#`, `*`, `>`, `|`, list markers). Raw HTML, block or inline, is read as HTML
//!   is (below): its text stays, its tags go.
//! - **HTML** (`.html`, `.htm`, `.xhtml`), read with the `html5gum` tokenizer: text nodes. Not
//!   prose: tags and their attribute values, comments, the doctype, and the contents of
//!   `<script>`, `<style>`, `<template>`, `<textarea>`, `<noscript>`, `<iframe>`, `<xmp>`,
//!   `<noembed>` and `<noframes>`.
//! - In both, a bare URL in the text (`https://…`) is not prose.
//! - A comment holding a suppression marker (`<!-- crosscheck-ignore fdi-growth -- reason -->`,
//!   see `suppress`) stays, so the marker works; its reason is blanked, so a figure
//!   quoted in the reason is not a claim.
//!
//! Why these crates: `pulldown-cmark` is a CommonMark pull parser that gives every event's byte
//! range (`into_offset_iter`) without building a tree, is linear, and allocates only for text
//! it has to rewrite; comrak builds an arena AST and reports line/column positions, not byte
//! ranges, which would have to be mapped back. `html5gum` is a WHATWG tokenizer with byte spans
//! and no dependencies; its callback emitter hands borrowed events, so no token is allocated.
//! A tree builder (html5ever) is not needed: what is prose is decided per token.

use crate::ids::MARKER;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// How a file's text is read, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Every byte is prose (after metadata): `.txt`, `.text`, and any other name.
    Plain,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
}

/// Markup languages whose files are skipped with a notice rather than read: reading them as
/// plain text would take their directives, code blocks and attributes for prose, which is the
/// very mistake [`prose`] exists to avoid. (extension, name of the language)
pub const NOT_READ: &[(&str, &str)] = &[
    ("mdx", "MDX (Markdown with JSX components and expressions)"),
    ("rst", "reStructuredText"),
    ("adoc", "AsciiDoc"),
    ("asciidoc", "AsciiDoc"),
];

impl Markup {
    /// The markup of a file, by the extension of its path (case-insensitive).
    pub fn of(path: &str) -> Markup {
        match extension(path).to_ascii_lowercase().as_str() {
            "md" | "markdown" => Markup::Markdown,
            "html" | "htm" | "xhtml" => Markup::Html,
            _ => Markup::Plain,
        }
    }
}

/// The language of a file that is not read ([`NOT_READ`]), by its extension.
pub fn not_read(path: &str) -> Option<&'static str> {
    let ext = extension(path);
    NOT_READ
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|&(_, name)| name)
}

fn extension(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// The prose of `text`: the text with every byte that is not prose replaced by an ASCII space
/// (line breaks kept), so it has the same length and the same line breaks. `metadata_end` is
/// where the body starts after front matter (`---` or `+++`) or a leading date line; what is
/// before it is not prose. `None` for plain text, which is all prose.
pub fn prose(text: &str, markup: Markup, metadata_end: usize) -> Option<String> {
    if markup == Markup::Plain {
        return None;
    }
    let mut b = Blanker::new(text, metadata_end);
    match markup {
        Markup::Plain => {}
        Markup::Markdown => markdown(text, metadata_end, &mut b),
        Markup::Html => html(text, metadata_end, text.len(), &mut b),
    }
    Some(b.finish())
}

/// Builds the prose: bytes are kept by [`Blanker::keep`], in increasing order, and everything
/// between what is kept is blanked.
struct Blanker<'a> {
    text: &'a str,
    out: Vec<u8>,
    /// Everything before this has been kept or blanked.
    done: usize,
}

impl<'a> Blanker<'a> {
    fn new(text: &'a str, from: usize) -> Blanker<'a> {
        let mut b = Blanker {
            text,
            out: text.as_bytes().to_vec(),
            done: 0,
        };
        b.blank_to(from.min(text.len()));
        b
    }

    /// Blanks from where the last kept range ended up to `to`.
    fn blank_to(&mut self, to: usize) {
        if to <= self.done {
            return;
        }
        // Whole characters: a range never ends inside one (a parser's token boundaries are
        // ASCII), but if one did, the character is blanked whole rather than cut.
        let mut to = to.min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to += 1;
        }
        for b in &mut self.out[self.done..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        self.done = to;
    }

    /// Keeps `start..end` (the part of it not already passed).
    fn keep(&mut self, start: usize, end: usize) {
        self.blank_to(start);
        self.done = self.done.max(end.min(self.text.len()));
    }

    /// Keeps the text `start..end` but for bare URLs in it.
    fn keep_text(&mut self, start: usize, end: usize) {
        let mut from = start;
        for (url_start, url_end) in urls(self.text, start, end) {
            self.keep(from, url_start);
            self.blank_to(url_end);
            from = url_end;
        }
        self.keep(from, end);
    }

    /// Keeps what a comment holding a suppression marker needs: all of it but the reason
    /// (after ` --`), which is blanked up to the closing `-->`.
    fn keep_marker_comment(&mut self, start: usize, end: usize) {
        let comment = &self.text[start..end];
        let body_end = comment.len() - if comment.ends_with("-->") { 3 } else { 0 };
        let body = &comment[..body_end];
        let after_marker = body.rfind(MARKER).map_or(0, |i| i + MARKER.len());
        match body[after_marker..].find(" --") {
            Some(r) => {
                self.keep(start, start + after_marker + r);
                self.blank_to(start + body_end);
                self.keep(start + body_end, end);
            }
            None => self.keep(start, end),
        }
    }

    fn finish(mut self) -> String {
        self.blank_to(self.text.len());
        // Whole characters were replaced by ASCII spaces and the rest left as it was.
        String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Bare URLs (`scheme://…` up to a space, a quote or an angle bracket, without trailing
/// punctuation) in `text[start..end]`, in order.
fn urls(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &text.as_bytes()[..end];
    let mut at = start;
    std::iter::from_fn(move || loop {
        let i = at + memchr::memchr(b':', &bytes[at..])?;
        at = i + 1;
        if !bytes[i..].starts_with(b"://") {
            continue;
        }
        at = i + 3;
        let mut s = i;
        while s > start && (bytes[s - 1].is_ascii_alphanumeric() || b"+-.".contains(&bytes[s - 1]))
        {
            s -= 1;
        }
        if s == i || !bytes[s].is_ascii_alphabetic() {
            continue;
        }
        let mut e = at;
        while e < end && !bytes[e].is_ascii_whitespace() && !b"<>\"'`".contains(&bytes[e]) {
            e += 1;
        }
        while e > at && b".,;:!?)]".contains(&bytes[e - 1]) {
            e -= 1;
        }
        at = e.max(at);
        return Some((s, e));
    })
}

/// Keeps the prose of the Markdown body `text[from..]`.
fn markdown(text: &str, from: usize, b: &mut Blanker) {
    // A byte-order mark stays (columns skip it) and is not read as the start of a paragraph.
    let from = if from == 0 && text.starts_with('\u{feff}') {
        b.keep(0, 3);
        3
    } else {
        from
    };
    let body = &text[from..];
    // Not math (`$…$` would take "US$700 and US$800" for a formula), not smart punctuation
    // (text events must be the file's bytes), not heading attributes.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    // Events that start before this are inside a construct already dealt with whole.
    let mut skip_to = 0;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if range.start < skip_to {
            continue;
        }
        let (start, end) = (from + range.start, from + range.end);
        match event {
            Event::Text(_) => b.keep_text(start, end),
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::Image { .. }
                | Tag::MetadataBlock(_)
                | Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                },
            ) => skip_to = range.end,
            Event::Start(Tag::HtmlBlock) => {
                html(text, start, end, b);
                skip_to = range.end;
            }
            Event::InlineHtml(_) | Event::Html(_) => html(text, start, end, b),
            // Code, breaks (their `\n` always stays), rules, footnote references, task list
            // markers, other starts and ends: markup, blanked.
            _ => {}
        }
    }
}

/// Elements whose content is not prose.
const HIDDEN: &[&[u8]] = &[
    b"script",
    b"style",
    b"template",
    b"textarea",
    b"noscript",
    b"iframe",
    b"xmp",
    b"noembed",
    b"noframes",
];

/// Keeps the prose of the HTML `text[from..to]`: text nodes outside [`HIDDEN`] elements, and
/// comments holding a suppression marker.
fn html(text: &str, from: usize, to: usize, b: &mut Blanker) {
    // Open HIDDEN elements; `pending` is the start tag being read (is it hidden?).
    let mut hidden = 0usize;
    let mut pending = false;
    let callback = |event: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
        let (start, end) = (from + span.start, from + span.end);
        match event {
            CallbackEvent::OpenStartTag { name } => pending = HIDDEN.contains(&name),
            // `<script/>` still opens a script in HTML, and `<template/>` a template.
            CallbackEvent::CloseStartTag { .. } => {
                hidden += usize::from(pending);
                pending = false;
            }
            CallbackEvent::EndTag { name } if HIDDEN.contains(&name) => {
                hidden = hidden.saturating_sub(1);
            }
            CallbackEvent::String { .. } if hidden == 0 => b.keep_text(start, end),
            CallbackEvent::Comment { value }
                if memchr::memmem::find(value, MARKER.as_bytes()).is_some() =>
            {
                b.keep_marker_comment(start, end)
            }
            _ => {}
        }
        None
    };
    let mut emitter = CallbackEmitter::new(callback);
    // Script, style and the like are read as raw text up to their end tag, as a browser does.
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(&text[from..to], emitter) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose of `text` read as `markup`, checked to keep every offset and line break.
    fn read(text: &str, markup: Markup) -> String {
        let p = prose(text, markup, 0).expect("markup is blanked");
        assert_eq!(p.len(), text.len(), "same length: {text:?}");
        for (i, (a, b)) in text.bytes().zip(p.bytes()).enumerate() {
            assert_eq!(a == b'\n', b == b'\n', "line break at {i} kept: {text:?}");
            assert!(a == b || b == b' ', "byte {i} kept or blanked: {text:?}");
        }
        p
    }

    /// The words of the prose, for comparing what is read.
    fn words(text: &str, markup: Markup) -> Vec<String> {
        read(text, markup)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn markdown_code_html_and_urls_are_blanked() {
        let md = "# Results 2023\n\
                  \n\
                  Vietnam has **193** countries, see [the list](https://example.com/2022/139) \
                  and `code 17`.\n\
                  \n\
                  ```toml\nvalue = 42\n```\n\
                  \n    indented 99\n\
                  \n<!-- note 55 -->\n\
                  \n![chart of 77](img/88.png \"title 66\")\n\
                  \n[ref]: https://example.com/44 \"ref 33\"\n\
                  \n| year | count |\n|---|---|\n| 2021 | 180 |\n\
                  \n> quoted 12 at <https://example.com/11> or https://example.com/10.\n\
                  \n- item 9 <span title=\"8\">seven 7</span>\n";
        let p = read(md, Markup::Markdown);
        assert_eq!(
            p.split_whitespace().collect::<Vec<_>>(),
            [
                "Results",
                "2023",
                "Vietnam",
                "has",
                "193",
                "countries,",
                "see",
                "the",
                "list",
                "and",
                ".",
                "year",
                "count",
                "2021",
                "180",
                "quoted",
                "12",
                "at",
                "or",
                ".",
                "item",
                "9",
                "seven",
                "7"
            ]
        );
        // Offsets are the file's.
        assert_eq!(p.find("193"), md.find("193"));
        assert_eq!(p.find("seven 7"), md.find("seven 7"));
    }

    #[test]
    fn markdown_multibyte_code_is_blanked_whole() {
        let md = "Prix `café 5 €` and «193» — 2023\n";
        let p = read(md, Markup::Markdown);
        assert_eq!(
            p.split_whitespace().collect::<Vec<_>>(),
            ["Prix", "and", "«193»", "—", "2023"]
        );
    }

    #[test]
    fn suppression_markers_stay_and_their_reasons_go() {
        let md = "<!-- crosscheck-ignore fdi-growth -- the 14.8% is official -->\n\
                  FDI grew 15%. <!-- crosscheck-ignore -->\n";
        let p = read(md, Markup::Markdown);
        assert!(p.starts_with("<!-- crosscheck-ignore fdi-growth "), "{p}");
        assert!(!p.contains("14.8"), "{p}");
        assert!(
            p.contains("-->\nFDI grew 15%. <!-- crosscheck-ignore -->"),
            "{p}"
        );
        let html = "<p>a</p><!-- crosscheck-ignore-file --><!-- 2023 -->";
        assert_eq!(
            words(html, Markup::Html),
            ["a", "<!--", "crosscheck-ignore-file", "-->"]
        );
    }

    #[test]
    fn html_text_is_kept_and_the_rest_blanked() {
        let html = "<!DOCTYPE html><html><head><title>Review 2023</title>\
                    <style>p { width: 100px }</style>\
                    <script>var n = 1 < 2 ? 3 : 4; // </p> 5</script></head>\n\
                    <body><p class=\"x6\" data-n='7'>Vietnam &amp; <b>193</b> countries</p>\n\
                    <!-- 8 --><template><p>9</p></template><textarea>10</textarea>\n\
                    <img alt=\"11\" src=\"12.png\"/><p>a < b and 13</p><script/>14</script>\n";
        assert_eq!(
            words(html, Markup::Html),
            [
                "Review",
                "2023",
                "Vietnam",
                "&amp;",
                "193",
                "countries",
                "a",
                "<",
                "b",
                "and",
                "13"
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_stays_and_the_heading_after_it_is_read() {
        let md = "\u{feff}# Results `7`\n";
        assert_eq!(read(md, Markup::Markdown), "\u{feff}  Results    \n");
    }

    #[test]
    fn front_matter_is_not_prose() {
        let md = "+++\ntitle = \"Review 2023\"\n+++\nBody 5\n";
        let body = md.find("Body").unwrap();
        let p = prose(md, Markup::Markdown, body).unwrap();
        assert_eq!(p.len(), md.len());
        assert_eq!(p[..body].replace(' ', ""), "\n\n\n");
        assert_eq!(&p[body..], "Body 5\n");
        assert_eq!(prose(md, Markup::Plain, body), None);
    }

    #[test]
    fn extensions() {
        assert_eq!(Markup::of("a/B.MD"), Markup::Markdown);
        assert_eq!(Markup::of("a.markdown"), Markup::Markdown);
        assert_eq!(Markup::of("a.htm"), Markup::Html);
        assert_eq!(Markup::of("a.txt"), Markup::Plain);
        assert_eq!(Markup::of("md"), Markup::Plain);
        assert_eq!(Markup::of("dir.md/file"), Markup::Plain);
        assert_eq!(not_read("x/a.rst"), Some("reStructuredText"));
        assert_eq!(not_read("a.ADOC"), Some("AsciiDoc"));
        assert_eq!(not_read("a.md"), None);
    }
}
