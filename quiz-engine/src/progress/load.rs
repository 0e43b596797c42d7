//! Lenient reading of progress JSON: parse the document, migrate old shapes, then read every
//! entry on its own from `serde_json::Value` so one bad entry never loses the others.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{Progress, VERSION, migrate};

/// What reading gave: the progress that could be read, and what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub progress: Progress,
    pub issues: Vec<Issue>,
    /// The version the input was written in (0 for the unversioned shape).
    pub from_version: u32,
}

/// One problem in the input: where (a JSON path like `questions.imds-ttl`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub problem: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

pub(super) fn load(text: &str) -> Loaded {
    let mut issues = Vec::new();
    let mut issue = |path: &str, problem: String| issues.push(Issue { path: path.into(), problem });
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            issue("$", format!("not valid JSON ({e}); starting from empty progress"));
            return Loaded { progress: Progress::default(), issues, from_version: VERSION };
        }
    };
    let Value::Object(mut root) = value else {
        issue("$", "not a JSON object; starting from empty progress".into());
        return Loaded { progress: Progress::default(), issues, from_version: VERSION };
    };
    let from_version = match root.get("version") {
        None => 0,
        Some(v) => match v.as_u64() {
            Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
            None => {
                issue("version", format!("expected a number, found {v}; reading as version {VERSION}"));
                VERSION
            }
        },
    };
    if from_version == 0 {
        root = migrate::v0_to_v1(root, &mut issue);
    } else if from_version > VERSION {
        issue(
            "version",
            format!(
                "written by a newer EC2 Lab (version {from_version}); keeping what version {VERSION} understands"
            ),
        );
    }

    let mut progress = Progress {
        questions: entries(&root, "questions", &mut issue),
        cards: entries(&root, "cards", &mut issue),
        ..Progress::default()
    };
    if let Some(list) = root.get("exams") {
        match list {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    match serde_json::from_value(item.clone()) {
                        Ok(record) => progress.exams.push(record),
                        Err(e) => issue(&format!("exams[{i}]"), format!("{e}; entry dropped")),
                    }
                }
            }
            other => issue("exams", format!("expected a list, found {}", kind(other))),
        }
    }
    match root.get("exam_date") {
        None | Some(Value::Null) => {}
        Some(v) => match serde_json::from_value(v.clone()) {
            Ok(t) => progress.exam_date = Some(t),
            Err(e) => issue("exam_date", format!("{e}; dropped")),
        },
    }
    Loaded { progress, issues, from_version }
}

/// Reads the object at `key` entry by entry.
fn entries<T: DeserializeOwned>(
    root: &Map<String, Value>,
    key: &str,
    issue: &mut impl FnMut(&str, String),
) -> std::collections::BTreeMap<String, T> {
    let mut out = std::collections::BTreeMap::new();
    match root.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (id, v) in map {
                match serde_json::from_value(v.clone()) {
                    Ok(entry) => {
                        out.insert(id.clone(), entry);
                    }
                    Err(e) => issue(&format!("{key}.{id}"), format!("{e}; entry dropped")),
                }
            }
        }
        Some(other) => issue(key, format!("expected an object, found {}; dropped", kind(other))),
    }
    out
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
