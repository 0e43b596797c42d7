//! The flashcard review's state without any DOM: which of the deck's cards are due, the card on
//! screen (front, or back once revealed), the next interval each rating would give, and the
//! learner's exam date. Scheduling is `quiz_engine::srs`; time comes in as arguments.

use quiz_engine::srs::{CardState, Rating, Scheduler};
use quiz_engine::{Card, Progress, Timestamp};
use serde::Deserialize;

/// What the preprocessor embeds in the page for an `ec2lab-flashcards` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FlashcardsConfig {
    pub deck: String,
    #[serde(default)]
    pub title: String,
    pub cards: Vec<Card>,
}

/// One review session over a deck.
#[derive(Debug, Clone)]
pub struct FlashcardsModel {
    deck: String,
    title: String,
    cards: Vec<Card>,
    /// The stored progress this session schedules from (cards and exam date).
    progress: Progress,
    /// Ids to review now: never-seen first, then due ones, most overdue first.
    queue: Vec<String>,
    revealed: bool,
    done: usize,
    /// The last time the model was told: previews and "next due" count from it.
    now: Timestamp,
}

impl FlashcardsModel {
    /// A session at `now` over `config`'s cards, scheduled from `progress`.
    pub fn new(config: FlashcardsConfig, progress: Progress, now: Timestamp) -> FlashcardsModel {
        let mut model = FlashcardsModel {
            deck: config.deck,
            title: config.title,
            cards: config.cards,
            progress,
            queue: Vec::new(),
            revealed: false,
            done: 0,
            now,
        };
        model.refresh(now);
        model
    }

