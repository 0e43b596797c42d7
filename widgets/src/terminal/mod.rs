//! The terminal widget: a prompt, scrollback and history over a [`sandbox::Session`].

mod keys;
mod model;
mod view;

pub use keys::{KeyAction, key_action};
pub use model::{Line, LineKind, TerminalModel};
pub use view::{Terminal, TerminalProps};
