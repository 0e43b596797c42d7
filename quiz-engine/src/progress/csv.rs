//! The classroom CSV: one row per learner and question attempted, and per exam attempt, for a
//! teacher who collected their students' exported progress. RFC 4180 quoting.

use chrono::SecondsFormat;

use super::Progress;
use super::outline::Outline;

const HEADER: &str = "learner,kind,id,bank,domain,attempts,correct,score,passed,at\n";

/// Builds the CSV for `(learner name, progress)` pairs; the course `outline` supplies bank and
/// domain.
pub fn classroom_csv(learners: &[(&str, &Progress)], outline: &Outline) -> String {
    let mut out = String::from(HEADER);
    for (name, progress) in learners {
        for (id, q) in &progress.questions {
            let found = outline.find(id);
            row(
                &mut out,
                &[
                    name,
                    "question",
                    id,
                    found.map_or("", |(bank, _)| bank.id.as_str()),
                    found.and_then(|(_, q)| q.domain.as_deref()).unwrap_or(""),
                    &q.attempts.to_string(),
                    &q.correct.to_string(),
                    &format!("{}", (q.last_score * 100.0).round() / 100.0),
                    "",
                    &q.last_at.map(date).unwrap_or_default(),
                ],
            );
        }
        for e in &progress.exams {
            row(
                &mut out,
                &[
                    name,
                    "exam",
                    &e.blueprint,
                    "",
                    "",
                    "1",
                    "",
                    &e.scaled.to_string(),
                    if e.passed { "yes" } else { "no" },
                    &date(e.finished_at),
                ],
            );
        }
    }
    out
}

fn date(t: crate::time::Timestamp) -> String {
    t.to_chrono().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn row(out: &mut String, fields: &[&str]) {
    let cells: Vec<String> = fields.iter().map(|f| quote(f)).collect();
    out.push_str(&cells.join(","));
    out.push('\n');
}

/// Quotes a field if it holds a comma, quote or line break. A field a spreadsheet would run as
/// a formula (starting with `=`, `+`, `-` or `@`, say a learner's name) gets a leading `'`.
pub(crate) fn quote(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    };
    let field = field.as_ref();
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
