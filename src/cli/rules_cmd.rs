//! `crosscheck rules`: list, explain, test.

use super::ProjectArgs;
use crosscheck::extract::examples::run_examples;
use crosscheck::extract::{match_text, Rejection};
use crosscheck::rules::{PeriodMode, Rule};
use std::io::{self, IsTerminal, Write};

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum RulesAction {
    /// List the loaded rules (the default).
    List,
    /// Show one rule with its expanded patterns, and what it matches in TEXT.
    Explain {
        /// Rule id.
        id: String,
        /// Text to try the rule on; `-` reads standard input.
        #[arg(long)]
        text: Option<String>,
    },
    /// Run every example and counterexample declared in the rules; exit 1 on any failure.
    Test,
    /// Print every pattern as a standalone regex, one per line, for other tools
    /// (`rg -f FILE` reads them): flags inline, placeholders expanded, groups non-capturing.
    ExportRegex {
        /// Print the relaxed patterns of crosscheck's gate instead (word boundaries removed,
        /// the figure as any text): what the single pass over each sentence runs.
        #[arg(long)]
        gate: bool,
    },
}

pub fn run(a: &RulesArgs) -> io::Result<u8> {
    let set = match a.project.load() {
        Ok(p) => p.rules,
        Err(super::Reported(code)) => return Ok(code),
    };
    match &a.action {
        None | Some(RulesAction::List) => {
            let mut out = String::new();
            let w = set
                .rules
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            out.push_str(&format!(
                "{:<w$}  {:<17}  {:>8}  {:>8}  TITLE\n",
                "ID", "UNIT", "PATTERNS", "EXAMPLES"
            ));
            for r in &set.rules {
                out.push_str(&format!(
                    "{:<w$}  {:<17}  {:>8}  {:>8}  {}\n",
                    r.id,
                    r.unit.as_str(),
                    r.patterns.len(),
                    r.examples.len() + r.counterexamples.len(),
                    r.title
                ));
            }
            out.push_str(&format!("{} rules\n", set.rules.len()));
            super::emit(&out)?;
            Ok(0)
        }
        Some(RulesAction::ExportRegex { gate }) => {
            let mut out = set.export_regexes(*gate).join("\n");
            out.push('\n');
            super::emit(&out)?;
            Ok(0)
        }
        Some(RulesAction::Explain { id, text }) => {
            let Some(rule) = set.get(id) else {
                let ids: Vec<&str> = set.rules.iter().map(|r| &*r.id).collect();
                eprintln!("crosscheck: no rule `{id}`; loaded: {}", ids.join(", "));
                return Ok(2);
            };
            let text = text.as_deref().map(super::text_arg).transpose()?;
            super::emit(&explain(rule, text.as_deref()))?;
            Ok(0)
        }
        Some(RulesAction::Test) => {
            let color = super::ColorChoice::Auto.enabled(io::stderr().is_terminal());
            let (mut total, mut failed) = (0, 0);
            let mut err = String::new();
            for r in &set.rules {
                total += r.examples.len() + r.counterexamples.len();
                for f in run_examples(r) {
                    failed += 1;
                    err.push_str(&super::render_diagnostic(&f.diagnostic(r), color));
                }
            }
            let _ = io::stderr().write_all(err.as_bytes());
            super::emit(&format!(
                "{} rules, {total} examples: {} passed, {failed} failed\n",
                set.rules.len(),
                total - failed
            ))?;
            Ok(u8::from(failed > 0))
        }
    }
}

fn explain(r: &Rule, text: Option<&str>) -> String {
    let mut s = String::new();
    s.push_str(&format!("{}: {}\n", r.id, r.title));
    if let Some(d) = &r.description {
        s.push_str(&format!("  {}\n", d.trim()));
    }
    s.push_str(&format!("  defined in  {}\n", r.source.path));
    s.push_str(&format!("  unit        {}\n", r.unit.as_str()));
    s.push_str(&format!("  severity    {}\n", r.severity.as_str()));
    s.push_str(&format!(
        "  approximate {}\n",
        r.approximate.map_or("off", |a| a.as_str())
    ));
    s.push_str(&format!("  tolerance   {}\n", r.tolerance));
    let period = match r.period {
        PeriodMode::Sentence => "sentence",
        PeriodMode::Document => "document",
        PeriodMode::None => "none",
        PeriodMode::Date => "date",
    };
    s.push_str(&format!("  period      {period}\n"));
    if r.enumeration {
        s.push_str("  enumeration counted\n");
    }
    if let Some(k) = &r.default_key {
        s.push_str(&format!("  default key {k}\n"));
    }
    for (i, p) in r.patterns.iter().enumerate() {
        s.push_str(&format!(
            "  pattern {}: {}\n    expands to: {}\n",
            i + 1,
            p.source,
            p.expanded
        ));
    }
    for p in &r.exclude {
        s.push_str(&format!("  exclude: {}\n", p.source));
    }
    if let Some(text) = text {
        let (found, rejected) = match_text(r, text);
        s.push_str(&format!("\nIn the text given, {} claim(s):\n", found.len()));
        for m in &found {
            s.push_str(&format!(
                "  {}..{} {:?} -> {} {}, hedge {}",
                m.quantity.start,
                m.quantity.end,
                m.quantity.text,
                m.quantity.unit.as_str(),
                m.quantity.interval,
                m.quantity.hedge.as_str()
            ));
            if let Some(k) = &m.key {
                s.push_str(&format!(", key {k:?}"));
            }
            if let Some(k) = &m.subject {
                s.push_str(&format!(", subject {k:?}"));
            }
            if let Some(items) = &m.items {
                s.push_str(&format!(", lists {}: {}", items.len(), items.join(" | ")));
            }
            s.push('\n');
        }
        for rj in &rejected {
            let why = match rj {
                Rejection::NoFigure { text } => {
                    format!("{text:?}: the quantity model reads no figure there")
                }
                Rejection::WrongUnit { text, unit } => format!(
                    "{text:?}: a {} figure, not {}",
                    unit.as_str(),
                    r.unit.as_str()
                ),
                Rejection::Excluded { text, pattern } => {
                    format!("{text:?}: excluded by {pattern:?}")
                }
                Rejection::NoSubject { text } => {
                    format!("{text:?}: its clause names no subject, which the rule requires")
                }
                Rejection::NotWhole { text, reading } => {
                    format!("{text:?}: {}, not the whole figure", reading.as_str())
                }
            };
            s.push_str(&format!("  rejected {why}\n"));
        }
    }
    s
}
