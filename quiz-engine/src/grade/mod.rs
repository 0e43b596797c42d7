//! Grading: one answer to one question gives a [`Grade`], a score from 0 to 1 and the details
//! feedback and review need.
//!
//! Rules: `single` and `true-false` are right or wrong; `multiple` is exact-only (every correct
//! option and no other, as AWS exams score it); `ordering` gives partial credit from the longest
//! run of items already in correct relative order (see [`ordering`]); `short` compares after the
//! question's normalisations with every accepted answer; `command` runs the line in the sandbox
//! (see [`command`]); `lab` scores the share of goals met.

pub mod command;
pub mod ordering;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::predicate::Predicate;
use crate::question::{Body, Question};
use crate::short::normalize;

/// The result of grading one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// 0.0 to 1.0.
    pub score: f64,
    /// Fully right.
    pub correct: bool,
    pub detail: Detail,
}

/// What feedback shows beside the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Detail {
    /// Option indices the learner chose, and the correct ones.
    Choices {
        chosen: Vec<usize>,
        correct: Vec<usize>,
    },
    TrueFalse {
        chosen: bool,
        correct: bool,
    },
    /// How many items stand in correct relative order, and which do not.
    Ordering {
        in_order: usize,
        total: usize,
        misplaced: Vec<usize>,
    },
    /// The learner's text after normalisation and the accepted answer it matched.
    Short {
        normalized: String,
        matched: Option<String>,
    },
    /// What the command printed and which checks held.
    Command {
        stdout: String,
        stderr: String,
        exit_code: i32,
        checks: Vec<Check>,
    },
    Lab {
        goals_met: u32,
        goals_total: u32,
    },
    /// The answer does not fit the question (a widget bug, or stale progress).
    WrongAnswerType {
        expected: String,
        found: String,
    },
}

/// One `expect:` line and whether it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub predicate: Predicate,
    pub holds: bool,
}

impl Grade {
    fn all_or_nothing(correct: bool, detail: Detail) -> Grade {
        Grade { score: if correct { 1.0 } else { 0.0 }, correct, detail }
    }
}

/// Grades `answer` to `question`. Never panics: out-of-range indices are simply wrong.
pub fn grade(question: &Question, answer: &Answer) -> Grade {
    match (&question.body, answer) {
        (Body::Single { options }, Answer::Single(i)) => {
            let correct: Vec<usize> = correct_indices(options.iter().map(|o| o.correct));
            Grade::all_or_nothing(correct == [*i], Detail::Choices { chosen: vec![*i], correct })
        }
        (Body::Multiple { options, .. }, Answer::Multiple(chosen)) => {
            let correct = correct_indices(options.iter().map(|o| o.correct));
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            Grade::all_or_nothing(chosen == correct, Detail::Choices { chosen, correct })
        }
        (Body::TrueFalse { answer: right, .. }, Answer::TrueFalse(given)) => {
            Grade::all_or_nothing(right == given, Detail::TrueFalse { chosen: *given, correct: *right })
        }
        (Body::Ordering { items }, Answer::Ordering(order)) => ordering::grade(items.len(), order),
        (Body::Short { answers, normalize: steps }, Answer::Short(text)) => {
            let normalized = normalize(text, steps);
            let matched = answers.iter().find(|a| normalize(a, steps) == normalized).cloned();
            Grade::all_or_nothing(matched.is_some(), Detail::Short { normalized, matched })
        }
        (Body::Command { setup, expect, .. }, Answer::Command(line)) => command::grade(setup, expect, line),
        (Body::Lab { .. }, Answer::Lab { goals_met, goals_total }) => {
            let score = if *goals_total == 0 {
                0.0
            } else {
                f64::from((*goals_met).min(*goals_total)) / f64::from(*goals_total)
            };
            Grade {
                score,
                correct: *goals_total > 0 && goals_met >= goals_total,
                detail: Detail::Lab { goals_met: *goals_met, goals_total: *goals_total },
            }
        }
        (body, answer) => Grade::all_or_nothing(
            false,
            Detail::WrongAnswerType { expected: body.type_name().into(), found: answer.type_name().into() },
        ),
    }
}

fn correct_indices(flags: impl Iterator<Item = bool>) -> Vec<usize> {
    flags.enumerate().filter(|(_, c)| *c).map(|(i, _)| i).collect()
}
