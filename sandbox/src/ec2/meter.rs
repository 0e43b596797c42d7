//! A running cost meter: dollars accrued at a rate that changes as resources change state.

use crate::time::SimTime;

/// Hours in the month AWS prices GB-month storage by.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Public IPv4 address price per hour (in use or idle, since February 2024).
pub const PUBLIC_IPV4_USD_PER_HOUR: f64 = 0.005;
/// EBS snapshot storage per GB-month (standard tier).
pub const SNAPSHOT_USD_PER_GB_MONTH: f64 = 0.05;

/// EBS volume storage per GB-month by volume type.
pub fn volume_usd_per_gb_month(volume_type: &str) -> f64 {
    match volume_type {
        "gp3" => 0.08,
        "io1" | "io2" => 0.125,
        "st1" => 0.045,
        "sc1" => 0.015,
        "standard" => 0.05,
        _ => 0.10,
    }
}

/// Dollars accrued so far plus the current hourly rate.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Meter {
    accrued_usd: f64,
    usd_per_hour: f64,
    since: SimTime,
}

impl Meter {
    /// A meter charging `usd_per_hour` from `now` on.
    pub fn starting(now: SimTime, usd_per_hour: f64) -> Self {
        Meter { accrued_usd: 0.0, usd_per_hour, since: now }
    }

    /// Changes the rate at `now`, keeping what was accrued before.
    pub fn set_rate(&mut self, now: SimTime, usd_per_hour: f64) {
        self.accrued_usd = self.total(now);
        self.since = now.max(self.since);
        self.usd_per_hour = usd_per_hour;
    }

    /// The current hourly rate.
    pub fn rate(&self) -> f64 {
        self.usd_per_hour
    }

    /// Dollars accrued up to `now`.
    pub fn total(&self, now: SimTime) -> f64 {
        let ms = now.0.saturating_sub(self.since.0) as f64;
        self.accrued_usd + self.usd_per_hour * ms / 3_600_000.0
    }
}

/// What the account has spent, split the way a learner reads a bill.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CostReport {
    pub instances_usd: f64,
    pub public_ipv4_usd: f64,
    pub ebs_volumes_usd: f64,
    pub snapshots_usd: f64,
    /// Current spend per hour across everything.
    pub usd_per_hour: f64,
}

impl CostReport {
    pub fn total_usd(&self) -> f64 {
        self.instances_usd + self.public_ipv4_usd + self.ebs_volumes_usd + self.snapshots_usd
    }
}
