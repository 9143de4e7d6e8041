//! The layering ARCHITECTURE.md describes, checked against the code: every module of the
//! library imports only modules of the layers below its own, so data flows one way and there
//! is no import cycle. The check reads the `crate::` paths of `src/` (test modules and comments
//! left out), as a reviewer would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's modules, lowest layer first. A module may import the modules of earlier
/// layers only; modules of one layer do not import each other.
const LAYERS: &[&[&str]] = &[
    // Leaves: text spans and offsets, names, files, terminal output, git, input-file
    // diagnostics.
    &["text", "ids", "fsio", "printable", "git", "diagnostic"],
    // Reading markup, then decoding entities in it.
    &["markup"],
    &["entities"],
    // The quantity model.
    &["quantity"],
    // What checks report.
    &["finding"],
    // The editorial checks' settings (plain data).
    &["settings"],
    // Documents: text, metadata, sentences. Nothing of checks.
    &["document"],
    // Rules: loading, checking and relaxing patterns.
    &["rules"],
    // Extraction: rules + quantity model -> claims.
    &["extract"],
    // Checks on claims and documents.
    &["facts", "editorial"],
    &["compare"],
    // Suppression: markers and the baseline.
    &["suppress"],
    // A run's corpus and judging it.
    &["pipeline"],
    // Claims as files, the cache, the parallel scan.
    &["interchange"],
    &["cache"],
    &["engine"],
    // Configuration and its schema.
    &["config"],
    &["schema"],
    // Reports: they render findings and groups, never compare.
    &["report"],
];

