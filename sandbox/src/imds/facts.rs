//! [`InstanceFacts`]: the read-only view of one instance that IMDS, ssh and the instance shell
//! consume. It is built from the control plane's world (see `session`), so this crate's shell
//! and IMDS never reach into the world's internals.

use crate::time::SimTime;

/// The instance's lifecycle state, as far as the shell cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Pending,
    Running,
    Stopping,
    Stopped,
    ShuttingDown,
    Terminated,
}

/// The operating system family of the AMI: it picks the login user, prompt, banner, package
/// manager and disk layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsFamily {
    AmazonLinux2023,
    AmazonLinux2,
    Ubuntu,
    Windows,
}

impl OsFamily {
    /// The login user the AMI's cloud-init creates.
    pub fn default_user(self) -> &'static str {
        match self {
            OsFamily::AmazonLinux2023 | OsFamily::AmazonLinux2 => "ec2-user",
            OsFamily::Ubuntu => "ubuntu",
            OsFamily::Windows => "Administrator",
        }
    }
}

/// IMDS settings (`MetadataOptions` in describe-instances).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetadataOptions {
    /// `HttpEndpoint=enabled`.
    pub endpoint_enabled: bool,
    /// `HttpTokens=required`.
    pub tokens_required: bool,
    /// `HttpPutResponseHopLimit`, 1..=64.
    pub hop_limit: u8,
    /// `InstanceMetadataTags=enabled`.
    pub tags_enabled: bool,
    /// `HttpProtocolIpv6=enabled`.
    pub ipv6_enabled: bool,
}

impl Default for MetadataOptions {
    fn default() -> Self {
        MetadataOptions {
            endpoint_enabled: true,
            tokens_required: false,
            hop_limit: 1,
            tags_enabled: false,
            ipv6_enabled: false,
        }
    }
}

/// The key pair named at launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    pub name: String,
    /// `ssh-rsa AAAA… name`, served at `public-keys/0/openssh-key`.
    pub public_key: String,
    /// The PEM the learner received from create-key-pair (absent for imported keys). A key file
    /// whose trimmed text equals it is "the right key".
    pub private_key_pem: Option<String>,
}

/// The role reachable through the attached instance profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamFacts {
    pub instance_profile_arn: String,
    pub instance_profile_id: String,
    pub role_name: String,
}

/// A pending Spot interruption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotAction {
    /// `hibernate`, `stop` or `terminate`.
    pub action: String,
    pub time: SimTime,
}

/// One inbound security-group rule, flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngressRule {
    /// `tcp`, `udp`, `icmp` or `-1` (all).
    pub protocol: String,
    pub from_port: u16,
    pub to_port: u16,
    /// IPv4 CIDRs, e.g. `0.0.0.0/0` or `203.0.113.7/32`.
    pub cidrs: Vec<String>,
}

impl IngressRule {
    /// Whether this rule lets ICMP (ping) from `source_ip` in.
    pub fn allows_icmp(&self, source_ip: &str) -> bool {
        matches!(self.protocol.as_str(), "-1" | "icmp" | "1")
            && self.cidrs.iter().any(|c| cidr_contains(c, source_ip))
    }

    /// Whether this rule lets TCP traffic from `source_ip` reach `port`.
    pub fn allows_tcp(&self, port: u16, source_ip: &str) -> bool {
        let proto_ok = self.protocol == "-1" || self.protocol == "tcp" || self.protocol == "6";
        let port_ok = self.protocol == "-1" || (self.from_port <= port && port <= self.to_port);
        proto_ok && port_ok && self.cidrs.iter().any(|c| cidr_contains(c, source_ip))
    }
}

fn parse_ipv4(s: &str) -> Option<u32> {
    let mut out = 0u32;
    let mut parts = 0;
    for p in s.split('.') {
        out = (out << 8) | u32::from(p.parse::<u8>().ok()?);
        parts += 1;
    }
    (parts == 4).then_some(out)
}

/// Whether `ip` lies inside `cidr` (IPv4 only; anything unparsable matches nothing).
pub fn cidr_contains(cidr: &str, ip: &str) -> bool {
    let (net, len) = cidr.split_once('/').unwrap_or((cidr, "32"));
    let (Some(net), Some(ip), Ok(len)) = (parse_ipv4(net), parse_ipv4(ip), len.parse::<u32>()) else {
        return false;
    };
    if len == 0 {
        return true;
    }
    if len > 32 {
        return false;
    }
    let mask = u32::MAX << (32 - len);
    net & mask == ip & mask
}

