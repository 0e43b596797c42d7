//! Review mode: after an exam or practice round, each question with the learner's answer shown
//! apart from the correct one, every option's explanation, and the lesson link.

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::grade::{Detail, grade};
use crate::question::{Body, Question};

/// One question under review. Text fields are HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub question: String,
    pub stem: String,
    /// The learner's answer; empty when unanswered.
    pub given: Vec<String>,
    /// The correct answer.
    pub expected: Vec<String>,
    pub answered: bool,
    pub correct: bool,
    pub score: f64,
    /// Every option (or ordering item) with its explanation and marks.
    pub notes: Vec<Note>,
    pub explanation: Option<String>,
    /// Link to the lesson section (`imds.html#anchor`).
    pub lesson: String,
}

/// One option as review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    pub explanation: String,
    pub correct: bool,
    pub chosen: bool,
}

/// Builds the review of `question` answered with `answer`.
pub fn review(question: &Question, answer: Option<&Answer>) -> ReviewItem {
    let g = answer.map(|a| grade(question, a));
    let mut given = Vec::new();
    let mut expected = Vec::new();
    let mut notes = Vec::new();
    match &question.body {
        Body::Single { options } | Body::Multiple { options, .. } => {
            let chosen: Vec<usize> = match answer {
                Some(Answer::Single(i)) => vec![*i],
                Some(Answer::Multiple(v)) => v.clone(),
                _ => vec![],
            };
            for (i, o) in options.iter().enumerate() {
                if chosen.contains(&i) {
                    given.push(o.text.clone());
                }
                if o.correct {
                    expected.push(o.text.clone());
                }
                notes.push(Note {
                    text: o.text.clone(),
                    explanation: o.explanation.clone(),
                    correct: o.correct,
                    chosen: chosen.contains(&i),
                });
            }
        }
        Body::TrueFalse { answer: right, if_true, if_false } => {
            let chosen = match answer {
                Some(Answer::TrueFalse(b)) => Some(*b),
                _ => None,
            };
            let word = |b: bool| if b { "True" } else { "False" }.to_string();
            given.extend(chosen.map(word));
            expected.push(word(*right));
            for (value, explanation) in [(true, if_true), (false, if_false)] {
                notes.push(Note {
                    text: word(value),
                    explanation: explanation.clone(),
                    correct: value == *right,
                    chosen: chosen == Some(value),
                });
            }
        }
        Body::Ordering { items } => {
            if let Some(Answer::Ordering(order)) = answer {
                given.extend(order.iter().filter_map(|&i| items.get(i)).map(|it| it.text.clone()));
            }
            let misplaced = match g.as_ref().map(|g| &g.detail) {
                Some(Detail::Ordering { misplaced, .. }) => misplaced.clone(),
                _ => vec![],
            };
            for (i, it) in items.iter().enumerate() {
                expected.push(it.text.clone());
                notes.push(Note {
                    text: it.text.clone(),
                    explanation: it.explanation.clone(),
                    correct: true,
                    chosen: answer.is_some() && !misplaced.contains(&i),
                });
            }
        }
        Body::Short { answers, .. } => {
            if let Some(Answer::Short(text)) = answer {
                given.push(escape(text));
            }
            expected.extend(answers.iter().map(|a| escape(a)));
        }
        Body::Command { expect, answer: reference, .. } => {
            if let Some(Answer::Command(line)) = answer {
                given.push(format!("<code>{}</code>", escape(line)));
            }
            match reference {
                Some(r) => expected.push(format!("<code>{}</code>", escape(r))),
                None => expected.extend(expect.iter().map(|p| escape(&p.to_string()))),
            }
        }
        Body::Lab { lab } => {
            if let Some(Answer::Lab { goals_met, goals_total }) = answer {
                given.push(format!("{goals_met} of {goals_total} goals met"));
            }
            expected.push(format!("every goal of lab <code>{}</code> met", escape(lab)));
        }
    }
    ReviewItem {
        question: question.id.clone(),
        stem: question.stem.clone(),
        given,
        expected,
        answered: answer.is_some(),
        correct: g.as_ref().is_some_and(|g| g.correct),
        score: g.as_ref().map_or(0.0, |g| g.score),
        notes,
        explanation: question.explanation.clone(),
        lesson: question.lesson.href(),
    }
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
