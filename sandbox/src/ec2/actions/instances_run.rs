//! `RunInstances`: validation in AWS's order, client-token idempotency, quotas and the launch.

use super::super::catalog::{instance_type, vcpu_quota};
use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::extras::{MAX_PARTITIONS, SPREAD_PER_AZ};
use super::super::ids::is_well_formed;
use super::super::instance::{
    BlockDevice, Instance, InstanceState, MetadataOptions, PENDING_SECS, ProfileAttachment, StateReason,
};
use super::super::meter::{HOURS_PER_MONTH, Meter, volume_usd_per_gb_month};
use super::super::region::TokenRecord;
use super::super::tags::Tag;
use super::super::volume::{Volume, VolumeAttachment, default_iops};
use super::super::world::{DueKind, World};
use super::Ctx;

/// Raw user data may not exceed this many bytes.
pub const USER_DATA_LIMIT: usize = 16_384;

/// One `--block-device-mappings` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockDeviceRequest {
    pub device_name: String,
    pub volume_size: Option<u32>,
    pub volume_type: Option<String>,
    pub delete_on_termination: Option<bool>,
    pub iops: Option<u32>,
    pub encrypted: Option<bool>,
}

/// `--metadata-options` (and `modify-instance-metadata-options`): unset fields keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataRequest {
    pub http_tokens: Option<String>,
    pub http_put_response_hop_limit: Option<i64>,
    pub http_endpoint: Option<String>,
    pub http_protocol_ipv6: Option<String>,
    pub instance_metadata_tags: Option<String>,
}

/// A `RunInstances` request after the CLI has parsed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunRequest {
    pub image_id: Option<String>,
    pub instance_type: Option<String>,
    pub min_count: i64,
    pub max_count: i64,
    pub key_name: Option<String>,
    pub security_group_ids: Vec<String>,
    pub security_groups: Vec<String>,
    pub subnet_id: Option<String>,
    pub availability_zone: Option<String>,
    pub placement_group: Option<String>,
    pub partition_number: Option<u32>,
    pub user_data: Option<Vec<u8>>,
    /// Instance profile name or ARN.
    pub iam_instance_profile: Option<String>,
    /// (resource type, tag) from `--tag-specifications`.
    pub tags: Vec<(String, Tag)>,
    pub metadata: MetadataRequest,
    pub disable_api_termination: Option<bool>,
    pub disable_api_stop: Option<bool>,
    pub shutdown_behavior: Option<String>,
    pub associate_public_ip: Option<bool>,
    pub block_devices: Vec<BlockDeviceRequest>,
    pub monitoring: Option<bool>,
    pub ebs_optimized: Option<bool>,
    pub hibernation: Option<bool>,
    pub spot: bool,
    pub client_token: Option<String>,
    pub private_ip: Option<String>,
}

impl MetadataRequest {
    /// Checks values, then applies the set fields to `opts`.
    pub fn apply(&self, opts: &mut MetadataOptions) -> Ec2Result<()> {
        fn one_of(v: &Option<String>, param: &str, allowed: &[&str]) -> Ec2Result<()> {
            match v {
                Some(x) if !allowed.contains(&x.as_str()) => Err(Ec2Error::invalid_value(
                    x.clone(),
                    format!("The {param} value '{x}' is invalid. Valid values: {}.", allowed.join(", ")),
                )),
                _ => Ok(()),
            }
        }
        one_of(&self.http_tokens, "HttpTokens", &["optional", "required"])?;
        one_of(&self.http_endpoint, "HttpEndpoint", &["enabled", "disabled"])?;
        one_of(&self.http_protocol_ipv6, "HttpProtocolIpv6", &["enabled", "disabled"])?;
        one_of(&self.instance_metadata_tags, "InstanceMetadataTags", &["enabled", "disabled"])?;
        if let Some(h) = self.http_put_response_hop_limit
            && !(1..=64).contains(&h)
        {
            return Err(Ec2Error::invalid_value(
                h.to_string(),
                "The HttpPutResponseHopLimit must be between 1 and 64.",
            ));
        }
        if let Some(v) = &self.http_tokens {
            opts.http_tokens = v.clone();
        }
        if let Some(v) = self.http_put_response_hop_limit {
            opts.http_put_response_hop_limit = v as u32;
        }
        if let Some(v) = &self.http_endpoint {
            opts.http_endpoint = v.clone();
        }
        if let Some(v) = &self.http_protocol_ipv6 {
            opts.http_protocol_ipv6 = v.clone();
        }
        if let Some(v) = &self.instance_metadata_tags {
            opts.instance_metadata_tags = v.clone();
        }
        Ok(())
    }
}