/// Everything IMDS and the instance shell know about one instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceFacts {
    pub instance_id: String,
    pub image_id: String,
    pub launch_index: u32,
    pub instance_type: String,
    /// `x86_64` or `arm64`.
    pub architecture: String,
    pub os: OsFamily,
    pub state: RunState,
    pub region: String,
    pub availability_zone: String,
    pub availability_zone_id: String,
    pub account_id: String,
    pub reservation_id: String,
    pub private_ip: String,
    /// `ip-172-31-5-9.ec2.internal` (us-east-1) or `ip-….<region>.compute.internal`.
    pub private_dns: String,
    pub public_ip: Option<String>,
    pub public_dns: Option<String>,
    pub ipv6: Option<String>,
    pub mac: String,
    pub eni_id: String,
    pub subnet_id: String,
    pub subnet_cidr: String,
    pub vpc_id: String,
    pub vpc_cidr: String,
    /// `(group id, group name)` pairs.
    pub security_groups: Vec<(String, String)>,
    pub ingress: Vec<IngressRule>,
    pub key: Option<KeyFacts>,
    pub user_data: Option<String>,
    pub iam: Option<IamFacts>,
    pub tags: Vec<(String, String)>,
    pub metadata: MetadataOptions,
    pub spot: bool,
    pub spot_action: Option<SpotAction>,
    pub placement_group: Option<String>,
    pub partition_number: Option<u32>,
    /// Detailed monitoring (`fws/instance-monitoring`).
    pub monitoring: bool,
    /// When the instance first went to pending (`pendingTime`).
    pub launch_time: SimTime,
    /// When it last entered running: IMDS's `Last-Modified`.
    pub last_start: SimTime,
    /// The root device name (`/dev/xvda`, `/dev/sda1`).
    pub root_device_name: String,
    /// The root EBS volume's current size in GiB (grows after modify-volume).
    pub root_volume_gib: u32,
    /// When the AMI was made with create-image: the instance it was made from (its disk
    /// contents, not its user data, carry over).
    pub source_instance_id: Option<String>,
    /// Attached EBS volumes other than the root: `(device name, size in GiB)`, e.g.
    /// `("/dev/sdf", 10)`.
    pub data_volumes: Vec<(String, u32)>,
}

impl InstanceFacts {
    /// A complete, plausible instance for tests and fixtures: AL2023 `t3.micro` in us-east-1a,
    /// running since `SimTime::ZERO`, with a public IP, key pair `practice` and no role.
    pub fn example() -> Self {
        InstanceFacts {
            instance_id: "i-0abcd1234ef567890".into(),
            image_id: "ami-0c02fb55956c7d316".into(),
            launch_index: 0,
            instance_type: "t3.micro".into(),
            architecture: "x86_64".into(),
            os: OsFamily::AmazonLinux2023,
            state: RunState::Running,
            region: "us-east-1".into(),
            availability_zone: "us-east-1a".into(),
            availability_zone_id: "use1-az6".into(),
            account_id: "123456789012".into(),
            reservation_id: "r-0123456789abcdef0".into(),
            private_ip: "172.31.5.9".into(),
            private_dns: "ip-172-31-5-9.ec2.internal".into(),
            public_ip: Some("54.210.33.7".into()),
            public_dns: Some("ec2-54-210-33-7.compute-1.amazonaws.com".into()),
            ipv6: None,
            mac: "0e:1f:2a:3b:4c:5d".into(),
            eni_id: "eni-0a1b2c3d4e5f60718".into(),
            subnet_id: "subnet-0a1b2c3d".into(),
            subnet_cidr: "172.31.0.0/20".into(),
            vpc_id: "vpc-0a1b2c3d".into(),
            vpc_cidr: "172.31.0.0/16".into(),
            security_groups: vec![("sg-0123456789abcdef0".into(), "web-sg".into())],
            ingress: vec![IngressRule {
                protocol: "tcp".into(),
                from_port: 22,
                to_port: 22,
                cidrs: vec!["0.0.0.0/0".into()],
            }],
            key: Some(KeyFacts {
                name: "practice".into(),
                public_key: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7practice practice".into(),
                private_key_pem: Some(
                    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAu3practice\n-----END RSA PRIVATE KEY-----"
                        .into(),
                ),
            }),
            user_data: None,
            iam: None,
            tags: Vec::new(),
            metadata: MetadataOptions::default(),
            spot: false,
            spot_action: None,
            placement_group: None,
            partition_number: None,
            monitoring: false,
            launch_time: SimTime::ZERO,
            last_start: SimTime::ZERO,
            root_device_name: "/dev/xvda".into(),
            root_volume_gib: 8,
            source_instance_id: None,
            data_volumes: Vec::new(),
        }
    }

    /// Whether ping from `source_ip` gets through the security groups.
    pub fn allows_icmp(&self, source_ip: &str) -> bool {
        self.ingress.iter().any(|r| r.allows_icmp(source_ip))
    }

    /// Whether TCP `port` is open to `source_ip` in any attached security group.
    pub fn allows_tcp(&self, port: u16, source_ip: &str) -> bool {
        self.ingress.iter().any(|r| r.allows_tcp(port, source_ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs_match() {
        assert!(cidr_contains("0.0.0.0/0", "8.8.8.8"));
        assert!(cidr_contains("203.0.113.0/24", "203.0.113.7"));
        assert!(!cidr_contains("203.0.113.0/24", "203.0.114.7"));
        assert!(!cidr_contains("garbage", "1.2.3.4"));
        assert!(cidr_contains("1.2.3.4", "1.2.3.4"));
    }
}
