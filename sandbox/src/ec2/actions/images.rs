//! Images: describe validation, create-image (with snapshots), copy-image across regions and
//! deregister-image (running instances are unaffected; new launches fail).

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::ids::is_well_formed;
use super::super::image::{IMAGE_PENDING_SECS, Image, ImageDevice};
use super::super::instance::InstanceState;
use super::super::meter::{HOURS_PER_MONTH, Meter, SNAPSHOT_USD_PER_GB_MONTH};
use super::super::volume::{SNAPSHOT_PENDING_SECS, Snapshot};
use super::super::world::{ACCOUNT_ID, DueKind, World};
use super::Ctx;

/// How long a deregistered image still answers describe (with nothing) before NotFound.
const DEREGISTERED_GRACE_SECS: u64 = 3600;

fn image_not_found(ids: &[String]) -> Ec2Error {
    let joined = ids.join(", ");
    if ids.len() == 1 {
        Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidAMIID.NotFound",
            joined.clone(),
            format!("The image id '[{joined}]' does not exist"),
        )
    } else {
        Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidAMIID.NotFound",
            joined.clone(),
            format!("The image ids '[{joined}]' do not exist"),
        )
    }
}

fn valid_image_name(name: &str) -> bool {
    (3..=128).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "()[] ./-'@_".contains(c))
}

