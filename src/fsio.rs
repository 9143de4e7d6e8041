//! Files read and written safely, whoever controls the folders they are in.
//!
//! - Every file crosscheck writes goes through a temporary file created exclusively (never
//!   opened through a planted link) in the target's own folder, then renamed over the target
//!   (or linked, for a file that must not exist yet). A failed write removes the temporary
//!   file: a full disk leaves nothing behind, and the previous file stays whole.
//! - Every input that is not a document (rules, config, facts, a baseline, a cache entry, a
//!   claim file) is opened without blocking and read only if it is a regular file, and up to a
//!   size limit: `/dev/zero`, a named pipe or a 10 GB file is a clear error, not a hang or an
//!   exhausted memory.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The largest rule, config, facts or baseline file read: far beyond any real one.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Opens `path` for reading if it is a regular file (following links). A named pipe is opened
/// without blocking, so it is refused instead of waiting for a writer.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::other("a folder where a file was expected"));
    }
    if !meta.is_file() {
        return Err(io::Error::other(
            "not a regular file (a pipe, socket or device): not read",
        ));
    }
    Ok(file)
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_large(len, limit));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Never more than the limit, even if the file grows while it is read.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (byte {} is not)",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn too_large(bytes: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{bytes} bytes or more, over the limit of {limit}"),
    )
}

/// A file being written in place of `target`: its bytes go to a temporary file beside it,
/// which [`AtomicFile::commit`] renames over the target. Dropped without a commit (an error,
/// a panic), the temporary file is removed and the target left as it was.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl AtomicFile {
    /// Creates the temporary file in `target`'s folder (the same file system, so the rename is
    /// atomic), exclusively: an existing file or link of its name is never opened.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // As a new file would be made: read and write for all, less the umask (a temporary
        // file is otherwise private, and the report or baseline would stay so).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        Ok(AtomicFile {
            temp: builder.tempfile_in(dir)?,
            target: target.to_path_buf(),
        })
    }

    /// Flushes the bytes to disk and renames the file over the target.
    pub fn commit(self) -> io::Result<()> {
        self.temp.as_file().sync_all()?;
        self.temp
            .persist(&self.target)
            .map(drop)
            .map_err(|e| e.error)
    }

    /// Flushes the bytes to disk and links the file under the target, which must not exist
    /// (even one that appeared a moment ago is never replaced).
    pub fn commit_new(self) -> io::Result<()> {
        self.temp.as_file().sync_all()?;
        self.temp
            .persist_noclobber(&self.target)
            .map(drop)
            .map_err(|e| e.error)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}

/// Writes `contents` to `path` atomically: a reader sees the old file or the new one, never
/// half of one, and a failed write leaves no temporary file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)?;
    f.commit()
}

/// [`write_atomic`] without flushing to disk first: for files that may be lost (a cache entry,
/// which is rebuilt when missing or damaged) and are written by the thousand, where a flush
/// each would cost more than the scan.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)?;
    f.temp.persist(&f.target).map(drop).map_err(|e| e.error)
}

/// Writes a new file atomically and never replaces one: fails with `AlreadyExists` if `path`
/// exists (a file, a folder or a link, even a dangling one).
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "already exists",
        ));
    }
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)?;
    f.commit_new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("crosscheck.toml");
        write_new(&p, b"first").unwrap();
        let e = write_new(&p, b"second").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "first");
        assert_eq!(entries(dir.path()), ["crosscheck.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("baseline.json");
        // The old scheme's predictable temporary names, all linked to the victim.
        for pid in [std::process::id(), 1, 2] {
            std::os::unix::fs::symlink(
                &victim,
                dir.path().join(format!(".baseline.json.{pid}.tmp")),
            )
            .unwrap();
        }
        write_atomic(&target, b"{}").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "{}");
        // A link planted at the target itself is replaced, not followed.
        let link = dir.path().join("report.txt");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomic(&link, b"report").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
        // And write_new refuses a dangling link.
        let dangling = dir.path().join("new.toml");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert_eq!(
            write_new(&dangling, b"x").unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn an_uncommitted_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        std::fs::write(&target, "old report").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"half a rep").unwrap();
            // Dropped: an error stopped the report.
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old report");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn only_bounded_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let e = read_text(dir.path(), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
        // A named pipe with no writer: refused at once, not waited on.
        let fifo = dir.path().join("rules.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo on this machine: the pipe case cannot be set up.
        }
        let e = read_text(&fifo, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; 2000]).unwrap();
        let e = read_text(&big, 1000).unwrap_err();
        assert!(e.to_string().contains("over the limit of 1000"), "{e}");
        assert_eq!(read_text(&big, 2000).unwrap().len(), 2000);
    }
}
