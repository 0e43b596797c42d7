//! EC2 Lab's widgets: Yew components over the pure `sandbox` and `quiz-engine` crates.
//!
//! One wasm module serves every widget on a page. The loader script (`book/ec2lab/loader.js`)
//! imports it once and calls [`mount_all`], which finds every `.ec2lab-widget` placeholder the
//! preprocessor wrote and mounts the component its `data-widget` names, with the JSON in
//! `data-config` as its configuration. Components are thin: state and rules live in the core
//! crates; clocks and storage are touched only here, in effects.

pub mod clock;
pub mod console;
pub mod dates;
pub mod exam;
pub mod flashcards;
pub mod imds_explorer;
pub mod lab;
pub mod mount;
pub mod progress;
pub mod quiz;
pub mod storage;
pub mod terminal;

use wasm_bindgen::prelude::*;

/// Mounts every widget placeholder on the page that is not mounted yet; returns how many.
/// `site_root` is the URL of the book's root, for links between pages.
#[wasm_bindgen]
pub fn mount_all(site_root: String) -> u32 {
    mount::mount_all(&site_root)
}
