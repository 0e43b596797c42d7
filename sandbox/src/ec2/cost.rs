//! The cost meter: what the account's resources have cost so far, by category.

use super::meter::CostReport;
use super::world::World;
use crate::time::SimTime;

impl World {
    /// Spend up to `now` (which should not be earlier than [`World::now`]) across all regions.
    pub fn cost_report(&self, now: SimTime) -> CostReport {
        let mut c = CostReport::default();
        for r in &self.regions {
            c.instances_usd += r.settled_usd;
            for i in r.instances.values() {
                c.instances_usd += i.compute_meter.total(now);
                c.public_ipv4_usd += i.ipv4_meter.total(now);
                c.usd_per_hour += i.compute_meter.rate() + i.ipv4_meter.rate();
            }
            for a in r.addresses.values() {
                c.public_ipv4_usd += a.meter.total(now);
                c.usd_per_hour += a.meter.rate();
            }
            for v in r.volumes.values() {
                c.ebs_volumes_usd += v.meter.total(now);
                c.usd_per_hour += v.meter.rate();
            }
            for s in r.snapshots.values() {
                c.snapshots_usd += s.meter.total(now);
                c.usd_per_hour += s.meter.rate();
            }
        }
        c
    }
}
