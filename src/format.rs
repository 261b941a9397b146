//! Presentation of instants, durations and the domain's prose, in one way everywhere: an instant
//! as UTC with the browser's local time in a tooltip, a duration in words. Formatting only;
//! whether a URL is expired is the report's answer.

use crate::clock::local_offset_minutes;
use presign_core::time::{human_duration, parse_rfc3339, Civil};
use presign_core::UnixTime;
use std::cmp::Ordering;
use yew::prelude::*;

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

/// An instant as the page shows it: UTC, the local time in a tooltip.
pub fn time(t: UnixTime) -> Html {
    html! {
        <time datetime={t.to_string()} title={format!("Local time: {}", local_time(t, local_offset_minutes(t)))}>
            { utc_time(t) }
        </time>
    }
}

/// The countdown: `expires in 59 min 2 s` or `expired 3 h ago`.
pub fn countdown(seconds_left: i64) -> String {
    match seconds_left.cmp(&0) {
        Ordering::Greater => format!("expires in {}", human_duration(seconds_left)),
        Ordering::Equal => "expires now".to_owned(),
        Ordering::Less => format!("expired {} ago", human_duration(seconds_left)),
    }
}

/// Where an RFC 3339 UTC instant (`2026-11-20T11:00:00Z`) starts in `text`, and the instant.
fn next_instant(text: &str, from: usize) -> Option<(usize, UnixTime)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i + 20 <= bytes.len() {
        let window = &bytes[i..i + 20];
        let shaped = window[4] == b'-'
            && window[7] == b'-'
            && window[10] == b'T'
            && window[13] == b':'
            && window[16] == b':'
            && window[19] == b'Z'
            && window[..4].iter().all(u8::is_ascii_digit);
        if shaped {
            if let Some(t) = text.get(i..i + 20).and_then(parse_rfc3339) {
                return Some((i, t));
            }
        }
        i += 1;
    }
    None
}

/// The domain's prose with every instant in it shown the page's way.
pub fn prose(text: &str) -> Html {
    let mut parts = Vec::new();
    let mut at = 0;
    while let Some((start, t)) = next_instant(text, at) {
        parts.push(html! { { text[at..start].to_owned() } });
        parts.push(time(t));
        at = start + 20;
    }
    if parts.is_empty() {
        return html! { { text.to_owned() } };
    }
    parts.push(html! { { text[at..].to_owned() } });
    html! { <>{ for parts }</> }
}

/// The domain's prose as plain text, every instant in it written the page's way (for text
/// that cannot hold markup: an attribute, a live region).
pub fn prose_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some((start, t)) = next_instant(text, at) {
        out.push_str(&text[at..start]);
        out.push_str(&utc_time(t));
        at = start + 20;
    }
    out.push_str(&text[at..]);
    out
}

/// An evidence label in words: `variants-tried` → `Variants tried`. Labels that are names
/// people copy (`X-Amz-Date`, `x-amz-date`, `RequestId`) stay as they are.
pub fn label(text: &str) -> String {
    let kebab = text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !kebab || text.starts_with("x-amz-") || text.starts_with("x-goog-") {
        return text.to_owned();
    }
    let words = text.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// An evidence value: an instant the page's way, a count of seconds with its duration in
/// words, anything else as written.
pub fn evidence_value(label: &str, value: &str) -> Html {
    if let Some(t) = parse_rfc3339(value).filter(|_| value.len() == 20) {
        return time(t);
    }
    let seconds = label.ends_with("seconds") || label.eq_ignore_ascii_case("x-amz-expires");
    let count = value.strip_prefix('-').unwrap_or(value);
    let n = (seconds
        && !count.is_empty()
        && count.len() < 12
        && count.bytes().all(|b| b.is_ascii_digit()))
    .then(|| {
        count
            .bytes()
            .fold(0_i64, |n, b| n * 10 + i64::from(b - b'0'))
    });
    match n {
        Some(n) if n >= 60 => {
            html! { <>{ format!("{value} s ") }<span class="hint">{ format!("({})", human_duration(n)) }</span></> }
        }
        _ => html! { { value.to_owned() } },
    }
}