/// The `VcpuLimitExceeded` message.
fn vcpu_message(limit: u32) -> String {
    format!(
        "You have requested more vCPU capacity than your current vCPU limit of {limit} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit."
    )
}

impl World {
    /// Launches instances; returns the reservation id (an earlier one for a repeated client token).
    pub fn run_instances(&mut self, ctx: &Ctx, req: &RunRequest) -> Ec2Result<String> {
        let region = ctx.region;
        let r = self.region_ref(region)?;
        let image_id = req
            .image_id
            .clone()
            .ok_or_else(|| Ec2Error::missing("ImageId", "The request must contain the parameter ImageId"))?;
        if !is_well_formed(&image_id, "ami") {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidAMIID.Malformed",
                &image_id,
                format!("Invalid id: \"{image_id}\" (expecting \"ami-...\")"),
            ));
        }
        let image = match r.images.get(&image_id) {
            Some(i) if i.state != "deregistered" => i,
            _ => {
                return Err(Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidAMIID.NotFound",
                    &image_id,
                    format!("The image id '[{image_id}]' does not exist"),
                ));
            }
        };
        if image.state == "pending" {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "InvalidAMIID.Unavailable",
                &image_id,
                format!("Image {image_id} is not available (state: pending)"),
            ));
        }
        let type_name = req.instance_type.clone().unwrap_or_else(|| "t2.micro".to_string());
        let Some(itype) = instance_type(&type_name) else {
            return Err(Ec2Error::invalid_value(
                &type_name,
                format!("The following supplied instance types do not exist: [{type_name}]"),
            ));
        };
        if itype.architecture != image.architecture {
            return Err(Ec2Error::invalid_value(
                &type_name,
                format!(
                    "The architecture '{}' of the specified instance type does not match the architecture '{}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI.",
                    itype.architecture, image.architecture
                ),
            ));
        }
        if req.min_count < 1 || req.max_count < 1 {
            return Err(Ec2Error::invalid_value(
                req.min_count.to_string(),
                format!(
                    "Value ({}) for parameter minCount is invalid. Expected a positive integer.",
                    req.min_count.min(req.max_count)
                ),
            ));
        }
        if req.min_count > req.max_count {
            return Err(Ec2Error::invalid_value(
                req.min_count.to_string(),
                format!(
                    "Value ({}) for parameter maxCount is invalid. Max count must be greater than or equal to min count ({}).",
                    req.max_count, req.min_count
                ),
            ));
        }
        if let Some(k) = &req.key_name
            && !r.key_pairs.contains_key(k)
        {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidKeyPair.NotFound",
                k,
                format!("The key pair '{k}' does not exist"),
            ));
        }
        if let Some(ud) = &req.user_data
            && ud.len() > USER_DATA_LIMIT
        {
            return Err(Ec2Error::invalid_value(ud.len().to_string(), "User data is limited to 16384 bytes"));
        }
        // Subnet and AZ.
        let subnet = match (&req.subnet_id, &req.availability_zone) {
            (Some(s), az) => {
                let Some(sub) = r.subnets.get(s) else {
                    return Err(Ec2Error::new(
                        ErrorKind::NotFound,
                        "InvalidSubnetID.NotFound",
                        s,
                        format!("The subnet ID '{s}' does not exist"),
                    ));
                };
                if let Some(az) = az
                    && &sub.availability_zone != az
                {
                    return Err(Ec2Error::invalid_value(
                        az,
                        format!("The subnet '{s}' is not in availability zone '{az}'."),
                    ));
                }
                sub.id.clone()
            }
            (None, Some(az)) => match r.default_subnet_in(az) {
                Some(s) => s.id.clone(),
                None => {
                    return Err(Ec2Error::invalid_value(az, format!("Invalid availability zone: [{az}]")));
                }
            },
            (None, None) => {
                let n = r.subnets.len().max(1) as u64;
                let k = (self.ids.clone().next_u64() % n) as usize;
                r.subnets.get_index(k).map(|(id, _)| id.clone()).unwrap_or_default()
            }
        };
        let Some(sub) = r.subnets.get(&subnet) else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidSubnetID.NotFound",
                &subnet,
                "No default subnet",
            ));
        };
        let vpc_id = sub.vpc_id.clone();
        let az = sub.availability_zone.clone();
        // Security groups.
        self.check_group_ids(region, &req.security_group_ids)?;
        let mut groups = req.security_group_ids.clone();
        for name in &req.security_groups {
            match r.security_group_by_name(&vpc_id, name) {
                Some(g) => groups.push(g.id.clone()),
                None => {
                    return Err(Ec2Error::new(
                        ErrorKind::NotFound,
                        "InvalidGroup.NotFound",
                        name,
                        format!("The security group '{name}' does not exist in default VPC '{vpc_id}'"),
                    ));
                }
            }
        }
        if groups.is_empty() {
            groups.extend(r.default_security_group(&vpc_id).map(|g| g.id.clone()));
        }
        groups.dedup();
        // Instance profile.
        let profile = match &req.iam_instance_profile {
            None => None,
            Some(p) => {
                let name = p.rsplit('/').next().unwrap_or(p);
                match self.instance_profile(name) {
                    Some(ip) => Some(ip.clone()),
                    None => {
                        let field = if p.starts_with("arn:") { "arn" } else { "name" };
                        return Err(Ec2Error::invalid_value(
                            p,
                            format!(
                                "Value ({p}) for parameter iamInstanceProfile.{field} is invalid. Invalid IAM Instance Profile {field}"
                            ),
                        ));
                    }
                }
            }
        };
        // Placement group rules.
        if let Some(pg_name) = &req.placement_group {
            let Some(pg) = r.placement_groups.get(pg_name) else {
                return Err(Ec2Error::invalid_value(
                    pg_name,
                    format!("The Placement Group '{pg_name}' is unknown."),
                )
                .with_code("InvalidPlacementGroup.Unknown", ErrorKind::NotFound));
            };
            let members: Vec<&Instance> = r
                .instances
                .values()
                .filter(|i| {
                    i.placement_group.as_deref() == Some(pg_name)
                        && !matches!(i.state, InstanceState::Terminated | InstanceState::ShuttingDown)
                })
                .collect();
            match pg.strategy.as_str() {
                "cluster" => {
                    if itype.burstable {
                        return Err(Ec2Error::invalid_value(&type_name, format!("The instance type '{type_name}' is not supported in a cluster placement group.")).with_code("InvalidParameterCombination", ErrorKind::InvalidParameter));
                    }
                    if let Some(other) = members.iter().find(|i| i.availability_zone != az) {
                        return Err(Ec2Error::new(
                            ErrorKind::InvalidParameter,
                            "InvalidParameterValue",
                            &az,
                            format!(
                                "Placement group '{pg_name}' is in Availability Zone '{}'; a cluster placement group cannot span Availability Zones.",
                                other.availability_zone
                            ),
                        ));
                    }
                }
                "spread" => {
                    let in_az = members.iter().filter(|i| i.availability_zone == az).count();
                    if in_az + req.min_count as usize > SPREAD_PER_AZ {
                        return Err(Ec2Error::new(
                            ErrorKind::LimitExceeded,
                            "InsufficientInstanceCapacity",
                            pg_name,
                            format!(
                                "A spread placement group can have at most {SPREAD_PER_AZ} running instances per Availability Zone; '{pg_name}' already has {in_az} in {az}."
                            ),
                        ));
                    }
                }
                _ => {
                    let count = pg.partition_count.unwrap_or(2).min(MAX_PARTITIONS);
                    if let Some(p) = req.partition_number
                        && (p == 0 || p > count)
                    {
                        return Err(Ec2Error::invalid_value(
                            p.to_string(),
                            format!(
                                "Invalid partition number {p}; placement group '{pg_name}' has {count} partitions."
                            ),
                        ));
                    }
                }
            }
        }
        // vCPU quota: running and pending instances of the same bucket.
        let used: u32 = r
            .instances
            .values()
            .filter(|i| matches!(i.state, InstanceState::Pending | InstanceState::Running))
            .filter_map(|i| instance_type(&i.instance_type))
            .filter(|t| t.bucket == itype.bucket)
            .map(|t| t.vcpus)
            .sum();
        let quota = vcpu_quota(itype.bucket);
        if used + itype.vcpus * req.min_count as u32 > quota {
            return Err(Ec2Error::new(
                ErrorKind::LimitExceeded,
                "VcpuLimitExceeded",
                &type_name,
                vcpu_message(quota),
            ));
        }
        let room = ((quota - used) / itype.vcpus.max(1)).max(1) as i64;
        let count = req.max_count.min(room).min(1000) as usize;
        // Metadata options.
        let mut metadata = MetadataOptions::defaults(image.imds_v2_only);
        req.metadata.apply(&mut metadata)?;
        for b in &req.block_devices {
            if let Some(sz) = b.volume_size
                && (b.device_name == image.root_device_name && sz < image.root_size())
            {
                return Err(Ec2Error::invalid_value(
                    sz.to_string(),
                    format!(
                        "Volume of size {sz}GB is smaller than snapshot '{}', expect size >= {}GB",
                        image.devices.first().map_or("", |d| d.snapshot_id.as_str()),
                        image.root_size()
                    ),
                ));
            }
        }
        if let Some(b) = &req.shutdown_behavior
            && b != "stop"
            && b != "terminate"
        {
            return Err(Ec2Error::invalid_value(
                b,
                format!(
                    "Value ({b}) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values are 'stop' and 'terminate'."
                ),
            ));
        }
        // Client token idempotency.
        let digest = {
            let mut q = req.clone();
            q.client_token = None;
            format!("{q:?}")
        };
        if let Some(token) = &req.client_token {
            if token.len() > 64 {
                return Err(Ec2Error::invalid_value(
                    token,
                    "The client token must be 64 characters or fewer.",
                ));
            }
            if let Some(rec) = r.client_tokens.get(token) {
                if rec.request_digest != digest {
                    return Err(Ec2Error::new(
                        ErrorKind::IdempotencyMismatch,
                        "IdempotentParameterMismatch",
                        token,
                        "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).",
                    ));
                }
                ctx.gate()?;
                return Ok(rec.reservation_id.clone());
            }
        }
        ctx.gate()?;
        // Launch.
        let image = image.clone();
        let reservation_id = self.ids.resource_id("r");
        let now = ctx.now;
        for launch_index in 0..count {
            let id = self.ids.resource_id("i");
            let eni = self.ids.resource_id("eni");
            let mac_bytes = self.ids.bytes(5);
            let mac =
                format!("0a:{}", mac_bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":"));
            let mut ids = self.ids.clone();
            let r = self.region_mut_ref(region)?;
            let Some(sub) = r.subnets.get_mut(&subnet) else {
                break;
            };
            let Some(private_ip) = sub.allocate(&mut ids) else {
                return Err(Ec2Error::new(
                    ErrorKind::LimitExceeded,
                    "InsufficientFreeAddressesInSubnet",
                    &subnet,
                    "There are not enough free addresses in subnet to satisfy the requested number of instances.",
                ));
            };
            let assign_public_ip = req.associate_public_ip.unwrap_or(sub.map_public_ip_on_launch);
            // Volumes: the image's devices overridden by the request, plus extra devices.
            let mut block_devices = Vec::new();
            let mut devices: Vec<(String, u32, String, bool, Option<u32>, String)> = image
                .devices
                .iter()
                .map(|d| {
                    (
                        d.device_name.clone(),
                        d.volume_size,
                        d.volume_type.clone(),
                        d.delete_on_termination,
                        None,
                        d.snapshot_id.clone(),
                    )
                })
                .collect();
            for b in &req.block_devices {
                match devices.iter_mut().find(|d| d.0 == b.device_name) {
                    Some(d) => {
                        d.1 = b.volume_size.unwrap_or(d.1);
                        d.2 = b.volume_type.clone().unwrap_or(d.2.clone());
                        d.3 = b.delete_on_termination.unwrap_or(d.3);
                        d.4 = b.iops;
                    }
                    None => devices.push((
                        b.device_name.clone(),
                        b.volume_size.unwrap_or(8),
                        b.volume_type.clone().unwrap_or_else(|| "gp2".into()),
                        b.delete_on_termination.unwrap_or(false),
                        b.iops,
                        String::new(),
                    )),
                }
            }
            let volume_tags: Vec<Tag> =
                req.tags.iter().filter(|(t, _)| t == "volume").map(|(_, t)| t.clone()).collect();
            for (device, size, vtype, dot, iops, snap) in devices {
                let vol_id = ids.resource_id("vol");
                r.volumes.insert(
                    vol_id.clone(),
                    Volume {
                        id: vol_id.clone(),
                        size,
                        iops: iops.or(default_iops(&vtype, size)),
                        throughput: (vtype == "gp3").then_some(125),
                        volume_type: vtype.clone(),
                        availability_zone: az.clone(),
                        state: "in-use".to_string(),
                        state_due: None,
                        create_time: now,
                        snapshot_id: snap,
                        encrypted: false,
                        attachment: Some(VolumeAttachment {
                            instance_id: id.clone(),
                            device: device.clone(),
                            state: "attached".to_string(),
                            attach_time: now,
                            delete_on_termination: dot,
                            due: None,
                        }),
                        modification: None,
                        tags: volume_tags.clone(),
                        meter: Meter::starting(
                            now,
                            f64::from(size) * volume_usd_per_gb_month(&vtype) / HOURS_PER_MONTH,
                        ),
                    },
                );
                block_devices.push(BlockDevice { device_name: device, volume_id: vol_id });
            }
            let partition_number = match (&req.placement_group, req.partition_number) {
                (Some(pg), None) => r
                    .placement_groups
                    .get(pg)
                    .and_then(|g| g.partition_count)
                    .map(|c| (launch_index as u32 % c) + 1),
                (_, p) => p,
            };
            let inst = Instance {
                id: id.clone(),
                reservation_id: reservation_id.clone(),
                region: region.to_string(),
                image_id: image.id.clone(),
                login_user: image.login_user.clone(),
                architecture: image.architecture.clone(),
                platform_windows: image.platform_windows,
                instance_type: type_name.clone(),
                key_name: req.key_name.clone(),
                state: InstanceState::Pending,
                state_due: Some(now.plus_secs(PENDING_SECS)),
                state_reason: Some(StateReason { code: "pending".into(), message: "pending".into() }),
                state_transition_reason: String::new(),
                launch_time: now,
                availability_zone: az.clone(),
                subnet_id: subnet.clone(),
                vpc_id: vpc_id.clone(),
                private_ip: Some(private_ip),
                assign_public_ip,
                auto_public_ip: None,
                elastic_ip: None,
                network_interface_id: eni,
                mac_address: mac,
                security_group_ids: groups.clone(),
                iam_instance_profile: profile.as_ref().map(|p| ProfileAttachment {
                    arn: p.arn.clone(),
                    id: p.id.clone(),
                    association_id: ids.resource_id("iip-assoc"),
                    role_name: p.role_name.clone(),
                }),
                tags: req.tags.iter().filter(|(t, _)| t == "instance").map(|(_, t)| t.clone()).collect(),
                metadata_options: metadata.clone(),
                user_data: req.user_data.clone(),
                disable_api_termination: req.disable_api_termination.unwrap_or(false),
                disable_api_stop: req.disable_api_stop.unwrap_or(false),
                shutdown_behavior: req.shutdown_behavior.clone().unwrap_or_else(|| "stop".into()),
                monitoring_enabled: req.monitoring.unwrap_or(false),
                ebs_optimized: req.ebs_optimized.unwrap_or(false),
                source_dest_check: true,
                hibernation_configured: req.hibernation.unwrap_or(false),
                root_device_name: image.root_device_name.clone(),
                block_devices,
                client_token: req.client_token.clone().unwrap_or_default(),
                ami_launch_index: launch_index as u32,
                placement_group: req.placement_group.clone(),
                partition_number,
                spot_request_id: None,
                boot_count: 0,
                last_boot: None,
                compute_meter: Meter::starting(now, 0.0),
                ipv4_meter: Meter::starting(now, 0.0),
            };
            r.instances.insert(id.clone(), inst);
            self.ids = ids;
            self.schedule(now.plus_secs(PENDING_SECS), DueKind::Instance, region, &id);
            if req.spot {
                self.attach_spot_request(region, &id, now);
            }
        }
        if let Some(token) = &req.client_token {
            let r = self.region_mut_ref(region)?;
            r.client_tokens.insert(
                token.clone(),
                TokenRecord { reservation_id: reservation_id.clone(), request_digest: digest },
            );
        }
        Ok(reservation_id)
    }
}

impl Ec2Error {
    /// The same error under another code and kind.
    pub fn with_code(mut self, code: &str, kind: ErrorKind) -> Self {
        self.code = code.to_string();
        self.kind = kind;
        self
    }
}
