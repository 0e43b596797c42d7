//! The bank parser: `content/questions/<bank>.md` to a [`Bank`], or every mistake in it.

use crate::error::{Error, ErrorKind};
use crate::parse::bodies::{choice_body, command_body, ordering_body, short_body, true_false_body};
use crate::parse::markdown::{Block, BlockKind, Lines, blocks, render, render_blocks};
use crate::parse::meta::{self, Entry, file_stem, get, looks_like_meta, valid_id};
use crate::parse::{Section, list_items, split_sections};
use crate::question::{Bank, Body, LessonLink, Pos, Question};

const HEADER_KEYS: &[&str] = &["bank", "title", "lesson", "domain"];
const COMMON_KEYS: &[&str] = &["type", "lesson", "domain", "difficulty"];
const ALL_KEYS: &[&str] = &[
    "type",
    "lesson",
    "domain",
    "difficulty",
    "choose",
    "answers",
    "normalize",
    "setup",
    "expect",
    "answer",
    "lab",
];

/// Keys a question of type `ty` may use besides [`COMMON_KEYS`].
fn type_keys(ty: &str) -> &'static [&'static str] {
    match ty {
        "multiple" => &["choose"],
        "short" => &["answers", "normalize"],
        "command" => &["setup", "expect", "answer"],
        "lab" => &["lab"],
        _ => &[],
    }
}

/// Defaults from the bank header.
struct Defaults<'e> {
    bank: String,
    lesson: Option<&'e Entry>,
    domain: Option<&'e Entry>,
}

