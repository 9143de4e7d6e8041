pub mod quantity;
pub mod document;
