//! The EC2 control plane: the world's regions, instances, images, networking and storage.
//!
//! [`World`] holds the state; actions live in `actions/` as `impl World` blocks, one file per
//! resource family. Everything is deterministic: ids come from [`ids::IdGen`], time from the
//! [`crate::SimTime`] passed in.

pub mod actions;
pub mod address;
pub mod catalog;
pub mod clock;
mod cost;
pub mod error;
pub mod extras;
pub mod ids;
pub mod image;
pub mod instance;
pub mod keypair;
pub mod meter;
pub mod network;
pub mod password;
pub mod region;
pub mod regions;
pub mod security_group;
pub mod tags;
mod transitions;
pub mod volume;
mod world;

pub use actions::Ctx;
pub use error::{Ec2Error, Ec2Result, ErrorKind};
pub use instance::{Instance, InstanceState, MetadataOptions};
pub use world::{ACCOUNT_ID, DueKind, World};
