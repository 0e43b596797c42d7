//! Calendar rendering of simulated time for HTTP headers, IMDS documents and `ls -l`.
//!
//! `SimTime::ZERO` is pinned to 2026-01-05T09:00:00Z, the same instant the control plane uses,
//! so dates printed by the shell, IMDS and the CLI agree. No real clock is read.

use crate::time::SimTime;

/// The calendar instant of `SimTime::ZERO` in Unix seconds (2026-01-05T09:00:00Z).
pub const EPOCH_UNIX: u64 = 1_767_603_600;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// A broken-down UTC instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Days since 1970-01-01, for the weekday.
    days: i64,
}

impl Civil {
    /// Three-letter month name.
    pub fn month_name(&self) -> &'static str {
        MONTHS[(self.month as usize).saturating_sub(1) % 12]
    }

    /// Three-letter weekday name.
    pub fn weekday(&self) -> &'static str {
        WEEKDAYS[self.days.rem_euclid(7) as usize]
    }
}

/// Breaks `t` into calendar fields (Howard Hinnant's `civil_from_days`).
pub fn civil(t: SimTime) -> Civil {
    let secs = (EPOCH_UNIX + t.as_secs()) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: ((rem % 3600) / 60) as u32,
        second: (rem % 60) as u32,
        days,
    }
}

/// `Mon, 05 Jan 2026 09:00:00 GMT`: the HTTP `Date` / `Last-Modified` form.
pub fn http_date(t: SimTime) -> String {
    let c = civil(t);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        c.weekday(),
        c.day,
        c.month_name(),
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

/// `2026-01-05T09:00:00Z`: the IMDS JSON form.
pub fn zulu(t: SimTime) -> String {
    let c = civil(t);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour, c.minute, c.second)
}

/// `Jan  5 09:00`: the `ls -l` form for recent files.
pub fn ls_date(t: SimTime) -> String {
    let c = civil(t);
    format!("{} {:>2} {:02}:{:02}", c.month_name(), c.day, c.hour, c.minute)
}

/// `Mon, 05 Jan 2026 09:00:00 +0000`: the cloud-init log form.
pub fn rfc2822(t: SimTime) -> String {
    let c = civil(t);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
        c.weekday(),
        c.day,
        c.month_name(),
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

/// `Mon Jan  5 09:00:00 UTC 2026`: what `date` prints.
pub fn unix_date(t: SimTime) -> String {
    let c = civil(t);
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} UTC {}",
        c.weekday(),
        c.month_name(),
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_a_monday_in_january_2026() {
        assert_eq!(http_date(SimTime::ZERO), "Mon, 05 Jan 2026 09:00:00 GMT");
        assert_eq!(zulu(SimTime::from_secs(3661)), "2026-01-05T10:01:01Z");
        assert_eq!(ls_date(SimTime::ZERO), "Jan  5 09:00");
    }
}
