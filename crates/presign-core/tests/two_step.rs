//! The page's way of inspecting: the report without the root-cause search first, the search
//! after; and the same report until `stable_until`. Both must give exactly what one call to
//! `inspect` gives.

#[path = "../../../tests/support/normalizer.rs"]
mod support_normalizer;
use presign_core::report::RootCauseState;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::{
    inspect, inspect_planned, HttpMethod, Inputs, Report, ReportDetail, RootCausePlan, Secret,
    UnixTime,
};
use proptest::prelude::*;
use serde_json::Value;
use std::fmt::Write as _;
use support_normalizer::normalizer;

/// 2026-11-20T10:00:00Z, when the boto3 fixtures were signed (valid for an hour).
const SIGNED_AT: i64 = 1_795_168_800;

fn boto3() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/sdk/boto3.jsonl"
    ))
    .unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A fixture sent as it was signed, or changed the ways clients change it.
fn inputs(case: &Value, change: u8, secret: u8) -> Inputs {
    let mut url = case["url"].as_str().unwrap().to_owned();
    let mut method = HttpMethod::parse(case["method"].as_str().unwrap());
    let mut headers: String =
        case["headers"]
            .as_object()
            .unwrap()
            .iter()
            .fold(String::new(), |mut lines, (k, v)| {
                let _ = writeln!(lines, "{k}: {}", v.as_str().unwrap());
                lines
            });
    match change % 6 {
        1 => method = Some(HttpMethod::Get),
        2 => url = url.replace('?', "&cb=1?").replacen("&cb=1?", "?cb=1&", 1),
        3 => "Content-Type: image/png".clone_into(&mut headers),
        4 => method = None,
        5 => url = url.replacen(".txt", ".TXT", 1),
        _ => {}
    }
    let key = case["secret_access_key"].as_str().unwrap();
    Inputs {
        url,
        method,
        headers,
        secret: match secret % 3 {
            0 => Some(Secret::new(key)),
            1 => Some(Secret::new(&format!("{key}x"))),
            _ => None,
        },
        normalizer: Some(normalizer()),
        ..Inputs::default()
    }
}

fn planned(inputs: &Inputs, now: i64, plan: RootCausePlan<'_>) -> Report {
    inspect_planned(
        inputs,
        UnixTime(now),
        ReportDetail::Full,
        &mut SigningKeyCache::default(),
        plan,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn deferred_then_searched_equals_one_call(pick in 0usize..64, change in 0u8..6, secret in 0u8..3, at in -7_200i64..9_000) {
        let cases = boto3();
        let inputs = inputs(&cases[pick % cases.len()], change, secret);
        let now = SIGNED_AT + at;
        let one = inspect(&inputs, UnixTime(now));
        let first = planned(&inputs, now, RootCausePlan::Defer);
        if one.root_cause_state == RootCauseState::Done {
            // Deferred exactly where the search runs, and completed by running it.
            prop_assert_eq!(first.root_cause_state, RootCauseState::Deferred);
            prop_assert_eq!(planned(&inputs, now, RootCausePlan::Run), one.clone());
        } else {
            prop_assert_eq!(&first, &one);
        }
        // The search does not depend on the clock: reused at another instant, it gives what
        // a new inspection gives there.
        if let Some(search) = &one.root_cause {
            let later = now + 4_000;
            prop_assert_eq!(
                planned(&inputs, later, RootCausePlan::Reuse(search)),
                inspect(&inputs, UnixTime(later))
            );
        }
    }

    #[test]
    fn a_report_holds_until_stable_until(pick in 0usize..64, change in 0u8..6, secret in 0u8..3, at in -7_200i64..90_000, step in 1i64..4_000) {
        let cases = boto3();
        let inputs = inputs(&cases[pick % cases.len()], change, secret);
        let now = SIGNED_AT + at;
        let report = inspect(&inputs, UnixTime(now));
        let until = report.stable_until.map_or(now + 100_000, |t| t.0);
        prop_assert!(until > now);
        // Any instant before `stable_until` gives the same findings and verdict.
        let within = now + (step % (until - now)).max(0);
        let there = inspect(&inputs, UnixTime(within));
        prop_assert_eq!(&there.findings, &report.findings);
        prop_assert_eq!(&there.verdict, &report.verdict);
        prop_assert!(report.holds_at(UnixTime(within)));
        if let Some(t) = report.stable_until {
            prop_assert!(!report.holds_at(t));
        }
    }
}

#[test]
fn the_instants_a_report_changes_at() {
    let cases = boto3();
    let get = cases.iter().find(|c| c["id"] == "boto3/get-basic").unwrap();
    let inputs = inputs(get, 0, 2);
    let at = |s: i64| inspect(&inputs, UnixTime(SIGNED_AT + s)).stable_until;
    // Valid for an hour: nothing changes until ten minutes before the end (expires-soon).
    assert_eq!(at(60), Some(UnixTime(SIGNED_AT + 3000)));
    // Within those ten minutes the words count seconds.
    assert_eq!(at(3100), Some(UnixTime(SIGNED_AT + 3101)));
    // Expired three days ago: the words change on the hour.
    assert_eq!(
        at(3 * 86_400 + 3600 + 5),
        Some(UnixTime(SIGNED_AT + 3 * 86_400 + 7200))
    );
}
