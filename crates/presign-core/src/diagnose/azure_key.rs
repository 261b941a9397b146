//! An Azure SAS's verdict with the key, and the evidence about the key itself: not base64, a
//! connection string without a key or of another account, a key of the wrong size.

use crate::azure::params::SasKind;
use crate::azure::signature::{KeyProblem, SasKey};
use crate::diagnose::verdict::{signature_mismatch, signature_valid};
use crate::finding::{Code, Finding, Severity};

/// `azure-key-format` for a typed key that cannot be one.
pub fn key_problem(problem: KeyProblem) -> Finding {
    let (title, detail) = match problem {
        KeyProblem::NotBase64 => (
            "The key is not base64",
            "Azure account keys (and user delegation key values) are base64, 88 characters for an account key: copy key1 or key2 from the storage account's Access keys, without quotes or line breaks, or paste the whole connection string.",
        ),
        KeyProblem::NoAccountKey => (
            "The connection string has no AccountKey",
            "Only a connection string with AccountKey=… holds a key that signs; one with SharedAccessSignature=… holds a SAS, not a key. Paste the account key, or a connection string with AccountKey.",
        ),
    };
    Finding::new(Code::AzureKeyFormat, Severity::Error, title, detail)
}

/// Positive evidence that the typed key is not the one that signed, shown with a mismatch:
/// a connection string of another account, or a key of the wrong size for the kind of SAS.
pub fn key_evidence(key: &SasKey, kind: SasKind, account: Option<&str>) -> Option<Finding> {
    if let (Some(theirs), Some(ours)) = (key.connection_string_account.as_deref(), account) {
        if !theirs.eq_ignore_ascii_case(ours) {
            return Some(
                Finding::new(
                    Code::AzureKeyFormat,
                    Severity::Error,
                    format!("The connection string is for the account {theirs}, the SAS for {ours}"),
                    format!("A SAS verifies only with a key of its own account. Paste the key (or connection string) of {ours}."),
                )
                .with("connection-string-account", theirs)
                .with("sas-account", ours),
            );
        }
    }
    let len = key.bytes.len();
    let (expected, words) = match kind {
        SasKind::UserDelegation => (32, "A user delegation SAS is signed with the Value of the user delegation key (32 bytes, 44 base64 characters), not with an account key."),
        _ => (64, "An account key is 64 bytes (88 base64 characters): copy key1 or key2 of the storage account whole."),
    };
    (len != expected).then(|| {
        Finding::new(
            Code::AzureKeyFormat,
            Severity::Error,
            format!("The key typed here is {len} bytes, not {expected}"),
            words,
        )
        .with("bytes", len.to_string())
    })
}

/// The verdict: the key signs the string to sign to `sig`, or not.
pub fn verification(valid: bool, provided: &str, computed: &str, tried: Option<usize>) -> Finding {
    if valid {
        return signature_valid(
            "Signing the string to sign computed here with the key gives exactly the sig in the URL: the SAS is what was signed, for this resource.",
            provided,
        );
    }
    let searched = tried.map_or_else(String::new, |n| {
        format!(" None of the {n} variants tried here (other versions' layouts, other encodings of the values and the blob name, the key's text as the key) reproduces it either.")
    });
    signature_mismatch(
        format!("Signing the string to sign computed here with the key gives another signature, so the service answers 403 AuthenticationFailed (\u{201c}Signature did not match\u{201d}).{searched} Nothing proves a cause. What remains possible, most likely first: (1) the URL was changed after the SAS was made in a way the search does not try; to tell: compare it with the URL as it was made, or paste the service's error body (its string to sign shows what the service received). (2) The SAS was made for another resource than this URL names; to tell: the error body's string to sign names the resource. (3) Another key signed it (key1 and key2 differ; a rotated key; another account); to tell: when the service's string to sign equals the one computed here, only the key remains."),
        provided,
        Some(computed),
    )
}
