//! The project configuration: `crosscheck.toml` (or `.crosscheck.toml`), found by walking up
//! from the working directory. It names the rules, documents, corpus, facts and baseline of a
//! content repository, and the default fail level and format. Paths in it are relative to the
//! file's own folder; flags on the command line override it. Documented in docs/config.md.

use crate::diagnostic::{toml_error, FileError, FileKind, SourceFile};
use crate::finding::Severity;
use crate::settings::Checks;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// File names searched for, in order, in each folder.
pub const FILE_NAMES: &[&str] = &["crosscheck.toml", ".crosscheck.toml"];

/// Values `fail_on` may take.
pub const FAIL_LEVELS: &[&str] = &["error", "warning", "note", "never"];

/// Values `format` may take (for `check`).
pub const FORMATS: &[&str] = &["human", "json", "sarif", "github", "markdown", "html"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: Option<Vec<String>>,
    #[serde(default)]
    documents: Option<Vec<String>>,
    #[serde(default)]
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Option<Vec<String>>,
    #[serde(default)]
    corpus: Option<Vec<String>>,
    #[serde(default)]
    facts: Option<String>,
    #[serde(default)]
    baseline: Option<String>,
    #[serde(default)]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    format: Option<Spanned<String>>,
    #[serde(default)]
    checks: Option<RawChecks>,
}

/// `[checks.<id>]` tables: the editorial checks' settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    #[serde(default, rename = "repeated-paragraph")]
    repeated_paragraph: Option<RawCheck>,
    #[serde(default, rename = "edited-copy")]
    edited_copy: Option<RawCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    severity: Option<Spanned<String>>,
    #[serde(default)]
    similarity: Option<Spanned<f64>>,
    #[serde(default)]
    min_words: Option<Spanned<i64>>,
}

/// Values a check's `severity` may take.
pub const CHECK_SEVERITIES: &[&str] = &["error", "warning", "note", "off"];

/// A loaded configuration, with paths resolved against the file's folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file read, as found (relative to the working directory when found by walking up).
    pub path: PathBuf,
    /// Its folder: what relative paths and globs in it are relative to.
    pub root: PathBuf,
    pub rules: Option<Vec<PathBuf>>,
    pub documents: Option<Vec<PathBuf>>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub corpus: Option<Vec<PathBuf>>,
    pub facts: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub fail_on: Option<String>,
    pub format: Option<String>,
    /// The editorial checks (defaults where the file says nothing).
    pub checks: Checks,
}

/// The config file governing `start` (a folder): the first of [`FILE_NAMES`] in it or in the
/// nearest folder above. The path returned is relative to `start` when `start` is relative
/// (`crosscheck.toml`, `../crosscheck.toml`), so paths derived from it read naturally.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = start.to_path_buf();
    // Canonical form, to know when the root is reached; a relative walk for display.
    let mut real = start.canonicalize().ok()?;
    loop {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(clean(&candidate));
            }
        }
        if !real.pop() {
            return None;
        }
        dir = dir.join("..");
    }
}

/// A file a config names lies outside the config's folder ([`Config::contains`]).
#[derive(Debug, thiserror::Error)]
#[error(
    "{config} names {path}, which is outside its folder: a config reads files of its own \
     repository only (give the path with a command-line flag instead)"
)]
pub struct OutsideFolder {
    pub config: String,
    pub path: String,
}

/// `./a/../b` style noise removed only at the front: `./crosscheck.toml` -> `crosscheck.toml`.
fn clean(p: &Path) -> PathBuf {
    p.strip_prefix(".").unwrap_or(p).to_path_buf()
}

impl Config {
    /// Checks that a file the config names (`rules`, `facts`) lies inside the config's folder,
    /// links resolved: a config is part of the repository it checks, and one changed in a pull
    /// request must not make crosscheck read (and quote, in its diagnostics) a file elsewhere
    /// on the machine that runs it. A path given on the command line is not checked.
    pub fn contains(&self, path: &Path) -> Result<(), OutsideFolder> {
        let root = if self.root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.root
        };
        let inside = match (root.canonicalize(), path.canonicalize()) {
            (Ok(r), Ok(p)) => p.starts_with(r),
            // A path that does not exist is reported by its loader.
            (_, Err(_)) => true,
            (Err(_), Ok(_)) => false,
        };
        if inside {
            Ok(())
        } else {
            Err(OutsideFolder {
                config: crate::printable::path(&self.path),
                path: crate::printable::path(path),
            })
        }
    }
}

