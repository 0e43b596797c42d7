//! Spot Instances: requests that are fulfilled after a few simulated seconds, and cancellation.

use super::super::clock::gmt;
use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::extras::{SPOT_FULFIL_SECS, SpotRequest};
use super::super::instance::{InstanceState, SHUTTING_DOWN_SECS, StateReason};
use super::super::world::{DueKind, World};
use super::Ctx;
use super::run_request::RunRequest;
use crate::time::SimTime;

impl World {
    /// `RequestSpotInstances`: validates the launch specification like run-instances, opens
    /// `count` requests and returns their ids.
    pub fn request_spot_instances(
        &mut self,
        ctx: &Ctx,
        count: u32,
        spot_price: Option<String>,
        request_type: &str,
        spec: &RunRequest,
    ) -> Ec2Result<Vec<String>> {
        let probe = Ctx::new(ctx.region, ctx.now, true);
        let mut check = spec.clone();
        check.min_count = i64::from(count);
        check.max_count = i64::from(count);
        match self.run_instances(&probe, &check) {
            Err(e) if e.kind == ErrorKind::DryRun => {}
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        ctx.gate()?;
        let mut ids = Vec::new();
        for _ in 0..count {
            let id = format!("sir-{}", &self.ids.resource_id("x")[3..11]);
            let due = ctx.now.plus_secs(SPOT_FULFIL_SECS);
            let req = SpotRequest {
                id: id.clone(),
                state: "open".into(),
                status_code: "pending-evaluation".into(),
                status_message: "Your Spot request has been submitted for review, and is pending evaluation."
                    .into(),
                status_time: ctx.now,
                spot_price: spot_price.clone().unwrap_or_else(|| "0.010400".into()),
                request_type: request_type.into(),
                image_id: spec.image_id.clone().unwrap_or_default(),
                instance_type: spec.instance_type.clone().unwrap_or_else(|| "t2.micro".into()),
                key_name: spec.key_name.clone(),
                security_group_ids: spec.security_group_ids.clone(),
                availability_zone: spec.availability_zone.clone().unwrap_or_default(),
                instance_id: None,
                create_time: ctx.now,
                due: Some(due),
                tags: Vec::new(),
            };
            self.region_mut_ref(ctx.region)?.spot_requests.insert(id.clone(), req);
            self.schedule(due, DueKind::Spot, ctx.region, &id);
            ids.push(id);
        }
        Ok(ids)
    }

    /// Launches the instance of an open request.
    pub(crate) fn fulfil_spot(&mut self, region: &'static str, id: &str, at: SimTime) {
        let Some(req) = self.region(region).and_then(|r| r.spot_requests.get(id)).cloned() else {
            return;
        };
        if req.state != "open" || req.due != Some(at) {
            return;
        }
        let run = RunRequest {
            image_id: Some(req.image_id.clone()),
            instance_type: Some(req.instance_type.clone()),
            min_count: 1,
            max_count: 1,
            key_name: req.key_name.clone(),
            security_group_ids: req.security_group_ids.clone(),
            availability_zone: (!req.availability_zone.is_empty()).then(|| req.availability_zone.clone()),
            ..Default::default()
        };
        let ctx = Ctx::new(region, at, false);
        let result = self.run_instances(&ctx, &run);
        let Some(r) = self.region_mut(region) else {
            return;
        };
        let instance_id = result
            .ok()
            .and_then(|res| r.instances.values().find(|i| i.reservation_id == res).map(|i| i.id.clone()));
        if let Some(s) = r.spot_requests.get_mut(id) {
            s.due = None;
            s.status_time = at;
            match &instance_id {
                Some(iid) => {
                    s.state = "active".into();
                    s.status_code = "fulfilled".into();
                    s.status_message = "Your spot request is fulfilled.".into();
                    s.instance_id = Some(iid.clone());
                }
                None => {
                    s.state = "closed".into();
                    s.status_code = "bad-parameters".into();
                    s.status_message = "Your Spot request failed due to bad parameters.".into();
                }
            }
        }
        if let Some(iid) = instance_id
            && let Some(i) = r.instances.get_mut(&iid)
        {
            i.spot_request_id = Some(id.to_string());
        }
    }

    /// Records a Spot request for an instance launched with `--instance-market-options`.
    pub(crate) fn attach_spot_request(&mut self, region: &'static str, instance_id: &str, now: SimTime) {
        let id = format!("sir-{}", &self.ids.resource_id("x")[3..11]);
        let Some(r) = self.region_mut(region) else {
            return;
        };
        let Some(i) = r.instances.get_mut(instance_id) else {
            return;
        };
        i.spot_request_id = Some(id.clone());
        let req = SpotRequest {
            id: id.clone(),
            state: "active".into(),
            status_code: "fulfilled".into(),
            status_message: "Your spot request is fulfilled.".into(),
            status_time: now,
            spot_price: "0.010400".into(),
            request_type: "one-time".into(),
            image_id: i.image_id.clone(),
            instance_type: i.instance_type.clone(),
            key_name: i.key_name.clone(),
            security_group_ids: i.security_group_ids.clone(),
            availability_zone: i.availability_zone.clone(),
            instance_id: Some(instance_id.into()),
            create_time: now,
            due: None,
            tags: Vec::new(),
        };
        r.spot_requests.insert(id, req);
    }

    /// `CancelSpotInstanceRequests`: returns (id, previous state) pairs. Instances keep running.
    pub fn cancel_spot_requests(&mut self, ctx: &Ctx, ids: &[String]) -> Ec2Result<Vec<(String, String)>> {
        let r = self.region_ref(ctx.region)?;
        if let Some(bad) = ids.iter().find(|id| !r.spot_requests.contains_key(*id)) {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidSpotInstanceRequestID.NotFound",
                bad.clone(),
                format!("The spot instance request ID '{bad}' does not exist"),
            ));
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(s) = r.spot_requests.get_mut(id) {
                s.state = "cancelled".into();
                s.due = None;
                s.status_code = if s.instance_id.is_some() {
                    "request-canceled-and-instance-running"
                } else {
                    "canceled-before-fulfillment"
                }
                .into();
                out.push((id.clone(), "cancelled".to_string()));
            }
        }
        Ok(out)
    }
}

