//! A learner's answer to one question, as the widgets send it and progress stores it.

use serde::{Deserialize, Serialize};

/// What the learner gave. Indices count options (or ordering items) as written in the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Answer {
    /// The index of the chosen option.
    Single(usize),
    /// The indices of the chosen options.
    Multiple(Vec<usize>),
    TrueFalse(bool),
    /// The items in the learner's order, each named by its index in the correct order.
    Ordering(Vec<usize>),
    Short(String),
    /// One terminal line.
    Command(String),
    /// What the lab checker reported.
    Lab {
        goals_met: u32,
        goals_total: u32,
    },
}

impl Answer {
    /// The question type this answer fits.
    pub fn type_name(&self) -> &'static str {
        match self {
            Answer::Single(_) => "single",
            Answer::Multiple(_) => "multiple",
            Answer::TrueFalse(_) => "true-false",
            Answer::Ordering(_) => "ordering",
            Answer::Short(_) => "short",
            Answer::Command(_) => "command",
            Answer::Lab { .. } => "lab",
        }
    }
}
