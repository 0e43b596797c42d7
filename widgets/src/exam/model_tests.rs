//! Tests of the exam model: the start screen, answering, navigation, flags, time and scoring.

use quiz_engine::Answer;

use super::*;

const BANK: &str = "bank: t\ntitle: Test bank\nlesson: intro.md\ndomain: security\n\n\
## t-single\ntype: single\n\nWhich?\n\n- [ ] A\n  > no\n- [x] B\n  > yes\n\n\
## t-multi\ntype: multiple\nchoose: 2\ndomain: storage\n\nWhich two?\n\n- [x] A\n  > yes\n- [x] B\n  > yes\n- [ ] C\n  > no\n\n\
## t-tf\ntype: true-false\n\nTrue?\n\n- [x] True\n  > yes\n- [ ] False\n  > no\n\n\
## t-short\ntype: short\nanswers: 21600\ndomain: storage\n\nSeconds?\n\n> Six hours.\n";

const BLUEPRINT: &str = "exam: mock\ntitle: Mock\nquestions: 4\ntime-limit: 2\n\n\
## security\nweight: 1\ntitle: Security\n\n## storage\nweight: 1\ntitle: Storage\n";

const T0: Timestamp = Timestamp(1_700_000_000_000);

fn model() -> ExamModel {
    let bank = quiz_engine::parse_bank("content/questions/t.md", BANK).expect("test bank parses");
    let exam = quiz_engine::parse_blueprint("content/exams/mock.md", BLUEPRINT).expect("blueprint parses");
    // Through JSON, as the page delivers it.
    let json = serde_json::json!({ "blueprint": "mock", "exam": exam, "questions": bank.questions });
    ExamModel::new(serde_json::from_value(json).expect("config deserialises"))
}

fn at(secs: i64) -> Timestamp {
    T0.plus_ms(secs * 1000)
}

