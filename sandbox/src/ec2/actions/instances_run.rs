//! `RunInstances`: validation in AWS's order, client-token idempotency, quotas and the launch.

use super::super::catalog::instance_type;
use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::extras::{MAX_PARTITIONS, SPREAD_PER_AZ};
use super::super::ids::is_well_formed;
use super::super::instance::{Instance, InstanceState, MetadataOptions};
use super::super::world::World;
use super::Ctx;
use super::instances_launch::LaunchPlan;
use super::run_request::{RunRequest, USER_DATA_LIMIT};

/// The `VcpuLimitExceeded` message.
pub(super) fn vcpu_message(limit: u32) -> String {
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
                    if (in_az as i64).saturating_add(req.min_count) > SPREAD_PER_AZ as i64 {
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
        let quota = r.vcpu_quota(itype.bucket);
        if u64::from(used).saturating_add(u64::from(itype.vcpus).saturating_mul(req.min_count as u64))
            > u64::from(quota)
        {
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
        let plan = LaunchPlan {
            image: image.clone(),
            type_name,
            subnet,
            vpc_id,
            az,
            groups,
            profile,
            count,
            metadata,
            digest,
        };
        self.launch(ctx, req, plan)
    }
}
