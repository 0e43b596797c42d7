//! EC2 Lab's sandbox: a deterministic, in-memory EC2 world and the shell a learner types into.
//!
//! The sandbox never reads a clock, a file, the network or a random source: time comes in as
//! [`SimTime`] arguments and every identifier is derived from a seed in the configuration. The
//! same script on the same seed always prints the same bytes, which is what makes transcripts
//! testable and lab grading reproducible.

pub mod cli;
pub mod completion;
pub mod ec2;
pub mod imds;
pub mod net;
pub mod output;
pub mod session;
pub mod shell;
pub mod time;

pub use output::CommandOutput;
pub use session::{Session, SessionConfig};
pub use time::SimTime;