/// Parses one bank. `file` is the path used in errors; the bank id must equal its file stem.
pub fn parse_bank(file: &str, src: &str) -> Result<Bank, Vec<Error>> {
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
                    hint: "a bank starts with `key: value` lines (bank, title, lesson, domain), then `## question-id` sections".into(),
                },
            ));
        }
    }
    let expected = file_stem(file).to_string();
    let id = match get(&entries, "bank") {
        Some(e) => {
            if e.value != expected {
                errors.push(err(
                    e.line,
                    ErrorKind::IdNotFileName { id: e.value.clone(), expected: expected.clone() },
                ));
            }
            e.value.clone()
        }
        None => {
            errors.push(err(1, ErrorKind::MissingKey { key: "bank" }));
            expected.clone()
        }
    };
    let title = match get(&entries, "title") {
        Some(e) => e.value.clone(),
        None => {
            errors.push(err(1, ErrorKind::MissingKey { key: "title" }));
            String::new()
        }
    };
    let defaults =
        Defaults { bank: id.clone(), lesson: get(&entries, "lesson"), domain: get(&entries, "domain") };

    let mut questions = Vec::new();
    for section in &sections {
        if let Some(q) = parse_question(file, src, &lines, section, &defaults, &mut errors) {
            questions.push(q);
        }
    }
    if errors.is_empty() {
        Ok(Bank { id, title, questions, pos: Pos { file: file.into(), line: 1 } })
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn parse_question(
    file: &str,
    src: &str,
    lines: &Lines,
    section: &Section<'_, '_>,
    defaults: &Defaults<'_>,
    errors: &mut Vec<Error>,
) -> Option<Question> {
    let before = errors.len();
    let err = |line: usize, kind: ErrorKind| Error::new(file, line, kind);
    let line = lines.line(section.heading.range.start);
    let id = section.heading.plain_text();
    if !valid_id(&id) {
        errors.push(err(line, ErrorKind::BadId { id: id.clone() }));
    }

    let mut body: &[&Block<'_>] = &section.body;
    let mut entries = Vec::new();
    if let Some(first) = body.first().filter(|b| looks_like_meta(src, b)) {
        entries = meta::parse(file, src, lines, first, ALL_KEYS, &["expect"], errors);
        body = &body[1..];
    }
    let ty = match get(&entries, "type") {
        None => {
            errors.push(err(line, ErrorKind::MissingType));
            return None;
        }
        Some(e) => e,
    };
    if !["single", "multiple", "true-false", "ordering", "short", "command", "lab"]
        .contains(&ty.value.as_str())
    {
        errors.push(err(ty.line, ErrorKind::UnknownType { found: ty.value.clone() }));
        return None;
    }
    let extra = type_keys(&ty.value);
    for e in &entries {
        if !COMMON_KEYS.contains(&e.key.as_str()) && !extra.contains(&e.key.as_str()) {
            let allowed = COMMON_KEYS.iter().chain(extra).copied().collect();
            errors.push(err(e.line, ErrorKind::UnknownKey { key: e.key.clone(), allowed }));
        }
    }

    let (lesson, lesson_pos) = match get(&entries, "lesson").or(defaults.lesson) {
        Some(e) => (LessonLink::parse(&e.value), Pos { file: file.into(), line: e.line }),
        None => {
            errors.push(err(line, ErrorKind::NoLesson));
            (LessonLink::parse(""), Pos::default())
        }
    };
    let domain = get(&entries, "domain").or(defaults.domain).map(|e| e.value.clone());
    let difficulty = get(&entries, "difficulty").and_then(|e| match e.value.parse::<u8>() {
        Ok(d @ 1..=3) => Some(d),
        _ => {
            errors.push(err(
                e.line,
                ErrorKind::BadValue {
                    key: "difficulty".into(),
                    value: e.value.clone(),
                    expected: "1, 2 or 3".into(),
                },
            ));
            None
        }
    });

    // The closing explanation is a final `>` quote.
    let mut explanation = None;
    if let Some((last, rest)) = body.split_last()
        && last.kind() == BlockKind::BlockQuote
    {
        explanation = Some(render(last.inner().iter().map(|(e, _)| e.clone())));
        body = rest;
    }

    let kind = ty.value.as_str();
    let wants_list = match kind {
        "single" | "multiple" | "true-false" => Some(false),
        "ordering" => Some(true),
        _ => None,
    };
    let mut items = Vec::new();
    if let Some(ordered) = wants_list {
        let is_options = |b: &Block<'_>| {
            if ordered { b.kind() == BlockKind::List { ordered: true } } else { b.is_task_list() }
        };
        let expected = if ordered {
            "a numbered list (`1.`) in the correct order"
        } else {
            "a task list of `- [x]` (correct) and `- [ ]` (wrong) options"
        };
        match body.split_last() {
            Some((last, rest)) if is_options(last) => {
                items = list_items(lines, last);
                body = rest;
                if let Some(stray) = body.iter().find(|b| is_options(b)) {
                    errors.push(err(
                        lines.line(stray.range.start),
                        ErrorKind::Unexpected {
                            found: "second option list".into(),
                            hint: "options must form one list; is an option's `>` explanation not indented under it?".into(),
                        },
                    ));
                    return None;
                }
            }
            _ => {
                let pos = body.iter().rposition(|b| is_options(b));
                match pos.and_then(|p| body.get(p + 1)) {
                    Some(after) => errors.push(err(
                        lines.line(after.range.start),
                        ErrorKind::Unexpected {
                            found: after.describe(),
                            hint: "only a closing `>` explanation may follow the options".into(),
                        },
                    )),
                    None => errors.push(err(line, ErrorKind::NoOptions { expected })),
                }
                return None;
            }
        }
    }
    if body.is_empty() {
        errors.push(err(line, ErrorKind::NoStem));
    }
    let stem = render_blocks(body);
    let stated = stated_choose(&stem);
    match (kind, stated, get(&entries, "choose").and_then(|e| e.value.parse::<usize>().ok())) {
        ("multiple", Some(said), Some(n)) if said != n => {
            errors.push(err(line, ErrorKind::StemSaysChoose { said, choose: Some(n) }))
        }
        ("single" | "true-false", Some(said), _) if said > 1 => {
            errors.push(err(line, ErrorKind::StemSaysChoose { said, choose: None }))
        }
        _ => {}
    }

    let body = match kind {
        "single" | "multiple" => choice_body(file, kind, &entries, &items, line, errors),
        "true-false" => true_false_body(file, &items, line, errors),
        "ordering" => ordering_body(file, &items, line, errors),
        "short" => short_body(file, &entries, explanation.is_some(), line, errors),
        "command" => command_body(file, &entries, line, errors),
        _ => match get(&entries, "lab") {
            Some(e) => Some(Body::Lab { lab: e.value.clone() }),
            None => {
                errors.push(err(line, ErrorKind::MissingKey { key: "lab" }));
                None
            }
        },
    };
    if errors.len() > before {
        return None;
    }
    Some(Question {
        id,
        bank: defaults.bank.clone(),
        lesson,
        domain,
        difficulty,
        stem,
        explanation,
        body: body?,
        pos: Pos { file: file.into(), line },
        lesson_pos,
    })
}

/// The N of a "(Choose N.)" in the stem, if it says one.
fn stated_choose(stem: &str) -> Option<usize> {
    let lower = stem.to_lowercase();
    let at = lower.find("choose ")?;
    let word: String =
        lower[at + "choose ".len()..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let numbers = ["zero", "one", "two", "three", "four", "five", "six"];
    numbers.iter().position(|n| *n == word).or_else(|| word.parse().ok())
}
