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
use presign_core::cloudfront::policy::{canned_policy, read_policy, resource_matches};
use presign_core::diagnose::azure_error::server_string_to_sign;
use presign_core::encode::{base64, Base64};
use presign_core::error_body::xml::{read_error_xml, unescape};
use presign_core::input::curl::{parse_curl, shell_words};
use presign_core::input::curl_form::form_part;
use presign_core::input::form::read_post;
use presign_core::input::html_form::read_html_form;
use presign_core::input::json::read_json;
use presign_core::input::multipart::{read_http_request, read_multipart};
use presign_core::input::pem::pem_blocks;
use presign_core::input::post_json::read_post_json;
use presign_core::input::public_key::read_public_keys;
use presign_core::input::url::parse_url;
use presign_core::post_policy::policy::decode_policy;
use presign_core::post_policy::UploadFile;
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
        upload: shared.upload.clone(),
        public_key: shared.public_key.clone(),
        secret: Some(Secret::new(SECRET)),
        ..Inputs::default()
    };
    check_report(&inputs, NOW);
}

/// boto3's presigned POST boto3/conditions-full (tests/fixtures/post-policy), fields in order,
/// with `{policy}` where its policy goes: the `post` target puts generated policies there.
const POST_TEMPLATE: &str = r#"{"url": "https://examplebucket.s3.amazonaws.com/", "fields": {"acl": "public-read", "success_action_status": "201", "Content-Type": "image/jpeg", "x-amz-meta-uuid": "14365123651274", "x-amz-meta-tag": "vacation", "key": "user/eric/${filename}", "x-amz-algorithm": "AWS4-HMAC-SHA256", "x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/s3/aws4_request", "x-amz-date": "20261120T100000Z", "policy": "{policy}", "x-amz-signature": "c7c98f0fc4136b41d06e270cbe39278aa0757576a5bf88e1d2d1403872036216"}}"#;

/// Presigned POST reading on arbitrary bytes: every reader (the SDK's JSON, HTML forms,
/// multipart bodies and requests, curl `-F` values, JSON, policies) on the text, and the whole
/// inspection. The first byte picks how the rest is used: bit 0 set, as the policy of a real
/// boto3 POST (so the conditions and the signature code run on generated policies); else as
/// the main input. Bits 1-3 pick a file (none, sizes around the policy's range, a name).
pub fn post(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let _ = read_post(&text);
    let _ = read_post_json(&text);
    let _ = read_html_form(&text);
    let _ = read_multipart(&text, None);
    let _ = read_multipart(&text, Some("b"));
    let _ = read_http_request(&text);
    let _ = form_part(&text);
    let _ = read_json(&text).map(|r| r.value.to_text());
    let policy = base64(text.as_bytes(), Base64::Standard);
    let _ = decode_policy(&policy);
    let _ = decode_policy(&text);
    let main = if flags & 1 == 1 {
        POST_TEMPLATE.replace("{policy}", &policy)
    } else {
        text.to_string()
    };
    let upload = match (flags >> 1) & 7 {
        0 => None,
        n => Some(UploadFile {
            name: (n & 1 == 1).then(|| "dir\\photo ${filename}.jpg".to_owned()),
            size: Some([0, 1, 10_485_760, 10_485_761, u64::MAX][usize::from(n) % 5]),
            content_type: (n & 2 == 2).then(|| "image/png".to_owned()),
        }),
    };
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: main.clone(),
            upload: upload.clone(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, NOW);
        let _ = share::redact_signature(&main);
    }
}
/// The test-only public keys of tests/fixtures (GCS service account, CloudFront key pair).
const GCS_KEY: &str = include_str!("../tests/fixtures/gcs/test-only-fake-sa-public-key.pem");
const CLOUDFRONT_KEY: &str =
    include_str!("../tests/fixtures/cloudfront/test-only-fake-cf-public-key.pem");
/// gcs/get-basic and botocore/custom-start-ip, valid at [`NOW`].
pub const GCS_URL: &str = "https://storage.googleapis.com/example-bucket/folder/report.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=signer%40presign-inspector-fixtures.iam.gserviceaccount.com%2F20261120%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20261120T100000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature=378dc9f40d78aaebb2dcc3994c55109b65e207e773c25f8d7d4fb5d749fd9895282f20aace5889a8c979d2903637c312730a0ad0ab006a1f89c07eb8a2fe8573ff0fe35dae4186133e2fa800a2eb9841d8fa89fe6c81fc7e92ef1ff9fe68da854f78456aeebc98bfbabd39ba2b7d1fda7815a58638ebffe696e1d1f31b7d202cbcc4d5f18c66adde90304b33a4bd8b45668b1e9055d3884255195fd55c11b4201fc088a471617321e0ca3e159a9950b256662fa2392d7370e20ddaaed12fc4cfa0cd82933f6abed57126ddec2dd9b055f143ee69b4b8f233958b34110727ecc068a9aa1cd6ca29fc98d493e70381c7bd2576e35863c3d32087d8cb07eb4e36a6";

