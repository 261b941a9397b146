//! The header-signed requests of tests/fixtures/sigv4-header/ (botocore and the AWS SDK for
//! JavaScript v3, signed 2026-11-20T10:00:00Z with fake keys), and the edits the findings tests
//! make to them. Included with `#[path]` by the core's and the command line's tests.

#![allow(dead_code)] // Each test file uses what it needs.

use presign_core::{inspect, Inputs, Secret, UnixTime};
use std::fmt::Write as _;
use std::path::Path;

/// 2026-11-20T10:00:00Z, when every fixture was signed.
pub const SIGNED_AT: i64 = 1_795_168_800;

/// One recorded request.
pub struct HeaderCase {
    pub id: String,
    pub raw: String,
    pub secret: String,
    pub canonical_request: String,
}

fn fixtures() -> std::path::PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/sigv4-header")
}

/// The record `id` (`botocore/dynamodb-get-item`, `aws-sdk-js-v3/s3-put-object`, …).
pub fn case(id: &str) -> HeaderCase {
    let file = if id.starts_with("botocore/") {
        "botocore.jsonl"
    } else {
        "aws-sdk-js-v3.jsonl"
    };
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let v: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"));
    let s = |k: &str| v[k].as_str().unwrap().to_owned();
    HeaderCase {
        id: s("id"),
        raw: s("raw_request"),
        secret: s("secret_access_key"),
        canonical_request: s("canonical_request"),
    }
}

/// A debug log of tests/fixtures/sigv4-header/logs/.
pub fn log(path: &str) -> String {
    std::fs::read_to_string(fixtures().join("logs").join(path)).unwrap()
}

/// `raw` with the value of header `name` (first occurrence, any case) replaced.
pub fn set_header(raw: &str, name: &str, value: &str) -> String {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let mut done = false;
    let lines: Vec<String> = head
        .split("\r\n")
        .map(|line| match line.split_once(':') {
            Some((n, _)) if !done && n.eq_ignore_ascii_case(name) => {
                done = true;
                format!("{n}: {value}")
            }
            _ => line.to_owned(),
        })
        .collect();
    assert!(done, "no header {name}");
    format!("{}\r\n\r\n{body}", lines.join("\r\n"))
}

/// `raw` with the body replaced (and Content-Length with it, when sent).
pub fn set_body(raw: &str, body: &str) -> String {
    let (head, _) = raw.split_once("\r\n\r\n").unwrap();
    let with = format!("{head}\r\n\r\n{body}");
    if head.to_ascii_lowercase().contains("\r\ncontent-length:") {
        set_header(&with, "content-length", &body.len().to_string())
    } else {
        with
    }
}

/// The Authorization header's value.
pub fn authorization(raw: &str) -> String {
    raw.split("\r\n")
        .find_map(|l| {
            l.strip_prefix("Authorization: ")
                .or_else(|| l.strip_prefix("authorization: "))
        })
        .unwrap()
        .to_owned()
}

/// Inspects `raw` with `secret`, `seconds` after the fixtures' signing time.
pub fn inspect_raw(raw: &str, secret: Option<&str>, seconds: i64) -> presign_core::Report {
    inspect(
        &Inputs {
            url: raw.to_owned(),
            secret: secret.map(Secret::new),
            ..Inputs::default()
        },
        UnixTime(SIGNED_AT + seconds),
    )
}

/// `raw` signed again with `secret` as it now reads (its Authorization header's scope and
/// signed headers kept, the signature replaced by the one computed for it).
pub fn resign(raw: &str, secret: &str) -> String {
    let report = inspect_raw(raw, Some(secret), 60);
    let computed = report
        .sigv4_header
        .and_then(|h| h.computed_signature)
        .expect("a signature computed");
    let auth = authorization(raw);
    let (before, _) = auth.rsplit_once("Signature=").unwrap();
    raw.replace(&auth, &format!("{before}Signature={computed}"))
}

/// `raw` with the date headers and the credential scope moved to `amz_date`
/// (`YYYYMMDDTHHMMSSZ`), signed again.
pub fn signed_at(raw: &str, secret: &str, amz_date: &str) -> String {
    let raw = set_header(raw, "x-amz-date", amz_date);
    let auth = authorization(&raw);
    let moved = auth.replacen("/20261120/", &format!("/{}/", &amz_date[..8]), 1);
    resign(&raw.replace(&auth, &moved), secret)
}

/// The S3 documentation's chunk-signed upload (65536 + 1024 + 0 bytes of `a`) as a raw request,
/// from tests/fixtures/sigv4-header-vectors/sigv4-streaming-s3; `edit` may change the body.
pub fn streaming_request(edit: impl Fn(&mut Vec<u8>)) -> (String, serde_json::Value) {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/sigv4-header-vectors/sigv4-streaming-s3/streaming-aws4-hmac-sha256-payload.json");
    let vector: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let seed = vector["seed_canonical_request"].as_str().unwrap();
    let lines: Vec<&str> = seed.split('\n').collect();
    let mut request = format!("PUT {} HTTP/1.1\r\n", lines[1]);
    for h in &lines[3..lines.len() - 3] {
        let (name, value) = h.split_once(':').unwrap();
        let _ = write!(request, "{name}: {value}\r\n");
    }
    let _ = write!(
        request,
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders={},Signature={}\r\n\r\n",
        lines[lines.len() - 2],
        vector["seed_signature"].as_str().unwrap()
    );
    let mut body = Vec::new();
    for (chunk, size) in vector["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .zip([65536, 1024, 0])
    {
        let header = chunk["wire_chunk_header"]
            .as_str()
            .unwrap()
            .replace("\\r\\n", "\r\n");
        body.extend_from_slice(header.as_bytes());
        body.extend(std::iter::repeat_n(b'a', size));
        body.extend_from_slice(b"\r\n");
    }
    edit(&mut body);
    request.push_str(&String::from_utf8(body).unwrap());
    (request, vector)
}
