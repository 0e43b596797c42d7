//! The simulated bash: tokenize, parse, expand, run.
//!
//! [`exec::run_line`] runs one terminal line on a [`Host`]. Builtins (`echo`, `cat`, `ls`,
//! `chmod`, `cd`, `export`, `history`, the pipe filters …) are handled here; every other program
//! goes through the [`Programs`] trait, which the session implements with ssh, curl, aws and
//! the instance tools in [`programs`].

pub mod builtins;
pub mod compound;
pub mod conditions;
pub mod error;
pub mod exec;
pub mod expand;
pub mod fileops;
pub mod filters;
pub mod host;
pub mod keygen;
pub mod lexer;
pub mod parser;
pub mod vfs;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use exec::{Io, LineResult, Programs, run_line, run_script};
pub use host::{Host, PromptStyle};
pub mod machine;
pub mod programs;
pub mod ssh;
pub mod transcript;
