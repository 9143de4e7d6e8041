//! The claim file example in docs/claims.md is in the format this crosscheck reads.

use crosscheck::interchange::{ClaimRecord, DocRecord, Header, FORMAT_VERSION};
use serde_json::Value;

#[test]
fn the_documented_claim_file_lines_are_read_by_this_version() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/claims.md"))
        .expect("docs/claims.md");
    let start = doc.find("```json\n").expect("a json example") + 8;
    let block = &doc[start..start + doc[start..].find("```").expect("closed")];
    let lines: Vec<Value> = block
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    let header: Header = serde_json::from_value(lines[0].clone()).expect("a header");
    assert_eq!(header.crosscheck_claims, FORMAT_VERSION);
    let doc_line = lines[1]["document"].to_string();
    let d: DocRecord = serde_json::from_str(&doc_line).expect("a document");
    let claim_line = lines[2]["claim"].to_string();
    let c: ClaimRecord = serde_json::from_str(&claim_line).expect("a claim");
    assert_eq!(
        (c.path.as_ref(), c.doc_hash.as_ref()),
        (d.path.as_ref(), d.hash.as_ref())
    );
    assert_eq!(
        &c.snippet.text[c.start - c.snippet.start..c.end - c.snippet.start],
        c.text
    );
}