/// Reads and validates a config file; every problem is a diagnostic at its line.
pub fn load(path: &Path) -> Result<Config, Vec<FileError>> {
    let display = crate::printable::path(path);
    let text = crate::fsio::read_text(path, crate::fsio::MAX_INPUT_BYTES).map_err(|e| {
        vec![FileError::new(
            &SourceFile {
                path: display.clone(),
                text: String::new(),
            },
            None,
            format!("cannot read config {display}: {e}"),
        )
        .in_file_kind(KIND)]
    })?;
    load_str(path, &text)
}

/// The diagnostic code of problems in a config file.
const KIND: FileKind = FileKind::Config;

/// Parses a config's text; `path` locates it (relative paths inside are joined to its folder).
pub fn load_str(path: &Path, text: &str) -> Result<Config, Vec<FileError>> {
    parse(path, text).map_err(|errors| errors.into_iter().map(|e| e.in_file_kind(KIND)).collect())
}

fn parse(path: &Path, text: &str) -> Result<Config, Vec<FileError>> {
    let file = SourceFile {
        path: crate::printable::path(path),
        text: text.to_string(),
    };
    let raw: RawConfig = toml::from_str(text)
        .map_err(|e| vec![toml_error(&file, &e, "config file", "docs/config.md")])?;
    let mut errors = Vec::new();
    let choice =
        |v: &Option<Spanned<String>>, allowed: &[&str], what: &str, errors: &mut Vec<FileError>| {
            let v = v.as_ref()?;
            if allowed.contains(&v.get_ref().as_str()) {
                Some(v.get_ref().clone())
            } else {
                errors.push(
                    FileError::new(
                        &file,
                        Some(v.span()),
                        format!("unknown {what} \"{}\"", v.get_ref()),
                    )
                    .help(format!("one of: {}", allowed.join(", "))),
                );
                None
            }
        };
    let fail_on = choice(&raw.fail_on, FAIL_LEVELS, "fail level", &mut errors);
    let format = choice(&raw.format, FORMATS, "format", &mut errors);
    let mut checks = Checks::default();
    if let Some(c) = &raw.checks {
        // What both checks share: a severity (or off) and a word minimum.
        let mut common = |r: &RawCheck, severity: &mut Option<Severity>, words: &mut usize| {
            if let Some(v) = &r.severity {
                *severity = choice(&Some(v.clone()), CHECK_SEVERITIES, "severity", &mut errors)
                    .map_or(*severity, |v| Severity::from_name(&v));
            }
            if let Some(v) = &r.min_words {
                *words = min_words(&file, v, &mut errors);
            }
        };
        if let Some(r) = &c.repeated_paragraph {
            let s = &mut checks.repeated_paragraph;
            common(r, &mut s.severity, &mut s.min_words);
        }
        if let Some(r) = &c.edited_copy {
            let s = &mut checks.edited_copy;
            common(r, &mut s.severity, &mut s.min_words);
        }
        if let Some(r) = &c.repeated_paragraph {
            let s = &mut checks.repeated_paragraph;
            if let Some(v) = &r.similarity {
                if (0.5..=1.0).contains(v.get_ref()) {
                    s.similarity = *v.get_ref();
                } else {
                    errors.push(
                        FileError::new(&file, Some(v.span()), "similarity out of range")
                            .help("a share of words alike, from 0.5 to 1 (1: exact repeats only)"),
                    );
                }
            }
        }
        if let Some(r) = &c.edited_copy {
            if let Some(v) = &r.similarity {
                errors.push(
                    FileError::new(
                        &file,
                        Some(v.span()),
                        "`similarity` is not a setting of edited-copy",
                    )
                    .help("edited-copy compares sentences word for word, figures aside"),
                );
            }
        }
    }
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let join = |p: &String| {
        let p = Path::new(p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            clean(&root.join(p))
        }
    };
    let join_all = |v: &Option<Vec<String>>| v.as_ref().map(|v| v.iter().map(join).collect());
    let config = Config {
        path: path.to_path_buf(),
        root: root.clone(),
        rules: join_all(&raw.rules),
        documents: join_all(&raw.documents),
        include: raw.include.unwrap_or_default(),
        exclude: raw.exclude.unwrap_or_default(),
        corpus: join_all(&raw.corpus),
        facts: raw.facts.as_ref().map(join),
        baseline: raw.baseline.as_ref().map(join),
        fail_on,
        format,
        checks,
    };
    let selection = crate::document::Selection {
        paths: Vec::new(),
        include: config.include.clone(),
        exclude: config.exclude.clone(),
        glob_root: config.root.clone(),
    };
    for e in selection.glob_errors() {
        errors.push(FileError::new(&file, None, e));
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// A check's `min_words`: at least 1 (a problem at its line otherwise).
fn min_words(file: &SourceFile, v: &Spanned<i64>, errors: &mut Vec<FileError>) -> usize {
    match usize::try_from(*v.get_ref()) {
        Ok(n) if n >= 1 => n,
        _ => {
            errors.push(
                FileError::new(file, Some(v.span()), "min_words must be at least 1")
                    .help("paragraphs or sentences with fewer words are not compared"),
            );
            1
        }
    }
}

/// The starter config `crosscheck init` writes.
pub const STARTER_CONFIG: &str = r#"# crosscheck configuration: found by walking up from the working directory.
# Paths are relative to this file. Flags on the command line override every setting.
# Reference: docs/config.md

# Rule files or folders of *.toml rule files.
rules = ["rules"]

# The documents checked: files or folders (folders are walked; .gitignore is respected).
documents = ["articles"]

# Which files in those folders are read (globs, gitignore syntax). Default: *.txt, *.md,
# *.markdown, *.text.
# include = ["*.md", "*.txt"]
# exclude = ["archive/**", "*.draft.md"]

# Published documents that drafts are compared against (`check DRAFT --corpus ...` does the
# same from the command line). Findings are reported only for the documents checked.
# corpus = ["published"]

# Verified values that outrank what the articles say (docs/facts.md).
# facts = "facts.toml"

# Accepted findings (`crosscheck check --write-baseline crosscheck-baseline.json`).
# baseline = "crosscheck-baseline.json"

# Lowest severity that fails the run: error, warning, note or never.
fail_on = "error"

# Output format: human, json, sarif, github, markdown or html.
format = "human"

# Editorial checks (docs/config.md): severity is error, warning, note or off.
# [checks.repeated-paragraph]
# severity = "warning"
# similarity = 0.9   # share of words alike for a near repeat; 1 = exact repeats only
# min_words = 8
# [checks.edited-copy]
# severity = "warning"
# min_words = 12
"#;

/// The example rule `crosscheck init` writes next to the config.
pub const STARTER_RULE: &str = r#"# An example claim rule (docs/rules.md). `crosscheck rules test` runs its examples.

[[claim]]
id = "staff-count"
title = "Number of staff"
unit = "number"
# {quantity} is any figure the quantity model reads: "about 1,200", "more than 1.2 thousand".
patterns = ['{quantity}\s+(?:staff|employees|people\s+work)']
severity = "error"
approximate = "note"

[[claim.example]]
text = "The ministry has about 1,200 staff."
interval = "[1140, 1260]"

[[claim.example]]
text = "More than 1,000 employees work there."

[[claim.counterexample]]
text = "The staff canteen opened in 1998."
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_files_are_valid() {
        let c = load_str(Path::new("crosscheck.toml"), STARTER_CONFIG).unwrap();
        assert_eq!(c.rules, Some(vec![PathBuf::from("rules")]));
        assert_eq!(c.fail_on.as_deref(), Some("error"));
        let rules = crate::rules::load_str("example.toml", STARTER_RULE).unwrap();
        for r in &rules {
            assert!(crate::extract::examples::run_examples(r).is_empty());
        }
    }

    #[test]
    fn paths_are_relative_to_the_config_folder() {
        let c = load_str(
            Path::new("../crosscheck.toml"),
            "rules = [\"rules\"]\nfacts = \"facts.toml\"\n",
        )
        .unwrap();
        assert_eq!(c.rules, Some(vec![PathBuf::from("../rules")]));
        assert_eq!(c.facts, Some(PathBuf::from("../facts.toml")));
    }

    #[test]
    fn bad_values_are_diagnostics_at_their_line() {
        let errs = load_str(
            Path::new("crosscheck.toml"),
            "rules = [\"r\"]\nfail_on = \"sometimes\"\nformat = \"xml\"\n",
        )
        .unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3]);
        let errs = load_str(Path::new("c.toml"), "rule = [\"r\"]\n").unwrap_err();
        assert!(
            errs[0].message.contains("unknown field"),
            "{}",
            errs[0].message
        );
    }
}
