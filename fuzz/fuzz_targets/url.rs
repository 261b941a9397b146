//! Fuzzes URL reading and the whole inspection on arbitrary bytes: nothing may panic, and the
//! secret may never show in the report's `Debug` or JSON form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presign_inspector::presign::time::human_duration;
use presign_inspector::presign::url::parse_url;
use presign_inspector::presign::{inspect, HttpMethod, Inputs, Secret, UnixTime};

/// A secret no generated input is likely to contain; checked only when the input does not.
const SECRET: &str = "fuzzSECRETq8Zr2vLm0Kx7Wd3Ty6Hb1Nc4";

fuzz_target!(|data: &[u8]| {
    // The first byte picks the variant; the rest is what a user pasted (as the page reads it:
    // lossily, since a text field only ever holds valid UTF-8).
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let _ = parse_url(&text);

    // A 0x01 byte splits the paste into the URL and the headers the user sends.
    let (url, headers) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let method = match flags >> 4 {
        0 => None,
        n => HttpMethod::ALL
            .get(usize::from(n) % HttpMethod::ALL.len())
            .copied(),
    };
    let now = UnixTime(i64::from(flags & 0x0f) * 1_000_000_000 - 2_000_000_000);
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: url.to_owned(),
            method,
            headers: headers.to_owned(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            error_xml: String::new(),
        };
        let report = inspect(&inputs, now);
        assert!(
            !report.verdict.title.is_empty(),
            "every report says something"
        );
        // What the page and the CLI do with a report next: show times, print JSON.
        if let Some(v) = &report.validity {
            let _ = (v.signed_at.to_string(), v.expires_at.map(|t| t.to_string()));
            let _ = v.seconds_left.map(human_duration);
        }
        let json = serde_json::to_string(&report).expect("a report always serializes");
        if !text.contains(SECRET) {
            assert!(
                !format!("{report:?} {inputs:?}").contains(SECRET),
                "secret in Debug output"
            );
            assert!(!json.contains(SECRET), "secret in the JSON report");
        }
    }
});
