//! Elastic IP addresses: allocation, association with an instance, and their hourly charge.

use super::meter::Meter;
use super::tags::Tag;

/// Elastic IPs a region allows by default.
pub const ADDRESS_LIMIT: usize = 5;

/// Where an Elastic IP points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressAssociation {
    pub association_id: String,
    pub instance_id: String,
    pub network_interface_id: String,
    pub private_ip: u32,
}

/// An Elastic IP allocated to the account.
#[derive(Debug, Clone)]
pub struct Address {
    pub allocation_id: String,
    pub public_ip: u32,
    pub association: Option<AddressAssociation>,
    pub tags: Vec<Tag>,
    pub meter: Meter,
}
