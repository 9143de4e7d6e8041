//! crosscheck: checks facts for consistency across articles.
//!
//! The data flows one way, and the modules follow it:
//!
//! ```text
//! document (files, metadata, sentences)
//!   -> extract (rules + quantity model -> claims with spans)
//!   -> checks: compare (groups, interval logic, consensus, typos), editorial, facts -> finding
//!   -> suppress -> pipeline (a run's corpus, judged)
//!   -> report (human, json, sarif, github, markdown, html)
//! ```
//!
//! ARCHITECTURE.md maps the layers and their invariants; `tests/architecture.rs` checks them.
//!
//! [`engine`] runs extraction over many files in parallel and keeps only claims; [`interchange`]
//! writes and reads claims as JSON lines, so extraction can be split across machines; [`cache`]
//! keeps each document's claims by content hash and rule-pack hash.

pub mod cache;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod editorial;
pub mod engine;
pub mod entities;
pub mod extract;
pub mod facts;
pub mod finding;
pub mod fsio;
pub mod git;
pub mod ids;
pub mod interchange;
pub mod markup;
pub mod pipeline;
pub mod printable;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod suppress;
pub mod text;

pub use pipeline::{
    check, check_with, judge, judge_releasing_claims, Corpus, DocInfo, Options, Outcome, Quiet,
};
