//! The type-specific part of a question: options, true/false, ordering items, short answers,
//! command checks; each checked against the rules of its type.

use crate::error::{Error, ErrorKind};
use crate::parse::RawItem;
use crate::parse::meta::{Entry, get};
use crate::predicate::Predicate;
use crate::question::{Body, Choice, Item};
use crate::scenario;
use crate::short::Normalization;

fn explained(file: &str, items: &[RawItem], errors: &mut Vec<Error>) -> bool {
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        if let Some(first) = items[..i].iter().find(|o| o.plain.eq_ignore_ascii_case(&item.plain)) {
            errors.push(Error::new(
                file,
                item.line,
                ErrorKind::DuplicateOption { text: item.plain.clone(), first: first.line },
            ));
            ok = false;
        }
    }
    for item in items.iter().filter(|i| i.explanation.is_none()) {
        errors.push(Error::new(file, item.line, ErrorKind::OptionWithoutExplanation));
        ok = false;
    }
    ok
}

fn choices(items: &[RawItem]) -> Vec<Choice> {
    items
        .iter()
        .map(|i| Choice {
            text: i.html.clone(),
            correct: i.checked == Some(true),
            explanation: i.explanation.clone().unwrap_or_default(),
        })
        .collect()
}

pub(super) fn choice_body(
    file: &str,
    kind: &str,
    entries: &[Entry],
    items: &[RawItem],
    line: usize,
    errors: &mut Vec<Error>,
) -> Option<Body> {
    let err = |line: usize, kind: ErrorKind| Error::new(file, line, kind);
    explained(file, items, errors);
    if let Some(plain) = items.iter().find(|i| i.checked.is_none()) {
        errors.push(err(
            plain.line,
            ErrorKind::Unexpected {
                found: "option without a checkbox".into(),
                hint: "start every option with `- [x]` or `- [ ]`".into(),
            },
        ));
    }
    let correct = items.iter().filter(|i| i.checked == Some(true)).count();
    let options = choices(items);
    if kind == "single" {
        if items.len() < 2 {
            errors.push(err(line, ErrorKind::TooFewOptions { need: 2, found: items.len() }));
        }
        match correct {
            0 => errors.push(err(line, ErrorKind::NoCorrectOption)),
            1 => {}
            n => errors.push(err(line, ErrorKind::MoreThanOneCorrect { count: n })),
        }
        return Some(Body::Single { options });
    }
    let Some(choose) = get(entries, "choose") else {
        errors.push(err(line, ErrorKind::MissingKey { key: "choose" }));
        return None;
    };
    let n = match choose.value.parse::<usize>() {
        Ok(n) if n >= 1 => n,
        _ => {
            errors.push(err(
                choose.line,
                ErrorKind::BadValue {
                    key: "choose".into(),
                    value: choose.value.clone(),
                    expected: "a whole number of correct options, at least 1".into(),
                },
            ));
            return None;
        }
    };
    if correct == 0 {
        errors.push(err(line, ErrorKind::NoCorrectOption));
    } else if correct != n {
        errors.push(err(choose.line, ErrorKind::WrongCorrectCount { choose: n, found: correct }));
    }
    if items.len() < n + 1 {
        errors.push(err(line, ErrorKind::TooFewOptions { need: n + 1, found: items.len() }));
    }
    Some(Body::Multiple { choose: n, options })
}

pub(super) fn true_false_body(
    file: &str,
    items: &[RawItem],
    line: usize,
    errors: &mut Vec<Error>,
) -> Option<Body> {
    explained(file, items, errors);
    let find = |word: &str| items.iter().find(|i| i.plain.eq_ignore_ascii_case(word));
    let (Some(t), Some(f)) = (find("true"), find("false")) else {
        errors.push(Error::new(file, line, ErrorKind::NotTrueFalse));
        return None;
    };
    if items.len() != 2 || t.checked == f.checked || t.checked.is_none() || f.checked.is_none() {
        errors.push(Error::new(file, line, ErrorKind::NotTrueFalse));
        return None;
    }
    Some(Body::TrueFalse {
        answer: t.checked == Some(true),
        if_true: t.explanation.clone().unwrap_or_default(),
        if_false: f.explanation.clone().unwrap_or_default(),
    })
}

