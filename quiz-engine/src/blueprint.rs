//! Exam blueprints: `content/exams/<exam>.md`. How many questions, from which domains in which
//! proportion, how long, and the pass mark.
//!
//! ```markdown
//! exam: mock
//! title: EC2 Lab mock exam
//! questions: 20
//! time-limit: 40
//! pass-mark: 720
//!
//! ## security
//! weight: 30
//! title: Access and security
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::parse::markdown::{Lines, blocks};
use crate::parse::meta::{self, Entry, file_stem, get, looks_like_meta, valid_id};
use crate::parse::split_sections;
use crate::question::Pos;

/// The lowest and highest scaled scores, as on AWS associate exams.
pub const SCALE_MIN: u16 = 100;
pub const SCALE_MAX: u16 = 1000;
/// The pass mark when a blueprint names none.
pub const DEFAULT_PASS_MARK: u16 = 720;

/// One exam blueprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blueprint {
    pub id: String,
    pub title: String,
    /// Questions per attempt.
    pub questions: usize,
    /// Minutes.
    pub time_limit: u32,
    /// On the 100..1000 scale.
    pub pass_mark: u16,
    /// Banks to draw from; empty means every bank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banks: Vec<String>,
    pub domains: Vec<Domain>,
    #[serde(skip)]
    pub pos: Pos,
}

/// An exam domain and its share of the questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub weight: u32,
    #[serde(skip)]
    pub pos: Pos,
}

impl Blueprint {
    /// Questions per domain, proportional to the weights (largest remainder), summing to
    /// `questions`; in domain order.
    pub fn allocation(&self) -> Vec<(String, usize)> {
        let total: u64 = self.domains.iter().map(|d| u64::from(d.weight)).sum();
        if total == 0 {
            return self.domains.iter().map(|d| (d.id.clone(), 0)).collect();
        }
        let n = self.questions as u64;
        let mut counts: Vec<(usize, u64, u64)> = self
            .domains
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let exact = n * u64::from(d.weight);
                (i, exact / total, exact % total)
            })
            .collect();
        let assigned: u64 = counts.iter().map(|c| c.1).sum();
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by(|&a, &b| counts[b].2.cmp(&counts[a].2).then(a.cmp(&b)));
        for &i in order.iter().take((n - assigned) as usize) {
            counts[i].1 += 1;
        }
        counts.iter().map(|&(i, c, _)| (self.domains[i].id.clone(), c as usize)).collect()
    }

    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }
}

const HEADER_KEYS: &[&str] = &["exam", "title", "questions", "time-limit", "pass-mark", "banks"];
const DOMAIN_KEYS: &[&str] = &["weight", "title"];

