//! Progress per bank, for the course dashboard: how many questions were tried and how many the
//! learner last got right, and how many flashcards are due.

use serde::{Deserialize, Serialize};

use super::Progress;
use super::outline::Outline;
use crate::srs::Scheduler;
use crate::time::Timestamp;

/// One dashboard row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankSummary {
    pub bank: String,
    pub title: String,
    pub questions: usize,
    /// Answered at least once.
    pub attempted: usize,
    /// Right on the last attempt.
    pub mastered: usize,
}

/// The dashboard as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub banks: Vec<BankSummary>,
    /// Flashcards (of every deck) to review now, never-seen ones included.
    pub cards_due: usize,
    pub exams_taken: usize,
    pub best_exam: Option<u16>,
}

/// Summarises `progress` over the course `outline` at `now`.
pub fn summary(progress: &Progress, outline: &Outline, scheduler: &Scheduler, now: Timestamp) -> Summary {
    let banks = outline
        .banks
        .iter()
        .map(|b| {
            let entries: Vec<_> = b.questions.iter().filter_map(|q| progress.questions.get(&q.id)).collect();
            BankSummary {
                bank: b.id.clone(),
                title: b.title.clone(),
                questions: b.questions.len(),
                attempted: entries.len(),
                mastered: entries.iter().filter(|e| e.last_score >= 1.0).count(),
            }
        })
        .collect();
    let card_ids: Vec<&str> = outline.cards.iter().map(String::as_str).collect();
    Summary {
        banks,
        cards_due: progress.due_cards(&card_ids, now, scheduler).len(),
        exams_taken: progress.exams.len(),
        best_exam: progress.exams.iter().map(|e| e.scaled).max(),
    }
}
