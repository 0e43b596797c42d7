//! The lab's Yew component: the task, a terminal over the lab's session, the goal checklist,
//! hints, "Reset lab" and the completion message. Completion is saved to progress (in an
//! event handler, never while rendering).

use std::cell::RefCell;
use std::rc::Rc;

use quiz_engine::Timestamp;
use quiz_engine::lab::Lab;
use sandbox::SimTime;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::model::LabModel;
use crate::terminal::{KeyAction, LineKind, key_action};
use crate::{clock, storage};

#[derive(Properties, PartialEq, Clone)]
pub struct LabProps {
    /// The lab as the preprocessor embeds it (without its solution).
    pub config: Lab,
}

/// Trusted HTML rendered by the content build (pulldown-cmark output of our own files).
fn rich(html: &str) -> Html {
    Html::from_html_unchecked(AttrValue::from(html.to_string()))
}

/// Simulated time since the lab mounted.
/// How far the "Wait" button moves simulated time.
const WAIT_SECS: u64 = 30;

fn elapsed(origin: &RefCell<Option<f64>>) -> SimTime {
    origin.borrow().map_or(SimTime::ZERO, clock::since)
}

/// Saves a completed lab; a storage failure comes back as a message to show.
fn save(model: &LabModel) -> Option<String> {
    let (id, answer, grade) = model.progress_record()?;
    let now = Timestamp(clock::now_ms() as i64);
    storage::update(|p| p.record_answer(&id, &answer, &grade, now)).err()
}

