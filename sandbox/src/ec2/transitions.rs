//! Timed transitions: what happens when a transitional state's simulated seconds run out.

use super::catalog::instance_type;
use super::instance::{InstanceState, TERMINATED_VISIBLE_SECS};
use super::meter::PUBLIC_IPV4_USD_PER_HOUR;
use super::world::{Due, DueKind, World};
use crate::time::SimTime;

impl World {
    pub(crate) fn apply_due(&mut self, due: &Due) {
        let at = due.at;
        match due.kind {
            DueKind::Instance => self.finish_instance_transition(due.region, &due.id, at),
            DueKind::Purge => self.purge_instance(due.region, &due.id, at),
            DueKind::Metadata => {
                if let Some(i) = self.region_mut(due.region).and_then(|r| r.instances.get_mut(&due.id))
                    && i.metadata_options.pending_until == Some(at)
                {
                    i.metadata_options.pending_until = None;
                }
            }
            DueKind::Volume => {
                if let Some(v) = self.region_mut(due.region).and_then(|r| r.volumes.get_mut(&due.id))
                    && v.state_due == Some(at)
                {
                    v.state_due = None;
                    v.state = "available".to_string();
                }
            }
            DueKind::Attachment => {
                if let Some(v) = self.region_mut(due.region).and_then(|r| r.volumes.get_mut(&due.id)) {
                    let Some(a) = v.attachment.as_mut() else {
                        return;
                    };
                    if a.due != Some(at) {
                        return;
                    }
                    a.due = None;
                    if a.state == "attaching" {
                        a.state = "attached".to_string();
                    } else if a.state == "detaching" {
                        v.attachment = None;
                        v.state = "available".to_string();
                    }
                }
            }
            DueKind::VolumeModify => {
                if let Some(m) = self
                    .region_mut(due.region)
                    .and_then(|r| r.volumes.get_mut(&due.id))
                    .and_then(|v| v.modification.as_mut())
                    && m.due == Some(at)
                {
                    m.due = None;
                    m.state = "completed".to_string();
                }
            }
            DueKind::Snapshot => {
                if let Some(s) = self.region_mut(due.region).and_then(|r| r.snapshots.get_mut(&due.id))
                    && s.state_due == Some(at)
                {
                    s.state_due = None;
                    s.state = "completed".to_string();
                }
            }
            DueKind::Image => {
                if let Some(i) = self.region_mut(due.region).and_then(|r| r.images.get_mut(&due.id))
                    && i.state_due == Some(at)
                {
                    i.state_due = None;
                    if i.state == "pending" {
                        i.state = "available".to_string();
                    }
                }
            }
            DueKind::Spot => self.fulfil_spot(due.region, &due.id, at),
            DueKind::SpotInterrupt => self.reclaim_spot(due.region, &due.id, at),
        }
    }

    fn finish_instance_transition(&mut self, region: &'static str, id: &str, at: SimTime) {
        let Some(inst) = self.region(region).and_then(|r| r.instances.get(id)) else {
            return;
        };
        if inst.state_due != Some(at) {
            return;
        }
        match inst.state {
            InstanceState::Pending => {
                let needs_ip =
                    inst.assign_public_ip && inst.auto_public_ip.is_none() && inst.elastic_ip.is_none();
                let price = instance_type(&inst.instance_type).map_or(0.0, |t| t.hourly_usd);
                let ip = needs_ip.then(|| self.allocate_public_ip());
                let Some(inst) = self.region_mut(region).and_then(|r| r.instances.get_mut(id)) else {
                    return;
                };
                inst.state = InstanceState::Running;
                inst.state_due = None;
                inst.state_reason = None;
                inst.boot_count += 1;
                inst.last_boot = Some(at);
                inst.compute_meter.set_rate(at, price);
                if let Some(ip) = ip {
                    inst.auto_public_ip = Some(ip);
                    inst.ipv4_meter.set_rate(at, PUBLIC_IPV4_USD_PER_HOUR);
                }
            }
            InstanceState::Stopping => {
                let Some(inst) = self.region_mut(region).and_then(|r| r.instances.get_mut(id)) else {
                    return;
                };
                inst.state = InstanceState::Stopped;
                inst.state_due = None;
            }
            InstanceState::ShuttingDown => {
                self.strip_terminated(region, id, at);
                self.schedule(at.plus_secs(TERMINATED_VISIBLE_SECS), DueKind::Purge, region, id);
            }
            _ => {}
        }
    }

    /// A terminated instance loses its addresses, interfaces and volumes.
    fn strip_terminated(&mut self, region: &'static str, id: &str, at: SimTime) {
        let Some(r) = self.region_mut(region) else {
            return;
        };
        let Some(inst) = r.instances.get_mut(id) else {
            return;
        };
        inst.state = InstanceState::Terminated;
        inst.state_due = None;
        let private_ip = inst.private_ip.take();
        let subnet_id = inst.subnet_id.clone();
        inst.elastic_ip = None;
        inst.block_devices.clear();
        inst.security_group_ids.clear();
        inst.iam_instance_profile = None;
        inst.compute_meter.set_rate(at, 0.0);
        inst.ipv4_meter.set_rate(at, 0.0);
        if let (Some(ip), Some(s)) = (private_ip, r.subnets.get_mut(&subnet_id)) {
            s.release(ip);
        }
        for a in r.addresses.values_mut() {
            if a.association.as_ref().is_some_and(|x| x.instance_id == id) {
                a.association = None;
            }
        }
        let mut settled = 0.0;
        r.volumes.retain(|_, v| {
            let Some(att) = &v.attachment else {
                return true;
            };
            if att.instance_id != id {
                return true;
            }
            if att.delete_on_termination {
                settled += v.meter.total(at);
                return false;
            }
            v.attachment = None;
            v.state = "available".to_string();
            true
        });
        r.settled_usd += settled;
    }

    fn purge_instance(&mut self, region: &'static str, id: &str, at: SimTime) {
        let Some(r) = self.region_mut(region) else {
            return;
        };
        if r.instances.get(id).is_some_and(|i| i.state == InstanceState::Terminated)
            && let Some(inst) = r.instances.shift_remove(id)
        {
            r.settled_usd += inst.compute_meter.total(at) + inst.ipv4_meter.total(at);
        }
    }
}
