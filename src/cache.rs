//! The claim cache (`--cache DIR`): each document's claims, keyed by the document's content
//! hash under a folder named by the rule-pack hash.
//!
//! ```text
//! DIR/claims-v1/<rules hash>/<first 2 hex digits>/<content hash>.json
//! ```
//!
//! A file whose content is unchanged is read and hashed but not scanned; an edited rule file,
//! or another crosscheck version, changes the rules hash and so starts a fresh folder. Entries
//! do not name their document: two files with the same text share one. A damaged entry is a
//! miss and is rewritten. Entries are written to a temporary file (created exclusively, removed
//! if the write fails) and renamed, so concurrent runs sharing a cache never read half an
//! entry and a full disk leaves no temporary files behind.

use crate::document::Date;
use crate::editorial::Repeat;
use crate::extract::Claim;
use crate::interchange::{rules_hash, ClaimRecord, FORMAT_VERSION};
use crate::pipeline::DocInfo;
use crate::rules::RuleSet;
use crate::settings::Checks;
use crate::suppress::Marker;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// A cache folder opened for one rule pack.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
}

/// The largest cache entry read: a document's claims, far beyond any real document's.
const MAX_ENTRY_BYTES: u64 = 512 << 20;

/// What the cache keeps of a document: everything its claims and markers need, but its path.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry<'a> {
    bytes: usize,
    date: Option<String>,
    markers: Vec<Marker>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    repeats: Vec<Repeat>,
    #[serde(borrow)]
    claims: Vec<ClaimRecord<'a>>,
}

impl Cache {
    /// Opens (creating it if needed) the cache under `root` for `rules` and `checks`.
    pub fn open(root: &Path, rules: &RuleSet, checks: &Checks) -> io::Result<Cache> {
        let dir = root
            .join(format!("claims-v{FORMAT_VERSION}"))
            .join(rules_hash(rules, checks));
        std::fs::create_dir_all(&dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot create cache folder {}: {e}", dir.display()),
            )
        })?;
        Ok(Cache { dir })
    }

    /// The folder entries go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_path(&self, hash: &str) -> PathBuf {
        let shard = hash.get(..2).unwrap_or("00");
        self.dir.join(shard).join(format!("{hash}.json"))
    }

    /// The document with content `hash`, shown as `path`, if the cache has it: its info and its
    /// claims placed in document `doc`.
    pub fn get(
        &self,
        hash: &str,
        path: &str,
        corpus: bool,
        doc: usize,
        rules: &RuleSet,
    ) -> Option<(DocInfo, Vec<Claim>)> {
        // An entry that is not a regular file of a sane size (a link to `/dev/zero` planted in
        // the cache folder) is a miss.
        let text = crate::fsio::read_text(&self.entry_path(hash), MAX_ENTRY_BYTES).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        let date = match &entry.date {
            None => None,
            Some(d) => Some(Date::parse(d)?),
        };
        let shared: std::sync::Arc<str> = std::sync::Arc::from(path);
        let claims = entry
            .claims
            .into_iter()
            .map(|c| {
                let mut claim = c.into_claim(rules, doc, shared.clone()).ok()?;
                claim.date = date.map(crate::extract::date_code);
                Some(claim)
            })
            .collect::<Option<Vec<Claim>>>()?;
        let info = DocInfo {
            path: path.to_string(),
            hash: hash.to_string(),
            bytes: entry.bytes,
            date,
            corpus,
            markers: entry.markers,
            repeats: entry.repeats,
        };
        Some((info, claims))
    }

    /// Stores a document's claims under its content hash.
    pub fn put(&self, info: &DocInfo, claims: &[Claim], rules: &RuleSet) -> io::Result<()> {
        let entry = Entry {
            bytes: info.bytes,
            date: info.date.map(|d| d.to_string()),
            markers: info.markers.clone(),
            repeats: info.repeats.clone(),
            claims: claims
                .iter()
                .map(|c| {
                    let mut r = ClaimRecord::of(c, &info.hash, rules);
                    r.path = "".into();
                    r
                })
                .collect(),
        };
        let path = self.entry_path(&info.hash);
        let dir = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_string(&entry).map_err(io::Error::other)?;
        crate::fsio::write_atomic_unsynced(&path, json.as_bytes())
    }
}
