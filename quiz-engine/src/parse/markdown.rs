//! pulldown-cmark plumbing: top-level blocks with their byte ranges, line numbers, rendering.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The Markdown extensions the course uses (the same set mdBook turns on).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Maps byte offsets of one source text to 1-based line numbers.
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(src: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

pub(crate) type Spanned<'a> = (Event<'a>, Range<usize>);

/// One top-level block: its events (including its own start and end) and where it sits.
pub(crate) struct Block<'a> {
    pub range: Range<usize>,
    pub events: Vec<Spanned<'a>>,
}

/// What a top-level block is, as far as the content formats care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading(HeadingLevel),
    Paragraph,
    List { ordered: bool },
    BlockQuote,
    Html,
    Other,
}

impl<'a> Block<'a> {
    pub(crate) fn kind(&self) -> BlockKind {
        match self.events.first().map(|(e, _)| e) {
            Some(Event::Start(Tag::Heading { level, .. })) => BlockKind::Heading(*level),
            Some(Event::Start(Tag::Paragraph)) => BlockKind::Paragraph,
            Some(Event::Start(Tag::List(first))) => BlockKind::List { ordered: first.is_some() },
            Some(Event::Start(Tag::BlockQuote(_))) => BlockKind::BlockQuote,
            Some(Event::Start(Tag::HtmlBlock)) | Some(Event::Html(_)) => BlockKind::Html,
            _ => BlockKind::Other,
        }
    }

    /// A short name for error messages.
    pub(crate) fn describe(&self) -> String {
        match self.kind() {
            BlockKind::Heading(level) => format!("heading ({})", "#".repeat(level as usize)),
            BlockKind::Paragraph => "paragraph".into(),
            BlockKind::List { ordered: true } => "numbered list".into(),
            BlockKind::List { ordered: false } => "list".into(),
            BlockKind::BlockQuote => "`>` quote".into(),
            BlockKind::Html => "HTML block".into(),
            BlockKind::Other => "block".into(),
        }
    }

    /// An HTML comment block, which the formats ignore.
    pub(crate) fn is_comment(&self) -> bool {
        self.kind() == BlockKind::Html
            && self.events.iter().all(|(e, _)| match e {
                Event::Html(h) => h.trim().is_empty() || h.trim_start().starts_with("<!--"),
                _ => true,
            })
    }

    /// The events between the block's own start and end.
    pub(crate) fn inner(&self) -> &[Spanned<'a>] {
        let n = self.events.len();
        if n >= 2 { &self.events[1..n - 1] } else { &[] }
    }

    /// Text of a heading (or any block) without markup.
    pub(crate) fn plain_text(&self) -> String {
        plain_text(&self.events)
    }

    /// A thematic break (`---` after a blank line).
    pub(crate) fn is_rule(&self) -> bool {
        matches!(self.events.as_slice(), [(Event::Rule, _)])
    }

    /// A task list (`- [x]` / `- [ ]`)?
    pub(crate) fn is_task_list(&self) -> bool {
        matches!(self.kind(), BlockKind::List { ordered: false })
            && self.events.iter().any(|(e, _)| matches!(e, Event::TaskListMarker(_)))
    }
}

/// Splits `src` into top-level blocks.
pub(crate) fn blocks(src: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Vec<Spanned<'_>> = Vec::new();
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        let opens = matches!(event, Event::Start(_));
        let closes = matches!(event, Event::End(_));
        if opens {
            depth += 1;
        }
        if closes {
            depth = depth.saturating_sub(1);
        }
        current.push((event, range));
        if depth == 0 {
            let events = std::mem::take(&mut current);
            let start = events.first().map_or(0, |(_, r)| r.start);
            let end = events.iter().map(|(_, r)| r.end).max().unwrap_or(start);
            out.push(Block { range: start..end, events });
        }
    }
    out
}

/// Renders events to HTML, trimmed.
pub(crate) fn render<'a>(events: impl IntoIterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out.trim().to_string()
}

/// Renders whole blocks to HTML.
pub(crate) fn render_blocks(blocks: &[&Block<'_>]) -> String {
    render(blocks.iter().flat_map(|b| b.events.iter().map(|(e, _)| e.clone())))
}

/// Text content without markup (code spans keep their text).
pub(crate) fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut out = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}
