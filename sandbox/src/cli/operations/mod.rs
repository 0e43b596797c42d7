//! The operation table, one file per resource family; [`all`] walks all of it.

mod images;
mod instances;
mod misc;
mod network;
mod storage;

use super::spec::OpSpec;

/// Every family's operations.
const FAMILIES: &[&[OpSpec]] = &[instances::OPS, images::OPS, network::OPS, storage::OPS, misc::OPS];

/// Every supported `aws ec2` operation, in alphabetical order.
pub fn all() -> Vec<&'static OpSpec> {
    let mut all: Vec<&'static OpSpec> = FAMILIES.iter().flat_map(|f| f.iter()).collect();
    all.sort_by_key(|o| o.name);
    all
}
