//! Until when a report holds. Only a few findings depend on the clock (a URL not valid yet,
//! about to expire, expired; a clock behind the service's), and they change only when the clock
//! crosses an instant the request names (its start, its end, a tolerance before them) or when
//! the duration they state in words ("expired 3 h 5 min ago") reads differently. A view that
//! ticks every second re-inspects only then and moves its countdown in between.

use crate::azure::params::parse_sas_time;
use crate::diagnose::url_checks::{CLOCK_TOLERANCE_SECONDS, EXPIRES_SOON_SECONDS};
use crate::finding::Code;
use crate::report::Report;
use crate::sigv4::params::QueryAuth;
use crate::time::UnixTime;

/// Codes whose presence, severity or words depend on the clock.
const CLOCK_CODES: [Code; 5] = [
    Code::Expired,
    Code::NotYetValid,
    Code::ExpiresSoon,
    Code::ClockSkew,
    Code::AzureDelegationKeyExpired,
];

/// The instants the request names that clock-dependent findings are measured against, each
/// with how long before it a finding changes: a start is tolerated a little early, an end
/// is announced ten minutes ahead, and this clock is told when it is behind the service's.
fn instants(report: &Report) -> Vec<(UnixTime, [i64; 2])> {
    let mut out = Vec::new();
    let end = [EXPIRES_SOON_SECONDS, 0];
    if let Some(v) = &report.validity {
        out.push((v.signed_at, [CLOCK_TOLERANCE_SECONDS, 0]));
        out.extend(v.expires_at.map(|t| (t, end)));
    }
    if let QueryAuth::SigV2(p) = &report.auth {
        out.extend(p.expires.map(|t| (t, end)));
    }
    // An Azure user delegation SAS also lives by its key's validity (skt, ske).
    if let Some(c) = &report.azure_sas {
        let key_time = |name| c.params.get(name).and_then(parse_sas_time);
        out.extend(key_time("skt").map(|t| (t, [CLOCK_TOLERANCE_SECONDS, 0])));
        out.extend(key_time("ske").map(|t| (t, [0, 0])));
    }
    if let Some(server) = &report.server {
        out.extend(
            server
                .server_time
                .map(|t| (t, [CLOCK_TOLERANCE_SECONDS, 0])),
        );
    }
    out
}

/// The first instant after `now` at which `human_duration(|t - now|)` reads differently.
/// Durations under an hour are worded to the second, under a day to the minute, beyond that
/// to the hour (`time::human_duration`).
fn next_words_change(t: UnixTime, now: UnixTime) -> i64 {
    let s = t.0.saturating_sub(now.0).unsigned_abs();
    let step: u64 = match s {
        0..3_600 => 1,
        3_600..86_400 => 60,
        _ => 3_600,
    };
    let wait = if t.0 > now.0 {
        // Counting down: the words change when the duration drops below its current step.
        s % step + 1
    } else {
        // Counting up (or at zero): when it reaches the next step.
        step - s % step
    };
    now.0
        .saturating_add(i64::try_from(wait).unwrap_or(i64::MAX))
}

/// Whether any finding quotes the instant evaluated at, which then changes every second.
fn quotes_now(report: &Report) -> bool {
    let now = report.now.to_string();
    report.findings.iter().any(|f| {
        f.title.contains(&now)
            || f.detail.contains(&now)
            || f.evidence.iter().any(|e| e.value.contains(&now))
    })
}

/// Until when `report` holds: see [`crate::report::Report::stable_until`]. Computed from the
/// instants the request names, not from the checks' code paths, so it covers every family
/// that fills `validity`; it may name an instant at which nothing changes, never miss one.
pub fn stable_until(report: &Report) -> Option<UnixTime> {
    let now = report.now.0;
    let clock_worded = report
        .findings
        .iter()
        .any(|f| CLOCK_CODES.contains(&f.code));
    let mut candidates: Vec<i64> = Vec::new();
    for (t, thresholds) in instants(report) {
        for before in thresholds {
            // The checks compare with `<=` and `>`: the first instant that reads differently
            // is the threshold itself or the second after it.
            let at = t.0.saturating_sub(before);
            candidates.extend([at, at.saturating_add(1)]);
        }
        if clock_worded {
            candidates.push(next_words_change(t, report.now));
        }
    }
    if quotes_now(report) {
        candidates.push(now.saturating_add(1));
    }
    candidates
        .into_iter()
        .filter(|&c| c > now)
        .min()
        .map(UnixTime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::human_duration;

    #[test]
    fn words_change_exactly_when_the_duration_reads_differently() {
        for t in [0_i64, 59, 60, 3_599, 3_600, 3_660, 86_399, 86_400, 90_000] {
            for now in [
                -200_000_i64,
                -86_400,
                -3_601,
                -61,
                -1,
                0,
                1,
                61,
                3_601,
                86_401,
            ] {
                let (t, now) = (UnixTime(t), UnixTime(now));
                let next = next_words_change(t, now);
                let words = |at: i64| human_duration(t.0 - at);
                assert!(next > now.0);
                for at in now.0..next {
                    assert_eq!(words(at), words(now.0), "t {t:?} now {now:?} at {at}");
                }
                if t.0 != next {
                    assert_ne!(words(next), words(now.0), "t {t:?} now {now:?} next {next}");
                }
            }
        }
    }
}
