//! Practice mode: a pure state machine. Each answer is graded at once; when a round ends, the
//! next round holds only the questions missed in it, until none are left.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::course::Course;
use crate::grade::{Grade, grade};

/// A practice run over a set of questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    /// 1 for the first pass, 2 for the first retry, ...
    pub round: u32,
    /// Question ids of this round, in order.
    pub queue: Vec<String>,
    pub position: usize,
    /// Whether the current question has been answered (feedback showing).
    pub answered: bool,
    /// Missed in this round.
    pub missed: Vec<String>,
    /// Per question: attempts and whether it was eventually right.
    pub outcomes: BTreeMap<String, Outcome>,
}

/// How one question went over the whole run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub attempts: u32,
    pub correct: bool,
    pub first_try: bool,
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PracticeError {
    /// No current question: the round is over.
    RoundOver,
    AlreadyAnswered,
    NotAnswered,
    UnknownQuestion(String),
}

impl std::fmt::Display for PracticeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PracticeError::RoundOver => write!(f, "the round is over"),
            PracticeError::AlreadyAnswered => {
                write!(f, "this question is already answered; go to the next one")
            }
            PracticeError::NotAnswered => write!(f, "answer this question first"),
            PracticeError::UnknownQuestion(id) => write!(f, "no question `{id}` in the course"),
        }
    }
}

impl std::error::Error for PracticeError {}

impl Practice {
    pub fn new(question_ids: Vec<String>) -> Practice {
        Practice {
            round: 1,
            queue: question_ids,
            position: 0,
            answered: false,
            missed: Vec::new(),
            outcomes: BTreeMap::new(),
        }
    }

    /// The question to show, or `None` when the round is over.
    pub fn current(&self) -> Option<&str> {
        self.queue.get(self.position).map(String::as_str)
    }

    /// Grades `answer` to the current question and records it; the learner sees the grade at once.
    pub fn answer(&mut self, course: &Course, answer: &Answer) -> Result<Grade, PracticeError> {
        let id = self.current().ok_or(PracticeError::RoundOver)?.to_string();
        if self.answered {
            return Err(PracticeError::AlreadyAnswered);
        }
        let question = course.question(&id).ok_or_else(|| PracticeError::UnknownQuestion(id.clone()))?;
        let g = grade(question, answer);
        let outcome = self.outcomes.entry(id.clone()).or_default();
        outcome.attempts += 1;
        outcome.correct = g.correct;
        if outcome.attempts == 1 {
            outcome.first_try = g.correct;
        }
        if !g.correct {
            self.missed.push(id);
        }
        self.answered = true;
        Ok(g)
    }

    /// Moves on after feedback. Skipping an unanswered question counts as missing it.
    #[allow(clippy::should_implement_trait)] // not an iterator: it moves the state machine on
    pub fn next(&mut self) -> Result<(), PracticeError> {
        let id = self.current().ok_or(PracticeError::RoundOver)?.to_string();
        if !self.answered {
            self.missed.push(id);
        }
        self.position += 1;
        self.answered = false;
        Ok(())
    }

    pub fn round_over(&self) -> bool {
        self.current().is_none()
    }

    /// Every question right (after retries).
    pub fn finished(&self) -> bool {
        self.round_over() && self.missed.is_empty()
    }

    /// Starts the next round with only the missed questions; returns how many there are.
    pub fn retry_missed(&mut self) -> Result<usize, PracticeError> {
        if !self.round_over() {
            return Err(PracticeError::NotAnswered);
        }
        self.queue = std::mem::take(&mut self.missed);
        self.position = 0;
        self.answered = false;
        self.round += 1;
        Ok(self.queue.len())
    }
}
