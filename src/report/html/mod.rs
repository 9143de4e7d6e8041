//! The editor's report: one self-contained HTML page (no network, no external assets).
//!
//! - a summary (documents, claims, groups, findings by severity);
//! - the findings, each with its sentence (the figure highlighted), the sources it was
//!   compared with, and the word-level diff between the disagreeing phrasings (`similar`);
//! - one section per claim group (rule, key, period): a number line (inline SVG) with each
//!   source's interval and the consensus band, open ends drawn hollow and unbounded ends as
//!   arrows, then a table with a row per source, outliers first;
//! - filters: by severity with checkboxes that work through CSS alone, by rule with a select
//!   that a few lines of script enable (without script every item stays shown).
//!
//! Everything taken from documents and rules is escaped. Output is deterministic: groups come
//! in the order of `ReportInput::groups` (the comparison's), rows in a fixed order.

use super::ReportInput;
use crate::extract::Claim;
use crate::finding::{Finding, FindingKind, Location, Severity};
use crate::quantity::interval::{fmt_num, Interval};
use crate::text::Snippet;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io;

mod svg;
pub use svg::compact;
use svg::number_line;

/// Rows a group's table and number line show at most (outliers always come first).
pub const MAX_ROWS: usize = 200;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the page.
pub fn render(input: &ReportInput) -> String {
    super::to_string(|w| write(input, w))
}

/// A claim group as the page shows it.
struct Group<'a> {
    id: usize,
    rule: &'a crate::rules::Rule,
    members: &'a [usize],
    supporters: BTreeSet<usize>,
    band: Option<Interval>,
    contested: bool,
    /// Claims reported on by a finding: claim index -> (severity, finding number).
    flagged: BTreeMap<usize, (Severity, usize)>,
    severity: Option<Severity>,
}

