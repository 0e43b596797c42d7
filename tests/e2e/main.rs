//! End-to-end tests: the built site in real headless Chromium.

mod quiz;
mod terminal;
