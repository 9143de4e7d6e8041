//! The files git says changed since a reference: what `check --changed-from REF` treats as
//! drafts. Compared from the merge base of REF and HEAD (what a pull request changes, not
//! what the base branch gained since), to the working tree, plus untracked files that are
//! not ignored. Deleted files are left out.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the changed files could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Spawn(std::io::Error),
    /// A git command failed; `stderr` is what it said.
    #[error("git {command} failed: {stderr}")]
    Failed { command: String, stderr: String },
    #[error("`{0}` is not a commit in this repository")]
    NotACommit(String),
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .args(args)
        .output()
        .map_err(GitError::Spawn)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed {
            command: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
}

/// What changed since a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Canonical paths of the changed files.
    pub files: Vec<PathBuf>,
    /// Set when REF and HEAD have no merge base (a shallow clone, unrelated histories): the
    /// files were compared with REF itself, so changes made on REF's side count as changed.
    pub no_merge_base: bool,
}

/// The files changed since `reference`, for the repository holding `dir`.
pub fn changed_files(dir: &Path, reference: &str) -> Result<Changed, GitError> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let rev = format!("{reference}^{{commit}}");
    git(dir, &["rev-parse", "--verify", "--quiet", &rev])
        .map_err(|_| GitError::NotACommit(reference.to_string()))?;
    // The merge base when there is one (a branch compared to its base); else the ref itself.
    let merge_base = git(dir, &["merge-base", reference, "HEAD"])
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .ok();
    let no_merge_base = merge_base.is_none();
    let base = merge_base.unwrap_or_else(|| reference.to_string());
    let diff = git(
        &top,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "--diff-filter=d",
            "-z",
            &base,
            "--",
        ],
    )?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    let mut files: Vec<PathBuf> = lines(&diff)
        .chain(lines(&untracked))
        .filter_map(|p| top.join(p).canonicalize().ok())
        .collect();
    files.sort();
    files.dedup();
    Ok(Changed {
        files,
        no_merge_base,
    })
}
