//! Parsers for the authoring format: banks, blueprints, decks, and the lesson pages they link.

mod bank;
mod bodies;
mod items;
pub(crate) mod markdown;
pub(crate) mod meta;
mod sections;

pub use bank::parse_bank;
pub(crate) use items::{RawItem, list_items};
pub(crate) use sections::{Section, is_atx, split_sections};
