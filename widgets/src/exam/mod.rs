//! The mock exam widget: a timed attempt on a blueprint, one question at a time, with flags, a
//! navigator, a submit confirmation, then the scaled score, the per-domain table and review.

mod model;
mod result;
mod saved;
mod view;

pub use model::{Cell, ExamConfig, ExamModel, Finished, Phase, clock_text};
pub use view::{ExamProps, MockExam};