#[component]
pub fn LabWidget(props: &LabProps) -> Html {
    let model: Rc<RefCell<LabModel>> = use_mut_ref({
        let lab = props.config.clone();
        move || LabModel::new(lab)
    });
    // When the page's clock started for this lab: set once mounted (an effect), so rendering
    // never reads the clock.
    let origin: Rc<RefCell<Option<f64>>> = use_mut_ref(|| None);
    let notice = use_state(|| Option::<String>::None);
    let redraw = use_force_update();
    let input = use_node_ref();
    let screen = use_node_ref();

    {
        let screen = screen.clone();
        let lines = model.borrow().scrollback().len();
        use_effect_with(lines, move |_| {
            if let Some(el) = screen.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    // Simulated time runs with the page: instances finish booting or stopping, and the
    // checklist follows.
    {
        let model = model.clone();
        let redraw = redraw.clone();
        let notice = notice.clone();
        let origin = origin.clone();
        use_effect_with((), move |_| {
            *origin.borrow_mut() = Some(clock::now_ms());
            let interval = gloo_timers::callback::Interval::new(1000, move || {
                let mut m = model.borrow_mut();
                let was_done = m.completed().is_some();
                if m.tick(elapsed(&origin)) {
                    if !was_done && m.completed().is_some() {
                        notice.set(save(&m));
                    }
                    redraw.force_update();
                }
            });
            move || drop(interval)
        });
    }

    let onkeydown = {
        let origin = origin.clone();
        let model = model.clone();
        let input = input.clone();
        let redraw = redraw.clone();
        let notice = notice.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let mut m = model.borrow_mut();
            let action = key_action(&e.key(), e.ctrl_key(), e.shift_key(), field.value().is_empty());
            let Some(action) = action else {
                return;
            };
            e.prevent_default();
            let replacement = match action {
                KeyAction::Run => {
                    let line = field.value();
                    field.set_value("");
                    if m.submit(&line, elapsed(&origin)) {
                        notice.set(save(&m));
                    }
                    redraw.force_update();
                    None
                }
                KeyAction::Complete => {
                    let completed = m.complete(&field.value());
                    redraw.force_update();
                    Some(completed)
                }
                KeyAction::HistoryPrev => m.history_prev(&field.value()),
                KeyAction::HistoryNext => m.history_next(),
                KeyAction::ClearScreen => {
                    m.submit("clear", elapsed(&origin));
                    redraw.force_update();
                    None
                }
            };
            if let Some(text) = replacement {
                field.set_value(&text);
            }
        })
    };

    let on_wait = {
        let origin = origin.clone();
        let model = model.clone();
        let redraw = redraw.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let mut m = model.borrow_mut();
            let was_done = m.completed().is_some();
            m.wait(WAIT_SECS, elapsed(&origin));
            if !was_done && m.completed().is_some() {
                notice.set(save(&m));
            }
            redraw.force_update();
        })
    };

    let on_reset = {
        let model = model.clone();
        let redraw = redraw.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            model.borrow_mut().reset();
            notice.set(None);
            redraw.force_update();
        })
    };
    let on_hint = {
        let model = model.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: MouseEvent| {
            model.borrow_mut().reveal_hint();
            redraw.force_update();
        })
    };
    let focus_input = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let _ = field.focus();
            }
        })
    };

    let m = model.borrow();
    let lab = m.lab();
    let lines = m.scrollback().iter().map(|line| {
        let class = match line.kind {
            LineKind::Input => "ec2lab-line ec2lab-input-echo",
            LineKind::Stdout => "ec2lab-line ec2lab-stdout",
            LineKind::Stderr => "ec2lab-line ec2lab-stderr",
        };
        html! { <div class={class}>{ &line.text }</div> }
    });
    let met = m.goals().iter().filter(|(_, ok)| *ok).count();
    let goals = m.goals().iter().map(|(text, ok)| {
        let (class, mark, state) = if *ok {
            ("ec2lab-goal ec2lab-goal-met", "✓", "met")
        } else {
            ("ec2lab-goal", "✗", "not met yet")
        };
        html! {
            <li class={class}>
                <span class="ec2lab-goal-mark" aria-hidden="true">{ mark }</span>
                <span class="ec2lab-goal-text">{ text }</span>
                <span class="ec2lab-visually-hidden">{ format!(" ({state})") }</span>
            </li>
        }
    });
    let hints = m.hints().iter().map(|h| html! { <li class="ec2lab-hint-item">{ rich(h) }</li> });
    let completion = m.completed().map(|golf| {
        html! {
            <div class="ec2lab-lab-complete" role="status">
                <p><strong>{ "Lab complete: every goal is met." }</strong></p>
                <p class="ec2lab-golf">{ golf.message() }</p>
            </div>
        }
    });

    html! {
        <section class="ec2lab-lab" aria-label={format!("Lab: {}", lab.title)}>
            <header class="ec2lab-lab-header">
                <span class="ec2lab-title">{ format!("Lab: {}", lab.title) }</span>
                <span class="ec2lab-toolbar-buttons">
                    <button type="button" class="ec2lab-wait" onclick={on_wait}
                        title="Let 30 simulated seconds pass, as if you had waited">{ "Wait 30 s" }</button>
                    <button type="button" class="ec2lab-lab-reset" onclick={on_reset}>{ "Reset lab" }</button>
                </span>
            </header>
            <div class="ec2lab-lab-task">{ rich(&lab.task) }</div>
            <div class="ec2lab-lab-body">
                <section class="ec2lab-terminal" aria-label="Lab terminal">
                    <div class="ec2lab-screen" ref={screen} onclick={focus_input} role="log" aria-live="polite">
                        { for lines }
                        <div class="ec2lab-prompt-line">
                            <span class="ec2lab-prompt" aria-hidden="true">{ m.prompt() }</span>
                            <input
                                ref={input}
                                class="ec2lab-input"
                                type="text"
                                aria-label="Command"
                                autocomplete="off"
                                autocapitalize="off"
                                spellcheck="false"
                                {onkeydown}
                            />
                        </div>
                    </div>
                </section>
                <aside class="ec2lab-lab-side">
                    <h4 class="ec2lab-lab-heading">{ format!("Goals ({met} of {})", m.goals().len()) }</h4>
                    <ul class="ec2lab-goals" aria-live="polite">{ for goals }</ul>
                    if !lab.hints.is_empty() {
                        <h4 class="ec2lab-lab-heading">{ "Hints" }</h4>
                        <ol class="ec2lab-hints">{ for hints }</ol>
                        if m.hints_left() > 0 {
                            <button type="button" class="ec2lab-hint-button" onclick={on_hint}>
                                { format!("Show a hint ({} left)", m.hints_left()) }
                            </button>
                        }
                    }
                </aside>
            </div>
            { for completion }
            if let Some(n) = notice.as_ref() {
                <p class="ec2lab-notice" role="status">{ n }</p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The component renders without a browser: no clock or storage is read while rendering.
    #[tokio::test]
    async fn lab_renders_natively() {
        let src = "lab: lock\ntitle: Lock the key\nlesson: x.md\n\n## Setup\n\n```file practice.pem 644\nkey\n```\n\n## Task\n\nMake `practice.pem` private.\n\n## Goal\n\n- file practice.pem has mode 400\n\n## Hints\n\n- `chmod`\n- 400\n\n## Solution\n\n```sh\nchmod 400 practice.pem\n```\n";
        let lab = quiz_engine::lab::parse_lab("lock.md", src).expect("lab").for_widget();
        let config: Lab = serde_json::from_str(&serde_json::to_string(&lab).unwrap()).expect("config");
        let html = yew::LocalServerRenderer::<LabWidget>::with_props(LabProps { config }).render().await;
        for text in [
            "Lab: Lock the key",
            "<code>practice.pem</code>",
            "Goals (0 of 1)",
            "file practice.pem has mode 400",
            "✗",
            "Show a hint (2 left)",
            "Reset lab",
            "learner@laptop:~$",
        ] {
            assert!(html.contains(text), "{text} missing from {html}");
        }
        assert!(!html.contains("Lab complete"), "{html}");
    }
}
