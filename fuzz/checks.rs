//! What every fuzz target asserts, shared with `crates/presign-core/tests/fuzz_corpus.rs`, which
//! replays the seed corpus (and every crash once found, saved as a seed) through the same checks
//! natively.
//!
//! The bar for each input: no panic, a report that says something and serializes, the same
//! verdict and findings from the findings-only report `--batch` builds, and the secret in none
//! of the report's `Debug` or JSON forms.

#![allow(dead_code)] // Each fuzz target uses only its own check.

use presign_core::azure::params::read_sas;
use presign_core::azure::resource::storage_resource;
use presign_core::azure::signature::read_key;
use presign_core::diagnose::azure_error::server_string_to_sign;
use presign_core::error_body::xml::{read_error_xml, unescape};
use presign_core::input::curl::{parse_curl, shell_words};
use presign_core::input::url::parse_url;
use presign_core::share;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::sigv4a::params::read_sigv4a;
use presign_core::time::human_duration;
use presign_core::{
    inspect, inspect_with, HttpMethod, Inputs, Report, ReportDetail, Secret, UnixTime,
};

/// A secret no generated input is likely to contain.
pub const SECRET: &str = "fuzzSECRETq8Zr2vLm0Kx7Wd3Ty6Hb1Nc4";
/// Another secret of the same length, for the control run of [`check_report`].
const OTHER_SECRET: &str = "fuzzOTHERxq8Zr2vLm0Kx7Wd3Ty6Hb1Nc4";

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
            ..Inputs::default()
        };
        check_report(&inputs, now);
    }
}

/// Inspects and checks what the page and the CLI do with a report next: show times, print JSON.
pub fn check_report(inputs: &Inputs, now: UnixTime) {
    let report = inspect(inputs, now);
    assert!(
        !report.verdict.title.is_empty(),
        "every report says something"
    );
    if let Some(v) = &report.validity {
        let _ = (v.signed_at.to_string(), v.expires_at.map(|t| t.to_string()));
        let _ = v.seconds_left.map(human_duration);
    }
    // `--batch` builds less of the report, never other findings.
    let lean = inspect_with(
        inputs,
        now,
        ReportDetail::Findings,
        &mut SigningKeyCache::default(),
    );
    assert_eq!(
        (&lean.verdict, &lean.findings),
        (&report.verdict, &report.findings),
        "the findings-only report differs"
    );
    let json = serde_json::to_string(&report).expect("a report always serializes");
    // The secret must not show because it was given. The input itself may spell it (quoted
    // for a shell, percent-encoded, compressed in a share link) and the report then rightly
    // shows what the input says: a control run with another secret tells the two apart.
    let shows = |report: &Report, inputs: &Inputs, json: &str| {
        format!("{report:?} {inputs:?}").contains(SECRET) || json.contains(SECRET)
    };
    if inputs.secret.is_some() && shows(&report, inputs, &json) {
        let other = Inputs {
            secret: Some(Secret::new(OTHER_SECRET)),
            ..inputs.clone()
        };
        let control = inspect(&other, now);
        let control_json = serde_json::to_string(&control).expect("a report always serializes");
        assert!(
            shows(&control, &other, &control_json),
            "the secret shows in the report's Debug or JSON form because it was given"
        );
    }
}

/// boto3's presigned GET of examplebucket/test.txt (tests/fixtures/sdk), signed a minute
/// before [`NOW`], so the error-body and
/// curl checks reach the signing and comparing code, not just "not a URL".
pub const URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6b57f52889ddf3542cceaa8f30c41987a7ccd297bf7d921db61cce32f77b9c1c";
pub const NOW: UnixTime = UnixTime(1_795_168_860);

/// Curl parsing on arbitrary bytes, and the inspection of the request it describes, pasted
/// as the headers (first byte even) or as the URL (odd).
pub fn curl(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let _ = shell_words(&text);
    let _ = parse_curl(&text);
    let (url, headers) = if flags & 1 == 0 {
        (String::new(), text.to_string())
    } else {
        (text.to_string(), String::new())
    };
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: url.clone(),
            headers: headers.clone(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, NOW);
    }
}