/// Writes the page.
pub fn write(input: &ReportInput, out: &mut dyn io::Write) -> io::Result<()> {
    let claims: &[Claim] = input.corpus.map_or(&[], |c| &c.claims);
    let documents = input.corpus.map_or(&[][..], |c| &c.documents);
    let is_corpus = |doc: usize| documents.get(doc).is_some_and(|d| d.corpus);
    // The groups to draw: a group of corpus documents only is not what the run checks.
    let mut drawn: Vec<Option<usize>> = vec![None; input.groups.len()];
    let mut groups: Vec<Group> = Vec::new();
    for (g, cg) in input.groups.iter().enumerate() {
        if cg
            .members
            .iter()
            .all(|&i| is_corpus(claims[i].doc as usize))
        {
            continue;
        }
        drawn[g] = Some(groups.len());
        groups.push(Group {
            id: groups.len(),
            rule: &input.rules.rules[cg.rule],
            members: &cg.members,
            supporters: cg.supporters.iter().copied().collect(),
            band: cg.band,
            contested: cg.contested,
            flagged: BTreeMap::new(),
            severity: None,
        });
    }
    // Each finding's group and the claim it flags there.
    let mut finding_group: Vec<Option<usize>> = Vec::with_capacity(input.findings.len());
    for (n, f) in input.findings.iter().enumerate() {
        let g = f
            .group
            .and_then(|g| drawn.get(g as usize).copied().flatten())
            .filter(|_| f.claim.is_some_and(|c| (c as usize) < claims.len()));
        if let (Some(c), Some(g)) = (f.claim, g) {
            let group = &mut groups[g];
            group.flagged.entry(c as usize).or_insert((f.severity, n));
            group.severity = group.severity.max(Some(f.severity));
        }
        finding_group.push(g);
    }

    let mut page = String::with_capacity(1 << 16);
    head(&mut page);
    filters(&mut page, input, &groups);
    page.push_str("<main>\n");
    summary(&mut page, input, &groups);
    out.write_all(page.as_bytes())?;

    page.clear();
    let _ = writeln!(
        page,
        "<section id=\"findings\">\n<h2>Findings <span class=\"count\">{}</span></h2>",
        input.findings.len()
    );
    if input.findings.is_empty() {
        page.push_str("<p class=\"empty\">Nothing disagrees.</p>\n");
    }
    out.write_all(page.as_bytes())?;
    for (n, f) in input.findings.iter().enumerate() {
        page.clear();
        finding(&mut page, n, f, finding_group[n]);
        out.write_all(page.as_bytes())?;
    }
    page.clear();
    page.push_str("</section>\n");
    if input.corpus.is_some() {
        let _ = writeln!(
            page,
            "<section id=\"groups\">\n<h2>Claims by fact <span class=\"count\">{}</span></h2>\n\
             <p class=\"hint\">One table per rule, key and period: every source's figure, outliers \
             first. On each number line the shaded band is what most sources agree on; a hollow \
             end is open, an arrow is unbounded.</p>",
            groups.len()
        );
        out.write_all(page.as_bytes())?;
        for g in &groups {
            page.clear();
            group(&mut page, g, claims, documents);
            out.write_all(page.as_bytes())?;
        }
        page.clear();
        page.push_str("</section>\n");
    }
    page.push_str("</main>\n");
    page.push_str(SCRIPT);
    page.push_str("</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

fn head(page: &mut String) {
    page.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"crosscheck\">\n\
         <title>crosscheck report</title>\n<style>\n",
    );
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n");
}

const SEVERITIES: [(&str, &str); 4] = [
    ("error", "errors"),
    ("warning", "warnings"),
    ("note", "notes"),
    ("ok", "groups that agree"),
];

/// The filter controls. The severity checkboxes come first in the body so that CSS can hide
/// what they uncheck (`#show-x:not(:checked) ~ main ...`); the rule select is shown by the
/// script, which alone can act on it.
fn filters(page: &mut String, input: &ReportInput, groups: &[Group]) {
    for (s, _) in SEVERITIES {
        let _ = writeln!(
            page,
            "<input type=\"checkbox\" class=\"toggle\" id=\"show-{s}\" checked>"
        );
    }
    page.push_str(
        "<header>\n<h1>crosscheck report</h1>\n<nav class=\"filters\">\n<span>Show:</span>\n",
    );
    for (s, label) in SEVERITIES {
        let _ = writeln!(
            page,
            "<label for=\"show-{s}\" class=\"sev-{s}\">{label}</label>"
        );
    }
    let mut rules: BTreeSet<&str> = input.findings.iter().map(|f| &*f.rule).collect();
    rules.extend(groups.iter().map(|g| &*g.rule.id));
    page.push_str(
        "<span id=\"rule-filter\" hidden><label>Rule: <select id=\"rule\">\
         <option value=\"\">all rules</option>",
    );
    for r in rules {
        let r = escape(r);
        let _ = write!(page, "<option value=\"{r}\">{r}</option>");
    }
    page.push_str("</select></label></span>\n</nav>\n</header>\n");
}

fn summary(page: &mut String, input: &ReportInput, groups: &[Group]) {
    let s = &input.summary;
    let disputed = groups.iter().filter(|g| g.severity.is_some()).count();
    let _ = writeln!(
        page,
        "<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"summary\">\n\
         <div><dt>documents</dt><dd>{}</dd></div>\n\
         <div><dt>claims</dt><dd>{}</dd></div>\n\
         <div><dt>claim groups</dt><dd>{}</dd></div>\n\
         <div><dt>groups with findings</dt><dd>{disputed}</dd></div>\n\
         <div class=\"sev-error\"><dt>errors</dt><dd>{}</dd></div>\n\
         <div class=\"sev-warning\"><dt>warnings</dt><dd>{}</dd></div>\n\
         <div class=\"sev-note\"><dt>notes</dt><dd>{}</dd></div>\n\
         <div><dt>suppressed</dt><dd>{}</dd></div>\n</dl>",
        s.documents,
        s.claims,
        groups.len(),
        s.errors,
        s.warnings,
        s.notes,
        s.suppressed
    );
    // Findings by rule: where the trouble is, at a glance.
    let mut by_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for f in input.findings {
        by_rule.entry(&f.rule).or_default()[f.severity as usize] += 1;
    }
    if !by_rule.is_empty() {
        page.push_str(
            "<table class=\"by-rule\">\n<thead><tr><th>rule</th><th>errors</th>\
             <th>warnings</th><th>notes</th></tr></thead>\n<tbody>\n",
        );
        for (rule, [notes, warnings, errors]) in by_rule {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{errors}</td><td>{warnings}</td><td>{notes}</td></tr>",
                escape(rule)
            );
        }
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</section>\n");
}

/// A place as `path:line:column`, linked to the file (relative to where the page is opened).
fn place(l: &Location) -> String {
    format!(
        "<a class=\"place\" href=\"{}\">{}:{}:{}</a>",
        escape(&href(&l.path)),
        escape(&l.path),
        l.line,
        l.column
    )
}

/// A path as a relative URL: every byte outside the unreserved set and `/` percent-encoded.
fn href(path: &str) -> String {
    let path = path.replace('\\', "/");
    // "//host/x" would name another host, and a colon would start a URL scheme ("C:/x",
    // "a:b.txt"): one leading slash at most, colons encoded but a drive letter's.
    let trimmed = path.trim_start_matches('/');
    let mut out = String::new();
    let rest = if trimmed.len() < path.len() {
        out.push('/');
        trimmed
    } else {
        &path
    };
    let rest = match rest.as_bytes() {
        [d, b':', ..] if d.is_ascii_alphabetic() => {
            if out.is_empty() {
                out.push('/');
            }
            out.push(*d as char);
            out.push(':');
            &rest[2..]
        }
        _ => rest,
    };
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The sentence around `start..end`, escaped, the figure in `<mark>`.
fn sentence(s: &Snippet, start: usize, end: usize) -> String {
    match s.parts(start, end) {
        Some((before, figure, after)) => format!(
            "{}<mark>{}</mark>{}",
            escape(before),
            escape(figure),
            escape(after)
        ),
        None => escape(&s.text),
    }
}

/// The word-level diff from `old` to `new`: removed words in `<del>`, added in `<ins>`.
fn word_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out = String::new();
    let mut after_delete = false;
    for change in diff.iter_all_changes() {
        let v = escape(change.value());
        match change.tag() {
            similar::ChangeTag::Equal => out.push_str(&v),
            similar::ChangeTag::Delete => {
                let _ = write!(out, "<del>{v}</del>");
            }
            similar::ChangeTag::Insert => {
                // A replacement reads as "old → new", not as one run-together word.
                if after_delete {
                    out.push_str(" → ");
                }
                let _ = write!(out, "<ins>{v}</ins>");
            }
        }
        after_delete = change.tag() == similar::ChangeTag::Delete;
    }
    out
}

fn finding(page: &mut String, n: usize, f: &Finding, group: Option<usize>) {
    let sev = f.severity.as_str();
    let p = &f.locations[0];
    let _ = writeln!(
        page,
        "<article class=\"finding item sev-{sev}\" id=\"f{n}\" data-severity=\"{sev}\" \
         data-rule=\"{}\">",
        escape(&f.rule)
    );
    let _ = writeln!(
        page,
        "<h3><span class=\"badge sev-{sev}\">{sev}</span> <code>{}</code> \
         <span class=\"kind\">{}</span></h3>",
        escape(&f.rule),
        f.kind.as_str()
    );
    let _ = writeln!(
        page,
        "<p class=\"message\">{}</p>\n<p class=\"scope\">{}{}{}</p>",
        escape(&f.message),
        escape(&f.rule_title),
        f.key
            .as_deref()
            .map(|k| format!(" · key <q>{}</q>", escape(k)))
            .unwrap_or_default(),
        f.period.map(|y| format!(" · {y}")).unwrap_or_default()
    );
    let _ = writeln!(
        page,
        "<blockquote class=\"primary\">{}<footer>{}{}</footer></blockquote>",
        quote(f, p),
        place(p),
        interval_note(f, p)
    );
    if let Some(s) = &f.suggestion {
        let _ = writeln!(
            page,
            "<p class=\"suggestion\">Suggested: <q>{}</q></p>",
            escape(s)
        );
    }
    if let Some(c) = &f.fact {
        let _ = writeln!(
            page,
            "<p class=\"fact\">Verified fact: <q>{}</q> {} ({}:{}), source: {}</p>",
            escape(&c.value),
            escape(&c.interval.to_string()),
            escape(&c.path),
            c.line,
            escape(&c.source)
        );
    }
    if f.locations.len() > 1 {
        let what = match f.kind {
            FindingKind::RepeatedParagraph => "Also here",
            FindingKind::EditedCopy => "The other copies",
            _ => "Compared with",
        };
        let _ = writeln!(
            page,
            "<details open><summary>{what} ({})</summary>\n<ul class=\"sources\">",
            f.locations.len() - 1
        );
        for l in &f.locations[1..] {
            let _ = writeln!(
                page,
                "<li>{}<footer>{}{}</footer></li>",
                quote(f, l),
                place(l),
                interval_note(f, l)
            );
        }
        page.push_str("</ul>\n</details>\n");
        diffs(page, f);
    }
    if let Some(g) = group {
        let _ = writeln!(
            page,
            "<p class=\"more\"><a href=\"#g{g}\">Every source for this fact</a></p>"
        );
    }
    page.push_str("</article>\n");
}

/// The diffs between the phrasings, from the first source compared with to the one reported:
/// the figures as written, then the sentences (or paragraphs) when they are alike enough for a
/// word diff to read as an edit rather than as two different sentences.
fn diffs(page: &mut String, f: &Finding) {
    let (p, other) = (&f.locations[0], &f.locations[1]);
    if f.kind != FindingKind::RepeatedParagraph && p.text != other.text {
        let _ = writeln!(
            page,
            "<p class=\"diff\"><span class=\"label\">Figures</span> {}</p>",
            word_diff(&other.text, &p.text)
        );
    }
    let (old, new) = (other.snippet.text.trim(), p.snippet.text.trim());
    if old == new {
        page.push_str("<p class=\"diff same\">Word for word the same.</p>\n");
        return;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    if crate::text::similarity(&a, &b) >= 0.5 {
        let _ = writeln!(
            page,
            "<p class=\"diff\"><span class=\"label\">Diff</span> {}</p>",
            word_diff(old, new)
        );
    }
}

/// A location's text as a finding shows it: the sentence with its figure marked, or a repeated
/// paragraph as it stands (marking all of it would mark nothing).
fn quote(f: &Finding, l: &Location) -> String {
    if f.kind == FindingKind::RepeatedParagraph {
        escape(&l.snippet.text)
    } else {
        sentence(&l.snippet, l.start, l.end)
    }
}

fn interval_note(f: &Finding, l: &Location) -> String {
    match f.kind {
        FindingKind::RepeatedParagraph | FindingKind::EditedCopy => String::new(),
        _ => format!(" · asserts {}", escape(&l.interval.to_string())),
    }
}

fn group(page: &mut String, g: &Group, claims: &[Claim], documents: &[crate::pipeline::DocInfo]) {
    let first = &claims[g.members[0]];
    let sev = g.severity.map_or("ok", Severity::as_str);
    let _ = writeln!(
        page,
        "<section class=\"group item sev-{sev}\" id=\"g{}\" data-severity=\"{sev}\" \
         data-rule=\"{}\">",
        g.id,
        escape(&g.rule.id)
    );
    let period = g.members.iter().find_map(|&i| claims[i].period);
    let docs: BTreeSet<usize> = g.members.iter().map(|&i| claims[i].doc as usize).collect();
    let _ = writeln!(
        page,
        "<h3>{}{}{} <span class=\"badge sev-{sev}\">{}</span></h3>\n\
         <p class=\"scope\"><code>{}</code> · {} claim{} in {} document{}{}{}</p>",
        escape(&g.rule.title),
        first
            .key
            .as_deref()
            .map(|k| format!(" — {}", escape(k)))
            .unwrap_or_default(),
        period.map(|y| format!(" — {y}")).unwrap_or_default(),
        match sev {
            "ok" if docs.len() == 1 => "one source",
            "ok" => "agree",
            s => s,
        },
        escape(&g.rule.id),
        g.members.len(),
        if g.members.len() == 1 { "" } else { "s" },
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        g.band
            .map(|b| format!(" · consensus {}", escape(&b.to_string())))
            .unwrap_or_default(),
        if g.contested { " · no majority" } else { "" }
    );
    // Outliers first (most severe first), then the rest by interval.
    let mut rows: Vec<usize> = g.members.to_vec();
    let lo = |i: usize| {
        claims[i]
            .quantity
            .interval
            .lo
            .map_or(f64::NEG_INFINITY, |b| b.value)
    };
    rows.sort_by(|&a, &b| {
        let rank = |i: usize| {
            (
                std::cmp::Reverse(g.flagged.get(&i).map(|f| f.0)),
                g.supporters.contains(&i),
            )
        };
        rank(a)
            .cmp(&rank(b))
            .then(lo(a).total_cmp(&lo(b)))
            .then(a.cmp(&b))
    });
    let hidden = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    number_line(page, g, claims, &rows);
    page.push_str(
        "<table class=\"sources\">\n<thead><tr><th>document</th><th>as written</th>\
         <th>hedge</th><th>interval</th><th>sentence</th></tr></thead>\n<tbody>\n",
    );
    for &i in &rows {
        let c = &claims[i];
        let (class, status) = match g.flagged.get(&i) {
            Some((s, n)) => (
                format!("outlier sev-{}", s.as_str()),
                format!(
                    " <a class=\"badge sev-{0}\" href=\"#f{n}\">{0}</a>",
                    s.as_str()
                ),
            ),
            None if g.supporters.contains(&i) => ("agrees".to_string(), String::new()),
            None => ("differs".to_string(), String::new()),
        };
        let corpus = documents.get(c.doc as usize).is_some_and(|d| d.corpus);
        let _ = writeln!(
            page,
            "<tr class=\"{class}\"><td>{}{}{status}</td><td class=\"figure\">{}</td>\
             <td>{}</td><td class=\"interval\">{}</td><td>{}</td></tr>",
            place(&c.location()),
            if corpus {
                " <span class=\"tag\">corpus</span>"
            } else {
                ""
            },
            escape(&c.quantity.text),
            c.quantity.hedge.as_str(),
            escape(&c.quantity.interval.to_string()),
            sentence(&c.snippet, c.quantity.start, c.quantity.end)
        );
    }
    if hidden > 0 {
        let _ = writeln!(
            page,
            "<tr><td colspan=\"5\" class=\"more\">… and {hidden} more sources</td></tr>"
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

/// The short name of a document for the number line: its file name.
fn short_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The page's style sheet.
const STYLE: &str = include_str!("style.css");

/// The rule filter: shown only when script runs; hides the items of other rules. A `?rule=ID`
/// query selects a rule on load, so a filtered view can be linked to.
const SCRIPT: &str = include_str!("script.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup_and_no_way_out_of_an_attribute() {
        assert_eq!(
            escape(r#"<a href="x" onclick='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn links_to_files_stay_on_the_page_s_host() {
        assert_eq!(href("seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(href("/tmp/x.txt"), "/tmp/x.txt");
        assert_eq!(href("//evil.example/x"), "/evil.example/x");
        assert_eq!(href("C:\\docs\\x.txt"), "/C:/docs/x.txt");
        assert_eq!(href("a:b.txt"), "/a:b.txt");
        assert_eq!(href("ab:c.txt"), "ab%3Ac.txt");
        assert_eq!(href("javascript:alert(1)"), "javascript%3Aalert%281%29");
    }

    #[test]
    fn tick_labels_read_like_figures() {
        for (v, want) in [
            (28e9, "28 bn"),
            (1.5e12, "1.5 tn"),
            (665_000_000.0, "665 m"),
            (2023.0, "2023"),
            (14.625, "14.625"),
            (25_000.0, "25,000"),
            (-1_234_567.0, "-1.235 m"),
            (123_456.5, "123,456.5"),
        ] {
            assert_eq!(compact(v), want, "{v}");
        }
    }

    #[test]
    fn a_diff_marks_what_was_taken_out_and_what_came_in() {
        assert_eq!(
            word_diff("signed 15 deals", "signed 16 deals"),
            "signed <del>15</del> → <ins>16</ins> deals"
        );
        assert_eq!(
            word_diff("a <b>", "a <i>"),
            "a <del>&lt;b&gt;</del> → <ins>&lt;i&gt;</ins>"
        );
    }
}
