//! The mock exam's state without any DOM: the start screen, an attempt over
//! `quiz_engine::Exam` with the learner's draft for the question on screen, the submit
//! confirmation, and the result with its review. Plain Rust: time and the seed come in as
//! arguments; the engine owns every rule (deadline, grading, scaling).

use std::collections::BTreeMap;

use quiz_engine::exam::ExamError;
use quiz_engine::review::ReviewItem;
use quiz_engine::{Bank, Blueprint, Body, Course, Exam, ExamResult, Question, Timestamp};
use serde::Deserialize;

use crate::quiz::Draft;

/// What the preprocessor embeds in the page for an `ec2lab-exam` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ExamConfig {
    /// The blueprint's id, as the author wrote it.
    pub blueprint: String,
    /// The blueprint itself.
    pub exam: Blueprint,
    /// Its whole question pool; each attempt samples from it with a seed.
    pub questions: Vec<Question>,
}

/// Where the learner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The start screen.
    Ready,
    /// An attempt is running.
    Running,
    /// Submitted: the result, and the review on request.
    Finished,
}

/// The state of a question in the navigator grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub answered: bool,
    pub flagged: bool,
    pub current: bool,
}

/// A finished attempt, for the caller to store once.
#[derive(Debug, Clone)]
pub struct Finished {
    pub exam: Exam,
    pub result: ExamResult,
}

/// One learner's mock exam.
#[derive(Debug, Clone)]
pub struct ExamModel {
    course: Course,
    blueprint: Blueprint,
    exam: Option<Exam>,
    draft: Draft,
    /// The last time the model was told (a tick or an action).
    now: Timestamp,
    confirming: bool,
    result: Option<ExamResult>,
    review: Option<Vec<ReviewItem>>,
    reviewing: bool,
    /// Set at submission, taken once by [`ExamModel::take_finished`].
    unsaved: bool,
    /// Set when the clock (not the learner) ended the attempt.
    timed_out: bool,
}

impl ExamModel {
    pub fn new(config: ExamConfig) -> ExamModel {
        // Questions keep their banks: a blueprint may name the banks it draws from.
        let mut banks: BTreeMap<String, Vec<Question>> = BTreeMap::new();
        for q in config.questions {
            banks.entry(q.bank.clone()).or_default().push(q);
        }
        let banks = banks
            .into_iter()
            .map(|(id, questions)| Bank { id, title: String::new(), questions, pos: Default::default() })
            .collect();
        ExamModel {
            course: Course { banks, ..Default::default() },
            blueprint: config.exam,
            exam: None,
            draft: Draft::Lab,
            now: Timestamp::default(),
            confirming: false,
            result: None,
            review: None,
            reviewing: false,
            unsaved: false,
            timed_out: false,
        }
    }

    pub fn blueprint(&self) -> &Blueprint {
        &self.blueprint
    }

