//! List items of option lists: the checkbox, the option text and the `>` explanation under it.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::parse::markdown::{Block, Lines, plain_text, render};

/// One list item as written.
pub(crate) struct RawItem {
    pub line: usize,
    /// `Some(true)` for `[x]`, `Some(false)` for `[ ]`, `None` for a plain item.
    pub checked: Option<bool>,
    /// The item text as HTML.
    pub html: String,
    /// The item text without markup.
    pub plain: String,
    /// The indented `>` quotes, as HTML.
    pub explanation: Option<String>,
}

/// The items of a top-level list block.
pub(crate) fn list_items(lines: &Lines, list: &Block<'_>) -> Vec<RawItem> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut quote_depth: Option<usize> = None;
    let mut text = Vec::new();
    let mut quote = Vec::new();
    let mut quotes: Vec<String> = Vec::new();
    let mut checked = None;
    let mut line = 0;
    for (event, range) in list.inner() {
        match event {
            Event::Start(Tag::Item) if depth == 0 => {
                depth = 1;
                line = lines.line(range.start);
                checked = None;
                text.clear();
                quotes.clear();
                continue;
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                depth = 0;
                let html = render(text.iter().map(|(e, _): &(Event<'_>, _)| e.clone()));
                out.push(RawItem {
                    line,
                    checked,
                    plain: plain_text(&text),
                    html,
                    explanation: (!quotes.is_empty()).then(|| quotes.join("\n")),
                });
                continue;
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::BlockQuote(_)) if quote_depth.is_none() && depth == 1 => {
                quote_depth = Some(depth);
                depth += 1;
                quote.clear();
                continue;
            }
            Event::End(TagEnd::BlockQuote(_)) if quote_depth.is_some_and(|d| d + 1 == depth) => {
                depth -= 1;
                quote_depth = None;
                quotes.push(render(quote.drain(..)));
                continue;
            }
            Event::TaskListMarker(c) if quote_depth.is_none() => {
                checked = Some(*c);
                continue;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if quote_depth.is_some() {
            quote.push(event.clone());
        } else {
            text.push((event.clone(), range.clone()));
        }
    }
    out
}
