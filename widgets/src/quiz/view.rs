//! The quiz's Yew component: renders a [`QuizModel`] and saves each graded answer.

use std::cell::RefCell;
use std::rc::Rc;

use quiz_engine::grade::Detail;
use quiz_engine::{Body, Question, Timestamp};
use yew::prelude::*;

use super::inputs::{InputHandlers, answer_inputs, hint, rich};
use super::model::{QuizConfig, QuizModel};
use crate::{clock, storage};

#[derive(Properties, PartialEq, Clone)]
pub struct QuizProps {
    pub config: QuizConfig,
    /// The site root, for links to lesson sections from pages in any folder.
    pub root: String,
}

#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let model: Rc<RefCell<QuizModel>> = use_mut_ref({
        let config = props.config.clone();
        move || QuizModel::new(config)
    });
    let notice = use_state(|| Option::<String>::None);
    let redraw = use_force_update();

    let act = |f: fn(&mut QuizModel)| action::<MouseEvent>(&model, &redraw, move |m, _| f(m));

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
                        { answer_inputs(question, m.draft(), m.feedback().map(|g| &g.detail), &handlers(question, &model, &redraw)) }
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

/// The quiz model's answer inputs: each change applies to the draft and redraws, except typing,
/// which the input shows by itself.
fn handlers(
    question: &Question,
    model: &Rc<RefCell<QuizModel>>,
    redraw: &UseForceUpdateHandle,
) -> InputHandlers {
    let typed = model.clone();
    InputHandlers {
        name: format!("q-{}", question.id),
        choose: action(model, redraw, |m, i| m.choose(i)),
        set_bool: action(model, redraw, |m, v| m.set_bool(v)),
        move_item: action(model, redraw, |m, (pos, up)| m.move_item(pos, up)),
        set_text: Callback::from(move |text| typed.borrow_mut().set_text(text)),
    }
}

/// A callback that applies `f` to the model and redraws.
fn action<E: 'static>(
    model: &Rc<RefCell<QuizModel>>,
    redraw: &UseForceUpdateHandle,
    f: impl Fn(&mut QuizModel, E) + 'static,
) -> Callback<E> {
    let model = model.clone();
    let redraw = redraw.clone();
    Callback::from(move |e: E| {
        f(&mut model.borrow_mut(), e);
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
