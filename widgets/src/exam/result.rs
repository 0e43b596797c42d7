//! The exam's last screen: the scaled score against the pass mark, the per-domain table, and
//! the review of every question (the learner's answer apart from the correct one, each option
//! explained, the lesson link), all from `quiz_engine` values.

use quiz_engine::review::ReviewItem;
use quiz_engine::{Body, ExamResult};
use yew::prelude::*;

use super::model::ExamModel;
use super::view::Ctx;
use crate::quiz::inputs::rich;

pub(super) fn finished(m: &ExamModel, ctx: &Ctx, focus: &NodeRef, root: &str) -> Html {
    let Some(result) = m.result() else { return Html::default() };
    let verdict = if result.passed { "Pass" } else { "Not yet a pass" };
    html! {
        <div class="ec2lab-exam-result">
            <p class={classes!("ec2lab-exam-score", if result.passed { "ec2lab-correct" } else { "ec2lab-wrong" })}
                tabindex="-1" ref={focus.clone()}>
                <span class="ec2lab-exam-scaled">{ result.scaled }</span>
                { format!(" / 1000: {verdict} (pass mark {})", result.pass_mark) }
            </p>
            if m.timed_out() {
                <p role="status">{ "Time ran out: the exam was submitted with the answers given by then." }</p>
            }
            <p>{ format!("{} points out of {} questions.", points(result.points), result.questions) }</p>
            { domain_table(result) }
            <div class="ec2lab-actions">
                <button type="button" class="ec2lab-primary ec2lab-exam-review-button" aria-expanded={if m.reviewing() { "true" } else { "false" }}
                    onclick={ctx.act(|m, _, _: MouseEvent| m.toggle_review())}>
                    { if m.reviewing() { "Hide the review" } else { "Review every question" } }
                </button>
                <button type="button" onclick={ctx.act(|m, _, _: MouseEvent| m.restart())}>{ "Take another attempt" }</button>
            </div>
            if m.reviewing() {
                <ol class="ec2lab-exam-review" aria-label="Review">
                    { for m.review().iter().map(|item| review_item(m, item, root)) }
                </ol>
            }
        </div>
    }
}

fn points(p: f64) -> String {
    if p.fract() == 0.0 { format!("{p:.0}") } else { format!("{p:.2}") }
}

fn domain_table(result: &ExamResult) -> Html {
    let rows = result.domains.iter().map(|d| {
        html! {
            <tr>
                <th scope="row">{ &d.title }</th>
                <td>{ d.questions }</td>
                <td>{ points(d.points) }</td>
                <td>{ format!("{:.1} %", d.percent) }</td>
                <td class={if d.meets { "ec2lab-meets" } else { "ec2lab-needs" }}>
                    { if d.questions == 0 { "no questions" } else if d.meets { "Meets" } else { "Needs improvement" } }
                </td>
            </tr>
        }
    });
    html! {
        <table class="ec2lab-exam-domains">
            <caption>{ "Performance by domain" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Domain" }</th>
                    <th scope="col">{ "Questions" }</th>
                    <th scope="col">{ "Points" }</th>
                    <th scope="col">{ "Percent" }</th>
                    <th scope="col">{ "Result" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

fn review_item(m: &ExamModel, item: &ReviewItem, root: &str) -> Html {
    let ordering = matches!(m.question(&item.question).map(|q| &q.body), Some(Body::Ordering { .. }));
    let verdict = if !item.answered {
        "Not answered.".to_string()
    } else if item.correct {
        "Correct.".to_string()
    } else if item.score > 0.0 {
        format!("Partly right ({:.0}%).", item.score * 100.0)
    } else {
        "Wrong.".to_string()
    };
    let class = if item.correct { "ec2lab-correct" } else { "ec2lab-wrong" };
    let list = |values: &[String]| {
        if values.is_empty() {
            return html! { <span>{ "(no answer)" }</span> };
        }
        let items = values.iter().map(|v| html! { <li>{ rich(v) }</li> });
        if ordering {
            html! { <ol>{ for items }</ol> }
        } else {
            html! { <ul>{ for items }</ul> }
        }
    };
    let notes = item.notes.iter().enumerate().map(|(i, note)| {
        let (mark, class) = match (ordering, note.correct, note.chosen) {
            (true, _, true) => (format!("Step {}, placed right. ", i + 1), "ec2lab-correct"),
            (true, _, false) => (format!("Step {}. ", i + 1), ""),
            (false, true, true) => ("Correct option, your choice. ".to_string(), "ec2lab-correct"),
            (false, true, false) => ("Correct option. ".to_string(), "ec2lab-correct"),
            (false, false, true) => ("Wrong option, your choice. ".to_string(), "ec2lab-wrong"),
            (false, false, false) => ("Wrong option. ".to_string(), ""),
        };
        html! {
            <li class={classes!("ec2lab-option", class)}>
                <span class="ec2lab-option-text">{ rich(&note.text) }</span>
                <div class="ec2lab-explanation"><strong>{ mark }</strong>{ rich(&note.explanation) }</div>
            </li>
        }
    });
    html! {
        <li class={classes!("ec2lab-review-item", class)}>
            <div class="ec2lab-stem">{ rich(&item.stem) }</div>
            <p class="ec2lab-review-verdict"><strong>{ verdict }</strong></p>
            <dl class="ec2lab-review-answers">
                <dt>{ "Your answer" }</dt><dd>{ list(&item.given) }</dd>
                <dt>{ "Correct answer" }</dt><dd>{ list(&item.expected) }</dd>
            </dl>
            if !item.notes.is_empty() {
                <ul class="ec2lab-options">{ for notes }</ul>
            }
            if let Some(explanation) = &item.explanation {
                <div class="ec2lab-feedback">{ rich(explanation) }</div>
            }
            <a class="ec2lab-lesson-link" href={format!("{root}{}", item.lesson)}>{ "Review the lesson section" }</a>
        </li>
    }
}
