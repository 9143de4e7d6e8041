//! Markdown for a pull-request comment or a job summary page: a heading with the summary,
//! a table of findings, then each finding with its sentence (the figure in bold), the
//! suggestion and the sources it was compared with. Text from documents is escaped.

use super::ReportInput;
use crate::finding::{Finding, Location};

/// Escapes Markdown and HTML punctuation so document text renders as written.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn place(l: &Location) -> String {
    format!("`{}:{}:{}`", l.path.replace('`', "'"), l.line, l.column)
}

fn quote(input: &ReportInput, l: &Location) -> String {
    match input.context(l) {
        Some((before, figure, after)) => format!(
            "> {}**{}**{}",
            escape(before.trim_start()),
            escape(figure),
            escape(after.trim_end())
        ),
        None => format!("> **{}**", escape(&l.text)),
    }
}

fn section(input: &ReportInput, n: usize, f: &Finding) -> String {
    let p = &f.locations[0];
    let mut s = format!(
        "### {n}. {} `{}` ({}) at {}\n\n{}\n\n{}\n",
        f.severity.as_str(),
        f.rule,
        f.kind.as_str(),
        place(p),
        quote(input, p),
        escape(&f.message)
    );
    if let Some(sug) = &f.suggestion {
        s.push_str(&format!("\n- Suggested: **{}**\n", escape(sug)));
    }
    if let Some(c) = &f.fact {
        s.push_str(&format!(
            "- Verified fact: **{}** (`{}:{}`), source: {}\n",
            escape(&c.value),
            c.path.replace('`', "'"),
            c.line,
            escape(&c.source)
        ));
    }
    if f.locations.len() > 1 {
        s.push_str("- Compared with:\n");
        for l in &f.locations[1..] {
            s.push_str(&format!(
                "  - {} {}\n",
                place(l),
                quote(input, l).replacen("> ", "", 1)
            ));
        }
    }
    s
}

/// Renders the report.
pub fn render(input: &ReportInput) -> String {
    super::to_string(|w| write(input, w))
}

/// Writes the report: the summary, a table of findings, then a section per finding.
pub fn write(input: &ReportInput, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write!(out, "## crosscheck\n\n{}\n", input.summary)?;
    if input.findings.is_empty() {
        return out.write_all(b"\nNo findings.\n");
    }
    out.write_all(b"\n| # | Severity | Rule | Kind | Where | Figure | Suggested |\n")?;
    out.write_all(b"|--:|---|---|---|---|---|---|\n")?;
    for (i, f) in input.findings.iter().enumerate() {
        let p = &f.locations[0];
        writeln!(
            out,
            "| {} | {} | `{}` | {} | {} | {} | {} |",
            i + 1,
            f.severity.as_str(),
            f.rule,
            f.kind.as_str(),
            // A `|` ends a table cell even inside a code span.
            place(p).replace('|', "\\|"),
            escape(&p.text),
            f.suggestion.as_deref().map(escape).unwrap_or_default()
        )?;
    }
    for (i, f) in input.findings.iter().enumerate() {
        out.write_all(b"\n")?;
        out.write_all(section(input, i + 1, f).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_text_cannot_inject_markup() {
        assert_eq!(
            super::escape("<script>|a*b*|\n"),
            "\\<script\\>\\|a\\*b\\*\\| "
        );
    }
}
