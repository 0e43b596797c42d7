//! The explorer's Yew component: the tree on one side, the command and response on the other.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::model::{BASE, ExplorerConfig, ExplorerModel};
use crate::clock;

#[derive(Properties, PartialEq, Clone)]
pub struct ImdsExplorerProps {
    pub config: ExplorerConfig,
}

/// Where the tree starts.
const ROOT: &str = "/latest/";

#[component]
pub fn ImdsExplorer(props: &ImdsExplorerProps) -> Html {
    let origin = *use_state(clock::now_ms);
    let model: Rc<RefCell<ExplorerModel>> = use_mut_ref({
        let config = props.config.clone();
        move || {
            let mut m = ExplorerModel::new(&config);
            m.click(ROOT, clock::since(origin));
            m
        }
    });
    let redraw = use_force_update();

    let click = {
        let model = model.clone();
        let redraw = redraw.clone();
        Callback::from(move |path: String| {
            model.borrow_mut().click(&path, clock::since(origin));
            redraw.force_update();
        })
    };
    let toggle_token = {
        let model = model.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: Event| {
            let mut m = model.borrow_mut();
            let on = !m.uses_token();
            m.set_use_token(on);
            redraw.force_update();
        })
    };

    let m = model.borrow();
    let selected = m.last().map(|f| f.path.clone()).unwrap_or_default();
    html! {
        <section class="ec2lab-imds" aria-label="Instance metadata explorer">
            <div class="ec2lab-toolbar">
                <span class="ec2lab-title">{ "IMDS explorer" }</span>
                <label>
                    <input type="checkbox" checked={m.uses_token()} onchange={toggle_token} />
                    { " Use an IMDSv2 session token" }
                </label>
            </div>
            if m.tokens_required() {
                <p class="ec2lab-hint">{ "This instance has HttpTokens=required: requests without a token get 401." }</p>
            }
            <div class="ec2lab-imds-body">
                <nav class="ec2lab-imds-tree" aria-label="Metadata tree">
                    <ul role="tree">{ branch(&m, ROOT, &selected, &click) }</ul>
                </nav>
                <div class="ec2lab-imds-result" aria-live="polite">
                    if let Some(f) = m.last() {
                        <p class="ec2lab-imds-label">{ "On the instance, run:" }</p>
                        <pre class="ec2lab-imds-command">{ f.commands.join("\n") }</pre>
                        <p class="ec2lab-imds-label">{ format!("Response (as curl -i {BASE}{} shows it):", f.path) }</p>
                        <pre class={classes!("ec2lab-imds-response", (f.status != 200).then_some("ec2lab-imds-error"))}>
                            { f.response.replace("\r\n", "\n") }
                        </pre>
                    }
                </div>
            </div>
        </section>
    }
}

fn branch(m: &ExplorerModel, dir: &str, selected: &str, click: &Callback<String>) -> Html {
    let Some(children) = m.children(dir) else { return Html::default() };
    children
        .iter()
        .map(|node| {
            let path = node.path.clone();
            let onclick = {
                let click = click.clone();
                let path = path.clone();
                Callback::from(move |_: MouseEvent| click.emit(path.clone()))
            };
            let open = m.children(&path).is_some();
            let marker = match (node.is_dir(), open) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                (false, _) => "",
            };
            html! {
                <li role="treeitem" aria-expanded={node.is_dir().then(|| open.to_string())}
                    aria-selected={(path == selected).to_string()}>
                    <button type="button" class="ec2lab-imds-node" {onclick}>{ format!("{marker}{}", node.name) }</button>
                    if open {
                        <ul role="group">{ branch(m, &path, selected, click) }</ul>
                    }
                </li>
            }
        })
        .collect()
}