pub(super) fn ordering_body(
    file: &str,
    items: &[RawItem],
    line: usize,
    errors: &mut Vec<Error>,
) -> Option<Body> {
    explained(file, items, errors);
    if items.len() < 2 {
        errors.push(Error::new(file, line, ErrorKind::TooFewOptions { need: 2, found: items.len() }));
    }
    Some(Body::Ordering {
        items: items
            .iter()
            .map(|i| Item { text: i.html.clone(), explanation: i.explanation.clone().unwrap_or_default() })
            .collect(),
    })
}

pub(super) fn short_body(
    file: &str,
    entries: &[Entry],
    has_explanation: bool,
    line: usize,
    errors: &mut Vec<Error>,
) -> Option<Body> {
    let err = |line: usize, kind: ErrorKind| Error::new(file, line, kind);
    if !has_explanation {
        errors.push(err(line, ErrorKind::MissingExplanation));
    }
    let normalize = match get(entries, "normalize") {
        None => Normalization::DEFAULT.to_vec(),
        Some(e) => {
            let mut out = Vec::new();
            for name in e.value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                match Normalization::from_name(name) {
                    Some(n) => out.push(n),
                    None => errors.push(err(
                        e.line,
                        ErrorKind::BadValue {
                            key: "normalize".into(),
                            value: name.into(),
                            expected: "a comma list of case, space, punctuation, units".into(),
                        },
                    )),
                }
            }
            out
        }
    };
    let Some(e) = get(entries, "answers") else {
        errors.push(err(line, ErrorKind::MissingKey { key: "answers" }));
        return None;
    };
    // ` | ` separates answers; a `|` without spaces around it belongs to an answer (`jq '.a|.b'`).
    let answers: Vec<String> = e.value.split(" | ").map(|a| a.trim().to_string()).collect();
    let dangling = |a: &String| a.is_empty() || a == "|" || a.starts_with("| ") || a.ends_with(" |");
    if answers.iter().any(dangling) {
        errors.push(err(
            e.line,
            ErrorKind::BadValue {
                key: "answers".into(),
                value: e.value.clone(),
                expected: "accepted answers separated by ` | `, none empty".into(),
            },
        ));
    }
    Some(Body::Short { answers, normalize })
}

pub(super) fn command_body(
    file: &str,
    entries: &[Entry],
    line: usize,
    errors: &mut Vec<Error>,
) -> Option<Body> {
    let err = |line: usize, kind: ErrorKind| Error::new(file, line, kind);
    let setup = match get(entries, "setup") {
        Some(e) => {
            if scenario::find(&e.value).is_none() {
                errors.push(err(
                    e.line,
                    ErrorKind::UnknownScenario { name: e.value.clone(), known: scenario::names() },
                ));
            }
            e.value.clone()
        }
        None => {
            errors.push(err(line, ErrorKind::MissingKey { key: "setup" }));
            String::new()
        }
    };
    let mut expect = Vec::new();
    for e in entries.iter().filter(|e| e.key == "expect") {
        match Predicate::parse(&e.value) {
            Ok(p) => expect.push(p),
            Err(problem) => {
                errors.push(err(e.line, ErrorKind::BadPredicate { text: e.value.clone(), problem }))
            }
        }
    }
    if !entries.iter().any(|e| e.key == "expect") {
        errors.push(err(line, ErrorKind::MissingKey { key: "expect" }));
    }
    let answer = get(entries, "answer").map(|e| e.value.clone());
    Some(Body::Command { setup, expect, answer })
}
