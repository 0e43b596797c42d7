//! The flashcard widget: FSRS reviews of one deck's due cards, with the next interval on each
//! rating button, keyboard shortcuts, and the learner's exam date.

mod model;
mod view;

pub use model::{FlashcardsConfig, FlashcardsModel, interval_text, rating_label};
pub use view::{Flashcards, FlashcardsProps};
