//! EC2 Lab's quiz engine: questions, their authoring format, grading, exams, spaced repetition
//! and the learner's progress. No I/O and no clock: content arrives as text with its file name,
//! time as [`Timestamp`] arguments, randomness from seeds.
//!
//! Map:
//! - content: [`parse_bank`], [`parse_blueprint`], [`parse_deck`], [`load_course`] (validates
//!   everything together, lesson links against [`LessonIndex`]); mistakes are [`Error`]s that
//!   print as `file:line: problem`;
//! - answering: [`grade()`] one [`Answer`]; [`practice`], [`exam`] and [`review`] modes;
//! - remembering: [`srs`] (FSRS scheduling toward an exam date), [`progress`] (versioned JSON,
//!   classroom CSV), [`gift`] (Moodle export).
//!
//! Invariants, as absences: `quiz-engine` knows nothing of Yew, mdBook, files, wasm-bindgen,
//! clocks or OS randomness. It never panics on content or progress input: bad content is a list
//! of [`Error`]s, bad progress is a list of [`progress::Issue`]s next to what could be kept.
//! Command questions run in a [`sandbox::Session`] with a fixed seed, so grading is
//! reproducible.

pub mod answer;
pub mod blueprint;
pub mod course;
pub mod deck;
pub mod error;
pub mod exam;
pub mod gift;
pub mod grade;
pub mod lab;
pub mod lessons;
pub mod parse;
pub mod practice;
pub mod predicate;
pub mod progress;
pub mod question;
pub mod review;
pub mod rng;
pub mod scenario;
pub mod short;
pub mod srs;
pub mod time;

pub use answer::Answer;
pub use blueprint::{Blueprint, Domain, parse_blueprint};
pub use course::{Course, load_course};
pub use deck::{Card, Deck, parse_deck};
pub use error::{Error, ErrorKind};
pub use exam::{Exam, ExamResult};
pub use grade::{Grade, grade};
pub use lessons::LessonIndex;
pub use parse::parse_bank;
pub use practice::Practice;
pub use progress::Progress;
pub use question::{Bank, Body, Choice, Item, LessonLink, Pos, Question};
pub use time::Timestamp;
