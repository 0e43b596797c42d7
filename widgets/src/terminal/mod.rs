//! The terminal widget: a prompt, scrollback and history over a [`sandbox::Session`].

mod model;
mod view;

pub use model::{Line, LineKind, TerminalModel};
pub use view::{Terminal, TerminalProps};