/// Modules a layer may not import even though they are below it.
const FORBIDDEN: &[(&str, &str, &str)] = &[
    (
        "report",
        "compare",
        "reports never compare: findings carry claim and group ids",
    ),
    (
        "report",
        "editorial",
        "reports never run checks: findings carry what they show",
    ),
    (
        "document",
        "suppress",
        "the document knows nothing of checks",
    ),
    (
        "rules",
        "settings",
        "rules carry no editorial settings: they travel beside the rule set",
    ),
    (
        "extract",
        "settings",
        "extraction knows nothing of the editorial checks",
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a library file belongs to (`None` for the crate root and the binary).
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    match name.as_str() {
        "lib" | "main" | "cli" => None,
        _ => Some(name),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments and without its `#[cfg(test)]` items (tests may reach
/// anywhere; the layering is about what the library needs).
fn code(text: &str) -> String {
    let mut out = String::new();
    // Inside a test item: the depth of braces still open, once its first brace is seen.
    let mut skipping: Option<(usize, bool)> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        // A trailing comment: cut at `//` after a space (no `crate::` path lives in a string
        // of this code base; `imports_are_read_from_every_form_of_path` covers the cut).
        let line = &line[..line.find(" //").unwrap_or(line.len())];
        if skipping.is_none() && t.starts_with("#[cfg(test)]") {
            skipping = Some((0, false));
            continue;
        }
        if let Some((depth, opened)) = skipping.as_mut() {
            for ch in line.chars() {
                match ch {
                    '{' => {
                        *depth += 1;
                        *opened = true;
                    }
                    '}' => *depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            // An item without braces (`use`, `const`) ends at its semicolon.
            if (*opened && *depth == 0) || (!*opened && line.trim_end().ends_with(';')) {
                skipping = None;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules `code` names through `crate::`: `crate::a::B`, `crate::{a, b::C}`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        // `crosscheck::` paths do not occur in the library; `$crate::` would be a macro.
        if let Some(group) = after.strip_prefix('{') {
            let end = after.find('}').unwrap_or(after.len());
            // Items at the top level of the group: the first identifier of each.
            let mut depth = 0;
            let mut item = String::new();
            for ch in group.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        push_first(&item, &mut out);
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(ch);
                }
            }
            push_first(&item, &mut out);
            rest = &after[end.min(after.len())..];
        } else {
            push_first(after, &mut out);
            rest = after;
        }
    }
    out
}

fn push_first(path: &str, out: &mut BTreeSet<String>) {
    let ident: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if !ident.is_empty() && ident != "self" {
        out.insert(ident);
    }
}

/// Module -> the modules it imports, with a file that does, for messages.
fn graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut g: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for f in files {
        let Some(m) = module_of(&f) else { continue };
        let text = std::fs::read_to_string(&f).unwrap();
        let entry = g.entry(m.clone()).or_default();
        for dep in imports(&code(&text)) {
            if dep != m {
                entry.entry(dep).or_insert_with(|| f.clone());
            }
        }
    }
    g
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

#[test]
fn every_module_has_a_layer() {
    let g = graph();
    let unplaced: Vec<&String> = g.keys().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS (and ARCHITECTURE.md): {unplaced:?}"
    );
    for layer in LAYERS {
        for m in *layer {
            assert!(
                g.contains_key(*m),
                "LAYERS names `{m}`, which is not a module of src/"
            );
        }
    }
}

#[test]
fn modules_import_only_the_layers_below_them() {
    let mut wrong = Vec::new();
    for (m, deps) in graph() {
        let Some(own) = layer_of(&m) else { continue };
        for (dep, file) in deps {
            let Some(theirs) = layer_of(&dep) else {
                continue;
            };
            if theirs >= own {
                wrong.push(format!(
                    "{} imports `{dep}` (layer {theirs}) from `{m}` (layer {own})",
                    file.display()
                ));
            }
            if let Some((_, _, why)) = FORBIDDEN.iter().find(|(a, b, _)| *a == m && *b == dep) {
                wrong.push(format!("{} imports `{dep}`: {why}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

/// Independent of the layer table: no chain of imports leads back to where it started.
#[test]
fn there_is_no_import_cycle() {
    let g = graph();
    // Depth-first search with colours; reports the first cycle found, as a path.
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeMap<String, PathBuf>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let from = path.iter().position(|p| *p == m).unwrap_or(0);
                let mut cycle: Vec<String> = path[from..].iter().map(|s| s.to_string()).collect();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(m, 1);
        path.push(m);
        if let Some(deps) = g.get(m) {
            for d in deps.keys() {
                if g.contains_key(d) {
                    if let Some(c) = visit(d, g, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(m, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(m, &g, &mut state, &mut path) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

/// The crate root declares modules and re-exports; the pipeline's code lives in `pipeline`.
#[test]
fn the_crate_root_holds_no_code() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    for line in code(&lib).lines() {
        let t = line.trim();
        let allowed = t.is_empty()
            || t.starts_with("pub mod ")
            || t.starts_with("mod ")
            || t.starts_with("pub use ")
            || t.starts_with('#')
            || t.ends_with(',')
            || t == "};";
        assert!(allowed, "src/lib.rs holds code: `{t}`");
    }
}

/// The reader of imports itself, on the forms the code base uses.
#[test]
fn imports_are_read_from_every_form_of_path() {
    let code = code(
        "use crate::text::{Excerpt, Snippet};\n\
         use crate::{compare, text::saturating_u32};\n\
         // use crate::report;\n\
         let x = crate::quantity::parse(s); // crate::config\n\
         use crate::finding::{self, Finding};\n\
         #[cfg(test)]\n\
         mod tests {\n    use crate::pipeline;\n    fn f() { crate::engine::scan(); }\n}\n\
         #[cfg(test)]\n\
         use crate::cache;\n\
         fn g() { crate::interchange::x() }\n",
    );
    let got: Vec<String> = imports(&code).into_iter().collect();
    assert_eq!(
        got,
        ["compare", "finding", "interchange", "quantity", "text"]
    );
}

/// Only the binary tunes the allocator: the library calls no glibc allocator function.
#[test]
fn the_library_never_tunes_the_allocator() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for f in files.iter().filter(|f| module_of(f).is_some()) {
        let text = std::fs::read_to_string(f).unwrap();
        for call in [
            "malloc_trim",
            "mallopt",
            "malloc_stats",
            "#[global_allocator]",
        ] {
            assert!(
                !code(&text).contains(call),
                "{} tunes the allocator ({call}); only the binary may",
                f.display()
            );
        }
    }
}
