//! Exam mode: a timed attempt on a blueprint, as a pure state machine. The clock is passed in
//! to every call; when a call comes after the deadline, the exam submits itself at the deadline.

mod sample;
mod score;

pub use sample::sample;
pub use score::{DomainScore, ExamResult, scale, score};

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::blueprint::Blueprint;
use crate::course::Course;
use crate::time::Timestamp;

/// One attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exam {
    pub blueprint: String,
    pub seed: u64,
    /// Question ids in the order shown.
    pub questions: Vec<String>,
    pub answers: Vec<Option<Answer>>,
    pub flagged: Vec<bool>,
    pub current: usize,
    pub started_at: Timestamp,
    pub deadline: Timestamp,
    #[serde(default)]
    pub submitted_at: Option<Timestamp>,
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExamError {
    /// The exam was already submitted.
    Submitted,
    /// Time ran out; the exam has been submitted at the deadline.
    TimeUp,
    /// No question with that number.
    NoSuchQuestion(usize),
}

impl std::fmt::Display for ExamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExamError::Submitted => write!(f, "the exam is already submitted"),
            ExamError::TimeUp => write!(f, "time is up: the exam was submitted"),
            ExamError::NoSuchQuestion(i) => write!(f, "there is no question {}", i + 1),
        }
    }
}

impl std::error::Error for ExamError {}

impl Exam {
    /// Starts an attempt at `now`, drawing questions from `course` per `blueprint` with `seed`.
    pub fn start(course: &Course, blueprint: &Blueprint, seed: u64, now: Timestamp) -> Exam {
        let questions = sample(course, blueprint, seed);
        let n = questions.len();
        Exam {
            blueprint: blueprint.id.clone(),
            seed,
            questions,
            answers: vec![None; n],
            flagged: vec![false; n],
            current: 0,
            started_at: now,
            deadline: now.plus_ms(i64::from(blueprint.time_limit) * Timestamp::MINUTE),
            submitted_at: None,
        }
    }

    /// Milliseconds left (0 once submitted or out of time).
    pub fn remaining(&self, now: Timestamp) -> i64 {
        if self.submitted_at.is_some() { 0 } else { self.deadline.since(now).max(0) }
    }

    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }

    /// Call on every timer tick: submits at the deadline. True once submitted.
    pub fn tick(&mut self, now: Timestamp) -> bool {
        if self.submitted_at.is_none() && now >= self.deadline {
            self.submitted_at = Some(self.deadline);
        }
        self.is_submitted()
    }

    fn open(&mut self, now: Timestamp) -> Result<(), ExamError> {
        if self.submitted_at.is_some() {
            return Err(ExamError::Submitted);
        }
        if self.tick(now) {
            return Err(ExamError::TimeUp);
        }
        Ok(())
    }

    /// The current question's id.
    pub fn current_question(&self) -> Option<&str> {
        self.questions.get(self.current).map(String::as_str)
    }

    /// Records (or replaces) the answer to the current question.
    pub fn answer(&mut self, now: Timestamp, answer: Answer) -> Result<(), ExamError> {
        self.open(now)?;
        let slot = self.answers.get_mut(self.current).ok_or(ExamError::NoSuchQuestion(self.current))?;
        *slot = Some(answer);
        Ok(())
    }

    pub fn clear_answer(&mut self, now: Timestamp) -> Result<(), ExamError> {
        self.open(now)?;
        if let Some(slot) = self.answers.get_mut(self.current) {
            *slot = None;
        }
        Ok(())
    }

    /// Flags or unflags the current question for review.
    pub fn toggle_flag(&mut self, now: Timestamp) -> Result<bool, ExamError> {
        self.open(now)?;
        let flag = self.flagged.get_mut(self.current).ok_or(ExamError::NoSuchQuestion(self.current))?;
        *flag = !*flag;
        Ok(*flag)
    }

    /// Jumps to question `index` (0-based).
    pub fn go_to(&mut self, now: Timestamp, index: usize) -> Result<(), ExamError> {
        self.open(now)?;
        if index >= self.questions.len() {
            return Err(ExamError::NoSuchQuestion(index));
        }
        self.current = index;
        Ok(())
    }

    pub fn next(&mut self, now: Timestamp) -> Result<(), ExamError> {
        let i = self.current + 1;
        self.go_to(now, i)
    }

    pub fn prev(&mut self, now: Timestamp) -> Result<(), ExamError> {
        let i = self.current.checked_sub(1).ok_or(ExamError::NoSuchQuestion(0))?;
        self.go_to(now, i)
    }

    /// Indices flagged for review.
    pub fn flagged_questions(&self) -> Vec<usize> {
        (0..self.flagged.len()).filter(|&i| self.flagged[i]).collect()
    }

    /// Indices not answered yet.
    pub fn unanswered(&self) -> Vec<usize> {
        (0..self.answers.len()).filter(|&i| self.answers[i].is_none()).collect()
    }

    /// Ends the attempt now (or at the deadline, if that came first).
    pub fn submit(&mut self, now: Timestamp) -> Result<(), ExamError> {
        if self.submitted_at.is_some() {
            return Err(ExamError::Submitted);
        }
        self.submitted_at = Some(now.min(self.deadline));
        Ok(())
    }

    /// Review of every question in exam order, once submitted (`None` before: no peeking).
    pub fn review(&self, course: &Course) -> Option<Vec<crate::review::ReviewItem>> {
        self.submitted_at?;
        Some(
            self.questions
                .iter()
                .enumerate()
                .filter_map(|(i, id)| {
                    let q = course.question(id)?;
                    Some(crate::review::review(q, self.answers.get(i).and_then(Option::as_ref)))
                })
                .collect(),
        )
    }

    /// The result, once submitted.
    pub fn result(&self, course: &Course, blueprint: &Blueprint) -> Option<ExamResult> {
        self.submitted_at.map(|_| score(course, blueprint, &self.questions, &self.answers))
    }
}
