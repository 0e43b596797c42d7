//! Splits a content file into its header (before the first `##`) and its `##` sections.

use crate::parse::markdown::{Block, BlockKind};
use pulldown_cmark::HeadingLevel;

/// A `## id` heading and the blocks under it.
pub(crate) struct Section<'b, 'a> {
    pub heading: &'b Block<'a>,
    pub body: Vec<&'b Block<'a>>,
}

/// Header blocks and sections; HTML comments are dropped. Only `## ` (ATX) headings start a
/// section: a line underlined with `---` (a setext heading) stays in the body, where the deck
/// parser can explain it.
pub(crate) fn split_sections<'b, 'a>(
    src: &str,
    blocks: &'b [Block<'a>],
) -> (Vec<&'b Block<'a>>, Vec<Section<'b, 'a>>) {
    let mut header = Vec::new();
    let mut sections: Vec<Section<'b, 'a>> = Vec::new();
    for block in blocks.iter().filter(|b| !b.is_comment()) {
        if block.kind() == BlockKind::Heading(HeadingLevel::H2) && is_atx(src, block) {
            sections.push(Section { heading: block, body: Vec::new() });
        } else if let Some(last) = sections.last_mut() {
            last.body.push(block);
        } else {
            header.push(block);
        }
    }
    (header, sections)
}

/// A heading written with leading `#`s (not underlined).
pub(crate) fn is_atx(src: &str, block: &Block<'_>) -> bool {
    src.get(block.range.clone()).is_some_and(|t| t.trim_start().starts_with('#'))
}
