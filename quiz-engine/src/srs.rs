//! Spaced repetition with FSRS (the `rs-fsrs` crate), for flashcards and questions alike.
//!
//! Dates come in as arguments: the engine never reads a clock. (`rs-fsrs` reads one in
//! `Card::new` and `Parameters::default`; neither is called here: parameters are spelled out.)
//!
//! **Exam-date target.** With an exam date set, a card whose next review falls after the exam is
//! pulled in to the day before it ([`Scheduler::effective_due`]), unless it was already reviewed
//! in that last day; the stored FSRS state is left as FSRS computed it.

use rs_fsrs::{FSRS, Parameters, Seed};
use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// FSRS-5 default weights (as shipped by `rs-fsrs` 1.2).
const WEIGHTS: [f64; 19] = [
    0.4072, 1.1829, 3.1262, 15.4722, 7.2102, 0.5316, 1.0651, 0.0234, 1.616, 0.1544, 1.0824, 1.9813, 0.0953,
    0.2975, 2.2042, 0.2407, 2.9466, 0.5034, 0.6567,
];

/// How well the learner recalled a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    fn to_fsrs(self) -> rs_fsrs::Rating {
        match self {
            Rating::Again => rs_fsrs::Rating::Again,
            Rating::Hard => rs_fsrs::Rating::Hard,
            Rating::Good => rs_fsrs::Rating::Good,
            Rating::Easy => rs_fsrs::Rating::Easy,
        }
    }

    /// The rating a graded question implies: wrong is `Again`, right is `Good`.
    pub fn from_correct(correct: bool) -> Rating {
        if correct { Rating::Good } else { Rating::Again }
    }
}

/// FSRS's learning phase of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    #[default]
    New,
    Learning,
    Review,
    Relearning,
}

/// What is stored per card: the FSRS memory state and the next due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    pub due: Timestamp,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i32,
    pub lapses: i32,
    pub phase: Phase,
    #[serde(default)]
    pub last_review: Option<Timestamp>,
}

impl CardState {
    /// A card never reviewed, due at `now`.
    pub fn new(now: Timestamp) -> CardState {
        CardState {
            due: now,
            stability: 0.0,
            difficulty: 0.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 0,
            lapses: 0,
            phase: Phase::New,
            last_review: None,
        }
    }

    /// The card for `rs-fsrs` at `now`, with stored nonsense (from corrupt progress) clamped to
    /// values the scheduler can work with.
    fn to_fsrs(&self, now: Timestamp) -> rs_fsrs::Card {
        let fresh = self.phase == Phase::New;
        let finite_or = |v: f64, default: f64| if v.is_finite() { v } else { default };
        let stability = if fresh { 0.0 } else { finite_or(self.stability, 0.1).clamp(0.1, 1e6) };
        let difficulty = if fresh { 0.0 } else { finite_or(self.difficulty, 5.0).clamp(1.0, 10.0) };
        let last_review = self.last_review.unwrap_or(self.due).min(now);
        rs_fsrs::Card {
            due: self.due.to_chrono(),
            stability,
            difficulty,
            elapsed_days: self.elapsed_days.clamp(0, 36_500),
            scheduled_days: self.scheduled_days.clamp(0, 36_500),
            reps: self.reps.clamp(0, 1_000_000),
            lapses: self.lapses.clamp(0, 1_000_000),
            state: match self.phase {
                Phase::New => rs_fsrs::State::New,
                Phase::Learning => rs_fsrs::State::Learning,
                Phase::Review => rs_fsrs::State::Review,
                Phase::Relearning => rs_fsrs::State::Relearning,
            },
            last_review: last_review.to_chrono(),
        }
    }

    fn from_fsrs(card: &rs_fsrs::Card) -> CardState {
        CardState {
            due: Timestamp::from_chrono(card.due),
            stability: card.stability,
            difficulty: card.difficulty,
            elapsed_days: card.elapsed_days,
            scheduled_days: card.scheduled_days,
            reps: card.reps,
            lapses: card.lapses,
            phase: match card.state {
                rs_fsrs::State::New => Phase::New,
                rs_fsrs::State::Learning => Phase::Learning,
                rs_fsrs::State::Review => Phase::Review,
                rs_fsrs::State::Relearning => Phase::Relearning,
            },
            last_review: Some(Timestamp::from_chrono(card.last_review)),
        }
    }
}

/// The scheduler: FSRS parameters and an optional exam date.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    pub exam_date: Option<Timestamp>,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new(None)
    }
}

impl Scheduler {
    /// Default FSRS parameters (90 % retention, no fuzz: reproducible schedules).
    pub fn new(exam_date: Option<Timestamp>) -> Scheduler {
        let parameters = Parameters {
            request_retention: 0.9,
            maximum_interval: 36500,
            w: WEIGHTS,
            decay: Parameters::DECAY,
            factor: Parameters::FACTOR,
            enable_short_term: true,
            enable_fuzz: false,
            seed: Seed::new("ec2lab"),
        };
        Scheduler { fsrs: FSRS::new(parameters), exam_date }
    }

    /// The card after a review rated `rating` at `now`.
    pub fn review(&self, card: &CardState, rating: Rating, now: Timestamp) -> CardState {
        let now = now.clamp(Timestamp::EARLIEST, Timestamp::LATEST);
        let info = self.fsrs.next(card.to_fsrs(now), now.to_chrono(), rating.to_fsrs());
        CardState::from_fsrs(&info.card)
    }

    /// When each rating would make the card due next (for the rating buttons).
    pub fn preview(&self, card: &CardState, now: Timestamp) -> Vec<(Rating, Timestamp)> {
        Rating::ALL.iter().map(|&r| (r, self.effective_due(&self.review(card, r, now), now))).collect()
    }

    /// The due date at `now` with the exam target applied (none once the exam date is past).
    pub fn effective_due(&self, card: &CardState, now: Timestamp) -> Timestamp {
        let Some(exam) = self.exam_date.filter(|&exam| now <= exam) else {
            return card.due;
        };
        let last_look = exam.plus_days(-1);
        let reviewed_in_last_day = card.last_review.is_some_and(|t| t >= last_look);
        if card.due > exam && !reviewed_in_last_day { card.due.min(last_look) } else { card.due }
    }

    /// Ids of the cards due at `now`, most overdue first (ties by id).
    pub fn due<'i, 'c>(
        &self,
        cards: impl IntoIterator<Item = (&'i str, &'c CardState)>,
        now: Timestamp,
    ) -> Vec<&'i str> {
        let mut due: Vec<(Timestamp, &str)> = cards
            .into_iter()
            .map(|(id, c)| (self.effective_due(c, now), id))
            .filter(|(t, _)| *t <= now)
            .collect();
        due.sort();
        due.into_iter().map(|(_, id)| id).collect()
    }
}
