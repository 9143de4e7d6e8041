//! The names crosscheck gives its own checks and markers, shared by the modules that define,
//! refuse or honour them. A leaf: it imports nothing.

/// The word that opens a suppression marker (`<!-- crosscheck-ignore fdi-growth -- reason -->`).
pub const MARKER: &str = "crosscheck-ignore";

/// The id of the repeated-paragraph check.
pub const REPEATED_PARAGRAPH: &str = "repeated-paragraph";
/// The id of the edited-copy check.
pub const EDITED_COPY: &str = "edited-copy";
/// Every editorial check's id: claim rules may not use them.
pub const EDITORIAL: [&str; 2] = [REPEATED_PARAGRAPH, EDITED_COPY];

/// A check's title, as reports show it.
pub fn title(id: &str) -> &'static str {
    match id {
        REPEATED_PARAGRAPH => "Paragraph repeated within a document",
        _ => "Same sentence with different figures in two documents",
    }
}