/// Answers the question on screen correctly.
fn answer_right(m: &mut ExamModel, now: Timestamp) {
    let body = m.current().map(|(q, ..)| q.body.clone()).expect("a question");
    match body {
        Body::Single { .. } => m.choose(now, 1),
        Body::Multiple { .. } => {
            m.choose(now, 0);
            m.choose(now, 1);
        }
        Body::TrueFalse { .. } => m.set_bool(now, true),
        Body::Short { .. } => m.set_text(now, "21600".into()),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn start_screen_then_one_question_at_a_time() {
    let mut m = model();
    assert_eq!((m.phase(), m.planned_questions()), (Phase::Ready, 4));
    m.start(7, T0);
    assert_eq!(m.phase(), Phase::Running);
    assert_eq!(m.remaining_ms(), 2 * 60_000);
    let (_, index, total) = m.current().expect("a question");
    assert_eq!((index, total), (0, 4));
    m.prev(at(1)); // nothing before the first
    assert_eq!(m.current().map(|c| c.1), Some(0));
    m.next(at(1));
    m.next(at(2));
    assert_eq!(m.current().map(|c| c.1), Some(2));
    m.go_to(at(3), 0);
    assert_eq!(m.cells().iter().filter(|c| c.current).count(), 1);
    assert!(m.cells()[0].current);
    assert_eq!(clock_text(m.remaining_ms()), "2:00");
    m.tick(at(61));
    assert_eq!(clock_text(m.remaining_ms()), "0:59");
}

#[test]
fn answers_and_flags_survive_navigation() {
    let mut m = model();
    m.start(7, T0);
    answer_right(&mut m, at(1));
    assert!(m.is_answered());
    let draft = m.draft().clone();
    m.next(at(2));
    m.toggle_flag(at(3));
    assert!(m.is_flagged());
    m.prev(at(4));
    assert_eq!(m.draft(), &draft, "the saved answer comes back");
    assert_eq!(m.cells()[0], Cell { answered: true, flagged: false, current: true });
    assert_eq!(m.cells()[1], Cell { answered: false, flagged: true, current: false });
    assert_eq!((m.unanswered(), m.flagged()), (vec![1, 2, 3], vec![1]));
    m.clear(at(5));
    assert!(!m.is_answered());
    assert_eq!(m.answered_count(), 0);
}

#[test]
fn multiple_response_unchecked_back_to_nothing_is_unanswered() {
    let mut m = model();
    m.start(7, T0);
    while !matches!(m.current().map(|(q, ..)| &q.body), Some(Body::Multiple { .. })) {
        m.next(at(1));
    }
    m.choose(at(2), 0);
    assert!(m.is_answered());
    m.choose(at(3), 0);
    assert!(!m.is_answered());
}

#[test]
fn submit_after_confirmation_scores_and_reviews_once() {
    let mut m = model();
    m.start(7, T0);
    for i in 0..4 {
        m.go_to(at(i), i as usize);
        answer_right(&mut m, at(i));
    }
    m.go_to(at(5), 0);
    while !matches!(m.current().map(|(q, ..)| &q.body), Some(Body::Short { .. })) {
        m.next(at(5));
    }
    m.set_text(at(5), "3600".into()); // wrong
    m.ask_submit(at(6));
    assert!(m.confirming());
    m.cancel_submit();
    assert!(!m.confirming());
    m.ask_submit(at(7));
    m.submit(at(8));
    assert_eq!(m.phase(), Phase::Finished);
    assert!(!m.timed_out());
    let result = m.result().expect("a result").clone();
    assert_eq!((result.scaled, result.passed), (775, true));
    assert_eq!(result.domains.len(), 2);
    let finished = m.take_finished().expect("stored once");
    assert_eq!(finished.exam.submitted_at, Some(at(8)));
    assert!(m.take_finished().is_none());
    m.toggle_review();
    assert!(m.reviewing());
    let review = m.review();
    assert_eq!(review.len(), 4);
    assert_eq!(review.iter().filter(|r| r.correct).count(), 3);
    // Frozen after submission.
    m.set_text(at(9), "21600".into());
    assert_eq!(m.result().map(|r| r.scaled), Some(775));
    m.restart();
    assert_eq!(m.phase(), Phase::Ready);
}

#[test]
fn time_up_submits_at_the_deadline() {
    let mut m = model();
    m.start(7, T0);
    answer_right(&mut m, at(10));
    assert!(m.tick(at(119)));
    assert_eq!(m.phase(), Phase::Running);
    assert!(m.tick(at(120)), "the tick that ends the attempt redraws");
    assert_eq!(m.phase(), Phase::Finished);
    assert!(m.timed_out());
    let finished = m.take_finished().expect("a finished attempt");
    assert_eq!(finished.exam.submitted_at, Some(at(120)));
    assert!(!m.tick(at(121)));
    assert_eq!(finished.result.grades.iter().filter(|g| g.is_some()).count(), 1);
}

#[test]
fn an_action_after_the_deadline_ends_the_attempt_without_recording_it() {
    let mut m = model();
    m.start(7, T0);
    m.set_bool(at(500), true);
    assert_eq!(m.phase(), Phase::Finished);
    assert!(m.timed_out());
    let f = m.take_finished().expect("finished");
    assert!(f.exam.answers.iter().all(Option::is_none));
    assert!(!f.result.passed);
    assert_eq!(f.result.scaled, 100);
}

#[test]
fn ordering_drafts_come_back_from_answers() {
    let q: Question = serde_json::from_value(serde_json::json!({
        "id": "o", "bank": "t", "lesson": { "page": "a.md" }, "stem": "s", "type": "ordering",
        "items": [ { "text": "a", "explanation": "" }, { "text": "b", "explanation": "" } ]
    }))
    .expect("question");
    assert_eq!(Draft::from_answer(&q, Some(&Answer::Ordering(vec![0, 1]))), Draft::Order(vec![0, 1]));
    assert_eq!(Draft::from_answer(&q, Some(&Answer::Ordering(vec![0]))), Draft::for_question(&q));
    assert_eq!(Draft::from_answer(&q, Some(&Answer::TrueFalse(true))), Draft::for_question(&q));
}

#[test]
fn a_saved_attempt_resumes_and_times_out_at_its_deadline() {
    let mut m = model();
    m.start(7, T0);
    answer_right(&mut m, at(5));
    m.next(at(6));
    m.toggle_flag(at(7));
    let saved: Exam =
        serde_json::from_str(&serde_json::to_string(m.running_attempt().expect("running")).unwrap())
            .expect("round trip");

    let mut fresh = model();
    assert!(fresh.resume(saved.clone(), at(60)));
    assert_eq!(fresh.phase(), Phase::Running);
    assert_eq!((fresh.current().map(|c| c.1), fresh.is_flagged()), (Some(1), true));
    assert_eq!(fresh.remaining_ms(), 60_000);
    assert!(!fresh.resume(saved.clone(), at(61)), "only from the start screen");

    let mut late = model();
    assert!(late.resume(saved.clone(), at(600)));
    assert!(late.timed_out());
    let finished = late.take_finished().expect("submitted at the deadline");
    assert_eq!(finished.exam.submitted_at, Some(at(120)));
    assert_eq!(finished.exam.answers.iter().filter(|a| a.is_some()).count(), 1);

    let mut other = saved;
    other.questions[0] = "nope".into();
    assert!(!model().resume(other, at(60)));
}

#[test]
fn clock_text_rounds_up() {
    assert_eq!(clock_text(130 * 60_000), "2:10:00");
    assert_eq!(clock_text(59_001), "1:00");
    assert_eq!(clock_text(1), "0:01");
    assert_eq!(clock_text(0), "0:00");
    assert_eq!(clock_text(-5), "0:00");
}
