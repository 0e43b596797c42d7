//! Exam scoring: points to a scaled score from 100 to 1000 (linear: 0 % is 100, 100 % is 1000),
//! pass at the blueprint's mark (720 by default), and a per-domain table like the one AWS
//! associate exams report ("meets" or "needs improvement" per domain).

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::blueprint::{Blueprint, SCALE_MAX, SCALE_MIN};
use crate::course::Course;
use crate::grade::{Grade, grade};

/// The outcome of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamResult {
    pub points: f64,
    pub questions: usize,
    pub scaled: u16,
    pub pass_mark: u16,
    pub passed: bool,
    pub domains: Vec<DomainScore>,
    /// One per question, in exam order; `None` if unanswered.
    pub grades: Vec<Option<Grade>>,
}

/// One row of the per-domain table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainScore {
    pub domain: String,
    pub title: String,
    pub questions: usize,
    pub points: f64,
    /// 0 to 100.
    pub percent: f64,
    /// The domain's own share would pass on its own.
    pub meets: bool,
}

/// The scaled score for a fraction (0..=1) of the points.
pub fn scale(fraction: f64) -> u16 {
    let f = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { 0.0 };
    let span = f64::from(SCALE_MAX - SCALE_MIN);
    SCALE_MIN + (f * span).round() as u16
}

/// Grades every answer and builds the result.
pub fn score(
    course: &Course,
    blueprint: &Blueprint,
    questions: &[String],
    answers: &[Option<Answer>],
) -> ExamResult {
    let grades: Vec<Option<Grade>> = questions
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let q = course.question(id)?;
            answers.get(i)?.as_ref().map(|a| grade(q, a))
        })
        .collect();
    let points_of = |i: usize| grades[i].as_ref().map_or(0.0, |g| g.score);
    let points: f64 = (0..questions.len()).map(points_of).sum();
    let n = questions.len();
    let scaled = scale(if n == 0 { 0.0 } else { points / n as f64 });
    let domains = blueprint
        .domains
        .iter()
        .map(|d| {
            let idx: Vec<usize> = (0..n)
                .filter(|&i| {
                    course.question(&questions[i]).and_then(|q| q.domain.as_deref()) == Some(d.id.as_str())
                })
                .collect();
            let pts: f64 = idx.iter().map(|&i| points_of(i)).sum();
            let fraction = if idx.is_empty() { 0.0 } else { pts / idx.len() as f64 };
            DomainScore {
                domain: d.id.clone(),
                title: d.title.clone(),
                questions: idx.len(),
                points: pts,
                percent: (fraction * 1000.0).round() / 10.0,
                meets: !idx.is_empty() && scale(fraction) >= blueprint.pass_mark,
            }
        })
        .collect();
    ExamResult {
        points,
        questions: n,
        scaled,
        pass_mark: blueprint.pass_mark,
        passed: scaled >= blueprint.pass_mark,
        domains,
        grades,
    }
}
