//! Control-plane actions, one file per resource family, as `impl World` blocks.
//!
//! Every action validates everything first, then honours `--dry-run` (returning
//! `DryRunOperation` with nothing changed), then mutates. Errors carry AWS's code and message.

mod addresses;
mod ebs;
mod images;
mod instances_attr;
mod instances_launch;
mod instances_lifecycle;
mod instances_run;
mod keys;
mod misc;
mod run_request;
mod security_groups;
mod spot;
mod tags;
mod templates;

pub use instances_attr::AttributeChange;
pub use instances_lifecycle::StateChange;
pub use run_request::{BlockDeviceRequest, MetadataRequest, RunRequest, USER_DATA_LIMIT};
pub use security_groups::PermissionRequest;
pub use tags::ResourceRef;

use super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::ids::is_well_formed;
use super::region::RegionState;
use super::world::World;
use crate::time::SimTime;

/// Where and when an action runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ctx {
    pub region: &'static str,
    pub now: SimTime,
    pub dry_run: bool,
}

impl Ctx {
    pub fn new(region: &'static str, now: SimTime, dry_run: bool) -> Self {
        Ctx { region, now, dry_run }
    }

    /// `Err(DryRunOperation)` when this is a dry run.
    pub fn gate(&self) -> Ec2Result<()> {
        if self.dry_run { Err(Ec2Error::dry_run()) } else { Ok(()) }
    }
}

/// Builds `… does not exist` errors naming one or several ids (`The instance IDs 'a, b' do not exist`).
pub(crate) fn not_found_many(
    code: &str,
    singular: &str,
    plural: &str,
    missing: &[String],
    suffix: &str,
) -> Ec2Error {
    let joined = missing.join(", ");
    let msg = if missing.len() == 1 {
        format!("The {singular} '{joined}' does not exist{suffix}")
    } else {
        format!("The {plural} '{joined}' do not exist{suffix}")
    };
    Ec2Error::new(ErrorKind::NotFound, code, joined.clone(), msg)
}

impl World {
    pub(crate) fn region_ref(&self, region: &str) -> Ec2Result<&RegionState> {
        self.region(region)
            .ok_or_else(|| Ec2Error::invalid_value(region, format!("Invalid region: {region}")))
    }

    pub(crate) fn region_mut_ref(&mut self, region: &str) -> Ec2Result<&mut RegionState> {
        self.region_mut(region)
            .ok_or_else(|| Ec2Error::invalid_value(region, format!("Invalid region: {region}")))
    }

    /// Checks that every id is a well-formed, existing instance in the region.
    pub(crate) fn check_instance_ids(&self, region: &str, ids: &[String]) -> Ec2Result<()> {
        if let Some(bad) = ids.iter().find(|id| !is_well_formed(id, "i")) {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidInstanceID.Malformed",
                bad.clone(),
                format!("Invalid id: \"{bad}\""),
            ));
        }
        let r = self.region_ref(region)?;
        let missing: Vec<String> = ids.iter().filter(|id| !r.instances.contains_key(*id)).cloned().collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(not_found_many("InvalidInstanceID.NotFound", "instance ID", "instance IDs", &missing, ""))
        }
    }

    /// Checks that `id` is a well-formed, existing volume.
    pub(crate) fn check_volume_id(&self, region: &str, id: &str) -> Ec2Result<()> {
        if !is_well_formed(id, "vol") {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidVolumeID.Malformed",
                id,
                format!("Invalid id: \"{id}\" (expecting \"vol-...\")"),
            ));
        }
        if !self.region_ref(region)?.volumes.contains_key(id) {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidVolume.NotFound",
                id,
                format!("The volume '{id}' does not exist."),
            ));
        }
        Ok(())
    }

    /// Checks security group ids: malformed, then unknown.
    pub(crate) fn check_group_ids(&self, region: &str, ids: &[String]) -> Ec2Result<()> {
        if let Some(bad) = ids.iter().find(|id| !is_well_formed(id, "sg")) {
            return Err(Ec2Error::new(
                ErrorKind::Malformed,
                "InvalidGroupId.Malformed",
                bad.clone(),
                format!("Invalid id: \"{bad}\" (expecting \"sg-...\")"),
            ));
        }
        let r = self.region_ref(region)?;
        if let Some(missing) = ids.iter().find(|id| !r.security_groups.contains_key(*id)) {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidGroup.NotFound",
                missing.clone(),
                format!("The security group '{missing}' does not exist"),
            ));
        }
        Ok(())
    }
}
