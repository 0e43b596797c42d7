//! Instance attributes: type, user data, protections, groups, metadata options, monitoring,
//! instance profiles and the console output.

use super::super::catalog::instance_type;
use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::instance::{InstanceState, ProfileAttachment};
use super::super::world::{DueKind, World};
use super::Ctx;
use super::run_request::{MetadataRequest, USER_DATA_LIMIT};

/// Seconds before a metadata-options change is `applied`.
pub const METADATA_APPLY_SECS: u64 = 5;

/// One `modify-instance-attribute` change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeChange {
    InstanceType(String),
    UserData(Vec<u8>),
    DisableApiTermination(bool),
    DisableApiStop(bool),
    ShutdownBehavior(String),
    SourceDestCheck(bool),
    EbsOptimized(bool),
    Groups(Vec<String>),
    /// `DeleteOnTermination` per attached device name.
    DeleteOnTermination(Vec<(String, bool)>),
}

impl World {
    /// `ModifyInstanceAttribute`.
    pub fn modify_instance_attribute(
        &mut self,
        ctx: &Ctx,
        id: &str,
        change: &AttributeChange,
    ) -> Ec2Result<()> {
        if !super::super::ids::is_well_formed(id, "i") {
            return Err(Ec2Error::invalid_value(
                id,
                format!("Value ({id}) for parameter instanceId is invalid. Expected: 'i-...'."),
            ));
        }
        self.check_instance_ids(ctx.region, &[id.to_string()])?;
        let state = self.instance(id).map(|i| i.state);
        let needs_stopped = matches!(
            change,
            AttributeChange::InstanceType(_)
                | AttributeChange::UserData(_)
                | AttributeChange::EbsOptimized(_)
        );
        if needs_stopped && state != Some(InstanceState::Stopped) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectInstanceState",
                id,
                format!("The instance '{id}' is not in the 'stopped' state."),
            ));
        }
        match change {
            AttributeChange::InstanceType(t) => {
                let (Some(new), Some(old)) =
                    (instance_type(t), self.instance(id).and_then(|i| instance_type(&i.instance_type)))
                else {
                    return Err(Ec2Error::new(
                        ErrorKind::InvalidParameter,
                        "InvalidInstanceAttributeValue",
                        t,
                        format!("Value ({t}) for parameter instanceType is invalid."),
                    ));
                };
                if new.architecture != old.architecture {
                    return Err(Ec2Error::new(
                        ErrorKind::InvalidParameter,
                        "InvalidInstanceAttributeValue",
                        t,
                        format!(
                            "The instance type '{t}' ({}) does not support the architecture of the instance ({}).",
                            new.architecture, old.architecture
                        ),
                    ));
                }
            }
            AttributeChange::UserData(d) if d.len() > USER_DATA_LIMIT => {
                return Err(Ec2Error::invalid_value(
                    d.len().to_string(),
                    "User data is limited to 16384 bytes",
                ));
            }
            AttributeChange::ShutdownBehavior(b) if b != "stop" && b != "terminate" => {
                return Err(Ec2Error::invalid_value(
                    b,
                    format!(
                        "Value ({b}) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values are 'stop' and 'terminate'."
                    ),
                ));
            }
            AttributeChange::Groups(g) => self.check_group_ids(ctx.region, g)?,
            AttributeChange::DeleteOnTermination(devices) => {
                let attached = self.instance(id).map(|i| i.block_devices.clone()).unwrap_or_default();
                if let Some((dev, _)) =
                    devices.iter().find(|(d, _)| !attached.iter().any(|b| &b.device_name == d))
                {
                    return Err(Ec2Error::invalid_value(
                        dev,
                        format!("The device '{dev}' is not attached to instance '{id}'."),
                    ));
                }
            }
            _ => {}
        }
        ctx.gate()?;
        if let AttributeChange::DeleteOnTermination(devices) = change {
            let region = self.region_mut_ref(ctx.region)?;
            let volumes: Vec<(String, bool)> = region
                .instances
                .get(id)
                .map(|i| {
                    i.block_devices
                        .iter()
                        .filter_map(|b| {
                            devices
                                .iter()
                                .find(|(d, _)| *d == b.device_name)
                                .map(|(_, v)| (b.volume_id.clone(), *v))
                        })
                        .collect()
                })
                .unwrap_or_default();
            for (vol, dot) in volumes {
                if let Some(a) = region.volumes.get_mut(&vol).and_then(|v| v.attachment.as_mut()) {
                    a.delete_on_termination = dot;
                }
            }
            return Ok(());
        }
        let r = self.region_mut_ref(ctx.region)?;
        let Some(i) = r.instances.get_mut(id) else {
            return Ok(());
        };
        match change.clone() {
            AttributeChange::InstanceType(t) => i.instance_type = t,
            AttributeChange::UserData(d) => i.user_data = Some(d),
            AttributeChange::DisableApiTermination(b) => i.disable_api_termination = b,
            AttributeChange::DisableApiStop(b) => i.disable_api_stop = b,
            AttributeChange::ShutdownBehavior(b) => i.shutdown_behavior = b,
            AttributeChange::SourceDestCheck(b) => i.source_dest_check = b,
            AttributeChange::EbsOptimized(b) => i.ebs_optimized = b,
            AttributeChange::Groups(g) => i.security_group_ids = g,
            AttributeChange::DeleteOnTermination(_) => {}
        }
        Ok(())
    }

    /// `ModifyInstanceMetadataOptions`: unset options keep their value; the change is `pending`.
    pub fn modify_metadata_options(&mut self, ctx: &Ctx, id: &str, req: &MetadataRequest) -> Ec2Result<()> {
        self.check_instance_ids(ctx.region, &[id.to_string()])?;
        let Some(inst) = self.instance(id) else {
            return Ok(());
        };
        if inst.state == InstanceState::Terminated {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectInstanceState",
                id,
                format!("The instance '{id}' is not in a valid state for this operation."),
            ));
        }
        let mut opts = inst.metadata_options.clone();
        req.apply(&mut opts)?;
        ctx.gate()?;
        let due = ctx.now.plus_secs(METADATA_APPLY_SECS);
        opts.pending_until = Some(due);
        if let Some(i) = self.region_mut_ref(ctx.region)?.instances.get_mut(id) {
            i.metadata_options = opts;
        }
        self.schedule(due, DueKind::Metadata, ctx.region, id);
        Ok(())
    }

    /// `MonitorInstances` / `UnmonitorInstances`.
    pub fn set_monitoring(&mut self, ctx: &Ctx, ids: &[String], enabled: bool) -> Ec2Result<()> {
        self.check_instance_ids(ctx.region, ids)?;
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        for id in ids {
            if let Some(i) = r.instances.get_mut(id) {
                i.monitoring_enabled = enabled;
            }
        }
        Ok(())
    }

    /// `AssociateIamInstanceProfile`: returns the association id.
    pub fn associate_instance_profile(&mut self, ctx: &Ctx, id: &str, profile: &str) -> Ec2Result<String> {
        self.check_instance_ids(ctx.region, &[id.to_string()])?;
        let name = profile.rsplit('/').next().unwrap_or(profile);
        let Some(p) = self.instance_profile(name).cloned() else {
            let field = if profile.starts_with("arn:") { "arn" } else { "name" };
            return Err(Ec2Error::invalid_value(
                profile,
                format!(
                    "Value ({profile}) for parameter iamInstanceProfile.{field} is invalid. Invalid IAM Instance Profile {field}"
                ),
            ));
        };
        if let Some(existing) = self.instance(id).and_then(|i| i.iam_instance_profile.as_ref()) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectState",
                id,
                format!("There is an existing association for instance {id} ({})", existing.association_id),
            ));
        }
        ctx.gate()?;
        let assoc = self.ids.resource_id("iip-assoc");
        if let Some(i) = self.region_mut_ref(ctx.region)?.instances.get_mut(id) {
            i.iam_instance_profile = Some(ProfileAttachment {
                arn: p.arn,
                id: p.id,
                association_id: assoc.clone(),
                role_name: p.role_name,
            });
        }
        Ok(assoc)
    }

    /// `DisassociateIamInstanceProfile`: returns (instance id, attachment) removed.
    pub fn disassociate_instance_profile(
        &mut self,
        ctx: &Ctx,
        association_id: &str,
    ) -> Ec2Result<(String, ProfileAttachment)> {
        let r = self.region_ref(ctx.region)?;
        let Some(inst) = r
            .instances
            .values()
            .find(|i| i.iam_instance_profile.as_ref().is_some_and(|p| p.association_id == association_id))
        else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidAssociationID.NotFound",
                association_id,
                format!("An association with ID {association_id} does not exist."),
            ));
        };
        let id = inst.id.clone();
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        let att = r.instances.get_mut(&id).and_then(|i| i.iam_instance_profile.take());
        att.map(|a| (id, a)).ok_or_else(|| {
            Ec2Error::new(ErrorKind::NotFound, "InvalidAssociationID.NotFound", association_id, "gone")
        })
    }
}
