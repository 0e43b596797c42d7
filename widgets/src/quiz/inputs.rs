//! Rendering a question's answer inputs from a [`Draft`], shared by the quiz and the exam.
//!
//! The inputs report what the learner did through [`InputHandlers`]; whoever owns the draft
//! (a quiz or an exam model) decides what that changes. With a grade's [`Detail`], options are
//! marked right or wrong and explained; without one (an exam before submitting) they are not.

use quiz_engine::grade::Detail;
use quiz_engine::{Body, Question};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::draft::Draft;

/// Trusted HTML rendered by the content build (pulldown-cmark output of our own files).
pub(crate) fn rich(html: &str) -> Html {
    Html::from_html_unchecked(AttrValue::from(html.to_string()))
}

/// What the learner can do to a draft.
#[derive(Clone)]
pub(crate) struct InputHandlers {
    /// The `name` radio buttons share: unique per question and widget on the page.
    pub name: String,
    pub choose: Callback<usize>,
    pub set_bool: Callback<bool>,
    /// Position, and `true` for up.
    pub move_item: Callback<(usize, bool)>,
    pub set_text: Callback<String>,
}

/// The line under the stem that says how to answer.
pub(crate) fn hint(question: &Question) -> Html {
    let text = match &question.body {
        Body::Single { .. } => "Choose one.".to_string(),
        Body::Multiple { choose, .. } => format!("Choose {choose}."),
        Body::TrueFalse { .. } => "True or false?".to_string(),
        Body::Ordering { .. } => "Put these in order with the arrow buttons.".to_string(),
        Body::Short { .. } => "Type your answer.".to_string(),
        Body::Command { .. } => "Type the command; it runs in a fresh sandbox.".to_string(),
        Body::Lab { lab } => format!("This is a hands-on lab (`{lab}`): do it in the lab widget."),
    };
    html! { <p class="ec2lab-hint">{ text }</p> }
}

/// The inputs for `question` showing `draft`; marked and explained when `detail` is given.
pub(crate) fn answer_inputs(
    question: &Question,
    draft: &Draft,
    detail: Option<&Detail>,
    on: &InputHandlers,
) -> Html {
    let name = on.name.clone();
    let answered = detail.is_some();
    match (&question.body, draft) {
        (Body::Single { options } | Body::Multiple { options, .. }, Draft::Choices(chosen)) => {
            let kind = if matches!(question.body, Body::Single { .. }) { "radio" } else { "checkbox" };
            let items = options.iter().enumerate().map(|(i, option)| {
                let picked = chosen.contains(&i);
                let class = match answered {
                    false => classes!("ec2lab-option"),
                    true if option.correct => classes!("ec2lab-option", "ec2lab-correct"),
                    true if picked => classes!("ec2lab-option", "ec2lab-wrong"),
                    true => classes!("ec2lab-option"),
                };
                let choose = on.choose.clone();
                html! {
                    <li class={class}>
                        <label>
                            <input type={kind} name={name.clone()} checked={picked} disabled={answered}
                                onchange={Callback::from(move |_: Event| choose.emit(i))} />
                            <span class="ec2lab-option-text">{ rich(&option.text) }</span>
                        </label>
                        if answered {
                            <div class="ec2lab-explanation">
                                <strong>{ if option.correct { "Correct option. " } else { "Wrong option. " } }</strong>
                                { rich(&option.explanation) }
                            </div>
                        }
                    </li>
                }
            });
            html! { <ul class="ec2lab-options">{ for items }</ul> }
        }
        (Body::TrueFalse { answer, if_true, if_false }, Draft::Bool(value)) => {
            let items = [(true, "True", if_true), (false, "False", if_false)].map(|(v, label, why)| {
                let class = match answered {
                    false => classes!("ec2lab-option"),
                    true if v == *answer => classes!("ec2lab-option", "ec2lab-correct"),
                    true if *value == Some(v) => classes!("ec2lab-option", "ec2lab-wrong"),
                    true => classes!("ec2lab-option"),
                };
                let set_bool = on.set_bool.clone();
                html! {
                    <li class={class}>
                        <label>
                            <input type="radio" name={name.clone()} checked={*value == Some(v)} disabled={answered}
                                onchange={Callback::from(move |_: Event| set_bool.emit(v))} />
                            <span class="ec2lab-option-text">{ label }</span>
                        </label>
                        if answered { <div class="ec2lab-explanation">{ rich(why) }</div> }
                    </li>
                }
            });
            html! { <ul class="ec2lab-options">{ for items }</ul> }
        }
        (Body::Ordering { items }, Draft::Order(order)) => {
            let len = order.len();
            let rows = order.iter().enumerate().map(|(pos, &item)| {
                let text = items.get(item).map(|it| it.text.as_str()).unwrap_or("");
                let class = match answered {
                    false => classes!("ec2lab-option"),
                    true if item == pos => classes!("ec2lab-option", "ec2lab-correct"),
                    true => classes!("ec2lab-option", "ec2lab-wrong"),
                };
                let (m_up, m_down) = (on.move_item.clone(), on.move_item.clone());
                let up = Callback::from(move |_: MouseEvent| m_up.emit((pos, true)));
                let down = Callback::from(move |_: MouseEvent| m_down.emit((pos, false)));
                html! {
                    <li class={class}>
                        <span class="ec2lab-option-text">{ rich(text) }</span>
                        if !answered {
                            <span class="ec2lab-order-buttons">
                                <button type="button" aria-label="Move up" disabled={pos == 0}
                                    onclick={up}>{ "↑" }</button>
                                <button type="button" aria-label="Move down" disabled={pos + 1 == len}
                                    onclick={down}>{ "↓" }</button>
                            </span>
                        }
                        if answered {
                            <div class="ec2lab-explanation">
                                { format!("Belongs at position {}. ", item + 1) }
                                { items.get(item).map(|it| rich(&it.explanation)).unwrap_or_default() }
                            </div>
                        }
                    </li>
                }
            });
            html! { <ol class="ec2lab-options ec2lab-ordering">{ for rows }</ol> }
        }
        (Body::Short { .. } | Body::Command { .. }, Draft::Text(text)) => {
            let set_text = on.set_text.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                    set_text.emit(input.value());
                }
            });
            let command = matches!(question.body, Body::Command { .. });
            html! {
                <input type="text" class={classes!("ec2lab-answer-text", command.then_some("ec2lab-mono"))}
                    aria-label="Your answer" value={text.clone()} disabled={answered} {oninput}
                    autocomplete="off" spellcheck="false" />
            }
        }
        _ => Html::default(),
    }
}
