//! Export of a bank to Moodle's GIFT format, so a teacher can import the questions into Moodle.
//!
//! Text goes out as `[html]`, with GIFT's special characters `~ = # { } :` (and `\`) escaped by
//! a backslash and line breaks written as `\n`. Mapping: `single` and `multiple` are multiple
//! choice (`multiple` with `%weight%` shares, wrong options at -100 %), `true-false` is GIFT
//! true/false, `ordering` becomes a matching question (item -> position), `short` is short
//! answer, `command` is short answer on its reference `answer:` (graded there by text, not in the
//! sandbox) or left out with a comment, `lab` is left out with a comment.

use crate::question::{Bank, Body, Question};

/// The whole bank as GIFT text.
pub fn bank_to_gift(bank: &Bank) -> String {
    let mut out = format!(
        "// EC2 Lab bank `{}`: {}\n\n$CATEGORY: ec2lab/{}\n\n",
        bank.id,
        one_line(&bank.title),
        bank.id
    );
    for q in &bank.questions {
        out.push_str(&question_to_gift(q));
        out.push('\n');
    }
    out
}

/// Every bank of the course, one after the other.
pub fn course_to_gift(course: &crate::course::Course) -> String {
    course.banks.iter().map(bank_to_gift).collect::<Vec<_>>().join("\n")
}

/// One question as GIFT (ends with a newline), or a comment saying why it is left out.
pub fn question_to_gift(q: &Question) -> String {
    let head = format!("::{}::[html]{}", escape(&q.id), escape(&q.stem));
    let general = q.explanation.as_ref().map(|e| format!("\n\t####{}", escape(e))).unwrap_or_default();
    let answers: String = match &q.body {
        Body::Single { options } => options
            .iter()
            .map(|o| {
                let mark = if o.correct { '=' } else { '~' };
                format!("\n\t{mark}{}#{}", escape(&o.text), escape(&o.explanation))
            })
            .collect(),
        Body::Multiple { options, choose } => {
            let share = percent(100.0 / *choose as f64);
            options
                .iter()
                .map(|o| {
                    let weight = if o.correct { share.clone() } else { "-100".into() };
                    format!("\n\t~%{weight}%{}#{}", escape(&o.text), escape(&o.explanation))
                })
                .collect()
        }
        Body::TrueFalse { answer, if_true, if_false } => {
            // GIFT: {T#feedback if wrong#feedback if right}
            let (mark, wrong, right) =
                if *answer { ("TRUE", if_false, if_true) } else { ("FALSE", if_true, if_false) };
            format!("{mark}#{}#{}", escape(wrong), escape(right))
        }
        Body::Ordering { items } => items
            .iter()
            .enumerate()
            .map(|(i, it)| format!("\n\t={} -> {}", escape(&it.text), i + 1))
            .collect(),
        Body::Short { answers, .. } => answers.iter().map(|a| format!("\n\t={}", escape(a))).collect(),
        Body::Command { answer: Some(answer), .. } => format!("\n\t={}", escape(answer)),
        Body::Command { answer: None, .. } => {
            return format!(
                "// {}: a command question without a reference `answer:`; it is graded in the EC2 Lab sandbox only\n",
                q.id
            );
        }
        Body::Lab { lab } => {
            return format!("// {}: a hands-on lab (`{lab}`); labs run in EC2 Lab only\n", q.id);
        }
    };
    if matches!(q.body, Body::TrueFalse { .. }) {
        format!("{head}{{{answers}{general}}}\n")
    } else {
        format!("{head}{{{answers}{general}\n}}\n")
    }
}

/// Escapes GIFT's special characters and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// `33.33333`, `50`: GIFT weights with at most five decimals.
fn percent(p: f64) -> String {
    let s = format!("{p:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
