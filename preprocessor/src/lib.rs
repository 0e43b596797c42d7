//! EC2 Lab's mdBook preprocessor.
//!
//! Authors embed widgets as fenced blocks whose info string is `ec2lab-<kind>` and whose body is
//! TOML configuration:
//!
//! ````markdown
//! ```ec2lab-terminal
//! region = "eu-west-1"
//! ```
//! ````
//!
//! [`expand_chapter`] replaces each block with a `<div class="ec2lab-widget">` placeholder that
//! carries the kind and the configuration as JSON; the loader script mounts the widget there.
//! Everything is a pure function of the chapter text; [`Ec2LabPreprocessor`] is the thin mdBook
//! adapter around it.

pub mod content_resolver;
mod directive;
mod error;
mod expand;
mod mdbook_adapter;

pub use content_resolver::ContentResolver;
pub use directive::{Directive, WidgetKind};
pub use error::Error;
pub use expand::{Resolver, expand_chapter};
pub use mdbook_adapter::Ec2LabPreprocessor;
