//! The question model: what a bank file becomes once parsed. Rich text is stored as HTML.

use serde::{Deserialize, Serialize};

use crate::predicate::Predicate;
use crate::short::Normalization;

/// Where something was written, for error messages. Not serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pos {
    pub file: String,
    pub line: usize,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A link to the lesson section a question tests: `page.md#anchor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonLink {
    /// Relative to `book/src/`.
    pub page: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

impl LessonLink {
    pub fn parse(text: &str) -> LessonLink {
        match text.split_once('#') {
            Some((page, anchor)) => {
                LessonLink { page: page.trim().into(), anchor: Some(anchor.trim().into()) }
            }
            None => LessonLink { page: text.trim().into(), anchor: None },
        }
    }

    /// The URL of the section in the built book (`imds.html#anchor`).
    pub fn href(&self) -> String {
        let page = self.page.strip_suffix(".md").map_or(self.page.clone(), |p| format!("{p}.html"));
        match &self.anchor {
            Some(a) => format!("{page}#{a}"),
            None => page,
        }
    }
}

/// A bank: `content/questions/<bank>.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
    #[serde(skip)]
    pub pos: Pos,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub bank: String,
    pub lesson: LessonLink,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// 1 (recall) to 3 (scenario).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    /// The question text, as HTML.
    pub stem: String,
    /// The closing explanation of the whole question, as HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(flatten)]
    pub body: Body,
    #[serde(skip)]
    pub pos: Pos,
    /// Where the `lesson:` line is (the bank header's, if inherited).
    #[serde(skip)]
    pub lesson_pos: Pos,
}

/// The type-specific part of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Body {
    /// One correct option.
    Single { options: Vec<Choice> },
    /// `choose` correct options.
    Multiple { choose: usize, options: Vec<Choice> },
    /// `answer` is the correct value.
    TrueFalse { answer: bool, if_true: String, if_false: String },
    /// Items in the correct order; the learner sees them shuffled.
    Ordering { items: Vec<Item> },
    /// Accepted answers, compared after normalisation.
    Short { answers: Vec<String>, normalize: Vec<Normalization> },
    /// A command run in the sandbox on a named scenario, then checked.
    Command {
        setup: String,
        expect: Vec<Predicate>,
        /// A reference command shown in review (extension: the `answer:` key).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer: Option<String>,
    },
    /// A hands-on lab from `content/labs/`.
    Lab { lab: String },
}

impl Body {
    /// The type name used in `type:`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Body::Single { .. } => "single",
            Body::Multiple { .. } => "multiple",
            Body::TrueFalse { .. } => "true-false",
            Body::Ordering { .. } => "ordering",
            Body::Short { .. } => "short",
            Body::Command { .. } => "command",
            Body::Lab { .. } => "lab",
        }
    }
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// HTML.
    pub text: String,
    pub correct: bool,
    /// Why this option is right or wrong, as HTML.
    pub explanation: String,
}

/// An item of an ordering question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub text: String,
    pub explanation: String,
}
