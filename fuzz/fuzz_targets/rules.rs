//! Arbitrary bytes, read as lossy UTF-8, as a rule file: loading must never panic, every
//! error must render (Display, Debug, and miette's graphical report as the CLI draws it), and
//! every pattern it accepts must compile (patterns are compiled on first use).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::fmt::Write as _;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = crosscheck::rules::load_str("fuzz.toml", &text);
    if let Ok(rules) = &loaded {
        for r in rules {
            for p in r.patterns.iter().chain(&r.exclude) {
                let _ = p.regex();
            }
        }
    }
    if let Err(errors) = loaded {
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_links(false)
                .with_width(100);
        for e in &errors {
            let mut s = String::new();
            let _ = write!(s, "{e}");
            let _ = write!(s, "{e:?}");
            let _ = handler.render_report(&mut s, e);
        }
    }
});
