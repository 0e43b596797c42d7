//! Security groups and their rules, and the check the shell makes before `ssh` or `curl`.

use super::regions::{parse_cidr, parse_ip};
use super::tags::Tag;

/// Where a rule lets traffic come from (ingress) or go to (egress).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    Cidr4(String),
    Cidr6(String),
    Group(String),
    PrefixList(String),
}

/// One security-group rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SgRule {
    pub rule_id: String,
    /// `tcp`, `udp`, `icmp`, `icmpv6` or `-1` (all).
    pub protocol: String,
    /// `-1` for all (with protocol `-1`).
    pub from_port: i32,
    pub to_port: i32,
    pub peer: Peer,
    pub description: Option<String>,
}

impl SgRule {
    /// True when both rules open the same traffic to the same peer.
    pub fn same_permission(&self, other: &SgRule) -> bool {
        self.protocol == other.protocol
            && self.from_port == other.from_port
            && self.to_port == other.to_port
            && self.peer == other.peer
    }

    /// True when this rule admits TCP traffic to `port` from `source_ip` (dotted) or `source_group`.
    pub fn admits_tcp(&self, port: u16, source_ip: Option<&str>, source_groups: &[String]) -> bool {
        let proto_ok = self.protocol == "-1"
            || (self.protocol == "tcp"
                && i32::from(port) >= self.from_port
                && i32::from(port) <= self.to_port);
        if !proto_ok {
            return false;
        }
        match &self.peer {
            Peer::Cidr4(cidr) => {
                let (Some((net, len)), Some(ip)) = (parse_cidr(cidr), source_ip.and_then(parse_ip)) else {
                    return false;
                };
                let mask = if len == 0 { 0 } else { u32::MAX << (32 - u32::from(len)) };
                ip & mask == net & mask
            }
            Peer::Group(g) => source_groups.iter().any(|s| s == g),
            Peer::Cidr6(_) | Peer::PrefixList(_) => false,
        }
    }
}

/// A security group.
#[derive(Debug, Clone)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub description: String,
    pub vpc_id: String,
    pub owner_id: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
    pub tags: Vec<Tag>,
}

impl SecurityGroup {
    /// True when the group's name is `default` (the VPC's own group, which cannot be deleted).
    pub fn is_default(&self) -> bool {
        self.name == "default"
    }

    /// True when some ingress rule admits TCP `port` from `source_ip`.
    pub fn admits_tcp(&self, port: u16, source_ip: Option<&str>, source_groups: &[String]) -> bool {
        self.ingress.iter().any(|r| r.admits_tcp(port, source_ip, source_groups))
    }
}
