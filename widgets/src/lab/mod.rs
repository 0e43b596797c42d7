//! The lab widget: a hands-on lab (`quiz_engine::lab::Lab`) with its task, a terminal over the
//! lab's prepared session, a goal checklist re-evaluated after every command, hints one at a
//! time, "Reset lab" and a completion message with the golf score.

mod model;
mod view;

pub use model::LabModel;
pub use view::{LabProps, LabWidget};