/// Seconds between a Spot interruption notice and the reclaim.
pub const SPOT_NOTICE_SECS: u64 = 120;

impl World {
    /// Issues a Spot interruption notice for a running Spot instance (what EC2 does when it needs
    /// the capacity back, or what an FIS experiment triggers): IMDS shows
    /// `spot/instance-action` at once and the instance is terminated two minutes later.
    pub fn interrupt_spot(&mut self, instance_id: &str, now: SimTime) -> Ec2Result<SimTime> {
        self.advance_to(now);
        let now = now.max(self.now());
        let Some(inst) = self.instance(instance_id) else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidInstanceID.NotFound",
                instance_id,
                format!("The instance ID '{instance_id}' does not exist"),
            ));
        };
        if inst.spot_request_id.is_none() || inst.state != InstanceState::Running {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectInstanceState",
                instance_id,
                format!("The instance '{instance_id}' is not a running Spot instance."),
            ));
        }
        let region = super::super::regions::region_info(&inst.region).map_or("us-east-1", |r| r.name);
        let at = now.plus_secs(SPOT_NOTICE_SECS);
        if let Some(i) = self.region_mut(region).and_then(|r| r.instances.get_mut(instance_id)) {
            i.spot_interruption = Some(("terminate".to_string(), at));
        }
        self.schedule(at, DueKind::SpotInterrupt, region, instance_id);
        Ok(at)
    }

    /// The notice has run out: the instance is terminated by the service.
    pub(crate) fn reclaim_spot(&mut self, region: &'static str, id: &str, at: SimTime) {
        let due =
            self.region(region).and_then(|r| r.instances.get(id)).and_then(|i| i.spot_interruption.clone());
        if due.map(|(_, t)| t) != Some(at) {
            return;
        }
        let ctx = Ctx::new(region, at, false);
        if let Some(ip) = self.begin_shutdown(
            &ctx,
            id,
            InstanceState::ShuttingDown,
            at.plus_secs(SHUTTING_DOWN_SECS),
            false,
        ) {
            self.release_public_ip(ip);
        }
        let Some(r) = self.region_mut(region) else { return };
        let mut request = None;
        if let Some(i) = r.instances.get_mut(id) {
            i.state_reason = Some(StateReason {
                code: "Server.SpotInstanceTermination".into(),
                message: "Server.SpotInstanceTermination: Spot instance termination".into(),
            });
            i.state_transition_reason = format!("Service initiated ({})", gmt(at));
            request = i.spot_request_id.clone();
        }
        if let Some(s) = request.and_then(|req| r.spot_requests.get_mut(&req)) {
            s.state = "closed".into();
            s.status_code = "instance-terminated-no-capacity".into();
            s.status_message = "Your Spot Instance was terminated because there is no Spot capacity available that matches your request.".into();
            s.status_time = at;
        }
    }
}