/// Error-body reading on arbitrary bytes, and its comparison with a real presigned URL.
pub fn error_xml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = unescape(&text);
    let error = read_error_xml(&text);
    let _ = (
        error.string_to_sign_exact(),
        error.canonical_request_exact(),
    );
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: URL.to_owned(),
            error_xml: text.to_string(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, NOW);
    }
}

/// Share-link decoding on arbitrary fragments: a fragment either fails with a message or
/// decodes to inputs that encode back to a link decoding to the same inputs; and what a link
/// restores is inspected like anything typed.
pub fn share(data: &[u8]) {
    let fragment = String::from_utf8_lossy(data);
    let Ok(decoded) = share::decode(&fragment) else {
        return;
    };
    let Some(shared) = decoded else {
        return;
    };
    let again = share::decode(&share::encode(&shared));
    assert_eq!(
        again.as_ref().ok().and_then(Option::as_ref),
        Some(&shared),
        "a decoded link re-encodes to itself"
    );
    let _ = share::redact_signature(&shared.url);
    let inputs = Inputs {
        url: shared.url.clone(),
        method: shared.method,
        headers: shared.headers.clone(),
        error_xml: shared.error_xml.clone(),
        secret: Some(Secret::new(SECRET)),
        ..Inputs::default()
    };
    check_report(&inputs, NOW);
}

/// Where an Azure SAS query is put, by the first byte: an account's blob host (a blob, a
/// container, the service root), Azurite's path-style host, a custom domain.
const AZURE_PREFIXES: [&str; 5] = [
    "https://presigninspectorfake.blob.core.windows.net/photos/2026/cat.jpg?",
    "https://presigninspectorfake.blob.core.windows.net/photos?",
    "https://presigninspectorfake.blob.core.windows.net/?",
    "http://127.0.0.1:10000/devstoreaccount1/mycontainer/a.txt?",
    "https://files.example.com/photos/a.jpg?",
];

/// Azure SAS reading and the whole inspection on arbitrary bytes: the first byte picks the
/// host and path, the method and the clock; the rest is the query string, then (after a 0x01
/// byte) the service's error body. Checked without a key, with the fuzz secret (base64 text,
/// so it reaches the signing and the root-cause search) and with the input as the key.
pub fn azure_sas(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let (query, body) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let url_text = format!(
        "{}{query}",
        AZURE_PREFIXES[usize::from(flags) % AZURE_PREFIXES.len()]
    );
    if let Ok(url) = parse_url(&url_text) {
        let _ = (read_sas(&url), storage_resource(&url));
    }
    let _ = server_string_to_sign(body);
    let _ = read_key(&Secret::new(body));
    let method = HttpMethod::ALL[usize::from(flags >> 5) % HttpMethod::ALL.len()];
    // 2026-11-20T10:01:00Z and a week later: SAS made by the SDKs are valid, then expired.
    let now = UnixTime(NOW.0 + i64::from((flags >> 3) & 1) * 7 * 86_400);
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: url_text.clone(),
            method: Some(method),
            error_xml: body.to_owned(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, now);
    }
}

/// SigV4A reading and the whole inspection on arbitrary bytes: the rest after the first byte
/// is the query string of a URL on a Multi-Region Access Point (first byte even) or on a
/// regional host (odd); a 0x01 byte ends it and starts the headers sent. The fuzz secret
/// derives a P-256 key, so the verification and the root-cause search run.
pub fn sigv4a(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let (query, headers) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let host = if flags & 1 == 0 {
        "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com"
    } else {
        "examplebucket.s3.eu-west-1.amazonaws.com"
    };
    let url_text = format!("https://{host}/a.txt?{query}");
    if let Ok(url) = parse_url(&url_text) {
        let _ = read_sigv4a(&url);
    }
    let method = match (flags >> 1) & 7 {
        0 => None,
        n => HttpMethod::ALL
            .get(usize::from(n) % HttpMethod::ALL.len())
            .copied(),
    };
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: url_text.clone(),
            method,
            headers: headers.to_owned(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, NOW);
    }
}
