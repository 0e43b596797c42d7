//! EC2 Lab's quiz engine: questions, their authoring format, grading, exams, spaced repetition
//! and the learner's progress. No I/O and no clock: content arrives as text, time as arguments.

pub mod error;
pub mod parse;
pub mod predicate;
pub mod question;
pub mod scenario;
pub mod short;
pub mod time;

pub use error::{Error, ErrorKind};
pub use parse::parse_bank;
pub use question::{Bank, Body, Choice, Item, LessonLink, Pos, Question};
pub use time::Timestamp;
pub mod blueprint;
pub mod course;
pub mod deck;
pub mod lessons;

pub use blueprint::{Blueprint, Domain, parse_blueprint};
pub use course::{Course, load_course};
pub use deck::{Card, Deck, parse_deck};
pub use lessons::LessonIndex;
