//! The console view beside the terminal: the account's instances as cards with a live lifecycle
//! diagram, their addresses, volumes and security groups, and what it has all cost so far.

mod lifecycle;
mod model;
mod view;

pub use lifecycle::Lifecycle;
pub use model::{ConsoleSnapshot, InstanceCard};
pub use view::{Console, ConsoleProps};