/// A signed URL of a key-verified family (GCS, CloudFront) on arbitrary bytes, verified with
/// the fixtures' public keys (the first byte picks which, the method and the clock); a 0x01
/// byte splits the URL from the headers, a second one the headers from an error body.
pub fn signed_url(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(3, '\u{1}');
    let (url, headers, error_xml) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let key = match flags & 3 {
        0 => GCS_KEY.to_owned(),
        1 => CLOUDFRONT_KEY.to_owned(),
        2 => serde_json::json!({ "a": GCS_KEY, "b": CLOUDFRONT_KEY }).to_string(),
        _ => String::new(),
    };
    let method = match (flags >> 2) & 7 {
        0 => None,
        n => HttpMethod::ALL
            .get(usize::from(n) % HttpMethod::ALL.len())
            .copied(),
    };
    let now = UnixTime(NOW.0 + i64::from(flags >> 5) * 1_000_000 - 2_000_000);
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: url.to_owned(),
            method,
            headers: headers.to_owned(),
            error_xml: error_xml.to_owned(),
            public_key: key.clone(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            ..Inputs::default()
        };
        check_report(&inputs, now);
    }
}

/// The public-key reader on arbitrary bytes (PEM, certificates, JSON maps, base64 DER), and a
/// GCS URL checked with whatever it read; and a CloudFront policy read from the same bytes.
pub fn public_key(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = pem_blocks(&text);
    let keys = read_public_keys(&text);
    for key in &keys.keys {
        let _ = (key.describe(), key.key.open(data), key.key.fingerprint());
    }
    let policy = read_policy(data);
    if let Some(resource) = &policy.resource {
        let _ = resource_matches(resource, &text);
    }
    let _ = canned_policy(&text, "1");
    let inputs = Inputs {
        url: GCS_URL.to_owned(),
        public_key: text.to_string(),
        ..Inputs::default()
    };
    check_report(&inputs, NOW);
}

/// A request head that reaches the header-signed pipeline's signing and comparing code: what
/// the fuzzer adds becomes more headers and the body.
const HEADER_SIGNED: &str = "POST / HTTP/1.1\r\nHost: dynamodb.us-east-1.amazonaws.com\r\nX-Amz-Date: 20261120T100000Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=ccf73fe3e07747aaca55cc4d53376542a6dcfa0d496dc22a98b5563bf5232f05\r\n";

/// Header-signed requests on arbitrary bytes: the readers (raw HTTP request, SDK debug log,
/// Authorization header, aws-chunked body, service error body) and the whole inspection. The
/// first byte picks how the rest is pasted (bits 0–1: as is, after a signed request head,
/// after an SDK log's `CanonicalRequest:` label, as a curl command's header; bit 2: with a body
/// file; bit 3: the clock); a 0x01 byte splits off the service's error body.
pub fn sigv4_header(data: &[u8]) {
    use presign_core::error_body::service::read_service_error;
    use presign_core::input::body::BodyDigest;
    use presign_core::input::http::{dechunk, parse_http_request};
    use presign_core::input::sdk_log::parse_sdk_log;
    use presign_core::sigv4::authorization::parse_authorization;
    use presign_core::sigv4::streaming::read_aws_chunks;

    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let (pasted, body) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let _ = parse_http_request(pasted);
    let _ = parse_sdk_log(pasted);
    let _ = parse_authorization(pasted);
    let _ = read_aws_chunks(pasted.as_bytes());
    let _ = dechunk(pasted.as_bytes());
    let _ = read_service_error(body);
    let main = match flags & 3 {
        0 => pasted.to_owned(),
        1 => format!("{HEADER_SIGNED}{pasted}"),
        2 => format!("2026-11-20 10:00:00,000 botocore.auth [DEBUG] CanonicalRequest:\n{pasted}"),
        _ => format!(
            "curl -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00' -H 'X-Amz-Date: 20261120T100000Z' -H {pasted:?} https://b.s3.amazonaws.com/k"
        ),
    };
    let now = if flags & 8 == 0 {
        NOW
    } else {
        UnixTime(NOW.0 + 3600)
    };
    for with_secret in [false, true] {
        let inputs = Inputs {
            url: main.clone(),
            error_xml: body.to_owned(),
            secret: with_secret.then(|| Secret::new(SECRET)),
            body: (flags & 4 != 0).then(|| BodyDigest::of(pasted.as_bytes(), "fuzz")),
            ..Inputs::default()
        };
        check_report(&inputs, now);
    }
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