    /// A question of the pool by id (for review, which lists ids).
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.course.question(id)
    }

    pub fn phase(&self) -> Phase {
        match &self.exam {
            None => Phase::Ready,
            Some(e) if e.is_submitted() => Phase::Finished,
            Some(_) => Phase::Running,
        }
    }

    /// Questions an attempt will have: the blueprint's count, or fewer if the pool is short.
    pub fn planned_questions(&self) -> usize {
        self.blueprint.questions.min(self.course.exam_pool(&self.blueprint).len())
    }

    /// Starts an attempt at `now` with `seed` (the caller draws it from the clock).
    pub fn start(&mut self, seed: u64, now: Timestamp) {
        self.exam = Some(Exam::start(&self.course, &self.blueprint, seed, now));
        self.now = now;
        self.confirming = false;
        self.result = None;
        self.review = None;
        self.reviewing = false;
        self.unsaved = false;
        self.timed_out = false;
        self.load_draft();
    }

    /// Picks up an attempt saved while it was running (after a reload), at `now`: if its
    /// deadline has passed, the engine submits it at the deadline. Refused (false) when it
    /// belongs to another blueprint or names questions this page does not have.
    pub fn resume(&mut self, exam: Exam, now: Timestamp) -> bool {
        let fits = exam.blueprint == self.blueprint.id
            && exam.answers.len() == exam.questions.len()
            && exam.flagged.len() == exam.questions.len()
            && exam.current < exam.questions.len()
            && exam.questions.iter().all(|id| self.course.question(id).is_some());
        if !fits || exam.is_submitted() || self.phase() != Phase::Ready {
            return false;
        }
        self.exam = Some(exam);
        self.timed_out = false;
        self.load_draft();
        self.tick(now);
        true
    }

    /// The attempt while it runs (to save it, so a reload can resume it).
    pub fn running_attempt(&self) -> Option<&Exam> {
        self.exam.as_ref().filter(|e| !e.is_submitted())
    }

    /// Back to the start screen for another attempt.
    pub fn restart(&mut self) {
        self.exam = None;
        self.result = None;
        self.review = None;
        self.reviewing = false;
        self.confirming = false;
        self.timed_out = false;
    }

    /// The clock moved on. Returns true while an attempt is running or has just ended (the
    /// screen needs redrawing).
    pub fn tick(&mut self, now: Timestamp) -> bool {
        self.now = now;
        let Some(exam) = self.exam.as_mut() else { return false };
        if exam.is_submitted() {
            return false;
        }
        if exam.tick(now) {
            self.timed_out = true;
            self.finish();
        }
        true
    }

    /// Milliseconds left in the running attempt.
    pub fn remaining_ms(&self) -> i64 {
        self.exam.as_ref().map_or(0, |e| e.remaining(self.now))
    }

    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// The question on screen, its 0-based index and the attempt's length.
    pub fn current(&self) -> Option<(&Question, usize, usize)> {
        let exam = self.exam.as_ref().filter(|e| !e.is_submitted())?;
        let q = self.course.question(exam.current_question()?)?;
        Some((q, exam.current, exam.questions.len()))
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn is_flagged(&self) -> bool {
        self.exam.as_ref().is_some_and(|e| e.flagged.get(e.current).copied().unwrap_or(false))
    }

    pub fn is_answered(&self) -> bool {
        self.exam.as_ref().is_some_and(|e| e.answers.get(e.current).is_some_and(Option::is_some))
    }

    /// The navigator grid, one cell per question.
    pub fn cells(&self) -> Vec<Cell> {
        let Some(e) = &self.exam else { return Vec::new() };
        (0..e.questions.len())
            .map(|i| Cell {
                answered: e.answers[i].is_some(),
                flagged: e.flagged[i],
                current: i == e.current,
            })
            .collect()
    }

    /// 0-based indices of unanswered and flagged questions, for the submit confirmation.
    pub fn unanswered(&self) -> Vec<usize> {
        self.exam.as_ref().map(Exam::unanswered).unwrap_or_default()
    }

    pub fn flagged(&self) -> Vec<usize> {
        self.exam.as_ref().map(Exam::flagged_questions).unwrap_or_default()
    }

    pub fn answered_count(&self) -> usize {
        self.exam.as_ref().map_or(0, |e| e.answers.iter().filter(|a| a.is_some()).count())
    }

    /// Picks option `i` of the current question (toggles for multiple response).
    pub fn choose(&mut self, now: Timestamp, i: usize) {
        let multiple = matches!(self.current().map(|(q, ..)| &q.body), Some(Body::Multiple { .. }));
        self.edit(now, |d| d.choose(i, multiple));
    }

    pub fn set_bool(&mut self, now: Timestamp, value: bool) {
        self.edit(now, |d| d.set_bool(value));
    }

    pub fn move_item(&mut self, now: Timestamp, position: usize, up: bool) {
        self.edit(now, |d| d.move_item(position, up));
    }

    pub fn set_text(&mut self, now: Timestamp, text: String) {
        self.edit(now, |d| d.set_text(text));
    }

    /// Takes an ordering question's order as shown as the answer (without moving anything).
    pub fn keep_order(&mut self, now: Timestamp) {
        self.edit(now, |_| {});
    }

    /// Removes the answer to the current question.
    pub fn clear(&mut self, now: Timestamp) {
        let result = self.exam.as_mut().map(|e| e.clear_answer(now));
        if self.settle(result)
            && let Some((q, ..)) = self.current()
        {
            self.draft = Draft::for_question(q);
        }
    }

    pub fn toggle_flag(&mut self, now: Timestamp) {
        let result = self.exam.as_mut().map(|e| e.toggle_flag(now).map(|_| ()));
        self.settle(result);
    }

    pub fn go_to(&mut self, now: Timestamp, index: usize) {
        let result = self.exam.as_mut().map(|e| e.go_to(now, index));
        if self.settle(result) {
            self.confirming = false;
            self.load_draft();
        }
    }

    pub fn next(&mut self, now: Timestamp) {
        let result = self.exam.as_mut().map(|e| e.next(now));
        if self.settle(result) {
            self.load_draft();
        }
    }

    pub fn prev(&mut self, now: Timestamp) {
        let result = self.exam.as_mut().map(|e| e.prev(now));
        if self.settle(result) {
            self.load_draft();
        }
    }

    /// Shows the confirmation before submitting.
    pub fn ask_submit(&mut self, now: Timestamp) {
        self.tick(now);
        self.confirming = self.phase() == Phase::Running;
    }

    pub fn cancel_submit(&mut self) {
        self.confirming = false;
    }

    pub fn confirming(&self) -> bool {
        self.confirming
    }

    /// Submits the attempt.
    pub fn submit(&mut self, now: Timestamp) {
        let result = self.exam.as_mut().map(|e| e.submit(now));
        if matches!(result, Some(Ok(()))) {
            self.now = now;
            self.finish();
        } else {
            self.settle(result);
        }
    }

    pub fn result(&self) -> Option<&ExamResult> {
        self.result.as_ref()
    }

    pub fn review(&self) -> &[ReviewItem] {
        self.review.as_deref().unwrap_or_default()
    }

    pub fn reviewing(&self) -> bool {
        self.reviewing
    }

    pub fn toggle_review(&mut self) {
        self.reviewing = self.review.is_some() && !self.reviewing;
    }

    /// The attempt just submitted, once: the caller stores it.
    pub fn take_finished(&mut self) -> Option<Finished> {
        if !self.unsaved {
            return None;
        }
        self.unsaved = false;
        Some(Finished { exam: self.exam.clone()?, result: self.result.clone()? })
    }

    /// Applies `change` to the draft and records the resulting answer (or clears it).
    fn edit(&mut self, now: Timestamp, change: impl FnOnce(&mut Draft)) {
        if self.phase() != Phase::Running {
            return;
        }
        change(&mut self.draft);
        let answer = self.current().and_then(|(q, ..)| self.draft.to_answer(q));
        let result = self.exam.as_mut().map(|e| match answer {
            Some(a) => e.answer(now, a),
            None => e.clear_answer(now),
        });
        self.settle(result);
    }

    /// Notes the time and handles the engine's refusal: once time is up, the attempt ends.
    /// True when the action went through.
    fn settle(&mut self, result: Option<Result<(), ExamError>>) -> bool {
        match result {
            Some(Ok(())) => true,
            Some(Err(ExamError::TimeUp)) => {
                self.timed_out = true;
                self.finish();
                false
            }
            _ => false,
        }
    }

    /// The attempt is submitted: grade it and build the review.
    fn finish(&mut self) {
        let Some(exam) = &self.exam else { return };
        self.confirming = false;
        self.result = exam.result(&self.course, &self.blueprint);
        self.review = exam.review(&self.course);
        self.unsaved = self.result.is_some();
    }

    fn load_draft(&mut self) {
        let Some(exam) = &self.exam else { return };
        let saved = exam.answers.get(exam.current).and_then(Option::as_ref);
        self.draft = match self.current() {
            Some((q, ..)) => Draft::from_answer(q, saved),
            None => Draft::Lab,
        };
    }
}

/// `mm:ss`, or `h:mm:ss` from an hour up, for a number of milliseconds (rounded up, so the clock
/// shows 0:00 only when time is really up).
pub fn clock_text(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
