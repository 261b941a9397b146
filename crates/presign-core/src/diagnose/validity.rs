//! The validity window of a signed URL of any family other than S3's: not valid yet, expired,
//! about to expire. Each family says what its bounds are called and what the service answers.

use crate::diagnose::url_checks::EXPIRES_SOON_SECONDS;
use crate::finding::{Code, Finding, Severity};
use crate::time::{human_duration, UnixTime};

/// How a family names its window, for the findings' words.
pub struct Window<'a> {
    /// The service, as people call it ("Google Cloud Storage", "CloudFront").
    pub service: &'a str,
    /// Where the start comes from (`X-Goog-Date`, "the policy's `DateGreaterThan`").
    pub start_name: &'a str,
    /// Where the end comes from ("X-Goog-Date + X-Goog-Expires", "Expires").
    pub end_name: &'a str,
    /// How much the service tolerates a start in its future, in seconds (0: none).
    pub start_tolerance: i64,
}

/// `not-yet-valid`, `expired` or `expires-soon` for a window from `start` to `end` at `now`.
pub fn check(
    window: &Window<'_>,
    start: Option<UnixTime>,
    end: Option<UnixTime>,
    now: UnixTime,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(start) = start.filter(|s| s.0 > now.0) {
        let ahead = start.0.saturating_sub(now.0);
        let severity = if ahead > window.start_tolerance {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                Code::NotYetValid,
                severity,
                format!("The URL is not valid yet: it starts in {}, at {start}", human_duration(ahead)),
                format!(
                    "{} is {start}, {} after now ({now}); {} refuses the URL until then. If the URL was meant to work now, the clock of the machine that signed it runs ahead (or this one runs behind): sync it (NTP) and sign again.",
                    window.start_name,
                    human_duration(ahead),
                    window.service
                ),
            )
            .with(window.start_name, start.to_string())
            .with("now", now.to_string()),
        );
    }
    let Some(end) = end else { return out };
    let left = end.0.saturating_sub(now.0);
    if left <= 0 {
        out.push(
            Finding::new(
                Code::Expired,
                Severity::Error,
                format!("The URL expired {} ago, at {end}", human_duration(left)),
                format!(
                    "{} ({end}) has passed, so {} refuses the URL. Sign a new one, valid for as long as it has to wait. If it should still be valid, check this clock, which is at {now}.",
                    window.end_name, window.service
                ),
            )
            .with("expired-at", end.to_string())
            .with("now", now.to_string()),
        );
    } else if left <= EXPIRES_SOON_SECONDS {
        out.push(
            Finding::new(
                Code::ExpiresSoon,
                Severity::Warning,
                format!("The URL expires in {}, at {end}", human_duration(left)),
                format!("A transfer or a retry that starts after {end} fails: {} checks the expiry when the request arrives. Sign with more time if it may take longer.", window.service),
            )
            .with("expires-at", end.to_string())
            .with("seconds-left", left.to_string()),
        );
    }
    out
}
