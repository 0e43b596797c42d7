//! EBS: create, attach (AZ and state rules), detach, modify, delete volumes; snapshots.

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::instance::{BlockDevice, InstanceState};
use super::super::meter::{HOURS_PER_MONTH, Meter, SNAPSHOT_USD_PER_GB_MONTH, volume_usd_per_gb_month};
use super::super::tags::Tag;
use super::super::volume::{
    ATTACH_SECS, MODIFY_SECS, SNAPSHOT_PENDING_SECS, Snapshot, VOLUME_CREATING_SECS, Volume,
    VolumeAttachment, VolumeModification, default_iops,
};
use super::super::world::{ACCOUNT_ID, DueKind, World};
use super::Ctx;

fn size_range(volume_type: &str) -> Option<(u32, u32)> {
    match volume_type {
        "gp2" | "io1" => Some((1, 16_384)),
        "gp3" | "io2" => Some((1, 65_536)),
        "st1" | "sc1" => Some((125, 16_384)),
        "standard" => Some((1, 1024)),
        _ => None,
    }
}

impl World {
    /// `CreateVolume`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_volume(
        &mut self,
        ctx: &Ctx,
        az: &str,
        size: Option<u32>,
        volume_type: Option<&str>,
        iops: Option<u32>,
        snapshot_id: Option<&str>,
        encrypted: bool,
        tags: Vec<Tag>,
    ) -> Ec2Result<String> {
        let r = self.region_ref(ctx.region)?;
        if !r.subnets.values().any(|s| s.availability_zone == az) {
            return Err(Ec2Error::new(
                ErrorKind::InvalidParameter,
                "InvalidZone.NotFound",
                az,
                format!("The zone '{az}' does not exist."),
            ));
        }
        let vtype = volume_type.unwrap_or("gp2");
        let Some((lo, hi)) = size_range(vtype) else {
            return Err(Ec2Error::invalid_value(
                vtype,
                format!(
                    "Value ({vtype}) for parameter volumeType is invalid. Valid values: standard, io1, io2, gp2, sc1, st1, gp3."
                ),
            ));
        };
        let snap_size = match snapshot_id {
            Some(s) => match r.snapshots.get(s) {
                Some(snap) => Some(snap.volume_size),
                None => {
                    return Err(Ec2Error::new(
                        ErrorKind::NotFound,
                        "InvalidSnapshot.NotFound",
                        s,
                        format!("The snapshot '{s}' does not exist."),
                    ));
                }
            },
            None => None,
        };
        let size = match (size, snap_size) {
            (None, None) => {
                return Err(Ec2Error::missing(
                    "Size",
                    "The request must contain the parameter size or snapshotId",
                ));
            }
            (Some(s), Some(min)) if s < min => {
                return Err(Ec2Error::invalid_value(
                    s.to_string(),
                    format!("Volume of {s}GiB is too small; minimum is {min}GiB."),
                ));
            }
            (Some(s), _) => s,
            (None, Some(s)) => s,
        };
        if !(lo..=hi).contains(&size) {
            return Err(Ec2Error::invalid_value(
                size.to_string(),
                format!(
                    "Volume of {size}GiB is too large or small for {vtype}; valid sizes are {lo}-{hi}GiB."
                ),
            ));
        }
        ctx.gate()?;
        let id = self.ids.resource_id("vol");
        let now = ctx.now;
        let due = now.plus_secs(VOLUME_CREATING_SECS);
        let vol = Volume {
            id: id.clone(),
            size,
            volume_type: vtype.into(),
            iops: iops.or(default_iops(vtype, size)),
            throughput: (vtype == "gp3").then_some(125),
            availability_zone: az.into(),
            state: "creating".into(),
            state_due: Some(due),
            create_time: now,
            snapshot_id: snapshot_id.unwrap_or_default().into(),
            encrypted,
            attachment: None,
            modification: None,
            tags,
            meter: Meter::starting(now, f64::from(size) * volume_usd_per_gb_month(vtype) / HOURS_PER_MONTH),
        };
        self.region_mut_ref(ctx.region)?.volumes.insert(id.clone(), vol);
        self.schedule(due, DueKind::Volume, ctx.region, &id);
        Ok(id)
    }

    /// `AttachVolume`.
    pub fn attach_volume(
        &mut self,
        ctx: &Ctx,
        volume_id: &str,
        instance_id: &str,
        device: &str,
    ) -> Ec2Result<()> {
        self.check_volume_id(ctx.region, volume_id)?;
        self.check_instance_ids(ctx.region, &[instance_id.to_string()])?;
        let r = self.region_ref(ctx.region)?;
        let (Some(vol), Some(inst)) = (r.volumes.get(volume_id), r.instances.get(instance_id)) else {
            return Ok(());
        };
        if vol.availability_zone != inst.availability_zone {
            return Err(Ec2Error::new(
                ErrorKind::InvalidParameter,
                "InvalidVolume.ZoneMismatch",
                volume_id,
                format!(
                    "The volume '{volume_id}' is not in the same availability zone as instance '{instance_id}'"
                ),
            ));
        }
        if let Some(a) = &vol.attachment {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "VolumeInUse",
                volume_id,
                format!("{volume_id} is already attached to an instance ({})", a.instance_id),
            ));
        }
        if vol.state != "available" {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectState",
                volume_id,
                format!("Volume '{volume_id}' is in the '{}' state.", vol.state),
            ));
        }
        if !matches!(inst.state, InstanceState::Running | InstanceState::Stopped) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectState",
                instance_id,
                format!("Instance '{instance_id}' is not 'running'."),
            ));
        }
        if !device.starts_with("/dev/") && !device.starts_with("xvd") {
            return Err(Ec2Error::invalid_value(
                device,
                format!(
                    "Value ({device}) for parameter device is invalid. {device} is not a valid EBS device name."
                ),
            ));
        }
        if inst.block_devices.iter().any(|b| b.device_name == device) {
            return Err(Ec2Error::invalid_value(
                device,
                format!(
                    "Invalid value '{device}' for unixDevice. Attachment point {device} is already in use"
                ),
            ));
        }
        ctx.gate()?;
        let now = ctx.now;
        let due = now.plus_secs(ATTACH_SECS);
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(v) = r.volumes.get_mut(volume_id) {
            v.state = "in-use".into();
            v.attachment = Some(VolumeAttachment {
                instance_id: instance_id.into(),
                device: device.into(),
                state: "attaching".into(),
                attach_time: now,
                delete_on_termination: false,
                due: Some(due),
            });
        }
        if let Some(i) = r.instances.get_mut(instance_id) {
            i.block_devices.push(BlockDevice { device_name: device.into(), volume_id: volume_id.into() });
        }
        self.schedule(due, DueKind::Attachment, ctx.region, volume_id);
        Ok(())
    }

    /// `DetachVolume`.
    pub fn detach_volume(&mut self, ctx: &Ctx, volume_id: &str, force: bool) -> Ec2Result<()> {
        self.check_volume_id(ctx.region, volume_id)?;
        let r = self.region_ref(ctx.region)?;
        let Some(vol) = r.volumes.get(volume_id) else {
            return Ok(());
        };
        let Some(att) = &vol.attachment else {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectState",
                volume_id,
                format!("Volume '{volume_id}' is in the '{}' state.", vol.state),
            ));
        };
        let inst = r.instances.get(&att.instance_id);
        let is_root = inst.is_some_and(|i| i.root_device_name == att.device);
        if is_root && !force && inst.is_some_and(|i| i.state != InstanceState::Stopped) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectState",
                volume_id,
                format!("Unable to detach root volume '{volume_id}' from instance '{}'", att.instance_id),
            ));
        }
        let instance_id = att.instance_id.clone();
        ctx.gate()?;
        let due = ctx.now.plus_secs(ATTACH_SECS);
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(a) = r.volumes.get_mut(volume_id).and_then(|v| v.attachment.as_mut()) {
            a.state = "detaching".into();
            a.due = Some(due);
        }
        if let Some(i) = r.instances.get_mut(&instance_id) {
            i.block_devices.retain(|b| b.volume_id != volume_id);
        }
        self.schedule(due, DueKind::Attachment, ctx.region, volume_id);
        Ok(())
    }

    /// `ModifyVolume`: size can only grow; the new size shows at once, then `optimizing`.
    pub fn modify_volume(
        &mut self,
        ctx: &Ctx,
        volume_id: &str,
        size: Option<u32>,
        volume_type: Option<&str>,
        iops: Option<u32>,
    ) -> Ec2Result<()> {
        self.check_volume_id(ctx.region, volume_id)?;
        let r = self.region_ref(ctx.region)?;
        let Some(vol) = r.volumes.get(volume_id) else {
            return Ok(());
        };
        if let Some(m) = &vol.modification
            && ctx.now.as_secs() < m.start_time.as_secs() + 6 * 3600
        {
            return Err(Ec2Error::new(
                ErrorKind::LimitExceeded,
                "VolumeModificationRateExceeded",
                volume_id,
                "You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.",
            ));
        }
        let new_type = volume_type.unwrap_or(&vol.volume_type).to_string();
        let new_size = size.unwrap_or(vol.size);
        if new_size < vol.size {
            return Err(Ec2Error::invalid_value(
                new_size.to_string(),
                format!("New size cannot be smaller than existing size ({}GiB).", vol.size),
            ));
        }
        match size_range(&new_type) {
            None => {
                return Err(Ec2Error::invalid_value(
                    &new_type,
                    format!("Value ({new_type}) for parameter volumeType is invalid."),
                ));
            }
            Some((_, hi)) if new_size > hi => {
                return Err(Ec2Error::invalid_value(
                    new_size.to_string(),
                    format!("Volume of {new_size}GiB is too large for {new_type}; maximum is {hi}GiB."),
                ));
            }
            _ => {}
        }
        ctx.gate()?;
        let now = ctx.now;
        let due = now.plus_secs(MODIFY_SECS);
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(v) = r.volumes.get_mut(volume_id) {
            v.modification = Some(VolumeModification {
                state: "optimizing".into(),
                original_size: v.size,
                target_size: new_size,
                original_type: v.volume_type.clone(),
                target_type: new_type.clone(),
                start_time: now,
                due: Some(due),
            });
            v.size = new_size;
            v.volume_type = new_type.clone();
            v.iops = iops.or(default_iops(&new_type, new_size));
            v.throughput = (new_type == "gp3").then_some(125);
            v.meter.set_rate(now, f64::from(new_size) * volume_usd_per_gb_month(&new_type) / HOURS_PER_MONTH);
        }
        self.schedule(due, DueKind::VolumeModify, ctx.region, volume_id);
        Ok(())
    }

    /// `DeleteVolume`.
    pub fn delete_volume(&mut self, ctx: &Ctx, volume_id: &str) -> Ec2Result<()> {
        self.check_volume_id(ctx.region, volume_id)?;
        let r = self.region_ref(ctx.region)?;
        if let Some(a) = r.volumes.get(volume_id).and_then(|v| v.attachment.as_ref()) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "VolumeInUse",
                volume_id,
                format!("Volume {volume_id} is currently attached to {}", a.instance_id),
            ));
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(v) = r.volumes.shift_remove(volume_id) {
            r.settled_usd += v.meter.total(ctx.now);
        }
        Ok(())
    }

    /// `CreateSnapshot`.
    pub fn create_snapshot(
        &mut self,
        ctx: &Ctx,
        volume_id: &str,
        description: Option<&str>,
        tags: Vec<Tag>,
    ) -> Ec2Result<String> {
        self.check_volume_id(ctx.region, volume_id)?;
        let Some(vol) = self.volume(ctx.region, volume_id).cloned() else {
            return Ok(String::new());
        };
        ctx.gate()?;
        let id = self.ids.resource_id("snap");
        let now = ctx.now;
        let due = now.plus_secs(SNAPSHOT_PENDING_SECS);
        let snap = Snapshot {
            id: id.clone(),
            volume_id: volume_id.into(),
            volume_size: vol.size,
            description: description.unwrap_or_default().into(),
            state: "pending".into(),
            state_due: Some(due),
            start_time: now,
            owner_id: ACCOUNT_ID.into(),
            encrypted: vol.encrypted,
            tags,
            meter: Meter::starting(now, f64::from(vol.size) * SNAPSHOT_USD_PER_GB_MONTH / HOURS_PER_MONTH),
        };
        self.region_mut_ref(ctx.region)?.snapshots.insert(id.clone(), snap);
        self.schedule(due, DueKind::Snapshot, ctx.region, &id);
        Ok(id)
    }

    /// `DeleteSnapshot`: refused while a registered image uses it.
    pub fn delete_snapshot(&mut self, ctx: &Ctx, snapshot_id: &str) -> Ec2Result<()> {
        let r = self.region_ref(ctx.region)?;
        if !r.snapshots.contains_key(snapshot_id) {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidSnapshot.NotFound",
                snapshot_id,
                format!("The snapshot '{snapshot_id}' does not exist."),
            ));
        }
        if let Some(img) = r
            .images
            .values()
            .find(|i| i.deregistered_at.is_none() && i.devices.iter().any(|d| d.snapshot_id == snapshot_id))
        {
            return Err(Ec2Error::new(
                ErrorKind::DependencyViolation,
                "InvalidSnapshot.InUse",
                snapshot_id,
                format!("The snapshot {snapshot_id} is currently in use by {}", img.id),
            ));
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(s) = r.snapshots.shift_remove(snapshot_id) {
            r.settled_usd += s.meter.total(ctx.now);
        }
        Ok(())
    }
}
