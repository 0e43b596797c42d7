//! The quiz widget: practice mode over one bank's questions, with feedback on every option.

mod draft;
pub(crate) mod inputs;
mod model;
mod view;

pub use draft::{Draft, shuffled_order};
pub use model::{QuizConfig, QuizModel};
pub use view::{Quiz, QuizProps};
