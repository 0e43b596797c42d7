//! The regions the simulated account can use, their Availability Zones and DNS name formats.

/// One region: its name and the letters of its AZs, in default-subnet order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionInfo {
    pub name: &'static str,
    pub az_letters: &'static str,
    /// AZ id prefix (`use1` in `use1-az1`).
    pub az_id_prefix: &'static str,
}

/// Every region the sandbox simulates.
pub const REGIONS: &[RegionInfo] = &[
    RegionInfo { name: "us-east-1", az_letters: "abcdef", az_id_prefix: "use1" },
    RegionInfo { name: "us-east-2", az_letters: "abc", az_id_prefix: "use2" },
    RegionInfo { name: "us-west-1", az_letters: "bc", az_id_prefix: "usw1" },
    RegionInfo { name: "us-west-2", az_letters: "abcd", az_id_prefix: "usw2" },
    RegionInfo { name: "eu-west-1", az_letters: "abc", az_id_prefix: "euw1" },
    RegionInfo { name: "eu-central-1", az_letters: "abc", az_id_prefix: "euc1" },
    RegionInfo { name: "ap-south-1", az_letters: "abc", az_id_prefix: "aps1" },
    RegionInfo { name: "ap-southeast-1", az_letters: "abc", az_id_prefix: "apse1" },
    RegionInfo { name: "ap-northeast-1", az_letters: "acd", az_id_prefix: "apne1" },
];

/// The region called `name`, if simulated.
pub fn region_info(name: &str) -> Option<&'static RegionInfo> {
    REGIONS.iter().find(|r| r.name == name)
}

/// `ec2-54-1-2-3.compute-1.amazonaws.com` (us-east-1) or `ec2-….<region>.compute.amazonaws.com`.
pub fn public_dns_name(region: &str, ip: u32) -> String {
    let dashed = dashed_ip(ip);
    if region == "us-east-1" {
        format!("ec2-{dashed}.compute-1.amazonaws.com")
    } else {
        format!("ec2-{dashed}.{region}.compute.amazonaws.com")
    }
}

/// `ip-172-31-5-9.ec2.internal` (us-east-1) or `ip-….<region>.compute.internal`.
pub fn private_dns_name(region: &str, ip: u32) -> String {
    let dashed = dashed_ip(ip);
    if region == "us-east-1" {
        format!("ip-{dashed}.ec2.internal")
    } else {
        format!("ip-{dashed}.{region}.compute.internal")
    }
}

/// Dotted-quad form of an IPv4 address held as a `u32`.
pub fn fmt_ip(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

fn dashed_ip(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}-{b}-{c}-{d}")
}

/// Parses `a.b.c.d`.
pub fn parse_ip(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut out = 0u32;
    for p in parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u32 = p.parse().ok()?;
        if v > 255 {
            return None;
        }
        out = (out << 8) | v;
    }
    Some(out)
}

/// Parses `a.b.c.d/n` into (network address, prefix length); the address must be the network.
pub fn parse_cidr(s: &str) -> Option<(u32, u8)> {
    let (ip, len) = s.split_once('/')?;
    let ip = parse_ip(ip)?;
    if len.is_empty() || len.len() > 2 || !len.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let len: u8 = len.parse().ok()?;
    if len > 32 {
        return None;
    }
    Some((ip, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_formats() {
        let ip = parse_ip("54.1.2.3").unwrap();
        assert_eq!(public_dns_name("us-east-1", ip), "ec2-54-1-2-3.compute-1.amazonaws.com");
        assert_eq!(public_dns_name("eu-west-1", ip), "ec2-54-1-2-3.eu-west-1.compute.amazonaws.com");
        assert_eq!(private_dns_name("eu-west-1", ip), "ip-54-1-2-3.eu-west-1.compute.internal");
        assert_eq!(parse_cidr("0.0.0.0/0"), Some((0, 0)));
        assert_eq!(parse_cidr("1.2.3.4/33"), None);
    }
}
