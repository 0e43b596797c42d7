//! Start, stop (and hibernate), reboot and terminate: the state machine's allowed moves.

use super::super::catalog::{VcpuBucket, instance_type};
use super::super::clock::gmt;
use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::instance::{InstanceState, PENDING_SECS, SHUTTING_DOWN_SECS, STOPPING_SECS, StateReason};
use super::super::world::{DueKind, World};
use super::Ctx;

/// One entry of `StartingInstances` / `StoppingInstances` / `TerminatingInstances`:
/// (instance id, current state, previous state).
pub type StateChange = (String, InstanceState, InstanceState);

fn incorrect(id: &str, msg: String) -> Ec2Error {
    Ec2Error::new(ErrorKind::IncorrectState, "IncorrectInstanceState", id, msg)
}

fn user_shutdown(now: crate::SimTime, hibernate: bool) -> (StateReason, String) {
    let reason = if hibernate {
        StateReason {
            code: "Client.UserInitiatedHibernate".into(),
            message: "Client.UserInitiatedHibernate: User initiated hibernate".into(),
        }
    } else {
        StateReason {
            code: "Client.UserInitiatedShutdown".into(),
            message: "Client.UserInitiatedShutdown: User initiated shutdown".into(),
        }
    };
    (reason, format!("User initiated ({})", gmt(now)))
}

impl World {
    /// Starting stopped instances must fit the region's vCPU quotas, like a launch.
    fn check_start_quota(&self, ctx: &Ctx, states: &[(String, InstanceState)]) -> Ec2Result<()> {
        let r = self.region_ref(ctx.region)?;
        let bucket_of =
            |i: &crate::ec2::Instance| instance_type(&i.instance_type).map(|t| (t.bucket, t.vcpus));
        let mut wanted: Vec<(VcpuBucket, u32)> = Vec::new();
        for (id, st) in states {
            if *st == InstanceState::Stopped
                && let Some((b, v)) = r.instances.get(id).and_then(bucket_of)
            {
                wanted.push((b, v));
            }
        }
        for (bucket, _) in &wanted {
            let used: u32 = r
                .instances
                .values()
                .filter(|i| matches!(i.state, InstanceState::Pending | InstanceState::Running))
                .filter_map(bucket_of)
                .filter(|(b, _)| b == bucket)
                .map(|(_, v)| v)
                .sum();
            let asked: u32 = wanted.iter().filter(|(b, _)| b == bucket).map(|(_, v)| v).sum();
            let quota = r.vcpu_quota(*bucket);
            if used + asked > quota {
                return Err(Ec2Error::new(
                    ErrorKind::LimitExceeded,
                    "VcpuLimitExceeded",
                    "",
                    super::instances_run::vcpu_message(quota),
                ));
            }
        }
        Ok(())
    }

    fn instance_states(&self, region: &str, ids: &[String]) -> Ec2Result<Vec<(String, InstanceState)>> {
        self.check_instance_ids(region, ids)?;
        let r = self.region_ref(region)?;
        Ok(ids.iter().filter_map(|id| r.instances.get(id).map(|i| (id.clone(), i.state))).collect())
    }

    /// `StartInstances`.
    pub fn start_instances(&mut self, ctx: &Ctx, ids: &[String]) -> Ec2Result<Vec<StateChange>> {
        let states = self.instance_states(ctx.region, ids)?;
        for (id, st) in &states {
            if matches!(st, InstanceState::Stopping | InstanceState::ShuttingDown | InstanceState::Terminated)
            {
                return Err(incorrect(
                    id,
                    format!("The instance '{id}' is not in a state from which it can be started."),
                ));
            }
        }
        self.check_start_quota(ctx, &states)?;
        ctx.gate()?;
        let mut out = Vec::new();
        for (id, st) in states {
            if st == InstanceState::Stopped {
                let due = ctx.now.plus_secs(PENDING_SECS);
                let r = self.region_mut_ref(ctx.region)?;
                if let Some(i) = r.instances.get_mut(&id) {
                    i.state = InstanceState::Pending;
                    i.state_due = Some(due);
                    i.state_reason = None;
                    i.state_transition_reason = String::new();
                    i.launch_time = ctx.now;
                }
                self.schedule(due, DueKind::Instance, ctx.region, &id);
                out.push((id, InstanceState::Pending, st));
            } else {
                out.push((id, st, st));
            }
        }
        Ok(out)
    }

