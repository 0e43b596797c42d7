//! Calendar dates (`YYYY-MM-DD`, as `<input type="date">` reads and writes them) to and from
//! [`Timestamp`]s at midnight UTC. Pure arithmetic (Howard Hinnant's civil-date algorithms), so
//! no date library goes into the bundle.

use quiz_engine::Timestamp;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `2026-12-01` to midnight UTC of that day; `None` for anything else (an empty input too).
pub fn parse(text: &str) -> Option<Timestamp> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=9999).contains(&y) || !(1..=days_in_month).contains(&d) {
        return None;
    }
    Some(Timestamp(days_from_civil(y, m, d) * Timestamp::DAY))
}

/// The UTC calendar date of `t`, as `YYYY-MM-DD`.
pub fn format(t: Timestamp) -> String {
    let (y, m, d) = civil_from_days(t.0.div_euclid(Timestamp::DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse("1970-01-01"), Some(Timestamp(0)));
        assert_eq!(parse("2026-11-23"), Some(Timestamp(1_795_392_000_000)));
        for text in ["2000-02-29", "2026-12-31", "1999-03-01", "2400-02-29"] {
            assert_eq!(parse(text).map(format).as_deref(), Some(text));
        }
        assert_eq!(format(Timestamp(1_795_392_000_000 + Timestamp::DAY - 1)), "2026-11-23");
        for bad in ["", "2026-13-01", "2026-02-29", "2026-1", "x-y-z", "2026-04-31"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
