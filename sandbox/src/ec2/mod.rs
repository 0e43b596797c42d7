//! The EC2 control plane: the world's regions, instances, images, networking and storage.

mod world;

pub use world::World;
