//! Calendar arithmetic without a clock: instants are Unix seconds handed in by the caller.
//!
//! The domain layer never reads the time itself (`SystemTime::now()` panics in wasm); the page
//! passes the browser clock and the command line passes `--now` or the system clock.

use serde::Serialize;
use std::fmt;

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct UnixTime(pub i64);

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Broken-down UTC time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Civil {
    /// Builds a validated time; `None` when a field is out of range.
    pub fn new(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 61;
        valid.then_some(Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    pub fn to_unix(self) -> UnixTime {
        let days = days_from_civil(self.year, self.month, self.day);
        UnixTime(
            days * 86_400
                + i64::from(self.hour) * 3600
                + i64::from(self.minute) * 60
                + i64::from(self.second),
        )
    }

    pub fn from_unix(t: UnixTime) -> Self {
        let days = t.0.div_euclid(86_400);
        let secs = t.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let secs = u32::try_from(secs).unwrap_or(0);
        Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
        }
    }
}

fn digits(text: &[u8]) -> Option<u32> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.iter().try_fold(0u32, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// Parses an ISO 8601 basic timestamp `YYYYMMDDTHHMMSSZ` (the `X-Amz-Date` form).
pub fn parse_amz_date(text: &str) -> Option<UnixTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    Civil::new(
        i64::from(digits(&b[0..4])?),
        digits(&b[4..6])?,
        digits(&b[6..8])?,
        digits(&b[9..11])?,
        digits(&b[11..13])?,
        digits(&b[13..15])?,
    )
    .map(Civil::to_unix)
}

/// Parses a scope date `YYYYMMDD`, giving midnight UTC of that day.
pub fn parse_scope_date(text: &str) -> Option<UnixTime> {
    let b = text.as_bytes();
    if b.len() != 8 {
        return None;
    }
    Civil::new(
        i64::from(digits(&b[0..4])?),
        digits(&b[4..6])?,
        digits(&b[6..8])?,
        0,
        0,
        0,
    )
    .map(Civil::to_unix)
}

/// Parses RFC 3339 / ISO 8601 extended times: `2026-11-23T10:00:00Z`, with optional fraction
/// and `+hh:mm` offset (S3's `ServerTime` and the CLI's `--now`).
pub fn parse_rfc3339(text: &str) -> Option<UnixTime> {
    let b = text.trim().as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let civil = Civil::new(
        i64::from(digits(&b[0..4])?),
        digits(&b[5..7])?,
        digits(&b[8..10])?,
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    )?;
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &rest[1 + n..];
    }
    let offset = match rest {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = i64::from(digits(&[*h1, *h2])?);
            let m = i64::from(digits(&[*m1, *m2])?);
            let o = h * 3600 + m * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    Some(UnixTime(civil.to_unix().0 - offset))
}

/// Parses an HTTP date in its preferred form, IMF-fixdate (`Fri, 24 May 2013 00:00:00 GMT`),
/// the form of the `Date` header a `SigV4` request may be dated by instead of `X-Amz-Date`. The
/// day name is not checked against the date: servers read the date, not the name.
pub fn parse_http_date(text: &str) -> Option<UnixTime> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let [day_name, day, month, year, time, zone] = words[..] else {
        return None;
    };
    if !day_name.ends_with(',') || zone != "GMT" {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)?;
    let t = time.as_bytes();
    if t.len() != 8 || t[2] != b':' || t[5] != b':' {
        return None;
    }
    Civil::new(
        i64::from(digits(year.as_bytes())?),
        u32::try_from(month + 1).ok()?,
        digits(day.as_bytes())?,
        digits(&t[0..2])?,
        digits(&t[3..5])?,
        digits(&t[6..8])?,
    )
    .map(Civil::to_unix)
}

impl UnixTime {
    /// `X-Amz-Date` form.
    pub fn amz_date(self) -> String {
        let c = Civil::from_unix(self);
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// Scope date form `YYYYMMDD`.
    pub fn scope_date(self) -> String {
        let c = Civil::from_unix(self);
        format!("{:04}{:02}{:02}", c.year, c.month, c.day)
    }

    pub fn checked_add(self, seconds: i64) -> Option<UnixTime> {
        self.0.checked_add(seconds).map(UnixTime)
    }
}

impl fmt::Display for UnixTime {
    /// RFC 3339 in UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = Civil::from_unix(*self);
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }
}

/// A duration for people: `2 d 3 h`, `5 min 2 s`, `40 s`.
pub fn human_duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    if d > 0 {
        if h > 0 {
            format!("{d} d {h} h")
        } else {
            format!("{d} d")
        }
    } else if h > 0 {
        if m > 0 {
            format!("{h} h {m} min")
        } else {
            format!("{h} h")
        }
    } else if m > 0 {
        if sec > 0 {
            format!("{m} min {sec} s")
        } else {
            format!("{m} min")
        }
    } else {
        format!("{sec} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let t = parse_amz_date("20130524T000000Z").unwrap();
        assert_eq!(t, UnixTime(1_369_353_600));
        assert_eq!(t.amz_date(), "20130524T000000Z");
        assert_eq!(t.to_string(), "2013-05-24T00:00:00Z");
        assert_eq!(parse_scope_date("20130524"), Some(t));
        assert_eq!(parse_rfc3339("2013-05-24T02:00:00+02:00"), Some(t));
        assert_eq!(parse_rfc3339("2013-05-24T00:00:00.123Z"), Some(t));
        assert_eq!(parse_amz_date("20130230T000000Z"), None);
        assert_eq!(parse_amz_date("2013052T0000000Z"), None);
        assert_eq!(parse_rfc3339("garbage"), None);
        let leap = parse_rfc3339("2024-02-29T23:59:59Z").unwrap();
        assert_eq!(leap.to_string(), "2024-02-29T23:59:59Z");
        assert_eq!(UnixTime(-1).to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(parse_http_date("Fri, 24 May 2013 00:00:00 GMT"), Some(t));
        assert_eq!(parse_http_date("Fri, 24 May 2013 00:00:00 UTC"), None);
        assert_eq!(parse_http_date("Fri, 31 Feb 2013 00:00:00 GMT"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration(40), "40 s");
        assert_eq!(human_duration(-302), "5 min 2 s");
        assert_eq!(human_duration(7200), "2 h");
        assert_eq!(human_duration(86_400 * 2 + 3600 * 3 + 5), "2 d 3 h");
    }
}
