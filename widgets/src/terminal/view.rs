//! The terminal's Yew component: renders a [`TerminalModel`] and forwards keys to it.

use std::cell::RefCell;
use std::rc::Rc;

use sandbox::SessionConfig;
use serde::Deserialize;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::keys::{KeyAction, key_action};
use super::model::{LineKind, TerminalModel};
use crate::clock;
use crate::console::Console;

/// What an `ec2lab-terminal` block configures: the session, and whether to show the console.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TerminalConfig {
    #[serde(flatten)]
    pub session: SessionConfig,
    /// Show the console view beside the terminal (default: yes).
    #[serde(default = "yes")]
    pub console: bool,
}

fn yes() -> bool {
    true
}

/// How far the "Wait" button moves simulated time.
const WAIT_SECS: u64 = 30;

#[derive(Properties, PartialEq, Clone)]
pub struct TerminalProps {
    pub config: TerminalConfig,
}

#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let model: Rc<RefCell<TerminalModel>> = use_mut_ref({
        let config = props.config.session.clone();
        move || TerminalModel::new(config)
    });
    let origin = *use_state(clock::now_ms);
    let redraw = use_force_update();
    let input = use_node_ref();
    let screen = use_node_ref();

    {
        // Keep the newest output in view whenever output is added.
        let screen = screen.clone();
        let lines = model.borrow().scrollback().len();
        use_effect_with(lines, move |_| {
            if let Some(el) = screen.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    // Simulated time runs with the page: once a second the world catches up (an instance
    // finishes booting) and the console redraws if what it shows has changed.
    let shown = use_mut_ref(|| None);
    {
        let model = model.clone();
        let redraw = redraw.clone();
        let shown = shown.clone();
        let console = props.config.console;
        use_effect_with((), move |_| {
            let interval = console.then(|| {
                gloo_timers::callback::Interval::new(1000, move || {
                    let now = clock::since(origin);
                    let mut model = model.borrow_mut();
                    model.tick(now);
                    let snapshot = Some(model.console(now));
                    if *shown.borrow() != snapshot {
                        *shown.borrow_mut() = snapshot;
                        redraw.force_update();
                    }
                })
            });
            move || drop(interval)
        });
    }

    let onkeydown = {
        let model = model.clone();
        let input = input.clone();
        let redraw = redraw.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let mut model = model.borrow_mut();
            let action = key_action(&e.key(), e.ctrl_key(), e.shift_key(), field.value().is_empty());
            let Some(action) = action else {
                return;
            };
            e.prevent_default();
            let replacement = match action {
                KeyAction::Run => {
                    let line = field.value();
                    field.set_value("");
                    model.submit(&line, clock::since(origin));
                    redraw.force_update();
                    None
                }
                KeyAction::Complete => {
                    let completed = model.complete(&field.value());
                    redraw.force_update();
                    Some(completed)
                }
                KeyAction::HistoryPrev => model.history_prev(&field.value()),
                KeyAction::HistoryNext => model.history_next(),
                KeyAction::ClearScreen => {
                    model.submit("clear", clock::since(origin));
                    redraw.force_update();
                    None
                }
            };
            if let Some(text) = replacement {
                field.set_value(&text);
            }
        })
    };

    let onreset = {
        let model = model.clone();
        let redraw = redraw.clone();
        Callback::from(move |_| {
            model.borrow_mut().reset();
            redraw.force_update();
        })
    };

    let onwait = {
        let model = model.clone();
        let redraw = redraw.clone();
        Callback::from(move |_| {
            model.borrow_mut().wait(WAIT_SECS, clock::since(origin));
            redraw.force_update();
        })
    };

    let focus_input = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let _ = field.focus();
            }
        })
    };

    let model = model.borrow();
    let lines = model.scrollback().iter().map(|line| {
        let class = match line.kind {
            LineKind::Input => "ec2lab-line ec2lab-input-echo",
            LineKind::Stdout => "ec2lab-line ec2lab-stdout",
            LineKind::Stderr => "ec2lab-line ec2lab-stderr",
        };
        html! { <div class={class}>{ &line.text }</div> }
    });

    let console = props.config.console.then(|| {
        let snapshot = std::rc::Rc::new(model.console(clock::since(origin)));
        html! { <Console {snapshot} /> }
    });

    html! {
        <div class="ec2lab-terminal-layout">
        <section class="ec2lab-terminal" aria-label="Practice terminal">
            <div class="ec2lab-toolbar">
                <span class="ec2lab-title">{ "Terminal" }</span>
                <span class="ec2lab-toolbar-buttons">
                    <button type="button" class="ec2lab-wait" onclick={onwait}
                        title="Let 30 simulated seconds pass, as if you had waited">{ "Wait 30 s" }</button>
                    <button type="button" class="ec2lab-reset" onclick={onreset}>{ "Reset" }</button>
                </span>
            </div>
            <div class="ec2lab-screen" ref={screen} onclick={focus_input} role="log" aria-live="polite">
                { for lines }
                <div class="ec2lab-prompt-line">
                    <span class="ec2lab-prompt" aria-hidden="true">{ model.prompt() }</span>
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
            { for console }
        </div>
    }
}
