//! The launch half of `RunInstances`: a validated plan becomes a reservation of pending
//! instances with their root (and extra) volumes, addresses and attributes.

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::extras::InstanceProfile;
use super::super::image::Image;
use super::super::instance::{
    BlockDevice, Instance, InstanceState, MetadataOptions, PENDING_SECS, ProfileAttachment, StateReason,
};
use super::super::meter::{HOURS_PER_MONTH, Meter, volume_usd_per_gb_month};
use super::super::region::TokenRecord;
use super::super::tags::Tag;
use super::super::volume::{Volume, VolumeAttachment, default_iops};
use super::super::world::{DueKind, World};
use super::Ctx;
use super::run_request::RunRequest;

/// Everything `RunInstances` validated, ready to launch.
pub(super) struct LaunchPlan {
    pub image: Image,
    pub type_name: String,
    pub subnet: String,
    pub vpc_id: String,
    pub az: String,
    pub groups: Vec<String>,
    pub profile: Option<InstanceProfile>,
    pub count: usize,
    pub metadata: MetadataOptions,
    /// The request without its client token, to compare later requests with the same token.
    pub digest: String,
}

impl World {
    /// Creates the reservation described by `plan`; returns its id.
    pub(super) fn launch(&mut self, ctx: &Ctx, req: &RunRequest, plan: LaunchPlan) -> Ec2Result<String> {
        let LaunchPlan { image, type_name, subnet, vpc_id, az, groups, profile, count, metadata, digest } =
            plan;
        let region = ctx.region;
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
                spot_interruption: None,
                boot_count: 0,
                guest_console: None,
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
