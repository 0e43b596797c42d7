//! The learner's progress: a versioned serde schema (`version: 1`), read leniently (every valid
//! entry kept, every bad one reported), migrated from the unversioned v0 shape, exported and
//! imported as JSON, and gathered into a classroom CSV.

mod csv;
mod load;
mod migrate;
mod outline;
mod summary;

pub use csv::classroom_csv;
pub use load::{Issue, Loaded};
pub use outline::{Outline, OutlineBank, OutlineQuestion};
pub use summary::{BankSummary, Summary, summary};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::exam::{Exam, ExamResult};
use crate::grade::Grade;
use crate::srs::{CardState, Rating, Scheduler};
use crate::time::Timestamp;

/// The schema version this build writes.
pub const VERSION: u32 = 1;

/// Everything stored about one learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// Per question id.
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionProgress>,
    /// FSRS state per card id (flashcards and questions share the id space).
    #[serde(default)]
    pub cards: BTreeMap<String, CardState>,
    /// Finished exam attempts, oldest first.
    #[serde(default)]
    pub exams: Vec<ExamRecord>,
    /// The learner's exam date, for spaced repetition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exam_date: Option<Timestamp>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: VERSION,
            questions: BTreeMap::new(),
            cards: BTreeMap::new(),
            exams: Vec::new(),
            exam_date: None,
        }
    }
}

/// How one question has gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionProgress {
    pub attempts: u32,
    /// Attempts that were fully right.
    pub correct: u32,
    pub last_score: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_at: Option<Timestamp>,
}

/// One finished exam attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamRecord {
    pub blueprint: String,
    pub seed: u64,
    pub finished_at: Timestamp,
    pub scaled: u16,
    pub passed: bool,
    /// Domain id to percent.
    #[serde(default)]
    pub domains: BTreeMap<String, f64>,
}

impl Progress {
    /// Records one graded answer.
    pub fn record_answer(&mut self, question: &str, answer: &Answer, grade: &Grade, now: Timestamp) {
        let entry = self.questions.entry(question.to_string()).or_insert(QuestionProgress {
            attempts: 0,
            correct: 0,
            last_score: 0.0,
            last_answer: None,
            last_at: None,
        });
        entry.attempts += 1;
        entry.correct += u32::from(grade.correct);
        entry.last_score = grade.score;
        entry.last_answer = Some(answer.clone());
        entry.last_at = Some(now);
    }

    /// Records a submitted exam.
    pub fn record_exam(&mut self, exam: &Exam, result: &ExamResult) {
        self.exams.push(ExamRecord {
            blueprint: exam.blueprint.clone(),
            seed: exam.seed,
            finished_at: exam.submitted_at.unwrap_or(exam.deadline),
            scaled: result.scaled,
            passed: result.passed,
            domains: result.domains.iter().map(|d| (d.domain.clone(), d.percent)).collect(),
        });
    }

    /// Records a spaced-repetition review of card `id` (a flashcard or a question).
    pub fn review_card(&mut self, id: &str, rating: Rating, now: Timestamp, scheduler: &Scheduler) {
        let card = self.cards.get(id).cloned().unwrap_or_else(|| CardState::new(now));
        self.cards.insert(id.to_string(), scheduler.review(&card, rating, now));
    }

    /// Of `ids`, those to review at `now`: never-seen ones first (in the given order), then
    /// due ones, most overdue first.
    pub fn due_cards<'a>(&self, ids: &[&'a str], now: Timestamp, scheduler: &Scheduler) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = ids.iter().copied().filter(|id| !self.cards.contains_key(*id)).collect();
        let seen: Vec<(&'a str, &CardState)> =
            ids.iter().filter_map(|id| self.cards.get(*id).map(|c| (*id, c))).collect();
        out.extend(scheduler.due(seen, now));
        out
    }

    /// JSON to save or export.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads saved or imported JSON: see [`Loaded`].
    pub fn from_json(text: &str) -> Loaded {
        load::load(text)
    }

    /// Merges an import into this progress: per question and card the more recent entry wins;
    /// exam attempts are united.
    pub fn merge(&mut self, other: Progress) {
        for (id, theirs) in other.questions {
            match self.questions.get(&id) {
                Some(ours) if ours.last_at >= theirs.last_at => {}
                _ => {
                    self.questions.insert(id, theirs);
                }
            }
        }
        for (id, theirs) in other.cards {
            match self.cards.get(&id) {
                Some(ours) if ours.last_review >= theirs.last_review => {}
                _ => {
                    self.cards.insert(id, theirs);
                }
            }
        }
        for exam in other.exams {
            if !self.exams.iter().any(|e| {
                e.blueprint == exam.blueprint && e.seed == exam.seed && e.finished_at == exam.finished_at
            }) {
                self.exams.push(exam);
            }
        }
        self.exams.sort_by_key(|e| e.finished_at);
        if self.exam_date.is_none() {
            self.exam_date = other.exam_date;
        }
    }
}
