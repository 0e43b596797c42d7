//! The progress model: v1 round trips, migration from v0, corrupt input (every valid entry kept,
//! every bad one reported), merge on import, the classroom CSV.

use expect_test::{Expect, expect};
use quiz_engine::progress::{Loaded, Outline, classroom_csv};
use quiz_engine::{Answer, Course, Progress, Timestamp, grade, parse_bank};

fn show(loaded: &Loaded) -> String {
    let issues: String = loaded.issues.iter().map(|i| format!("issue: {i}\n")).collect();
    format!("from version {}\n{issues}{}", loaded.from_version, loaded.progress.to_json())
}

fn check(text: &str, expected: Expect) {
    expected.assert_eq(&show(&Progress::from_json(text)));
}

#[test]
fn v0_is_migrated() {
    check(
        include_str!("../test_data/progress/v0.json"),
        expect![[r#"
            from version 0
            issue: answered.lifecycle-codes: expected {"right": bool, "tries": number}; entry dropped
            issue: exam_scores[2]: expected {"exam": id, "score": number}; entry dropped
            {
              "version": 1,
              "questions": {
                "imds-token-ttl": {
                  "attempts": 2,
                  "correct": 1,
                  "last_score": 1.0
                },
                "key-pairs-ssh-chmod": {
                  "attempts": 1,
                  "correct": 0,
                  "last_score": 0.0
                }
              },
              "cards": {},
              "exams": [
                {
                  "blueprint": "mock",
                  "seed": 0,
                  "finished_at": 0,
                  "scaled": 780,
                  "passed": true,
                  "domains": {}
                },
                {
                  "blueprint": "mock",
                  "seed": 0,
                  "finished_at": 0,
                  "scaled": 650,
                  "passed": false,
                  "domains": {}
                }
              ]
            }"#]],
    );
}

#[test]
fn corrupt_entries_are_reported_and_the_rest_kept() {
    check(
        include_str!("../test_data/progress/corrupt.json"),
        expect![[r#"
        from version 1
        issue: questions.imds-hop-limit: invalid type: string "three", expected u32; entry dropped
        issue: questions.lifecycle-codes: invalid type: null, expected struct QuestionProgress; entry dropped
        issue: cards.card-broken: invalid type: string "tomorrow", expected i64; entry dropped
        issue: exams[1]: invalid type: integer `42`, expected struct ExamRecord; entry dropped
        issue: exam_date: invalid type: string "next week", expected i64; dropped
        {
          "version": 1,
          "questions": {
            "imds-token-ttl": {
              "attempts": 3,
              "correct": 2,
              "last_score": 1.0,
              "last_at": 1800000000000
            },
            "key-pairs-ssh-chmod": {
              "attempts": 1,
              "correct": 1,
              "last_score": 1.0,
              "last_answer": {
                "type": "short",
                "value": "chmod 400 practice.pem"
              }
            }
          },
          "cards": {
            "card-imds-address": {
              "due": 1800000000000,
              "stability": 3.1,
              "difficulty": 5.2,
              "elapsed_days": 0,
              "scheduled_days": 3,
              "reps": 1,
              "lapses": 0,
              "phase": "review",
              "last_review": 1799740800000
            }
          },
          "exams": [
            {
              "blueprint": "mock",
              "seed": 7,
              "finished_at": 1800000000000,
              "scaled": 760,
              "passed": true,
              "domains": {
                "security": 80.0
              }
            }
          ]
        }"#]],
    );
}

#[test]
fn not_json_at_all_gives_empty_progress_and_one_issue() {
    for text in ["", "{\"version\": 1,", "[1, 2]", "null"] {
        let loaded = Progress::from_json(text);
        assert_eq!(loaded.progress, Progress::default(), "{text:?}");
        assert_eq!(loaded.issues.len(), 1, "{text:?}");
    }
}

#[test]
fn a_newer_version_is_read_as_far_as_understood() {
    check(
        r#"{"version": 2, "questions": {"q": {"attempts": 1, "correct": 1, "last_score": 1.0, "hint_used": true}}, "badges": []}"#,
        expect![[r#"
            from version 2
            issue: version: written by a newer EC2 Lab (version 2); keeping what version 1 understands
            {
              "version": 1,
              "questions": {
                "q": {
                  "attempts": 1,
                  "correct": 1,
                  "last_score": 1.0
                }
              },
              "cards": {},
              "exams": []
            }"#]],
    );
}

fn sample_progress() -> (Course, Progress) {
    let bank = parse_bank("choices.md", include_str!("../test_data/ok/choices.md")).unwrap();
    let course = Course { banks: vec![bank], ..Course::default() };
    let mut p = Progress::default();
    let t = Timestamp(1_800_000_000_000);
    for (id, answer) in [
        ("choices-single", Answer::Single(1)),
        ("choices-true-false", Answer::TrueFalse(true)),
        ("choices-single", Answer::Single(0)),
    ] {
        let g = grade(course.question(id).unwrap(), &answer);
        p.record_answer(id, &answer, &g, t);
    }
    p.cards.insert("card-x".into(), quiz_engine::srs::CardState::new(t));
    (course, p)
}

#[test]
fn export_then_import_is_lossless() {
    let (_, p) = sample_progress();
    let loaded = Progress::from_json(&p.to_json());
    assert!(loaded.issues.is_empty());
    assert_eq!(loaded.progress, p);
}

#[test]
fn merge_keeps_the_newer_entry_and_unites_exams() {
    let (_, mut ours) = sample_progress();
    let mut theirs = ours.clone();
    let q = theirs.questions.get_mut("choices-single").unwrap();
    q.attempts = 10;
    q.last_at = Some(Timestamp(1_900_000_000_000));
    theirs.questions.get_mut("choices-true-false").unwrap().last_at = Some(Timestamp(1));
    ours.merge(theirs);
    assert_eq!(ours.questions["choices-single"].attempts, 10);
    assert_eq!(ours.questions["choices-true-false"].last_at, Some(Timestamp(1_800_000_000_000)));
}

#[test]
fn classroom_csv_has_a_row_per_answer_and_exam() {
    let (course, p) = sample_progress();
    let mut other = Progress::default();
    other.exams.push(quiz_engine::progress::ExamRecord {
        blueprint: "mock".into(),
        seed: 3,
        finished_at: Timestamp(1_800_000_000_000),
        scaled: 730,
        passed: true,
        domains: Default::default(),
    });
    expect![[r#"
        learner,kind,id,bank,domain,attempts,correct,score,passed,at
        "Ada, L.",question,choices-single,choices,security,2,1,0,,2027-01-15T08:00:00Z
        "Ada, L.",question,choices-true-false,choices,networking,1,0,0,,2027-01-15T08:00:00Z
        "Bob ""B""",exam,mock,,,1,,730,yes,2027-01-15T08:00:00Z
        '=HYPERLINK(1),exam,mock,,,1,,730,yes,2027-01-15T08:00:00Z
    "#]]
    .assert_eq(&classroom_csv(
        &[("Ada, L.", &p), ("Bob \"B\"", &other), ("=HYPERLINK(1)", &other)],
        &Outline::of(&course),
    ));
}

/// Whatever storage hands back (cut short, mangled), reading never panics and what was kept
/// saves and reloads cleanly.
#[test]
fn any_input_reads_without_panicking() {
    for text in
        [include_str!("../test_data/progress/v0.json"), include_str!("../test_data/progress/corrupt.json")]
    {
        for (cut, _) in text.char_indices().step_by(5) {
            for variant in [
                text[..cut].to_string(),
                text.replacen('{', "[", 2),
                text.replace(": ", ": -1e999, \"x\": "),
                text.replace("1800000000000", "18446744073709551616"),
                text.replace("\"version\": 1", "\"version\": -1"),
            ] {
                let loaded = Progress::from_json(&variant);
                let again = Progress::from_json(&loaded.progress.to_json());
                assert!(again.issues.is_empty(), "{:?}", again.issues);
                assert_eq!(again.progress, loaded.progress);
            }
        }
    }
}

#[test]
fn dashboard_summary_counts_per_bank() {
    let (mut course, mut p) = sample_progress();
    course.decks.push(
        quiz_engine::parse_deck("deck-basic.md", include_str!("../test_data/ok/deck-basic.md")).unwrap(),
    );
    p.exams.push(quiz_engine::progress::ExamRecord {
        blueprint: "mock".into(),
        seed: 1,
        finished_at: Timestamp(1),
        scaled: 640,
        passed: false,
        domains: Default::default(),
    });
    let s = quiz_engine::progress::summary(
        &p,
        &Outline::of(&course),
        &quiz_engine::srs::Scheduler::default(),
        Timestamp(1_800_000_000_000),
    );
    expect![[r#"Summary { banks: [BankSummary { bank: "choices", title: "Choice questions", questions: 3, attempted: 2, mastered: 0 }], cards_due: 4, exams_taken: 1, best_exam: Some(640) }"#]].assert_eq(&format!("{s:?}"));
}
