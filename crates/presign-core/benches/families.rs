//! What the newer families cost natively: SigV4A's key derivation (an HMAC loop and a P-256
//! scalar multiplication), one ECDSA verification, and whole inspections (valid; another
//! secret, so the root-cause search verifies every variant); an Azure SAS valid and with
//! another key. Figures go to docs/performance.md.
//!
//! Run: `cargo bench -p presign-core --bench families`.

use criterion::{criterion_group, criterion_main, Criterion};
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::sigv4a::signature::sigv4a_verifies;
use presign_core::sigv4a::signing_key::sigv4a_public_key;
use presign_core::{inspect, inspect_with, HttpMethod, Inputs, ReportDetail, Secret, UnixTime};
use std::hint::black_box;

/// 2026-11-20T10:01:00Z: a minute after the fixtures were made.
const NOW: UnixTime = UnixTime(1_795_168_860);
const AWS_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AZURITE_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

fn fixture(file: &str, id: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"] == id)
        .unwrap()
}

fn inputs(url: &str, secret: &str) -> Inputs {
    Inputs {
        url: url.to_owned(),
        method: Some(HttpMethod::Get),
        secret: Some(Secret::new(secret)),
        ..Inputs::default()
    }
}

fn bench(c: &mut Criterion) {
    let secret = Secret::new(AWS_SECRET);
    c.bench_function("sigv4a/key derivation", |b| {
        b.iter(|| sigv4a_public_key(black_box(&secret), black_box("AKIAIOSFODNN7EXAMPLE")));
    });
    let record = fixture(
        "sigv4a/botocore-crt.jsonl",
        "botocore-crt/get-mrap-unicode-key",
    );
    let sts = record["string_to_sign"].as_str().unwrap();
    let url = record["url"].as_str().unwrap();
    let signature = &url[url.find("X-Amz-Signature=").unwrap() + 16..];
    let key = sigv4a_public_key(&secret, "AKIAIOSFODNN7EXAMPLE").unwrap();
    c.bench_function("sigv4a/one verification", |b| {
        b.iter(|| sigv4a_verifies(black_box(&key), black_box(sts), black_box(signature)));
    });
    // The page and --batch keep the derived key across inspections.
    let mut keys = SigningKeyCache::default();
    let valid = inputs(url, AWS_SECRET);
    c.bench_function("sigv4a/inspect, valid, key cached", |b| {
        b.iter(|| inspect_with(black_box(&valid), NOW, ReportDetail::Full, &mut keys));
    });
    let other = inputs(url, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ");
    let tried = inspect(&other, NOW)
        .root_cause
        .map_or(0, |s| s.variants_tried);
    c.bench_function(
        &format!("sigv4a/inspect, another secret, key cached ({tried} variants)"),
        |b| {
            b.iter(|| inspect_with(black_box(&other), NOW, ReportDetail::Full, &mut keys));
        },
    );
    let sas = fixture("azure-sas/azure-sas.jsonl", "azure-sas/blob-unicode-name");
    let sas_url = sas["url"].as_str().unwrap();
    let valid = inputs(sas_url, AZURITE_KEY);
    c.bench_function("azure-sas/inspect, valid", |b| {
        b.iter(|| inspect(black_box(&valid), NOW));
    });
    let other_key = "A".repeat(86) + "==";
    let other = inputs(sas_url, &other_key);
    c.bench_function("azure-sas/inspect, another key (whole search)", |b| {
        b.iter(|| inspect(black_box(&other), NOW));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
