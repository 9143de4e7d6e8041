//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, placed on the figure, then a plain summary line. Values are escaped as the runner
//! expects (`%`, CR and LF in messages; also `:` and `,` in properties).

use super::ReportInput;
use crate::finding::{Finding, Severity};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn annotation(input: &ReportInput, f: &Finding) -> String {
    let p = &f.locations[0];
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let (end_line, end_column) = input.end_line_col(p);
    let mut message = f.message.clone();
    if let Some(s) = &f.suggestion {
        message.push_str(&format!("\nSuggested: \"{s}\""));
    }
    for l in &f.locations[1..] {
        message.push_str(&format!(
            "\nCompared with {}:{}:{} \"{}\"",
            l.path, l.line, l.column, l.text
        ));
    }
    if let Some(c) = &f.fact {
        message.push_str(&format!(
            "\nVerified fact \"{}\" ({}:{}), source: {}",
            c.value, c.path, c.line, c.source
        ));
    }
    let mut props = vec![
        format!("file={}", escape_property(&p.path)),
        format!("line={}", p.line),
        format!("col={}", p.column),
    ];
    if end_line == p.line as usize {
        props.push(format!("endColumn={end_column}"));
    } else {
        props.push(format!("endLine={end_line}"));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("{} ({})", f.rule, f.kind.as_str()))
    ));
    format!(
        "::{command} {}::{}\n",
        props.join(","),
        escape_data(&message)
    )
}

/// Renders every annotation, then the summary line.
pub fn render(input: &ReportInput) -> String {
    super::to_string(|w| write(input, w))
}

/// Writes every annotation, then the summary line.
pub fn write(input: &ReportInput, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    for f in input.findings {
        w.write_all(annotation(input, f).as_bytes())?;
    }
    writeln!(w, "crosscheck: {}", input.summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_and_data_are_escaped() {
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape_data("50%: a,b\r\n"), "50%25: a,b%0D%0A");
    }
}