    /// `StopInstances` (with `hibernate`).
    pub fn stop_instances(
        &mut self,
        ctx: &Ctx,
        ids: &[String],
        hibernate: bool,
    ) -> Ec2Result<Vec<StateChange>> {
        let states = self.instance_states(ctx.region, ids)?;
        let r = self.region_ref(ctx.region)?;
        for (id, st) in &states {
            let Some(inst) = r.instances.get(id) else {
                continue;
            };
            match st {
                InstanceState::ShuttingDown | InstanceState::Terminated => {
                    return Err(incorrect(
                        id,
                        format!("This instance '{id}' is not in a state from which it can be stopped."),
                    ));
                }
                InstanceState::Pending if inst.boot_count == 0 => {
                    return Err(incorrect(
                        id,
                        format!(
                            "Instance '{id}' cannot be stopped as it has never reached the 'running' state."
                        ),
                    ));
                }
                InstanceState::Pending => {
                    return Err(incorrect(
                        id,
                        format!("This instance '{id}' is not in a state from which it can be stopped."),
                    ));
                }
                _ => {}
            }
            if inst.disable_api_stop && *st == InstanceState::Running {
                return Err(Ec2Error::new(
                    ErrorKind::OperationNotPermitted,
                    "OperationNotPermitted",
                    id,
                    format!(
                        "The instance '{id}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again."
                    ),
                ));
            }
            if hibernate && !inst.hibernation_configured {
                return Err(Ec2Error::new(
                    ErrorKind::InvalidParameter,
                    "UnsupportedHibernationConfiguration",
                    id,
                    format!(
                        "The instance '{id}' does not have hibernation enabled. Enable hibernation at launch to hibernate it."
                    ),
                ));
            }
        }
        ctx.gate()?;
        let mut out = Vec::new();
        for (id, st) in states {
            if st != InstanceState::Running {
                out.push((id, st, st));
                continue;
            }
            let due = ctx.now.plus_secs(STOPPING_SECS);
            let released = self.begin_shutdown(ctx, &id, InstanceState::Stopping, due, hibernate);
            if let Some(ip) = released {
                self.release_public_ip(ip);
            }
            out.push((id, InstanceState::Stopping, st));
        }
        Ok(out)
    }

    /// Moves a live instance into `stopping` or `shutting-down`; returns the auto public IP released.
    pub(super) fn begin_shutdown(
        &mut self,
        ctx: &Ctx,
        id: &str,
        to: InstanceState,
        due: crate::SimTime,
        hibernate: bool,
    ) -> Option<u32> {
        let now = ctx.now;
        let r = self.region_mut(ctx.region)?;
        let inst = r.instances.get_mut(id)?;
        let (reason, transition) = user_shutdown(now, hibernate);
        inst.state = to;
        inst.state_due = Some(due);
        inst.state_reason = Some(reason);
        inst.state_transition_reason = transition;
        inst.compute_meter.set_rate(now, 0.0);
        inst.ipv4_meter.set_rate(now, 0.0);
        let released = inst.auto_public_ip.take();
        self.schedule(due, DueKind::Instance, ctx.region, id);
        released
    }

