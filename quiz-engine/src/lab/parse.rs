//! The lab file parser: a `key: value` header, then `## Setup`, `## Task`, `## Goal`,
//! `## Hints` and `## Solution` sections (see `content/FORMAT.md`, "Labs").

use pulldown_cmark::{CodeBlockKind, Event, Tag};

use super::goal::{Goal, GoalCheck};
use super::script::{Step, command_count, parse_script};
use super::{Lab, SectionLines};
use crate::error::{Error, ErrorKind};
use crate::parse::markdown::{Block, BlockKind, Lines, blocks, render_blocks};
use crate::parse::meta::{self, file_stem, get, looks_like_meta, valid_id};
use crate::parse::{list_items, split_sections};
use crate::question::{LessonLink, Pos};

const HEADER_KEYS: &[&str] = &["lab", "title", "lesson", "region", "seed"];
const SECTIONS: &[&str] = &["Setup", "Task", "Goal", "Hints", "Solution"];

fn problem(file: &str, line: usize, text: impl Into<String>) -> Error {
    Error::new(file, line, ErrorKind::Lab { problem: text.into() })
}

/// A fenced code block: its info string, its text and the file line of its first content line.
fn fence(lines: &Lines, block: &Block<'_>) -> Option<(String, String, usize)> {
    let Some((Event::Start(Tag::CodeBlock(kind)), range)) = block.events.first() else {
        return None;
    };
    let info = match kind {
        CodeBlockKind::Fenced(info) => info.trim().to_string(),
        CodeBlockKind::Indented => String::new(),
    };
    let text: String = block
        .events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    let start = lines.line(range.start);
    let first = if matches!(kind, CodeBlockKind::Fenced(_)) { start + 1 } else { start };
    Some((info, text, first))
}

