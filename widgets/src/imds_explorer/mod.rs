//! The IMDS explorer: a clickable metadata tree of an example instance. Each click sends the
//! request to the simulated Instance Metadata Service and shows the curl command that would do
//! the same on an instance, and the exact response.

mod model;
mod view;

pub use model::{ExplorerConfig, ExplorerModel, Fetched, Node};
pub use view::{ImdsExplorer, ImdsExplorerProps};