    /// `RebootInstances`: running instances reboot in place; terminated ones are ignored.
    pub fn reboot_instances(&mut self, ctx: &Ctx, ids: &[String]) -> Ec2Result<()> {
        let states = self.instance_states(ctx.region, ids)?;
        for (id, st) in &states {
            if matches!(st, InstanceState::Stopped | InstanceState::Stopping) {
                return Err(incorrect(
                    id,
                    format!("The instance '{id}' is not in a state from which it can be rebooted."),
                ));
            }
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        for (id, st) in states {
            if st == InstanceState::Running
                && let Some(i) = r.instances.get_mut(&id)
            {
                i.boot_count += 1;
                i.last_boot = Some(ctx.now);
            }
        }
        Ok(())
    }

    /// `TerminateInstances`. Protected instances fail their whole AZ; other AZs still terminate.
    pub fn terminate_instances(&mut self, ctx: &Ctx, ids: &[String]) -> Ec2Result<Vec<StateChange>> {
        let states = self.instance_states(ctx.region, ids)?;
        let r = self.region_ref(ctx.region)?;
        let mut blocked_azs = Vec::new();
        let mut first_error = None;
        for (id, _) in &states {
            let Some(inst) = r.instances.get(id) else {
                continue;
            };
            let live = !matches!(inst.state, InstanceState::ShuttingDown | InstanceState::Terminated);
            let attr = if inst.disable_api_termination {
                Some("disableApiTermination")
            } else if inst.disable_api_stop {
                Some("disableApiStop")
            } else {
                None
            };
            if let (true, Some(attr)) = (live, attr) {
                blocked_azs.push(inst.availability_zone.clone());
                first_error.get_or_insert_with(|| {
                    Ec2Error::new(
                        ErrorKind::OperationNotPermitted,
                        "OperationNotPermitted",
                        id.clone(),
                        format!("The instance '{id}' may not be terminated. Modify its '{attr}' instance attribute and try again."),
                    )
                });
            }
        }
        ctx.gate()?;
        let mut out = Vec::new();
        for (id, st) in states {
            let az = self.instance(&id).map(|i| i.availability_zone.clone()).unwrap_or_default();
            if blocked_azs.contains(&az) {
                continue;
            }
            match st {
                InstanceState::ShuttingDown | InstanceState::Terminated => out.push((id, st, st)),
                _ => {
                    let due = ctx.now.plus_secs(SHUTTING_DOWN_SECS);
                    if let Some(ip) = self.begin_shutdown(ctx, &id, InstanceState::ShuttingDown, due, false) {
                        self.release_public_ip(ip);
                    }
                    out.push((id, InstanceState::ShuttingDown, st));
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// An OS-initiated shutdown (`sudo shutdown -h now` on the instance): stops or terminates it
    /// according to `InstanceInitiatedShutdownBehavior`.
    pub fn os_shutdown(&mut self, instance_id: &str, now: crate::SimTime) -> Ec2Result<()> {
        self.advance_to(now);
        let Some(inst) = self.instance(instance_id) else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidInstanceID.NotFound",
                instance_id,
                format!("The instance ID '{instance_id}' does not exist"),
            ));
        };
        if inst.state != InstanceState::Running {
            return Ok(());
        }
        let region = super::super::regions::region_info(&inst.region).map_or("us-east-1", |r| r.name);
        let terminate = inst.shutdown_behavior == "terminate";
        let ctx = Ctx::new(region, now, false);
        let (to, secs) = if terminate {
            (InstanceState::ShuttingDown, SHUTTING_DOWN_SECS)
        } else {
            (InstanceState::Stopping, STOPPING_SECS)
        };
        if let Some(ip) = self.begin_shutdown(&ctx, instance_id, to, now.plus_secs(secs), false) {
            self.release_public_ip(ip);
        }
        if let Some(i) = self.region_mut(region).and_then(|r| r.instances.get_mut(instance_id)) {
            i.state_reason = Some(StateReason {
                code: "Client.InstanceInitiatedShutdown".into(),
                message: "Client.InstanceInitiatedShutdown: Instance initiated shutdown".into(),
            });
        }
        Ok(())
    }
}
