//! Presentation of instants and durations: UTC and the browser's local time. Formatting only;
//! whether a URL is expired is the report's answer (`Validity::seconds_left`).

use presign_core::time::{human_duration, Civil};
use presign_core::UnixTime;

/// `2013-05-24 02:00:00 (UTC+02:00)` for an offset in minutes east of UTC.
pub fn local_time(t: UnixTime, offset_minutes: i64) -> String {
    let c = Civil::from_unix(UnixTime(
        t.0.saturating_add(offset_minutes.saturating_mul(60)),
    ));
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} (UTC{sign}{:02}:{:02})",
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        off / 60,
        off % 60
    )
}

/// `2013-05-24 00:00:00 UTC`.
pub fn utc_time(t: UnixTime) -> String {
    let c = Civil::from_unix(t);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// The countdown: `expires in 59 min 2 s` or `expired 3 h ago`.
pub fn countdown(seconds_left: i64) -> String {
    if seconds_left > 0 {
        format!("expires in {}", human_duration(seconds_left))
    } else if seconds_left == 0 {
        "expires now".to_owned()
    } else {
        format!("expired {} ago", human_duration(seconds_left))
    }
}
