//! Migration from version 0, the unversioned shape the first prototype saved:
//!
//! ```json
//! { "answered": { "<question-id>": { "right": true, "tries": 2 } },
//!   "exam_scores": [ { "exam": "mock", "score": 780 } ] }
//! ```
//!
//! `answered` becomes `questions` (one correct attempt if `right`), `exam_scores` become `exams`
//! (seed and date unknown: 0); v0 had no flashcards.

use serde_json::{Map, Value, json};

use crate::blueprint::DEFAULT_PASS_MARK;

/// Rewrites a v0 document into the v1 shape. Entries it cannot understand are reported and left
/// out; the v1 reader then checks each entry again.
pub(super) fn v0_to_v1(v0: Map<String, Value>, issue: &mut impl FnMut(&str, String)) -> Map<String, Value> {
    let mut questions = Map::new();
    match v0.get("answered") {
        None => {}
        Some(Value::Object(answered)) => {
            for (id, entry) in answered {
                let right = entry.get("right").and_then(Value::as_bool);
                let tries = entry.get("tries").and_then(Value::as_u64);
                match (right, tries) {
                    (Some(right), Some(tries)) => {
                        questions.insert(
                            id.clone(),
                            json!({
                                "attempts": tries.max(1),
                                "correct": u64::from(right),
                                "last_score": if right { 1.0 } else { 0.0 },
                            }),
                        );
                    }
                    _ => issue(
                        &format!("answered.{id}"),
                        "expected {\"right\": bool, \"tries\": number}; entry dropped".into(),
                    ),
                }
            }
        }
        Some(_) => issue("answered", "expected an object; dropped".into()),
    }
    let mut exams = Vec::new();
    if let Some(list) = v0.get("exam_scores") {
        for (i, entry) in list.as_array().into_iter().flatten().enumerate() {
            let exam = entry.get("exam").and_then(Value::as_str);
            let score = entry.get("score").and_then(Value::as_u64);
            match (exam, score) {
                (Some(exam), Some(score)) => exams.push(json!({
                    "blueprint": exam,
                    "seed": 0,
                    "finished_at": 0,
                    "scaled": score,
                    "passed": score >= u64::from(DEFAULT_PASS_MARK),
                })),
                _ => issue(
                    &format!("exam_scores[{i}]"),
                    "expected {\"exam\": id, \"score\": number}; entry dropped".into(),
                ),
            }
        }
    }
    let mut v1 = Map::new();
    v1.insert("version".into(), json!(1));
    v1.insert("questions".into(), Value::Object(questions));
    v1.insert("exams".into(), Value::Array(exams));
    v1
}