/// Parses a lab file. Reference runs and lesson links are checked by [`super::validate`].
pub fn parse_lab(file: &str, src: &str) -> Result<Lab, Vec<Error>> {
    let lines = Lines::new(src);
    let blocks = blocks(src);
    let (header, sections) = split_sections(src, &blocks);
    let mut errors = Vec::new();

    let mut entries = Vec::new();
    for (i, block) in header.iter().enumerate() {
        if i == 0 && looks_like_meta(src, block) {
            entries = meta::parse(file, src, &lines, block, HEADER_KEYS, &[], &mut errors);
        } else {
            errors.push(problem(
                file,
                lines.line(block.range.start),
                format!(
                    "unexpected {}; a lab starts with `key: value` lines (lab, title, lesson, region, seed), then `## Setup`, `## Task`, `## Goal`, `## Hints` and `## Solution`",
                    block.describe()
                ),
            ));
        }
    }
    let expected_id = file_stem(file).to_string();
    let id = match get(&entries, "lab") {
        Some(e) if !valid_id(&e.value) => {
            errors.push(Error::new(file, e.line, ErrorKind::BadId { id: e.value.clone() }));
            e.value.clone()
        }
        Some(e) if e.value != expected_id => {
            errors.push(Error::new(
                file,
                e.line,
                ErrorKind::IdNotFileName { id: e.value.clone(), expected: expected_id.clone() },
            ));
            e.value.clone()
        }
        Some(e) => e.value.clone(),
        None => {
            errors.push(Error::new(file, 1, ErrorKind::MissingKey { key: "lab" }));
            expected_id
        }
    };
    let mut required = |key: &'static str| match get(&entries, key) {
        Some(e) => Some(e.clone()),
        None => {
            errors.push(Error::new(file, 1, ErrorKind::MissingKey { key }));
            None
        }
    };
    let title = required("title").map(|e| e.value).unwrap_or_default();
    let lesson_entry = required("lesson");
    let region = get(&entries, "region").map_or("us-east-1".to_string(), |e| e.value.clone());
    let seed = match get(&entries, "seed") {
        None => 1,
        Some(e) => e.value.parse::<u64>().unwrap_or_else(|_| {
            errors.push(Error::new(
                file,
                e.line,
                ErrorKind::BadValue {
                    key: "seed".into(),
                    value: e.value.clone(),
                    expected: "a whole number".into(),
                },
            ));
            1
        }),
    };
    if let Some(e) = get(&entries, "region")
        && sandbox::ec2::World::new(seed).region(&e.value).is_none()
    {
        errors.push(Error::new(
            file,
            e.line,
            ErrorKind::BadValue {
                key: "region".into(),
                value: e.value.clone(),
                expected: "a region the sandbox knows, like `us-east-1`".into(),
            },
        ));
    }

    let mut lab = Lab {
        id,
        title,
        lesson: lesson_entry.as_ref().map_or(LessonLink::parse(""), |e| LessonLink::parse(&e.value)),
        region,
        seed,
        setup: Vec::new(),
        task: String::new(),
        goals: Vec::new(),
        hints: Vec::new(),
        solution: Vec::new(),
        reference_commands: 0,
        pos: Pos { file: file.into(), line: 1 },
        lesson_pos: Pos { file: file.into(), line: lesson_entry.as_ref().map_or(1, |e| e.line) },
        lines: SectionLines::default(),
    };

    let mut seen: Vec<&str> = Vec::new();
    for section in &sections {
        let name = section.heading.plain_text();
        let line = lines.line(section.heading.range.start);
        let Some(known) = SECTIONS.iter().find(|s| s.eq_ignore_ascii_case(name.trim())) else {
            errors.push(problem(
                file,
                line,
                format!("unknown section `## {name}`; a lab has `## {}`", SECTIONS.join("`, `## ")),
            ));
            continue;
        };
        if seen.contains(known) {
            errors.push(problem(file, line, format!("`## {known}` is given twice; keep one")));
            continue;
        }
        seen.push(known);
        let body = &section.body;
        match *known {
            "Setup" => {
                lab.lines.setup = line;
                let steps = setup(file, &lines, body, &mut errors);
                lab.lines.setup_steps = steps.iter().map(|(l, _)| *l).collect();
                lab.setup = steps.into_iter().map(|(_, s)| s).collect();
            }
            "Task" => {
                if body.is_empty() {
                    errors.push(problem(file, line, "`## Task` is empty: tell the learner what to do"));
                }
                lab.task = render_blocks(body);
            }
            "Goal" => {
                lab.lines.goal = line;
                lab.goals = goals(file, &lines, line, body, &mut errors);
            }
            "Hints" => lab.hints = hints(file, &lines, line, body, &mut errors),
            "Solution" => {
                lab.lines.solution = line;
                lab.solution = solution(file, &lines, line, body, &mut errors);
                lab.reference_commands = command_count(&lab.solution);
            }
            _ => {}
        }
    }
    for required in ["Task", "Goal", "Solution"] {
        if !seen.contains(&required) {
            errors.push(problem(
                file,
                lines.line(src.len()).max(1),
                format!("missing `## {required}` section"),
            ));
        }
    }
    if errors.is_empty() { Ok(lab) } else { Err(errors) }
}

