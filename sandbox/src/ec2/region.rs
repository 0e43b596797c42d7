//! One region's resources: its default VPC and subnets, and every instance, image, key, group,
//! volume, snapshot, address, template, placement group and Spot request created in it.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::address::Address;
use super::catalog::{CATALOG, VcpuBucket, catalog_image_id, vcpu_quota};
use super::extras::{LaunchTemplate, PlacementGroup, SpotRequest};
use super::ids::IdGen;
use super::image::{Image, ImageDevice};
use super::instance::Instance;
use super::keypair::KeyPair;
use super::network::{Subnet, Vpc};
use super::regions::RegionInfo;
use super::security_group::{Peer, SecurityGroup, SgRule};
use super::volume::{Snapshot, Volume};

/// A client token and what it produced: the reservation and a digest of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub reservation_id: String,
    pub request_digest: String,
}

/// Everything in one region.
#[derive(Debug, Clone)]
pub struct RegionState {
    pub info: &'static RegionInfo,
    pub vpcs: IndexMap<String, Vpc>,
    pub subnets: IndexMap<String, Subnet>,
    pub security_groups: IndexMap<String, SecurityGroup>,
    pub instances: IndexMap<String, Instance>,
    pub images: IndexMap<String, Image>,
    /// Key pairs by name.
    pub key_pairs: IndexMap<String, KeyPair>,
    pub volumes: IndexMap<String, Volume>,
    pub snapshots: IndexMap<String, Snapshot>,
    /// Elastic IPs by allocation id.
    pub addresses: IndexMap<String, Address>,
    pub launch_templates: IndexMap<String, LaunchTemplate>,
    /// Placement groups by name.
    pub placement_groups: IndexMap<String, PlacementGroup>,
    pub spot_requests: IndexMap<String, SpotRequest>,
    pub client_tokens: HashMap<String, TokenRecord>,
    /// Dollars accrued by resources that no longer exist.
    pub settled_usd: f64,
    /// vCPU quotas that differ from the account defaults (set by lab setups).
    pub vcpu_quotas: std::collections::BTreeMap<VcpuBucket, u32>,
}

impl RegionState {
    /// A region as a new account finds it: default VPC, one /20 subnet per AZ, default SG, catalogue.
    pub fn new(info: &'static RegionInfo, account_id: &str, ids: &mut IdGen) -> Self {
        let vpc_id = ids.resource_id("vpc");
        let vpc = Vpc {
            id: vpc_id.clone(),
            cidr: (0xAC1F_0000, 16),
            is_default: true,
            dhcp_options_id: ids.resource_id("dopt"),
            tags: Vec::new(),
        };
        let mut subnets = IndexMap::new();
        for (i, letter) in info.az_letters.chars().enumerate() {
            let id = ids.resource_id("subnet");
            subnets.insert(
                id.clone(),
                Subnet {
                    id,
                    vpc_id: vpc_id.clone(),
                    availability_zone: format!("{}{letter}", info.name),
                    availability_zone_id: format!("{}-az{}", info.az_id_prefix, i + 1),
                    cidr: (0xAC1F_0000 + ((i as u32) << 12), 20),
                    default_for_az: true,
                    map_public_ip_on_launch: true,
                    used: Default::default(),
                    tags: Vec::new(),
                },
            );
        }
        let sg_id = ids.resource_id("sg");
        let default_sg = SecurityGroup {
            id: sg_id.clone(),
            name: "default".to_string(),
            description: "default VPC security group".to_string(),
            vpc_id: vpc_id.clone(),
            owner_id: account_id.to_string(),
            ingress: vec![SgRule {
                rule_id: ids.resource_id("sgr"),
                protocol: "-1".to_string(),
                from_port: -1,
                to_port: -1,
                peer: Peer::Group(sg_id.clone()),
                description: None,
            }],
            egress: vec![all_egress(ids)],
            tags: Vec::new(),
        };
        let mut images = IndexMap::new();
        for c in CATALOG {
            let id = catalog_image_id(info.name, c);
            let snap = format!("snap-0{}", &id[5..]);
            images.insert(
                id.clone(),
                Image {
                    id,
                    name: c.name.to_string(),
                    description: c.description.to_string(),
                    owner_id: c.owner_id.to_string(),
                    owner_alias: Some("amazon".to_string()),
                    public: true,
                    state: "available".to_string(),
                    state_due: None,
                    architecture: c.architecture.to_string(),
                    login_user: c.login_user.to_string(),
                    root_device_name: c.root_device_name.to_string(),
                    platform_windows: c.platform_windows,
                    imds_v2_only: c.imds_v2_only,
                    creation_date: c.creation_date.to_string(),
                    devices: vec![ImageDevice {
                        device_name: c.root_device_name.to_string(),
                        snapshot_id: snap,
                        volume_size: c.root_size_gib,
                        volume_type: if c.name.starts_with("amzn2") { "gp2" } else { "gp3" }.to_string(),
                        delete_on_termination: true,
                    }],
                    tags: Vec::new(),
                    source_instance_id: None,
                    source_region: None,
                    deregistered_at: None,
                },
            );
        }
        RegionState {
            info,
            vpcs: IndexMap::from([(vpc_id, vpc)]),
            subnets,
            security_groups: IndexMap::from([(sg_id, default_sg)]),
            instances: IndexMap::new(),
            images,
            key_pairs: IndexMap::new(),
            volumes: IndexMap::new(),
            snapshots: IndexMap::new(),
            addresses: IndexMap::new(),
            launch_templates: IndexMap::new(),
            placement_groups: IndexMap::new(),
            spot_requests: IndexMap::new(),
            client_tokens: HashMap::new(),
            settled_usd: 0.0,
            vcpu_quotas: Default::default(),
        }
    }

    pub fn name(&self) -> &'static str {
        self.info.name
    }

    /// The region's On-Demand vCPU quota for `bucket`.
    pub fn vcpu_quota(&self, bucket: VcpuBucket) -> u32 {
        self.vcpu_quotas.get(&bucket).copied().unwrap_or_else(|| vcpu_quota(bucket))
    }

    /// The default VPC.
    pub fn default_vpc(&self) -> Option<&Vpc> {
        self.vpcs.values().find(|v| v.is_default)
    }

    /// The default security group of `vpc_id`.
    pub fn default_security_group(&self, vpc_id: &str) -> Option<&SecurityGroup> {
        self.security_groups.values().find(|g| g.vpc_id == vpc_id && g.is_default())
    }

    /// The default subnet of availability zone `az`.
    pub fn default_subnet_in(&self, az: &str) -> Option<&Subnet> {
        self.subnets.values().find(|s| s.default_for_az && s.availability_zone == az)
    }

    /// The security group called `name` in `vpc_id`.
    pub fn security_group_by_name(&self, vpc_id: &str, name: &str) -> Option<&SecurityGroup> {
        self.security_groups.values().find(|g| g.vpc_id == vpc_id && g.name == name)
    }
}

/// The rule every new group starts with: all traffic out to anywhere.
pub fn all_egress(ids: &mut IdGen) -> SgRule {
    SgRule {
        rule_id: ids.resource_id("sgr"),
        protocol: "-1".to_string(),
        from_port: -1,
        to_port: -1,
        peer: Peer::Cidr4("0.0.0.0/0".to_string()),
        description: None,
    }
}
