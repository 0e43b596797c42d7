//! The dashboard's Yew component.

use std::rc::Rc;

use quiz_engine::Timestamp;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::files;
use super::model::{ProgressConfig, ProgressModel};
use crate::{clock, dates, storage};

#[derive(Properties, PartialEq, Clone)]
pub struct ProgressProps {
    pub config: ProgressConfig,
}

#[component]
pub fn ProgressDashboard(props: &ProgressProps) -> Html {
    let model = use_memo(props.config.clone(), |config| ProgressModel::new(config.clone()));
    let notes = use_state(Vec::<String>::new);
    let redraw = use_force_update();
    let (progress, load_notes) = storage::load();
    let now = Timestamp(clock::now_ms() as i64);
    let s = model.summary(&progress, now);
    let (labs_done, labs_total) = model.labs_done(&progress);

    let export = {
        let notes = notes.clone();
        Callback::from(move |_: MouseEvent| {
            let (progress, _) = storage::load();
            let name = format!("ec2lab-progress-{}.json", dates::format(Timestamp(clock::now_ms() as i64)));
            if let Err(e) = files::download(&name, "application/json", &progress.to_json()) {
                notes.set(vec![e]);
            }
        })
    };
    let import = {
        let notes = notes.clone();
        let redraw = redraw.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let notes = notes.clone();
            let redraw = redraw.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut messages = Vec::new();
                for file in files::read_chosen(&input).await {
                    match file {
                        Ok((name, text)) => {
                            let (imported, issues) = ProgressModel::read_export(&text);
                            let count =
                                imported.questions.len() + imported.cards.len() + imported.exams.len();
                            match storage::update(|p| p.merge(imported)) {
                                Ok(()) => messages.push(format!("Imported {count} entries from {name}.")),
                                Err(e) => messages.push(e),
                            }
                            messages.extend(issues.into_iter().map(|i| format!("{name}: skipped {i}")));
                        }
                        Err(e) => messages.push(e),
                    }
                }
                input.set_value("");
                notes.set(messages);
                redraw.force_update();
            });
        })
    };
    let classroom = {
        let notes = notes.clone();
        let model = Rc::clone(&model);
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let notes = notes.clone();
            let model = Rc::clone(&model);
            wasm_bindgen_futures::spawn_local(async move {
                let mut read = Vec::new();
                let mut messages = Vec::new();
                for file in files::read_chosen(&input).await {
                    match file {
                        Ok(f) => read.push(f),
                        Err(e) => messages.push(e),
                    }
                }
                let (csv, problems) = model.classroom(&read);
                messages.extend(problems);
                match files::download("ec2lab-classroom.csv", "text/csv", &csv) {
                    Ok(()) => messages.insert(0, format!("Classroom CSV built from {} exports.", read.len())),
                    Err(e) => messages.push(e),
                }
                input.set_value("");
                notes.set(messages);
            });
        })
    };

    let rows = s.banks.iter().map(|b| {
        let pct = if b.questions == 0 { 0 } else { b.mastered * 100 / b.questions };
        html! {
            <tr>
                <th scope="row">{ &b.title }</th>
                <td>{ format!("{} / {}", b.attempted, b.questions) }</td>
                <td>
                    <progress max={b.questions.to_string()} value={b.mastered.to_string()}
                        aria-label={format!("{} mastered", b.title)}>{ format!("{pct}%") }</progress>
                    { format!(" {} ({pct}%)", b.mastered) }
                </td>
            </tr>
        }
    });
    let all_notes: Vec<String> = load_notes.into_iter().chain(notes.iter().cloned()).collect();

    html! {
        <section class="ec2lab-progress" aria-label="Your progress">
            <div class="ec2lab-toolbar"><span class="ec2lab-title">{ "Your progress" }</span></div>
            <div class="ec2lab-progress-body">
                <p class="ec2lab-progress-totals">
                    { format!("Labs completed: {labs_done} of {labs_total}. ") }
                    { format!("Flashcards due: {}. Mock exams taken: {}", s.cards_due, s.exams_taken) }
                    { s.best_exam.map(|b| format!(", best score {b}.")).unwrap_or_else(|| ".".into()) }
                </p>
                <table class="ec2lab-progress-table">
                    <thead><tr><th scope="col">{ "Chapter" }</th><th scope="col">{ "Tried" }</th><th scope="col">{ "Right last time" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <div class="ec2lab-progress-actions">
                    <button type="button" onclick={export}>{ "Export my progress (JSON)" }</button>
                    <label class="ec2lab-file">
                        { "Import progress: " }
                        <input type="file" accept=".json,application/json" onchange={import} />
                    </label>
                    <label class="ec2lab-file">
                        { "Teachers: build a classroom CSV from exports: " }
                        <input type="file" accept=".json,application/json" multiple=true onchange={classroom} />
                    </label>
                </div>
                if !all_notes.is_empty() {
                    <ul class="ec2lab-notice" role="status">{ for all_notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                }
            </div>
        </section>
    }
}
