//! `crosscheck quantity [--json] TEXT`: how the model reads a phrase.

use crosscheck::quantity;
use std::io;

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
    let text = super::text_arg(&a.text)?;
    let found = quantity::parse_with(
        &text,
        quantity::ParseOptions {
            tolerance: a.tolerance,
        },
    );
    let mut out = String::new();
    if a.json {
        out = serde_json::to_string_pretty(&found).map_err(io::Error::other)?;
        out.push('\n');
    } else {
        for q in &found {
            out.push_str(&format!("{q}\n"));
        }
    }
    super::emit(&out)?;
    Ok(0)
}
