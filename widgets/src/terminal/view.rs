//! The terminal's Yew component: renders a [`TerminalModel`] and forwards keys to it.

use std::cell::RefCell;
use std::rc::Rc;

use sandbox::SessionConfig;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::model::{LineKind, TerminalModel};
use crate::clock;

#[derive(Properties, PartialEq, Clone)]
pub struct TerminalProps {
    pub config: SessionConfig,
}

#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let model: Rc<RefCell<TerminalModel>> = use_mut_ref({
        let config = props.config.clone();
        move || TerminalModel::new(config)
    });
    let origin = *use_state(clock::now_ms);
    let redraw = use_force_update();
    let input = use_node_ref();
    let screen = use_node_ref();

    {
        // Keep the newest output in view after every render.
        let screen = screen.clone();
        use_effect(move || {
            if let Some(el) = screen.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
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
            let replacement = match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = field.value();
                    field.set_value("");
                    model.submit(&line, clock::since(origin));
                    redraw.force_update();
                    None
                }
                "ArrowUp" => {
                    e.prevent_default();
                    model.history_prev(&field.value())
                }
                "ArrowDown" => {
                    e.prevent_default();
                    model.history_next()
                }
                "l" if e.ctrl_key() => {
                    e.prevent_default();
                    model.submit("clear", clock::since(origin));
                    redraw.force_update();
                    None
                }
                _ => None,
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

    html! {
        <section class="ec2lab-terminal" aria-label="Practice terminal">
            <div class="ec2lab-toolbar">
                <span class="ec2lab-title">{ "Terminal" }</span>
                <button type="button" class="ec2lab-reset" onclick={onreset}>{ "Reset" }</button>
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
    }
}
