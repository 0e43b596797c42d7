//! The quiz's Yew component: renders a [`QuizModel`] and saves each graded answer.

use std::cell::RefCell;
use std::rc::Rc;

use quiz_engine::grade::Detail;
use quiz_engine::{Body, Question, Timestamp};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::draft::Draft;
use super::model::{QuizConfig, QuizModel};
use crate::{clock, storage};

#[derive(Properties, PartialEq, Clone)]
pub struct QuizProps {
    pub config: QuizConfig,
    /// The site root, for links to lesson sections from pages in any folder.
    pub root: String,
}

/// Trusted HTML rendered by the content build (pulldown-cmark output of our own files).
fn rich(html: &str) -> Html {
    Html::from_html_unchecked(AttrValue::from(html.to_string()))
}

#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let model: Rc<RefCell<QuizModel>> = use_mut_ref({
        let config = props.config.clone();
        move || QuizModel::new(config)
    });
    let notice = use_state(|| Option::<String>::None);
    let redraw = use_force_update();

    let act = |f: fn(&mut QuizModel)| action::<MouseEvent>(&model, &redraw, f);

    let on_check = {
        let model = model.clone();
        let redraw = redraw.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let graded = model.borrow_mut().check();
            if let Some((id, answer, grade)) = graded {
                let now = Timestamp(clock::now_ms() as i64);
                if let Err(e) = storage::update(|p| p.record_answer(&id, &answer, &grade, now)) {
                    notice.set(Some(e));
                }
            }
            redraw.force_update();
        })
    };

    let m = model.borrow();
    let header = html! {
        <header class="ec2lab-quiz-header">
            <span class="ec2lab-title">{ format!("Quiz: {}", m.title()) }</span>
            if !m.round_over() {
                <span class="ec2lab-quiz-position">
                    { format!("Question {} of {}", m.position().0, m.position().1) }
                    if m.round() > 1 { { format!(" (retry round {})", m.round() - 1) } }
                </span>
            }
        </header>
    };
    let notice_html = notice.as_ref().map(|n| html! { <p class="ec2lab-notice" role="status">{ n }</p> });

    let body = match m.current() {
        None => {
            let summary = if m.finished() {
                format!(
                    "All {} questions answered correctly ({} at the first try).",
                    m.total(),
                    m.first_try()
                )
            } else {
                format!("Round over: {} to retry.", m.missed())
            };
            html! {
                <div class="ec2lab-quiz-summary" role="status">
                    <p>{ summary }</p>
                    if !m.finished() {
                        <button type="button" onclick={act(QuizModel::retry_missed)}>
                            { format!("Retry the {} missed", m.missed()) }
                        </button>
                    }
                    <button type="button" onclick={act(QuizModel::restart)}>{ "Start over" }</button>
                </div>
            }
        }
        Some(question) => {
            let answered = m.feedback().is_some();
            let lesson = format!("{}{}", props.root, question.lesson.href());
            html! {
                <form class="ec2lab-question" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend class="ec2lab-stem">{ rich(&question.stem) }</legend>
                        { hint(question) }
                        { answer_inputs(question, m.draft(), m.feedback().map(|g| &g.detail), &model, &redraw) }
                    </fieldset>
                    { feedback(question, &m) }
                    <div class="ec2lab-actions">
                        if !answered {
                            if !matches!(question.body, Body::Lab { .. }) {
                                <button type="button" class="ec2lab-primary" onclick={on_check}>{ "Check" }</button>
                            }
                            <button type="button" onclick={act(QuizModel::next)}>{ "Skip" }</button>
                        } else {
                            <button type="button" class="ec2lab-primary ec2lab-next" onclick={act(QuizModel::next)}>{ "Next" }</button>
                        }
                        <a class="ec2lab-lesson-link" href={lesson}>{ "Review the lesson section" }</a>
                    </div>
                </form>
            }
        }
    };

    html! {
        <section class="ec2lab-quiz" aria-label={format!("Quiz: {}", m.title())}>
            { header }
            { for notice_html }
            { body }
        </section>
    }
}

fn hint(question: &Question) -> Html {
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

fn answer_inputs(
    question: &Question,
    draft: &Draft,
    detail: Option<&Detail>,
    model: &Rc<RefCell<QuizModel>>,
    redraw: &UseForceUpdateHandle,
) -> Html {
    let name = format!("q-{}", question.id);
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
                html! {
                    <li class={class}>
                        <label>
                            <input type={kind} name={name.clone()} checked={picked} disabled={answered}
                                onchange={action::<Event>(model, redraw, move |m| m.choose(i))} />
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
                html! {
                    <li class={class}>
                        <label>
                            <input type="radio" name={name.clone()} checked={*value == Some(v)} disabled={answered}
                                onchange={action::<Event>(model, redraw, move |m| m.set_bool(v))} />
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
                let up = action::<MouseEvent>(model, redraw, move |m| m.move_item(pos, true));
                let down = action::<MouseEvent>(model, redraw, move |m| m.move_item(pos, false));
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
            let model = model.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                    model.borrow_mut().set_text(input.value());
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

/// A callback that applies `f` to the model and redraws.
fn action<E: 'static>(
    model: &Rc<RefCell<QuizModel>>,
    redraw: &UseForceUpdateHandle,
    f: impl Fn(&mut QuizModel) + 'static,
) -> Callback<E> {
    let model = model.clone();
    let redraw = redraw.clone();
    Callback::from(move |_: E| {
        f(&mut model.borrow_mut());
        redraw.force_update();
    })
}

fn feedback(question: &Question, m: &QuizModel) -> Html {
    let Some(grade) = m.feedback() else {
        return Html::default();
    };
    let verdict = if grade.correct {
        "Correct.".to_string()
    } else if grade.score > 0.0 {
        format!("Partly right ({:.0}%).", grade.score * 100.0)
    } else {
        "Not quite.".to_string()
    };
    let detail = match &grade.detail {
        Detail::Short { matched: None, .. } => {
            let accepted = match &question.body {
                Body::Short { answers, .. } => answers.join(" or "),
                _ => String::new(),
            };
            html! { <p>{ format!("Accepted: {accepted}") }</p> }
        }
        Detail::Command { stdout, stderr, exit_code, checks } => html! {
            <div>
                <pre class="ec2lab-command-output">{ format!("{stdout}{stderr}(exit code {exit_code})") }</pre>
                <ul>{ for checks.iter().map(|c| html! {
                    <li class={if c.holds { "ec2lab-correct" } else { "ec2lab-wrong" }}>
                        { format!("{} {:?}", if c.holds { "✓" } else { "✗" }, c.predicate) }
                    </li>
                }) }</ul>
            </div>
        },
        _ => Html::default(),
    };
    html! {
        <div class={classes!("ec2lab-feedback", if grade.correct { "ec2lab-correct" } else { "ec2lab-wrong" })} role="status" aria-live="polite">
            <p><strong>{ verdict }</strong></p>
            { detail }
            { question.explanation.as_deref().map(rich).unwrap_or_default() }
        </div>
    }
}
