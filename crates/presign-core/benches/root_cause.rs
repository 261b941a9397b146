//! How long the root-cause search takes: the whole `inspect` of a URL whose signature does not
//! match (so every variant is re-signed), and the search alone. Target: under 5 ms natively.
//!
//! Run: `cargo bench -p presign-core --bench root_cause`. The cases are SDK fixtures (tests/fixtures/sdk) with
//! a wrong secret (no variant matches, so the search runs to the end), plus a long key and a
//! SigV2 URL (its search of its own).

use criterion::{criterion_group, criterion_main, Criterion};
use presign_core::{inspect, HttpMethod, Inputs, Secret, UnixTime};
use std::hint::black_box;

/// 2026-11-20T10:01:00Z: a minute after the fixtures were signed.
const NOW: UnixTime = UnixTime(1_795_168_860);

fn fixture_url(file: &str, id: &str) -> String {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/sdk/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let line = text
        .lines()
        .find(|l| {
            l.contains(&format!("\"id\": \"{id}\"")) || l.contains(&format!("\"id\":\"{id}\""))
        })
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    value["url"].as_str().unwrap().to_owned()
}

/// A 4096-byte presigned PUT URL shaped as scripts/bench-browser.mjs's budgeted one (a long
/// last key segment, content-type signed, `x-id`); its signature is no one's, so the whole
/// search runs.
fn url_of_4_kb() -> String {
    let url = |n: usize| {
        format!(
            "https://bench-uploads.s3.eu-west-1.amazonaws.com/uploads/2026/{}.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&x-id=PutObject&X-Amz-Signature={}",
            "r".repeat(n),
            "0".repeat(64)
        )
    };
    let n = 4096 - url(0).len();
    url(n)
}

fn bench(c: &mut Criterion) {
    let cases = [
        (
            "boto3/get-basic",
            fixture_url("boto3.jsonl", "boto3/get-basic"),
            HttpMethod::Get,
            "",
        ),
        (
            "boto3/put-content-type",
            fixture_url("boto3.jsonl", "boto3/put-content-type"),
            HttpMethod::Put,
            "Content-Type: text/plain",
        ),
        (
            "boto3/key-long",
            fixture_url("boto3.jsonl", "boto3/key-long"),
            HttpMethod::Get,
            "",
        ),
        (
            "aws-sdk-js-v3/put-basic",
            fixture_url("aws-sdk-js-v3.jsonl", "aws-sdk-js-v3/put-basic"),
            HttpMethod::Put,
            "",
        ),
        (
            "aws-sdk-js-v3/get-session-token",
            fixture_url("aws-sdk-js-v3.jsonl", "aws-sdk-js-v3/get-session-token"),
            HttpMethod::Get,
            "",
        ),
        (
            "boto3-sigv2/get-basic",
            fixture_url("boto3-sigv2.jsonl", "boto3-sigv2/get-basic"),
            HttpMethod::Get,
            "",
        ),
    ];
    let mut group = c.benchmark_group("root_cause_search");
    for (name, url, method, headers) in cases.into_iter().chain([(
        "4 KB PUT URL, the browser bench's shape",
        url_of_4_kb(),
        HttpMethod::Put,
        "Content-Type: application/octet-stream",
    )]) {
        let inputs = Inputs {
            url,
            method: Some(method),
            headers: headers.to_owned(),
            secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEY")),
            ..Inputs::default()
        };
        let report = inspect(&inputs, NOW);
        let tried = report.root_cause.as_ref().map_or(0, |r| r.variants_tried);
        assert!(tried >= 200, "{name}: only {tried} variants");
        group.bench_function(format!("inspect {name} ({tried} variants)"), |b| {
            b.iter(|| inspect(black_box(&inputs), NOW));
        });
    }
    // The same inspection without the search (right secret), to see what the search adds.
    let baseline = Inputs {
        url: fixture_url("boto3.jsonl", "boto3/get-basic"),
        method: Some(HttpMethod::Get),
        secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
        ..Inputs::default()
    };
    assert!(inspect(&baseline, NOW).root_cause.is_none());
    group.bench_function(
        "inspect boto3/get-basic, signature valid (no search)",
        |b| b.iter(|| inspect(black_box(&baseline), NOW)),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
