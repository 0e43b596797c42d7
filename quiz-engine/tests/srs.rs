//! FSRS scheduling on simulated dates: no clock is read, the same inputs give the same schedule.

use quiz_engine::Timestamp;
use quiz_engine::srs::{CardState, Phase, Rating, Scheduler};

const DAY: i64 = Timestamp::DAY;
/// 2027-01-04, a Monday.
const T0: Timestamp = Timestamp(1_798_329_600_000);

fn days(t: Timestamp, since: Timestamp) -> f64 {
    t.since(since) as f64 / DAY as f64
}

#[test]
fn a_new_card_goes_through_learning_then_growing_intervals() {
    let s = Scheduler::new(None);
    let card = CardState::new(T0);
    assert_eq!(s.due([("c", &card)], T0), ["c"]);
    let card = s.review(&card, Rating::Good, T0);
    assert_eq!(card.phase, Phase::Learning);
    assert!(card.due.since(T0) <= 10 * Timestamp::MINUTE, "a learning step is minutes away");
    // Review whenever due, always Good: the intervals grow.
    let mut now = card.due;
    let mut card = s.review(&card, Rating::Good, now);
    assert_eq!(card.phase, Phase::Review);
    let mut intervals = Vec::new();
    for _ in 0..5 {
        intervals.push(days(card.due, now));
        now = card.due;
        card = s.review(&card, Rating::Good, now);
    }
    assert!(intervals.windows(2).all(|w| w[1] > w[0]), "{intervals:?}");
    assert!(intervals[0] >= 1.0);
}

#[test]
fn again_is_a_lapse_and_comes_back_soon() {
    let s = Scheduler::new(None);
    let mut card = CardState::new(T0);
    let mut now = T0;
    for _ in 0..3 {
        card = s.review(&card, Rating::Good, now);
        now = card.due;
    }
    let before = card.stability;
    let lapsed = s.review(&card, Rating::Again, now);
    assert_eq!(lapsed.lapses, 1);
    assert_eq!(lapsed.phase, Phase::Relearning);
    assert!(lapsed.stability < before);
    assert!(lapsed.due.since(now) < DAY);
}

#[test]
fn easy_schedules_further_than_hard() {
    let s = Scheduler::new(None);
    let card = CardState::new(T0);
    let preview = s.preview(&card, T0);
    let due = |r: Rating| preview.iter().find(|(x, _)| *x == r).unwrap().1;
    assert!(due(Rating::Again) <= due(Rating::Hard));
    assert!(due(Rating::Hard) <= due(Rating::Good));
    assert!(due(Rating::Good) < due(Rating::Easy));
}

#[test]
fn schedules_are_reproducible() {
    let s = Scheduler::new(None);
    let run = || {
        let mut card = CardState::new(T0);
        let mut now = T0;
        for r in [Rating::Good, Rating::Hard, Rating::Good, Rating::Again, Rating::Easy] {
            card = s.review(&card, r, now);
            now = card.due;
        }
        card
    };
    assert_eq!(run(), run());
}

#[test]
fn an_exam_date_pulls_later_cards_in() {
    let exam = T0.plus_days(30);
    let free = Scheduler::new(None);
    let target = Scheduler::new(Some(exam));
    // A well-known card: Easy twice puts it weeks away.
    let mut card = CardState::new(T0);
    card = free.review(&card, Rating::Easy, T0);
    let reviewed = card.due;
    card = free.review(&card, Rating::Easy, reviewed);
    assert!(card.due > exam, "without a target the card is due after the exam");
    let day_before = exam.plus_days(-1);
    assert_eq!(target.effective_due(&card, reviewed), day_before);
    assert!(free.due([("c", &card)], exam.plus_days(-1)).is_empty());
    assert_eq!(target.due([("c", &card)], exam.plus_days(-1)), ["c"]);
    // Reviewed in the last day: not pulled in again.
    let last = target.review(&card, Rating::Good, exam.plus_days(-1));
    if last.due > exam {
        assert_eq!(target.effective_due(&last, day_before), last.due);
    }
    // After the exam, nothing is pulled in.
    assert_eq!(target.effective_due(&card, exam.plus_days(1)), card.due);
}

#[test]
fn due_lists_most_overdue_first() {
    let s = Scheduler::new(None);
    let a = CardState::new(T0.plus_days(-2));
    let b = CardState::new(T0.plus_days(-5));
    let c = CardState::new(T0.plus_days(3));
    assert_eq!(s.due([("a", &a), ("b", &b), ("c", &c)], T0), ["b", "a"]);
}

#[test]
fn progress_keeps_card_states_and_lists_what_is_due() {
    use quiz_engine::Progress;
    let s = Scheduler::new(None);
    let mut p = Progress::default();
    let ids = ["a", "b", "c"];
    assert_eq!(p.due_cards(&ids, T0, &s), ["a", "b", "c"], "never seen: all due");
    p.review_card("a", Rating::Easy, T0, &s);
    p.review_card("b", Rating::Again, T0, &s);
    assert_eq!(p.due_cards(&ids, T0.plus_ms(Timestamp::MINUTE * 10), &s), ["c", "b"]);
    assert_eq!(p.due_cards(&ids, T0.plus_days(60), &s), ["c", "b", "a"]);
    let json = p.to_json();
    assert_eq!(Progress::from_json(&json).progress, p);
}

/// Card states read back from storage may be nonsense; scheduling them must not panic.
#[test]
fn odd_stored_states_do_not_panic() {
    let s = Scheduler::new(Some(Timestamp(i64::MAX)));
    let odd = [
        CardState { stability: 0.0, difficulty: 0.0, phase: Phase::Review, ..CardState::new(T0) },
        CardState {
            stability: -5.0,
            difficulty: 99.0,
            phase: Phase::Relearning,
            last_review: Some(T0.plus_days(400)),
            ..CardState::new(T0)
        },
        CardState {
            due: Timestamp(i64::MAX),
            last_review: Some(Timestamp(i64::MIN)),
            phase: Phase::Learning,
            ..CardState::new(T0)
        },
        CardState { reps: i32::MAX, lapses: i32::MAX, ..CardState::new(Timestamp(-1)) },
    ];
    for card in &odd {
        for r in Rating::ALL {
            for now in [T0, Timestamp(0), Timestamp(i64::MAX), Timestamp(i64::MIN)] {
                let _ = s.review(card, r, now);
                let _ = s.preview(card, now);
            }
        }
    }
}