impl World {
    /// Validates `--image-ids` for `DescribeImages`; returns the ids to show (deregistered ones
    /// inside their grace hour are silently left out).
    pub fn describe_image_ids(&self, ctx: &Ctx, ids: &[String]) -> Ec2Result<Vec<String>> {
        if let Some(bad) = ids.iter().find(|id| !is_well_formed(id, "ami")) {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidAMIID.Malformed",
                bad.clone(),
                format!("Invalid id: \"{bad}\" (expecting \"ami-...\")"),
            ));
        }
        let r = self.region_ref(ctx.region)?;
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| match r.images.get(*id) {
                None => true,
                Some(i) => i
                    .deregistered_at
                    .is_some_and(|t| ctx.now.as_secs() >= t.as_secs() + DEREGISTERED_GRACE_SECS),
            })
            .cloned()
            .collect();
        if !missing.is_empty() {
            return Err(image_not_found(&missing));
        }
        Ok(ids
            .iter()
            .filter(|id| r.images.get(*id).is_some_and(|i| i.deregistered_at.is_none()))
            .cloned()
            .collect())
    }

    /// `CreateImage`: snapshots every attached volume; the image is `pending` for a minute.
    pub fn create_image(
        &mut self,
        ctx: &Ctx,
        instance_id: &str,
        name: &str,
        description: Option<&str>,
        no_reboot: bool,
    ) -> Ec2Result<String> {
        self.check_instance_ids(ctx.region, &[instance_id.to_string()])?;
        if !valid_image_name(name) {
            return Err(Ec2Error::invalid_value(
                name,
                "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/', '_', '[', ']', ' ', ''' and '@'",
            ));
        }
        let r = self.region_ref(ctx.region)?;
        if let Some(dup) = r
            .images
            .values()
            .find(|i| i.name == name && i.owner_id == ACCOUNT_ID && i.deregistered_at.is_none())
        {
            return Err(Ec2Error::new(
                ErrorKind::Duplicate,
                "InvalidAMIName.Duplicate",
                name,
                format!("AMI name {name} is already in use by AMI {}", dup.id),
            ));
        }
        let Some(inst) = r.instances.get(instance_id) else {
            return Err(Ec2Error::invalid_value(instance_id, "gone"));
        };
        if !matches!(inst.state, InstanceState::Running | InstanceState::Stopped) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectInstanceState",
                instance_id,
                format!(
                    "The instance '{instance_id}' is not in a state from which an image can be created ({}).",
                    inst.state.name()
                ),
            ));
        }
        let source = r.images.get(&inst.image_id).cloned();
        let inst = inst.clone();
        let vols: Vec<_> = r
            .volumes
            .values()
            .filter(|v| v.attachment.as_ref().is_some_and(|a| a.instance_id == instance_id))
            .cloned()
            .collect();
        ctx.gate()?;
        let now = ctx.now;
        let image_id = self.ids.resource_id("ami");
        let mut devices = Vec::new();
        let mut snaps = Vec::new();
        for v in &vols {
            let snap_id = self.ids.resource_id("snap");
            let Some(att) = &v.attachment else { continue };
            devices.push(ImageDevice {
                device_name: att.device.clone(),
                snapshot_id: snap_id.clone(),
                volume_size: v.size,
                volume_type: v.volume_type.clone(),
                delete_on_termination: att.delete_on_termination,
            });
            snaps.push(Snapshot {
                id: snap_id,
                volume_id: v.id.clone(),
                volume_size: v.size,
                description: format!("Created by CreateImage({instance_id}) for {image_id}"),
                state: "pending".into(),
                state_due: Some(now.plus_secs(SNAPSHOT_PENDING_SECS)),
                start_time: now,
                owner_id: ACCOUNT_ID.into(),
                encrypted: v.encrypted,
                tags: Vec::new(),
                meter: Meter::starting(now, f64::from(v.size) * SNAPSHOT_USD_PER_GB_MONTH / HOURS_PER_MONTH),
            });
        }
        let image = Image {
            id: image_id.clone(),
            name: name.to_string(),
            description: description.unwrap_or_default().to_string(),
            owner_id: ACCOUNT_ID.into(),
            owner_alias: None,
            public: false,
            state: "pending".into(),
            state_due: Some(now.plus_secs(IMAGE_PENDING_SECS)),
            architecture: inst.architecture.clone(),
            login_user: inst.login_user.clone(),
            root_device_name: inst.root_device_name.clone(),
            platform_windows: inst.platform_windows,
            imds_v2_only: source.as_ref().is_some_and(|s| s.imds_v2_only),
            creation_date: super::super::clock::iso_millis(now),
            devices,
            tags: Vec::new(),
            source_instance_id: Some(instance_id.to_string()),
            source_region: None,
            deregistered_at: None,
        };
        let region = ctx.region;
        let snap_ids: Vec<String> = snaps.iter().map(|s| s.id.clone()).collect();
        let r = self.region_mut_ref(region)?;
        for s in snaps {
            r.snapshots.insert(s.id.clone(), s);
        }
        r.images.insert(image_id.clone(), image);
        if !no_reboot
            && inst.state == InstanceState::Running
            && let Some(i) = r.instances.get_mut(instance_id)
        {
            i.boot_count += 1;
            i.last_boot = Some(now);
        }
        for s in snap_ids {
            self.schedule(now.plus_secs(SNAPSHOT_PENDING_SECS), DueKind::Snapshot, region, &s);
        }
        self.schedule(now.plus_secs(IMAGE_PENDING_SECS), DueKind::Image, region, &image_id);
        Ok(image_id)
    }

    /// `CopyImage`, run in the destination region (`ctx.region`).
    pub fn copy_image(
        &mut self,
        ctx: &Ctx,
        source_region: &str,
        source_image_id: &str,
        name: Option<&str>,
        description: Option<&str>,
        copy_tags: bool,
    ) -> Ec2Result<String> {
        let Some(src_region) = self.region(source_region) else {
            return Err(Ec2Error::invalid_value(source_region, format!("Invalid region: {source_region}")));
        };
        if !is_well_formed(source_image_id, "ami") {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidAMIID.Malformed",
                source_image_id,
                format!("Invalid id: \"{source_image_id}\" (expecting \"ami-...\")"),
            ));
        }
        let Some(src) =
            src_region.images.get(source_image_id).filter(|i| i.deregistered_at.is_none()).cloned()
        else {
            return Err(image_not_found(&[source_image_id.to_string()]));
        };
        ctx.gate()?;
        let now = ctx.now;
        let image_id = self.ids.resource_id("ami");
        let mut devices = src.devices.clone();
        let mut snaps = Vec::new();
        for d in &mut devices {
            d.snapshot_id = self.ids.resource_id("snap");
            snaps.push(Snapshot {
                id: d.snapshot_id.clone(),
                volume_id: "vol-ffffffff".into(),
                volume_size: d.volume_size,
                description: format!("Copied for DestinationAmi {image_id} from SourceAmi {source_image_id} for SourceSnapshot {}. Task created on {}.", d.snapshot_id, super::super::clock::iso_millis(now)),
                state: "pending".into(),
                state_due: Some(now.plus_secs(SNAPSHOT_PENDING_SECS)),
                start_time: now,
                owner_id: ACCOUNT_ID.into(),
                encrypted: false,
                tags: Vec::new(),
                meter: Meter::starting(now, f64::from(d.volume_size) * SNAPSHOT_USD_PER_GB_MONTH / HOURS_PER_MONTH),
            });
        }
        let image = Image {
            id: image_id.clone(),
            name: name.map_or_else(|| src.name.clone(), str::to_string),
            description: description.map_or_else(|| src.description.clone(), str::to_string),
            owner_id: ACCOUNT_ID.into(),
            owner_alias: None,
            public: false,
            state: "pending".into(),
            state_due: Some(now.plus_secs(IMAGE_PENDING_SECS)),
            creation_date: super::super::clock::iso_millis(now),
            devices,
            tags: if copy_tags { src.tags.clone() } else { Vec::new() },
            source_instance_id: None,
            source_region: Some(source_region.to_string()),
            deregistered_at: None,
            ..src
        };
        let region = ctx.region;
        let r = self.region_mut_ref(region)?;
        let snap_ids: Vec<String> = snaps.iter().map(|s| s.id.clone()).collect();
        for s in snaps {
            r.snapshots.insert(s.id.clone(), s);
        }
        r.images.insert(image_id.clone(), image);
        for s in snap_ids {
            self.schedule(now.plus_secs(SNAPSHOT_PENDING_SECS), DueKind::Snapshot, region, &s);
        }
        self.schedule(now.plus_secs(IMAGE_PENDING_SECS), DueKind::Image, region, &image_id);
        Ok(image_id)
    }

    /// `DeregisterImage`.
    pub fn deregister_image(&mut self, ctx: &Ctx, image_id: &str) -> Ec2Result<()> {
        if !is_well_formed(image_id, "ami") {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidAMIID.Malformed",
                image_id,
                format!("Invalid id: \"{image_id}\" (expecting \"ami-...\")"),
            ));
        }
        let r = self.region_ref(ctx.region)?;
        let Some(img) = r.images.get(image_id) else {
            return Err(image_not_found(&[image_id.to_string()]));
        };
        if img.deregistered_at.is_some() {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "InvalidAMIID.Unavailable",
                image_id,
                format!("The image id '[{image_id}]' is no longer available"),
            ));
        }
        if img.owner_id != ACCOUNT_ID {
            return Err(Ec2Error::new(
                ErrorKind::OperationNotPermitted,
                "AuthFailure",
                image_id,
                format!("Not authorized for image:{image_id}"),
            ));
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(img) = r.images.get_mut(image_id) {
            img.state = "deregistered".into();
            img.deregistered_at = Some(ctx.now);
        }
        Ok(())
    }
}
