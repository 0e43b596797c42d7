//! End-to-end tests: the built site in real headless Chromium.

mod exam;
mod flashcards;
mod imds_explorer;
mod lab;
mod progress;
mod quiz;
mod teacher;
mod terminal;
mod themes;
