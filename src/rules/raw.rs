//! The rule file as written: serde structs that mirror the TOML, with spans kept on every value
//! that validation may need to point at. Kept plain (no flattening or untagged enums) so that
//! spans survive deserialisation.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub claim: Vec<RawClaim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub unit: Spanned<String>,
    pub patterns: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pub context: Vec<Spanned<String>>,
    #[serde(default)]
    pub document_context: Vec<Spanned<String>>,
    #[serde(default)]
    pub keys: Option<Spanned<BTreeMap<String, Vec<Spanned<String>>>>>,
    #[serde(default)]
    pub default_key: Option<Spanned<String>>,
    #[serde(default)]
    pub period: Option<Spanned<String>>,
    #[serde(default)]
    pub subject: Option<Spanned<String>>,
    #[serde(default)]
    pub cumulative: Option<bool>,
    #[serde(default)]
    pub drift: Option<Spanned<f64>>,
    #[serde(default)]
    pub severity: Option<Spanned<String>>,
    #[serde(default)]
    pub approximate: Option<Spanned<String>>,
    #[serde(default)]
    pub tolerance: Option<Spanned<f64>>,
    #[serde(default)]
    pub enumeration: Option<bool>,
    #[serde(default)]
    pub case_sensitive: Option<bool>,
    #[serde(default)]
    pub example: Vec<RawExample>,
    #[serde(default)]
    pub counterexample: Vec<RawCounterexample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub text: Spanned<String>,
    #[serde(default)]
    pub interval: Option<Spanned<String>>,
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    #[serde(default)]
    pub items: Option<Spanned<usize>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCounterexample {
    pub text: Spanned<String>,
}
