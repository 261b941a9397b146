//! What every fuzz target asserts, shared with `tests/fuzz_corpus.rs`, which replays the seed
//! corpus (and every crash once found, saved as a seed) through the same checks natively.
//!
//! The bar for each input: no panic, a report that says something and serializes, and the
//! secret in none of the report's `Debug` or JSON forms.

#![allow(dead_code)] // Each fuzz target uses only its own check.

use presign_inspector::presign::time::human_duration;
use presign_inspector::presign::url::parse_url;
use presign_inspector::presign::{inspect, HttpMethod, Inputs, Secret, UnixTime};

/// A secret no generated input is likely to contain; checked only when the input does not.
pub const SECRET: &str = "fuzzSECRETq8Zr2vLm0Kx7Wd3Ty6Hb1Nc4";

/// URL reading and the whole inspection, on arbitrary bytes. The first byte picks the method
/// and the clock; the rest is what a user pasted, read lossily as a text field does. A 0x01
/// byte splits it into the URL and the headers sent.
pub fn url(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let _ = parse_url(&text);
    let (url, headers) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let method = match flags >> 4 {
        0 => None,
        n => HttpMethod::ALL.get(usize::from(n) % HttpMethod::ALL.len()).copied(),
    };
    let now = UnixTime(i64::from(flags & 0x0f) * 1_000_000_000 - 2_000_000_000);
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: url.to_owned(),
            method,
            headers: headers.to_owned(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, now, &text);
    }
}

/// Inspects and checks what the page and the CLI do with a report next: show times, print JSON.
pub fn check_report(inputs: &Inputs, now: UnixTime, input_text: &str) {
    let report = inspect(inputs, now);
    assert!(!report.verdict.title.is_empty(), "every report says something");
    if let Some(v) = &report.validity {
        let _ = (v.signed_at.to_string(), v.expires_at.map(|t| t.to_string()));
        let _ = v.seconds_left.map(human_duration);
    }
    let json = serde_json::to_string(&report).expect("a report always serializes");
    if !input_text.contains(SECRET) {
        assert!(!format!("{report:?} {inputs:?}").contains(SECRET), "secret in Debug output");
        assert!(!json.contains(SECRET), "secret in the JSON report");
    }
}
