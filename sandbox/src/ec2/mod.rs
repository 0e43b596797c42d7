//! The EC2 control plane: the world's regions, instances, images, networking and storage.
//!
//! Code map:
//! - [`World`] (`world.rs`) holds every region's [`region::RegionState`], the seeded id
//!   generator and a queue of timed transitions; `transitions.rs` applies them in time order
//!   when [`World::advance_to`] is called, and `cost.rs` reads the per-resource cost meters.
//! - Resource records, one file each: `instance.rs` (state machine, addresses, metadata
//!   options), `image.rs`, `keypair.rs` (key material and fingerprints), `security_group.rs`,
//!   `volume.rs` (volumes and snapshots), `address.rs`, `network.rs` (VPC and subnets),
//!   `extras.rs` (launch templates, placement groups, Spot requests, instance profiles).
//! - Static data: `regions.rs` (regions, AZs, DNS formats), `catalog.rs` (AMIs, instance types,
//!   vCPU quotas).
//! - `actions/`: the control-plane calls as `impl World` blocks, one file per resource family.
//!   Each validates first, then honours `--dry-run`, then mutates.
//!
//! Invariants: nothing here reads a clock, a file, the network or a random source; time comes
//! in as [`crate::SimTime`], ids from [`ids::IdGen`]. The world's time never runs backwards.
//! Every error is an [`Ec2Error`] with AWS's code and message; nothing panics on user input.

pub mod actions;
pub mod address;
pub mod catalog;
pub mod clock;
mod cost;
pub mod error;
pub mod extras;
pub mod iam;
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
