//! Exam mode: sampling by domain weight with a seed, the timer on a passed-in clock, flags,
//! navigation, submission and scaled scoring with the per-domain table.

use expect_test::expect;
use quiz_engine::exam::{ExamError, scale};
use quiz_engine::{Answer, Course, Exam, Timestamp, parse_bank, parse_blueprint};

/// A bank of `n` single-choice questions in `domain`; option 0 is always right.
fn bank(id: &str, domain: &str, n: usize) -> String {
    let mut s = format!("bank: {id}\ntitle: {id}\nlesson: x.md\ndomain: {domain}\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "## {id}-{i}\ntype: single\n\nQuestion {i}?\n\n- [x] right\n  > yes\n- [ ] wrong\n  > no\n\n"
        ));
    }
    s
}

fn course() -> Course {
    let blueprint = "exam: mock\ntitle: Mock\nquestions: 10\ntime-limit: 30\n\n## design\nweight: 60\ntitle: Design\n\n## ops\nweight: 40\ntitle: Operations\n";
    Course {
        banks: vec![
            parse_bank("design.md", &bank("design", "design", 12)).unwrap(),
            parse_bank("ops.md", &bank("ops", "ops", 8)).unwrap(),
        ],
        blueprints: vec![parse_blueprint("mock.md", blueprint).unwrap()],
        ..Course::default()
    }
}

const T0: Timestamp = Timestamp(1_800_000_000_000);

fn start(seed: u64) -> (Course, Exam) {
    let course = course();
    let exam = Exam::start(&course, &course.blueprints[0], seed, T0);
    (course, exam)
}

#[test]
fn sampling_follows_weights_and_the_seed() {
    let (_, a) = start(7);
    let (_, b) = start(7);
    let (_, c) = start(8);
    assert_eq!(a.questions, b.questions, "same seed, same exam");
    assert_ne!(a.questions, c.questions, "another seed, another exam");
    assert_eq!(a.questions.len(), 10);
    assert_eq!(a.questions.iter().filter(|q| q.starts_with("design-")).count(), 6);
    assert_eq!(a.questions.iter().filter(|q| q.starts_with("ops-")).count(), 4);
    let mut unique = a.questions.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 10, "no question twice");
}

#[test]
fn navigation_flags_and_answers() {
    let (_, mut exam) = start(1);
    let t = T0.plus_ms(60_000);
    exam.answer(t, Answer::Single(0)).unwrap();
    exam.next(t).unwrap();
    assert!(exam.toggle_flag(t).unwrap());
    exam.go_to(t, 9).unwrap();
    assert_eq!(exam.next(t), Err(ExamError::NoSuchQuestion(10)));
    exam.prev(t).unwrap();
    assert_eq!(exam.current, 8);
    exam.go_to(t, 0).unwrap();
    assert_eq!(exam.prev(t), Err(ExamError::NoSuchQuestion(0)));
    exam.answer(t, Answer::Single(1)).unwrap(); // change of mind
    assert_eq!(exam.answers[0], Some(Answer::Single(1)));
    assert_eq!(exam.flagged_questions(), [1]);
    assert_eq!(exam.unanswered().len(), 9);
    assert_eq!(exam.remaining(t), 29 * 60_000);
}

#[test]
fn the_timer_submits_at_the_deadline() {
    let (course, mut exam) = start(1);
    assert!(!exam.tick(T0.plus_ms(29 * 60_000)));
    exam.answer(T0.plus_ms(29 * 60_000), Answer::Single(0)).unwrap();
    let late = T0.plus_ms(30 * 60_000 + 1);
    assert_eq!(exam.answer(late, Answer::Single(0)), Err(ExamError::TimeUp));
    assert_eq!(exam.submitted_at, Some(exam.deadline));
    assert_eq!(exam.remaining(late), 0);
    assert_eq!(exam.go_to(late, 1), Err(ExamError::Submitted));
    let result = exam.result(&course, &course.blueprints[0]).unwrap();
    assert_eq!((result.points, result.scaled, result.passed), (1.0, 190, false));
}

#[test]
fn scoring_is_scaled_from_100_to_1000_with_a_domain_table() {
    let (course, mut exam) = start(3);
    let t = T0.plus_ms(1000);
    assert!(exam.result(&course, &course.blueprints[0]).is_none(), "no result before submit");
    // Right on every design question and on two of the four ops questions.
    let mut ops_seen = 0;
    for i in 0..exam.questions.len() {
        exam.go_to(t, i).unwrap();
        let ops = exam.questions[i].starts_with("ops-");
        let right = !ops || {
            ops_seen += 1;
            ops_seen <= 2
        };
        exam.answer(t, Answer::Single(if right { 0 } else { 1 })).unwrap();
    }
    exam.submit(t).unwrap();
    assert_eq!(exam.submit(t), Err(ExamError::Submitted));
    let r = exam.result(&course, &course.blueprints[0]).unwrap();
    let table: String = r
        .domains
        .iter()
        .map(|d| {
            format!(
                "{} ({}): {}/{} = {}% meets={}\n",
                d.domain, d.title, d.points, d.questions, d.percent, d.meets
            )
        })
        .collect();
    expect![[r#"
        scaled 820 of 1000, pass mark 720, passed true
        design (Design): 6/6 = 100% meets=true
        ops (Operations): 2/4 = 50% meets=false
    "#]]
    .assert_eq(&format!(
        "scaled {} of 1000, pass mark {}, passed {}\n{table}",
        r.scaled, r.pass_mark, r.passed
    ));
}

#[test]
fn scale_endpoints_and_pass_line() {
    assert_eq!(scale(0.0), 100);
    assert_eq!(scale(1.0), 1000);
    assert_eq!(scale(0.7), 730);
    assert_eq!(scale(f64::NAN), 100);
    assert_eq!(scale(2.0), 1000);
}

#[test]
fn exam_state_survives_json() {
    let (_, exam) = start(5);
    let json = serde_json::to_string(&exam).unwrap();
    assert_eq!(serde_json::from_str::<Exam>(&json).unwrap(), exam);
}

#[test]
fn review_is_available_only_after_submitting() {
    let (course, mut exam) = start(2);
    let t = T0.plus_ms(1000);
    exam.answer(t, Answer::Single(1)).unwrap();
    assert!(exam.review(&course).is_none());
    exam.submit(t).unwrap();
    let items = exam.review(&course).unwrap();
    assert_eq!(items.len(), 10);
    assert_eq!(
        (items[0].given.as_slice(), items[0].expected.as_slice()),
        (&["wrong".to_string()][..], &["right".to_string()][..])
    );
    assert!(!items[1].answered);
}

/// A widget gets the blueprint and its question pool as JSON and rebuilds a course from them:
/// the same seed gives the same exam as on the full course.
#[test]
fn an_exam_from_the_widget_config_matches_the_full_course() {
    let full = course();
    let bp = full.blueprints[0].clone();
    let pool: Vec<quiz_engine::Question> = full.exam_pool(&bp).into_iter().cloned().collect();
    let json = serde_json::to_string(&(&bp, &pool)).unwrap();
    let (bp2, pool2): (quiz_engine::Blueprint, Vec<quiz_engine::Question>) =
        serde_json::from_str(&json).unwrap();
    let rebuilt = Course::from_questions(pool2, vec![bp2], vec![]);
    let a = Exam::start(&full, &full.blueprints[0], 11, T0);
    let b = Exam::start(&rebuilt, &rebuilt.blueprints[0], 11, T0);
    assert_eq!(a.questions, b.questions);
}
