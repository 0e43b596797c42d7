//! Wall-clock instants as plain numbers. The engine never reads a clock: callers pass these in.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch (what JavaScript's `Date.now()` returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const MINUTE: i64 = 60_000;
    /// The range the scheduler works in: years 1970 to 9999 (later input is clamped).
    pub const EARLIEST: Timestamp = Timestamp(0);
    pub const LATEST: Timestamp = Timestamp(253_402_300_799_000);
    pub const DAY: i64 = 86_400_000;

    pub const fn from_secs(secs: i64) -> Timestamp {
        Timestamp(secs * 1000)
    }

    /// This instant moved `ms` milliseconds later (saturating).
    pub const fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }

    pub const fn plus_days(self, days: i64) -> Timestamp {
        self.plus_ms(days.saturating_mul(Self::DAY))
    }

    /// Milliseconds from `earlier` to `self` (negative if `earlier` is later).
    pub const fn since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0)
    }

    /// As a chrono instant, for the FSRS scheduler. Out-of-range values clamp to the epoch.
    pub(crate) fn to_chrono(self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.0).unwrap_or_default()
    }

    pub(crate) fn from_chrono(t: chrono::DateTime<chrono::Utc>) -> Timestamp {
        Timestamp(t.timestamp_millis())
    }
}