    pub fn deck(&self) -> &str {
        &self.deck
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    fn scheduler(&self) -> Scheduler {
        Scheduler::new(self.progress.exam_date)
    }

    /// Recomputes what is due at `now` (cards rated Again come back after a few minutes).
    pub fn refresh(&mut self, now: Timestamp) {
        self.now = now;
        let ids: Vec<&str> = self.cards.iter().map(|c| c.id.as_str()).collect();
        let due = self.progress.due_cards(&ids, now, &self.scheduler());
        let before = self.queue.first().cloned();
        self.queue = due.into_iter().map(String::from).collect();
        if self.queue.first() != before.as_ref() {
            self.revealed = false;
        }
    }

    /// Replaces the stored progress (another widget or tab saved something) and refreshes.
    pub fn reload(&mut self, progress: Progress, now: Timestamp) {
        self.progress = progress;
        self.refresh(now);
    }

    /// The card on screen, if any is due.
    pub fn current(&self) -> Option<&Card> {
        let id = self.queue.first()?;
        self.cards.iter().find(|c| &c.id == id)
    }

    pub fn revealed(&self) -> bool {
        self.revealed
    }

    pub fn reveal(&mut self, now: Timestamp) {
        self.now = now;
        self.revealed = self.current().is_some();
    }

    /// Cards seen before and due now.
    pub fn due_count(&self) -> usize {
        self.queue.iter().filter(|id| self.progress.cards.contains_key(*id)).count()
    }

    /// Cards never reviewed.
    pub fn new_count(&self) -> usize {
        self.queue.len() - self.due_count()
    }

    /// Reviews done in this session.
    pub fn done(&self) -> usize {
        self.done
    }

    /// The stored state of the current card (a fresh one if never reviewed).
    fn current_state(&self, now: Timestamp) -> Option<CardState> {
        let card = self.current()?;
        Some(self.progress.cards.get(&card.id).cloned().unwrap_or_else(|| CardState::new(now)))
    }

    /// Each rating with how long until the card would be due again, in milliseconds.
    pub fn preview(&self) -> Vec<(Rating, i64)> {
        let now = self.now;
        let Some(state) = self.current_state(now) else { return Vec::new() };
        self.scheduler().preview(&state, now).into_iter().map(|(r, due)| (r, due.since(now).max(0))).collect()
    }

    /// Rates the revealed card. Returns the card id for the caller to store the same review,
    /// or `None` when there is nothing to rate (no card, or its back not shown yet).
    pub fn rate(&mut self, rating: Rating, now: Timestamp) -> Option<String> {
        if !self.revealed {
            return None;
        }
        let id = self.current()?.id.clone();
        let scheduler = self.scheduler();
        self.progress.review_card(&id, rating, now, &scheduler);
        self.done += 1;
        self.revealed = false;
        self.refresh(now);
        // A card due again at once goes behind the others rather than straight back on screen.
        if self.queue.len() > 1 && self.queue.first() == Some(&id) {
            self.queue.rotate_left(1);
        }
        self.revealed = false;
        Some(id)
    }

    /// How long until the next card of this deck falls due (milliseconds), if any is scheduled.
    pub fn next_due_in(&self) -> Option<i64> {
        let now = self.now;
        let scheduler = self.scheduler();
        self.cards
            .iter()
            .filter_map(|c| self.progress.cards.get(&c.id))
            .map(|state| scheduler.effective_due(state, now))
            .filter(|&t| t > now)
            .min()
            .map(|t| t.since(now))
    }

    pub fn exam_date(&self) -> Option<Timestamp> {
        self.progress.exam_date
    }

    /// Sets or clears the exam date; what is due changes with it.
    pub fn set_exam_date(&mut self, date: Option<Timestamp>, now: Timestamp) {
        self.progress.exam_date = date;
        self.refresh(now);
    }

    /// The session's card states (what the caller should have stored).
    pub fn progress(&self) -> &Progress {
        &self.progress
    }
}

/// A short interval for a rating button: `<1 min`, `10 min`, `3 h`, `4 d`, `2 mo`, `1.5 y`.
pub fn interval_text(ms: i64) -> String {
    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = Timestamp::DAY;
    if ms < MIN {
        "<1 min".to_string()
    } else if ms < HOUR {
        format!("{} min", (ms + MIN / 2) / MIN)
    } else if ms < DAY {
        format!("{} h", (ms + HOUR / 2) / HOUR)
    } else if ms < 30 * DAY {
        format!("{} d", (ms + DAY / 2) / DAY)
    } else if ms < 365 * DAY {
        format!("{} mo", (ms + 15 * DAY) / (30 * DAY))
    } else {
        format!("{:.1} y", ms as f64 / (365.0 * DAY as f64))
    }
}

/// The rating's label and keyboard shortcut.
pub fn rating_label(rating: Rating) -> (&'static str, &'static str) {
    match rating {
        Rating::Again => ("Again", "1"),
        Rating::Hard => ("Hard", "2"),
        Rating::Good => ("Good", "3"),
        Rating::Easy => ("Easy", "4"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: &str = "deck: d\ntitle: Deck\n\n## d-one\n\nFront one\n\n---\n\nBack one\n\n\
## d-two\n\nFront two\n\n> Back two\n\n## d-three\n\nFront three\n\n---\n\nBack three\n";

    const T0: Timestamp = Timestamp(1_795_392_000_000);

    fn config() -> FlashcardsConfig {
        let deck = quiz_engine::parse_deck("content/decks/d.md", DECK).expect("deck parses");
        let json = serde_json::json!({ "deck": deck.id, "title": deck.title, "cards": deck.cards });
        serde_json::from_value(json).expect("config deserialises")
    }

    fn minutes(n: i64) -> Timestamp {
        T0.plus_ms(n * 60_000)
    }

    #[test]
    fn new_cards_are_due_and_need_revealing_before_rating() {
        let mut m = FlashcardsModel::new(config(), Progress::default(), T0);
        assert_eq!((m.new_count(), m.due_count(), m.done()), (3, 0, 0));
        assert_eq!(m.current().map(|c| c.id.as_str()), Some("d-one"));
        assert!(m.current().is_some_and(|c| c.back.contains("Back one")));
        assert_eq!(m.rate(Rating::Good, T0), None, "the back is not shown yet");
        m.reveal(T0);
        let preview = m.preview();
        assert_eq!(preview.len(), 4);
        assert!(preview.windows(2).all(|w| w[0].1 <= w[1].1), "{preview:?}");
        assert_eq!(m.rate(Rating::Good, T0).as_deref(), Some("d-one"));
        assert_eq!((m.new_count(), m.due_count(), m.done()), (2, 0, 1));
        assert_eq!(m.current().map(|c| c.id.as_str()), Some("d-two"));
        assert!(!m.revealed());
        assert!(m.progress().cards.contains_key("d-one"));
    }

    #[test]
    fn a_card_rated_again_comes_back_later_in_the_session() {
        let mut m = FlashcardsModel::new(config(), Progress::default(), T0);
        m.reveal(T0);
        m.rate(Rating::Again, T0);
        assert_eq!(m.queue.len(), 2);
        for id in ["d-two", "d-three"] {
            assert_eq!(m.current().map(|c| c.id.as_str()), Some(id));
            m.reveal(T0);
            m.rate(Rating::Easy, minutes(2));
        }
        assert_eq!(m.current().map(|c| c.id.as_str()), Some("d-one"), "due again after a minute");
        assert_eq!((m.new_count(), m.due_count()), (0, 1));
        m.reveal(T0);
        m.rate(Rating::Good, minutes(3));
        assert!(m.current().is_none());
        assert!(m.next_due_in().is_some_and(|ms| ms > 0));
    }

    #[test]
    fn the_exam_date_pulls_reviews_in() {
        let mut m = FlashcardsModel::new(config(), Progress::default(), T0);
        for _ in 0..3 {
            m.reveal(T0);
            m.rate(Rating::Easy, T0);
        }
        assert!(m.current().is_none());
        let later = T0.plus_days(2);
        m.refresh(later);
        assert!(m.current().is_none(), "easy cards are not due two days later");
        m.set_exam_date(Some(T0.plus_days(3)), later);
        assert_eq!(m.exam_date(), Some(T0.plus_days(3)));
        assert_eq!(m.due_count(), 3, "every card comes due the day before the exam");
        m.set_exam_date(None, later);
        assert_eq!(m.due_count(), 0);
    }

    #[test]
    fn reload_takes_what_another_widget_stored() {
        let mut m = FlashcardsModel::new(config(), Progress::default(), T0);
        let mut stored = Progress::default();
        stored.review_card("d-one", Rating::Good, T0, &Scheduler::default());
        m.reload(stored, T0);
        assert_eq!(m.new_count(), 2);
        assert_eq!(m.current().map(|c| c.id.as_str()), Some("d-two"));
    }

    #[test]
    fn intervals_read_short() {
        assert_eq!(interval_text(30_000), "<1 min");
        assert_eq!(interval_text(10 * 60_000), "10 min");
        assert_eq!(interval_text(3 * 3_600_000), "3 h");
        assert_eq!(interval_text(4 * Timestamp::DAY), "4 d");
        assert_eq!(interval_text(60 * Timestamp::DAY), "2 mo");
        assert_eq!(interval_text(548 * Timestamp::DAY), "1.5 y");
    }
}
