//! The course progress dashboard: per-bank progress, flashcards due and exam results, with
//! export and import of the learner's progress as JSON and, for teachers, a classroom CSV built
//! from several learners' exports.

mod files;
mod model;
mod view;

pub use model::{ProgressConfig, ProgressModel};
pub use view::{ProgressDashboard, ProgressProps};
