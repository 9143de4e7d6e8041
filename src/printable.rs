//! Text from files made safe to print. A file name or a document comes from whoever wrote to
//! the content repository: a newline in a file name would start a line of its own on stderr
//! (`::error::` is a workflow command in GitHub Actions), and an escape sequence in a document
//! would drive the terminal (set its title, hide text, rewrite what was printed).

use std::borrow::Cow;
use std::path::Path;

/// Characters that must not reach a terminal or a line-oriented reader as they are: control
/// characters (C0 but tab, DEL, C1) and the Unicode controls that reorder or hide text (bidi
/// embeddings, overrides and isolates, which make code read otherwise than it runs).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` prints as it is: [`escaped`] leaves it unchanged.
pub fn is_plain(s: &str) -> bool {
    !s.chars().any(is_unsafe)
}

/// `s` with every unsafe character written as an escape: a newline as `\n`, a carriage return
/// as `\r`, any other as `\u{1b}`; a backslash stays as it is. For names: a file name shown
/// this way names the file unambiguously enough for a person, on one line.
pub fn escaped(s: &str) -> Cow<'_, str> {
    if is_plain(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path for display: `/` separators, unsafe characters escaped (see [`escaped`]).
pub fn path(p: &Path) -> String {
    escaped(&p.to_string_lossy().replace('\\', "/")).into_owned()
}

/// `s` with every unsafe character but the line break replaced by `?`s, one per byte: the
/// text keeps its length, so every byte offset into it still holds. For document text shown
/// with its spans (the human report's snippets).
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '\n' && is_unsafe(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_on_one_line_and_documents_cannot_drive_the_terminal() {
        assert_eq!(
            escaped("a\n::error file=x::pwned.txt"),
            "a\\n::error file=x::pwned.txt"
        );
        assert_eq!(escaped("tab\there\r\u{1b}[31m"), "tab\there\\r\\u{1b}[31m");
        assert_eq!(escaped("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert!(matches!(escaped("plain/ñame.md"), Cow::Borrowed(_)));
        let doc = "Viet Nam has 139 \u{1b}]0;owned\u{7}partners.\u{85}\nNext";
        let safe = inert(doc);
        assert_eq!(safe.len(), doc.len());
        assert_eq!(safe, "Viet Nam has 139 ?]0;owned?partners.??\nNext");
    }
}
