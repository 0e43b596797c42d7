//! Calendar rendering of simulated time: the world's epoch and the timestamp formats the CLI prints.
//!
//! Simulated time zero is pinned to a fixed calendar instant ([`EPOCH_UNIX`]) so transcripts show
//! stable dates. Nothing here reads a real clock.

use crate::time::SimTime;

/// The calendar instant of `SimTime::ZERO`: 2026-01-05T09:00:00Z, in Unix seconds.
pub const EPOCH_UNIX: u64 = 1_767_603_600;

/// Unix seconds of a simulated instant.
pub fn unix_secs(t: SimTime) -> u64 {
    EPOCH_UNIX + t.as_secs()
}

/// (year, month, day, hour, minute, second) in UTC.
pub fn civil(t: SimTime) -> (i64, u32, u32, u32, u32, u32) {
    let secs = unix_secs(t) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (y, m, d, (rem / 3600) as u32, ((rem % 3600) / 60) as u32, (rem % 60) as u32)
}

/// `2026-01-05T09:00:00+00:00`: how AWS CLI v2 prints timestamps (`cli_timestamp_format=iso8601`).
pub fn iso8601(t: SimTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+00:00")
}

/// `2026-01-05T09:00:00.000Z`: string-typed dates such as an image's `CreationDate`.
pub fn iso_millis(t: SimTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000Z")
}

/// `2026-01-05 09:00:00 GMT`: the form inside `StateTransitionReason`.
pub fn gmt(t: SimTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} GMT")
}

/// `2026-01-05T09:00:00Z`: the IMDS and credentials form.
pub fn zulu(t: SimTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_renders() {
        assert_eq!(iso8601(SimTime::ZERO), "2026-01-05T09:00:00+00:00");
        assert_eq!(gmt(SimTime::from_secs(3661)), "2026-01-05 10:01:01 GMT");
        assert_eq!(zulu(SimTime::from_secs(86_400 * 30)), "2026-02-04T09:00:00Z");
    }
}