/// Parses a blueprint file.
pub fn parse_blueprint(file: &str, src: &str) -> Result<Blueprint, Vec<Error>> {
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
                    hint: "a blueprint starts with `key: value` lines, then one `## domain-id` section per domain".into(),
                },
            ));
        }
    }
    let expected = file_stem(file).to_string();
    let id = required(file, &entries, "exam", &mut errors).unwrap_or_else(|| expected.clone());
    if let Some(e) = get(&entries, "exam")
        && e.value != expected
    {
        errors.push(err(e.line, ErrorKind::IdNotFileName { id: e.value.clone(), expected }));
    }
    let title = required(file, &entries, "title", &mut errors).unwrap_or_default();
    let questions = number(file, &entries, "questions", 1, 1000, None, &mut errors);
    let time_limit = number(file, &entries, "time-limit", 1, 24 * 60, None, &mut errors);
    let pass_mark = number(
        file,
        &entries,
        "pass-mark",
        u64::from(SCALE_MIN),
        u64::from(SCALE_MAX),
        Some(u64::from(DEFAULT_PASS_MARK)),
        &mut errors,
    );
    let banks = get(&entries, "banks")
        .map(|e| e.value.split(',').map(|b| b.trim().to_string()).filter(|b| !b.is_empty()).collect())
        .unwrap_or_default();

    let mut domains = Vec::new();
    for section in &sections {
        let line = lines.line(section.heading.range.start);
        let did = section.heading.plain_text();
        if !valid_id(&did) {
            errors.push(err(line, ErrorKind::BadId { id: did.clone() }));
        }
        if domains.iter().any(|d: &Domain| d.id == did) {
            errors.push(err(line, ErrorKind::DuplicateId { id: did.clone(), first: file.into() }));
        }
        let mut dentries = Vec::new();
        for (i, block) in section.body.iter().enumerate() {
            if i == 0 && looks_like_meta(src, block) {
                dentries = meta::parse(file, src, &lines, block, DOMAIN_KEYS, &[], &mut errors);
            }
        }
        let weight = match get(&dentries, "weight") {
            None => {
                errors.push(err(line, ErrorKind::MissingKey { key: "weight" }));
                0
            }
            Some(e) => match e.value.trim_end_matches('%').trim().parse::<u32>() {
                Ok(w) if w >= 1 => w,
                _ => {
                    errors.push(err(
                        e.line,
                        ErrorKind::BadValue {
                            key: "weight".into(),
                            value: e.value.clone(),
                            expected: "a whole number of at least 1 (a percentage or any relative weight)"
                                .into(),
                        },
                    ));
                    0
                }
            },
        };
        let title = get(&dentries, "title").map_or_else(|| did.clone(), |e| e.value.clone());
        domains.push(Domain { id: did, title, weight, pos: Pos { file: file.into(), line } });
    }
    if domains.is_empty() {
        errors.push(err(1, ErrorKind::MissingKey { key: "## <domain-id> section" }));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    Ok(Blueprint {
        id,
        title,
        questions: questions as usize,
        time_limit: time_limit as u32,
        pass_mark: pass_mark as u16,
        banks,
        domains,
        pos: Pos { file: file.into(), line: 1 },
    })
}

fn required(file: &str, entries: &[Entry], key: &'static str, errors: &mut Vec<Error>) -> Option<String> {
    match get(entries, key) {
        Some(e) => Some(e.value.clone()),
        None => {
            errors.push(Error::new(file, 1, ErrorKind::MissingKey { key }));
            None
        }
    }
}

fn number(
    file: &str,
    entries: &[Entry],
    key: &'static str,
    min: u64,
    max: u64,
    default: Option<u64>,
    errors: &mut Vec<Error>,
) -> u64 {
    let Some(e) = get(entries, key) else {
        if default.is_none() {
            errors.push(Error::new(file, 1, ErrorKind::MissingKey { key }));
        }
        return default.unwrap_or(min);
    };
    match e.value.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            errors.push(Error::new(
                file,
                e.line,
                ErrorKind::BadValue {
                    key: key.into(),
                    value: e.value.clone(),
                    expected: format!("a whole number from {min} to {max}"),
                },
            ));
            min
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bp(weights: &[u32], questions: usize) -> Blueprint {
        Blueprint {
            id: "x".into(),
            title: "x".into(),
            questions,
            time_limit: 10,
            pass_mark: 720,
            banks: vec![],
            domains: weights
                .iter()
                .enumerate()
                .map(|(i, &weight)| Domain {
                    id: format!("d{i}"),
                    title: String::new(),
                    weight,
                    pos: Pos::default(),
                })
                .collect(),
            pos: Pos::default(),
        }
    }

    #[test]
    fn allocation_is_proportional_and_sums_up() {
        let counts = |w: &[u32], n| bp(w, n).allocation().into_iter().map(|(_, c)| c).collect::<Vec<_>>();
        assert_eq!(counts(&[30, 26, 24, 20], 65), [19, 17, 16, 13]);
        assert_eq!(counts(&[1, 1, 1], 10), [4, 3, 3]);
        assert_eq!(counts(&[50, 50], 1), [1, 0]);
    }
}
