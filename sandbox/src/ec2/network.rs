//! The default VPC and its subnets: address ranges, public-IP settings and address allocation.

use std::collections::BTreeSet;

use super::ids::IdGen;
use super::tags::Tag;

/// A VPC.
#[derive(Debug, Clone)]
pub struct Vpc {
    pub id: String,
    pub cidr: (u32, u8),
    pub is_default: bool,
    pub dhcp_options_id: String,
    pub tags: Vec<Tag>,
}

/// A subnet: one AZ's slice of a VPC.
#[derive(Debug, Clone)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub availability_zone: String,
    pub availability_zone_id: String,
    pub cidr: (u32, u8),
    pub default_for_az: bool,
    pub map_public_ip_on_launch: bool,
    /// Private addresses in use.
    pub used: BTreeSet<u32>,
    pub tags: Vec<Tag>,
}

impl Subnet {
    /// Addresses in the CIDR, less the five AWS reserves.
    pub fn capacity(&self) -> u32 {
        (1u32 << (32 - u32::from(self.cidr.1))).saturating_sub(5)
    }

    /// `AvailableIpAddressCount`.
    pub fn available_ip_count(&self) -> u32 {
        self.capacity().saturating_sub(self.used.len() as u32)
    }

    /// True when `ip` lies inside this subnet.
    pub fn contains(&self, ip: u32) -> bool {
        let mask = if self.cidr.1 == 0 { 0 } else { u32::MAX << (32 - u32::from(self.cidr.1)) };
        ip & mask == self.cidr.0 & mask
    }

    /// Picks a free private address at random (first four and the last are reserved).
    pub fn allocate(&mut self, ids: &mut IdGen) -> Option<u32> {
        let size = 1u32 << (32 - u32::from(self.cidr.1));
        if self.available_ip_count() == 0 || size < 8 {
            return None;
        }
        let usable = size - 5;
        let start = ids.below(u64::from(usable)) as u32;
        for k in 0..usable {
            let ip = self.cidr.0 + 4 + (start + k) % usable;
            if self.used.insert(ip) {
                return Some(ip);
            }
        }
        None
    }

    pub fn release(&mut self, ip: u32) {
        self.used.remove(&ip);
    }
}
