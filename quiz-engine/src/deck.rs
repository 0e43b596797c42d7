//! Flashcard decks: `content/decks/<deck>.md`. Each `## card-id` section has an optional
//! `lesson:` line, the front (any Markdown) and the back: everything after a `---` line, or a
//! final `>` quote.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::parse::markdown::{Block, BlockKind, Lines, blocks, render, render_blocks};
use crate::parse::meta::{self, file_stem, get, looks_like_meta, valid_id};
use crate::parse::{is_atx, split_sections};
use crate::question::{LessonLink, Pos};

/// A deck of cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deck {
    pub id: String,
    pub title: String,
    pub cards: Vec<Card>,
    #[serde(skip)]
    pub pos: Pos,
}

/// One card: front and back as HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    pub deck: String,
    pub front: String,
    pub back: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonLink>,
    #[serde(skip)]
    pub pos: Pos,
    #[serde(skip)]
    pub lesson_pos: Pos,
}

const HEADER_KEYS: &[&str] = &["deck", "title", "lesson"];
const CARD_KEYS: &[&str] = &["lesson"];

/// Front blocks and the back as HTML: the back is what follows a `---` line, or else a final
/// `>` quote. A back that is one `>` quote is rendered without the quote.
fn split_card<'b, 'a>(body: &'b [&'b Block<'a>]) -> Option<(&'b [&'b Block<'a>], String)> {
    let unquote = |blocks: &[&Block<'_>]| match blocks {
        [quote] if quote.kind() == BlockKind::BlockQuote => {
            render(quote.inner().iter().map(|(e, _)| e.clone()))
        }
        _ => render_blocks(blocks),
    };
    if let Some(rule) = body.iter().position(|b| b.is_rule()) {
        let back = &body[rule + 1..];
        return (!back.is_empty()).then(|| (&body[..rule], unquote(back)));
    }
    match body.split_last() {
        Some((last, front)) if last.kind() == BlockKind::BlockQuote => Some((front, unquote(&[*last]))),
        _ => None,
    }
}

/// Parses a deck file.
pub fn parse_deck(file: &str, src: &str) -> Result<Deck, Vec<Error>> {
    let lines = Lines::new(src);
    let blocks = blocks(src);
    let (header, sections) = split_sections(src, &blocks);
    let mut errors = Vec::new();
    let err = |line: usize, kind: ErrorKind| Error::new(file, line, kind);
    let mut entries = Vec::new();
    for (i, block) in header.iter().enumerate() {
        if i == 0 && looks_like_meta(src, block) {
            entries = meta::parse(file, src, &lines, block, HEADER_KEYS, &[], &mut errors);
        } else {
            errors.push(err(
                lines.line(block.range.start),
                ErrorKind::Unexpected {
                    found: block.describe(),
                    hint: "a deck starts with `key: value` lines (deck, title, lesson), then `## card-id` sections".into(),
                },
            ));
        }
    }
    let expected = file_stem(file).to_string();
    let id = match get(&entries, "deck") {
        Some(e) => {
            if e.value != expected {
                errors.push(err(e.line, ErrorKind::IdNotFileName { id: e.value.clone(), expected }));
            }
            e.value.clone()
        }
        None => {
            errors.push(err(1, ErrorKind::MissingKey { key: "deck" }));
            expected
        }
    };
    let title = match get(&entries, "title") {
        Some(e) => e.value.clone(),
        None => {
            errors.push(err(1, ErrorKind::MissingKey { key: "title" }));
            String::new()
        }
    };
    let deck_lesson = get(&entries, "lesson").cloned();

    let mut cards = Vec::new();
    for section in &sections {
        let line = lines.line(section.heading.range.start);
        let cid = section.heading.plain_text();
        if !valid_id(&cid) {
            errors.push(err(line, ErrorKind::BadId { id: cid.clone() }));
        }
        let mut body = section.body.as_slice();
        let mut centries = Vec::new();
        if let Some(first) = body.first().filter(|b| looks_like_meta(src, b)) {
            centries = meta::parse(file, src, &lines, first, CARD_KEYS, &[], &mut errors);
            body = &body[1..];
        }
        if let Some(setext) =
            body.iter().find(|b| matches!(b.kind(), BlockKind::Heading(_)) && !is_atx(src, b))
        {
            errors.push(err(lines.line(setext.range.start), ErrorKind::SetextSeparator));
            continue;
        }
        let Some((front, back)) = split_card(body) else {
            errors.push(err(line, ErrorKind::NoBack));
            continue;
        };
        if front.is_empty() {
            errors.push(err(line, ErrorKind::NoStem));
            continue;
        }
        let lesson_entry = get(&centries, "lesson").or(deck_lesson.as_ref());
        cards.push(Card {
            id: cid,
            deck: id.clone(),
            front: render_blocks(front),
            back,
            lesson: lesson_entry.map(|e| LessonLink::parse(&e.value)),
            pos: Pos { file: file.into(), line },
            lesson_pos: Pos { file: file.into(), line: lesson_entry.map_or(line, |e| e.line) },
        });
    }
    if errors.is_empty() {
        Ok(Deck { id, title, cards, pos: Pos { file: file.into(), line: 1 } })
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}
