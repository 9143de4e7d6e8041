//! Tokeniser for the quantity reader: words, digit groups and single symbols, with byte spans.
//!
//! One pass, linear in the input. Digit groups take thousands separators (",", and the
//! non-breaking or thin spaces that exports put inside "1 000") and one decimal point; dotted
//! or colon-joined digit runs ("192.168.1.2", "10:30") become a single `Skip` token, since
//! they are addresses, versions or times rather than figures.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and inner apostrophes are split off as symbols).
    Word,
    /// A digit group, possibly with separators and a decimal part.
    Num,
    /// One symbol character.
    Sym,
    /// Digits that are not a figure (versions, times, addresses).
    Skip,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates this token from the previous one (true for the first token).
    pub space_before: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Splits `src` into tokens.
pub fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut space = true;
    while i < src.len() {
        // ASCII is read a byte at a time; the rest is decoded.
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => match src[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            space = true;
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit()
            || (c == '.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && !prev_is_digit(bytes, i))
        {
            let (end, skip) = scan_number(src, i);
            i = end;
            kind = if skip { Kind::Skip } else { Kind::Num };
        } else if c.is_alphabetic() {
            i += clen;
            loop {
                match bytes.get(i) {
                    Some(b) if b.is_ascii_alphabetic() => i += 1,
                    Some(b) if !b.is_ascii() => match src[i..].chars().next() {
                        Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            kind = Kind::Word;
        } else {
            i += clen;
            kind = Kind::Sym;
        }
        out.push(Token {
            kind,
            start,
            end: i,
            space_before: space,
        });
        space = false;
    }
    out
}

fn prev_is_digit(bytes: &[u8], i: usize) -> bool {
    i > 0 && bytes[i - 1].is_ascii_digit()
}

fn digits_at(bytes: &[u8], i: usize) -> usize {
    bytes[i.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// Scans a number starting at `i`; returns its end and whether it is a non-figure digit run.
fn scan_number(src: &str, mut i: usize) -> (usize, bool) {
    let bytes = src.as_bytes();
    let first = digits_at(bytes, i);
    i += first;
    // Thousands groups: exactly three digits after each separator, first group 1-3 digits.
    if (1..=3).contains(&first) {
        loop {
            let sep_len = match src[i..].chars().next() {
                Some(',') => 1,
                Some(c) if is_group_space(c) => c.len_utf8(),
                _ => 0,
            };
            if sep_len == 0 || digits_at(bytes, i + sep_len) != 3 {
                break;
            }
            i += sep_len + 3;
        }
    }
    // Decimal part.
    if bytes.get(i) == Some(&b'.') && digits_at(bytes, i + 1) > 0 {
        i += 1 + digits_at(bytes, i + 1);
    } else if bytes.get(i) == Some(&b',') && (1..=2).contains(&digits_at(bytes, i + 1)) {
        // A decimal comma, as most of Europe writes it, read only before a percent sign or
        // word ("14,8 %", "2,5 percent"), where a list ("3,5 and 7") cannot stand.
        let after = i + 1 + digits_at(bytes, i + 1);
        let rest = src[after..].trim_start().to_ascii_lowercase();
        if rest.starts_with('%') || rest.starts_with("percent") || rest.starts_with("per cent") {
            i = after;
        }
    }
    // A second dot or a colon followed by digits: version, address or time.
    let mut skip = false;
    while matches!(bytes.get(i), Some(b'.') | Some(b':')) && digits_at(bytes, i + 1) > 0 {
        skip = true;
        i += 1 + digits_at(bytes, i + 1);
    }
    (i, skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_numbers_words_and_symbols() {
        assert_eq!(texts("US$1,234.5 bn"), ["US", "$", "1,234.5", "bn"]);
        assert_eq!(
            texts("In 2023, 193 countries"),
            ["In", "2023", ",", "193", "countries"]
        );
        assert_eq!(
            texts("192.168.1.2 at 10:30."),
            ["192.168.1.2", "at", "10:30", "."]
        );
        assert_eq!(texts("1\u{a0}000 and .5"), ["1\u{a0}000", "and", ".5"]);
        assert_eq!(texts("1,2345"), ["1", ",", "2345"]);
        assert_eq!(
            texts("14,8 % and 3,5 and 7"),
            ["14,8", "%", "and", "3", ",", "5", "and", "7"]
        );
    }
}
