//! Finds placeholders in the page and mounts the widget each one names.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::exam::{ExamProps, MockExam};
use crate::flashcards::{Flashcards, FlashcardsProps};
use crate::imds_explorer::{ImdsExplorer, ImdsExplorerProps};
use crate::lab::{LabProps, LabWidget};
use crate::progress::{ProgressDashboard, ProgressProps};
use crate::quiz::{Quiz, QuizProps};
use crate::terminal::{Terminal, TerminalProps};

const MOUNTED: &str = "data-ec2lab-mounted";

/// Mounts every `.ec2lab-widget` not mounted yet; returns how many were mounted.
pub fn mount_all(root: &str) -> u32 {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(nodes) = document.query_selector_all(".ec2lab-widget") else {
        return 0;
    };
    let mut mounted = 0;
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if element.has_attribute(MOUNTED) {
            continue;
        }
        let _ = element.set_attribute(MOUNTED, "");
        let kind = element.get_attribute("data-widget").unwrap_or_default();
        let config = element.get_attribute("data-config").unwrap_or_else(|| "{}".to_string());
        element.set_inner_html("");
        match mount_one(&kind, &config, root, element.clone()) {
            Ok(()) => mounted += 1,
            Err(message) => show_error(&element, &message),
        }
    }
    mounted
}

fn mount_one(kind: &str, config: &str, site_root: &str, root: Element) -> Result<(), String> {
    let bad = |e: serde_json::Error| format!("bad {kind} configuration: {e}");
    match kind {
        "terminal" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            yew::Renderer::<Terminal>::with_root_and_props(root, TerminalProps { config }).render();
            Ok(())
        }
        "imds-explorer" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            yew::Renderer::<ImdsExplorer>::with_root_and_props(root, ImdsExplorerProps { config }).render();
            Ok(())
        }
        "progress" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            yew::Renderer::<ProgressDashboard>::with_root_and_props(root, ProgressProps { config }).render();
            Ok(())
        }
        "quiz" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            let props = QuizProps { config, root: site_root.to_string() };
            yew::Renderer::<Quiz>::with_root_and_props(root, props).render();
            Ok(())
        }
        "exam" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            let props = ExamProps { config, root: site_root.to_string() };
            yew::Renderer::<MockExam>::with_root_and_props(root, props).render();
            Ok(())
        }
        "flashcards" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            let props = FlashcardsProps { config, root: site_root.to_string() };
            yew::Renderer::<Flashcards>::with_root_and_props(root, props).render();
            Ok(())
        }
        "lab" => {
            let config = serde_json::from_str(config).map_err(bad)?;
            yew::Renderer::<LabWidget>::with_root_and_props(root, LabProps { config }).render();
            Ok(())
        }
        other => Err(format!("this page asks for a widget this build does not have: `{other}`")),
    }
}

fn show_error(element: &Element, message: &str) {
    let _ = element.set_attribute("role", "alert");
    let _ = element.set_attribute("class", "ec2lab-widget ec2lab-widget-error");
    element.set_text_content(Some(&format!("EC2 Lab: {message}")));
}
