//! The command line on the newer families: an Azure SAS checked with the account key, a
//! SigV4A URL verified with the secret; `--json` names the family, the verdict and the
//! findings, and the exit status follows the errors.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");
const AZURITE_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const AWS_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const NOW: &str = "2026-11-20T10:01:00Z";

fn fixture_url(file: &str, id: &str) -> String {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"] == id)
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Runs with the key in the environment variable KEY; (exit code, stdout).
fn run(args: &[&str], key: &str) -> (i32, String) {
    let out = Command::new(BIN)
        .args(args)
        .env("KEY", key)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).expect("one JSON object")
}

#[test]
fn azure_sas_with_the_account_key() {
    let url = fixture_url("azure-sas/azure-sas.jsonl", "azure-sas/blob-rw-start");
    let (code, out) = run(
        &[
            "--json",
            "--secret-env",
            "KEY",
            "--method",
            "PUT",
            "--now",
            NOW,
            &url,
        ],
        AZURITE_KEY,
    );
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    assert_eq!(v["family"], "azure-sas");
    assert_eq!(v["verdict"]["code"], "signature-valid");
    assert_eq!(v["azure_sas"]["verified"], true);
    // Another key: a mismatch, exit 1; the key never appears in the output.
    let other = "A".repeat(86) + "==";
    let (code, out) = run(
        &[
            "--json",
            "--secret-env",
            "KEY",
            "--method",
            "PUT",
            "--now",
            NOW,
            &url,
        ],
        &other,
    );
    assert_eq!(code, 1);
    assert_eq!(json(&out)["verdict"]["code"], "signature-mismatch");
    assert!(!out.contains(&other));
    // The text report: the SAS in words and its string to sign.
    let (_, text) = run(
        &["--secret-env", "KEY", "--method", "GET", "--now", NOW, &url],
        AZURITE_KEY,
    );
    for part in [
        "storage account   presigninspectorfake",
        "permissions       rw",
        "String to sign (layout of sv 2020-12-06 and later)",
        "Verdict: OK signature-valid",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert!(!text.contains(AZURITE_KEY));
}

#[test]
fn azure_sas_permissions_against_the_method() {
    let url = fixture_url("azure-sas/azure-sas.jsonl", "azure-sas/blob-r");
    let (code, out) = run(&["--json", "--method", "DELETE", "--now", NOW, &url], "");
    assert_eq!(code, 1);
    assert_eq!(json(&out)["verdict"]["code"], "azure-permission-missing");
}

#[test]
fn sigv4a_verified_and_its_method_found() {
    let url = fixture_url("sigv4a/botocore-crt.jsonl", "botocore-crt/put-mrap");
    // No method told: the signature says PUT.
    let (code, out) = run(
        &["--json", "--secret-env", "KEY", "--now", NOW, &url],
        AWS_SECRET,
    );
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    assert_eq!(v["family"], "sigv4a");
    assert_eq!(v["verdict"]["code"], "signature-valid");
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"signed-method"), "{codes:?}");
    // Sent as GET: the search names PUT.
    let (code, out) = run(
        &[
            "--json",
            "--secret-env",
            "KEY",
            "--method",
            "GET",
            "--now",
            NOW,
            &url,
        ],
        AWS_SECRET,
    );
    assert_eq!(code, 1);
    assert_eq!(json(&out)["verdict"]["code"], "method-mismatch");
}