fn setup(file: &str, lines: &Lines, body: &[&Block<'_>], errors: &mut Vec<Error>) -> Vec<(usize, Step)> {
    let mut steps = Vec::new();
    for block in body {
        let line = lines.line(block.range.start);
        if block.kind() == BlockKind::Paragraph {
            continue; // Notes for authors: not shown to learners.
        }
        let Some((info, text, first)) = fence(lines, block) else {
            errors.push(problem(
                file,
                line,
                format!(
                    "unexpected {} in `## Setup`: use a fenced block of terminal lines, or a ```file <path> <mode>``` block",
                    block.describe()
                ),
            ));
            continue;
        };
        let words: Vec<&str> = info.split_whitespace().collect();
        match words.as_slice() {
            ["file", path, mode] => match u32::from_str_radix(mode, 8) {
                Ok(mode) if mode <= 0o7777 => {
                    steps.push((line, Step::File { path: path.to_string(), mode, content: text }))
                }
                _ => errors.push(problem(file, line, format!("bad mode `{mode}`: write it in octal, like `600`"))),
            },
            ["file", ..] => errors.push(problem(file, line, "expected ```file <path> <mode>```, like ```file notes.txt 644```")),
            [] | ["sh" | "bash" | "console" | "shell"] => match parse_script(&text, first) {
                Ok(s) => steps.extend(s),
                Err((l, p)) => errors.push(problem(file, l, p)),
            },
            _ => errors.push(problem(
                file,
                line,
                format!("unknown block `{info}` in `## Setup`: use ```sh (terminal lines) or ```file <path> <mode>"),
            )),
        }
    }
    steps
}

fn the_list<'b, 'a>(
    file: &str,
    lines: &Lines,
    heading: usize,
    name: &str,
    body: &'b [&'b Block<'a>],
    errors: &mut Vec<Error>,
) -> Option<&'b Block<'a>> {
    let mut list = None;
    for block in body {
        if matches!(block.kind(), BlockKind::List { ordered: false }) && list.is_none() {
            list = Some(*block);
        } else {
            errors.push(problem(
                file,
                lines.line(block.range.start),
                format!("unexpected {} in `## {name}`: write one `- ` list", block.describe()),
            ));
        }
    }
    if list.is_none() {
        errors.push(problem(file, heading, format!("`## {name}` needs a `- ` list")));
    }
    list
}

fn goals(
    file: &str,
    lines: &Lines,
    heading: usize,
    body: &[&Block<'_>],
    errors: &mut Vec<Error>,
) -> Vec<Goal> {
    let Some(list) = the_list(file, lines, heading, "Goal", body, errors) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in list_items(lines, list) {
        match GoalCheck::parse(&item.plain) {
            Ok(check) => out.push(Goal { text: item.plain.clone(), check, line: item.line }),
            Err(e) => errors.push(problem(file, item.line, format!("bad goal `{}`: {e}", item.plain))),
        }
    }
    out
}

fn hints(
    file: &str,
    lines: &Lines,
    heading: usize,
    body: &[&Block<'_>],
    errors: &mut Vec<Error>,
) -> Vec<String> {
    the_list(file, lines, heading, "Hints", body, errors)
        .map(|list| list_items(lines, list).into_iter().map(|i| i.html).collect())
        .unwrap_or_default()
}

fn solution(
    file: &str,
    lines: &Lines,
    heading: usize,
    body: &[&Block<'_>],
    errors: &mut Vec<Error>,
) -> Vec<Step> {
    let fences: Vec<_> = body.iter().filter_map(|b| fence(lines, b).map(|f| (b, f))).collect();
    for block in body.iter().filter(|b| fence(lines, b).is_none()) {
        if block.kind() != BlockKind::Paragraph {
            errors.push(problem(
                file,
                lines.line(block.range.start),
                format!(
                    "unexpected {} in `## Solution`: write one fenced block of terminal lines",
                    block.describe()
                ),
            ));
        }
    }
    match fences.as_slice() {
        [(_, (_, text, first))] => match parse_script(text, *first) {
            Ok(steps) if steps.iter().any(|(_, s)| matches!(s, Step::Run(_))) => {
                steps.into_iter().map(|(_, s)| s).collect()
            }
            Ok(_) => {
                errors.push(problem(file, heading, "the solution has no terminal lines"));
                Vec::new()
            }
            Err((l, p)) => {
                errors.push(problem(file, l, p));
                Vec::new()
            }
        },
        [] => {
            errors.push(problem(file, heading, "`## Solution` needs a fenced block of terminal lines"));
            Vec::new()
        }
        [_, (block, _), ..] => {
            errors.push(problem(
                file,
                lines.line(block.range.start),
                "`## Solution` has more than one fenced block: put every line in one",
            ));
            Vec::new()
        }
    }
}
