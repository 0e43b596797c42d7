//! End-to-end tests: the built site in real headless Chromium.

mod exam;
mod flashcards;
mod quiz;
mod terminal;
