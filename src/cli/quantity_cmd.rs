//! `crosscheck quantity [--json] TEXT`: how the model reads a phrase.

use crosscheck::quantity;
use std::io::{self, BufRead, Write};

#[derive(Debug, clap::Args)]
pub struct QuantityArgs {
    /// Print a JSON array instead of one line per quantity.
    #[arg(long)]
    pub json: bool,
    /// Approximation tolerance for hedges such as "about" (0.05 = 5%).
    #[arg(long, default_value_t = quantity::DEFAULT_TOLERANCE, value_parser = parse_tolerance)]
    pub tolerance: f64,
    /// The text to read; `-` reads standard input.
    pub text: String,
}

fn parse_tolerance(s: &str) -> Result<f64, String> {
    let t: f64 = s.parse().map_err(|_| format!("not a number: {s}"))?;
    if (0.0..1.0).contains(&t) {
        Ok(t)
    } else {
        Err("tolerance must be in [0, 1)".into())
    }
}

pub fn run(a: &QuantityArgs) -> io::Result<u8> {
    let options = quantity::ParseOptions {
        tolerance: a.tolerance,
    };
    if a.text == "-" {
        return stream(a.json, options);
    }
    let found = quantity::parse_with(&a.text, options);
    let mut out = Vec::new();
    let mut list = Listing::new(a.json);
    list.items(&found, 0, &mut out)?;
    list.end(&mut out)?;
    super::emit(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

/// How much standard input is read at a time: whole paragraphs (or lines) up to about this
/// many bytes, so any input is read in bounded memory.
const BATCH: usize = 1 << 20;

/// Reads standard input a batch of whole paragraphs at a time (a figure never spans a blank
/// line; a batch without one ends at a line break, or at a space in a line longer than a
/// batch), printing each batch's figures with their offsets in the whole input.
fn stream(json: bool, options: quantity::ParseOptions) -> io::Result<u8> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut list = Listing::new(json);
    let mut buf: Vec<u8> = Vec::with_capacity(2 * BATCH);
    let mut base = 0usize;
    let mut eof = false;
    while !eof || !buf.is_empty() {
        while !eof && buf.len() < BATCH {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                eof = true;
                break;
            }
            let n = chunk.len();
            buf.extend_from_slice(chunk);
            input.consume(n);
        }
        let cut = if eof { buf.len() } else { batch_end(&buf) };
        let text = String::from_utf8_lossy(&buf[..cut]);
        let found = quantity::parse_with(&text, options);
        list.items(&found, base, &mut out)?;
        base += cut;
        buf.drain(..cut);
    }
    list.end(&mut out)?;
    out.flush()?;
    Ok(0)
}

/// Where a batch of `buf` (at least [`BATCH`] bytes, more input to come) ends: after its last
/// blank line, else its last line break, else its last space, else at a character boundary.
fn batch_end(buf: &[u8]) -> usize {
    let head = &buf[..buf.len().min(2 * BATCH)];
    if let Some(i) = memchr::memmem::rfind(head, b"\n\n") {
        return i + 2;
    }
    if let Some(i) = memchr::memrchr(b'\n', head) {
        return i + 1;
    }
    if let Some(i) = memchr::memrchr(b' ', head) {
        return i + 1;
    }
    // Not inside a UTF-8 sequence: back off continuation bytes.
    let mut i = head.len();
    while i > 1 && (head[i - 1] & 0xC0) == 0x80 {
        i -= 1;
    }
    i.saturating_sub(1).max(1)
}

/// Figures printed as they come: a line each, or the items of one JSON array.
struct Listing {
    json: bool,
    first: bool,
}

impl Listing {
    fn new(json: bool) -> Listing {
        Listing { json, first: true }
    }

    /// Prints `found`, whose offsets are into a text that starts at `base` of the input.
    fn items(
        &mut self,
        found: &[quantity::Quantity],
        base: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for q in found {
            if !self.json {
                writeln!(out, "{q}")?;
                continue;
            }
            let mut q = q.clone();
            q.start += base;
            q.end += base;
            // As `to_string_pretty` prints an array: each item indented by two spaces.
            let item = serde_json::to_string_pretty(&q).map_err(io::Error::other)?;
            out.write_all(if self.first { b"[\n" } else { b",\n" })?;
            for (k, line) in item.lines().enumerate() {
                if k > 0 {
                    out.write_all(b"\n")?;
                }
                write!(out, "  {line}")?;
            }
            self.first = false;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.json {
            return Ok(());
        }
        out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })
    }
}
