//! `crosscheck init`, `crosscheck schema` and `crosscheck completions`: setting a project up.

use crosscheck::config::{STARTER_CONFIG, STARTER_RULE};
use crosscheck::fsio::write_new;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder to set up.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// Rule files (`[[claim]]` tables).
    Rules,
    /// The facts file (`[[fact]]` tables).
    Facts,
    /// crosscheck.toml.
    Config,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which file's schema.
    #[arg(value_enum, default_value_t = SchemaKind::Rules)]
    pub kind: SchemaKind,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

pub fn run_init(a: &InitArgs) -> io::Result<u8> {
    let mut err = io::stderr().lock();
    let config = a.dir.join("crosscheck.toml");
    let rule = a.dir.join("rules").join("example.toml");
    for existing in [&config, &a.dir.join(".crosscheck.toml")] {
        if existing.exists() {
            writeln!(
                err,
                "crosscheck: {} already exists; init never overwrites",
                existing.display()
            )?;
            return Ok(2);
        }
    }
    std::fs::create_dir_all(a.dir.join("rules"))?;
    std::fs::create_dir_all(a.dir.join("articles"))?;
    // Written only if absent, even if another process creates it meanwhile.
    if let Err(e) = write_new(&config, STARTER_CONFIG.as_bytes()) {
        writeln!(
            err,
            "crosscheck: cannot write {}: {e}; init never overwrites",
            config.display()
        )?;
        return Ok(2);
    }
    writeln!(err, "crosscheck: wrote {}", config.display())?;
    match write_new(&rule, STARTER_RULE.as_bytes()) {
        Ok(()) => writeln!(err, "crosscheck: wrote {}", rule.display())?,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(err, "crosscheck: kept {} as it is", rule.display())?
        }
        Err(e) => return Err(e),
    }
    writeln!(
        err,
        "crosscheck: put articles in {}, then run `crosscheck check`",
        a.dir.join("articles").display()
    )?;
    Ok(0)
}

pub fn run_schema(a: &SchemaArgs) -> io::Result<u8> {
    let kind = match a.kind {
        SchemaKind::Rules => "rules",
        SchemaKind::Facts => "facts",
        SchemaKind::Config => "config",
    };
    super::emit(&crosscheck::schema::render(kind).unwrap_or_default())?;
    Ok(0)
}

pub fn run_completions(a: &CompletionsArgs) -> io::Result<u8> {
    let mut cmd = <super::Args as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "crosscheck", &mut out);
    super::emit(&String::from_utf8_lossy(&out))?;
    Ok(0)
}
