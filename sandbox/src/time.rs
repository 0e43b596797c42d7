//! Simulated time. The sandbox owns no clock: callers pass the current [`SimTime`] in.

use serde::{Deserialize, Serialize};

/// Milliseconds since the simulation started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The instant the simulation starts.
    pub const ZERO: SimTime = SimTime(0);

    /// `secs` whole seconds after the start.
    pub const fn from_secs(secs: u64) -> SimTime {
        SimTime(secs * 1000)
    }

    /// Whole seconds since the start, rounded down.
    pub const fn as_secs(self) -> u64 {
        self.0 / 1000
    }

    /// This instant moved `secs` seconds later.
    pub const fn plus_secs(self, secs: u64) -> SimTime {
        SimTime(self.0 + secs * 1000)
    }
}
