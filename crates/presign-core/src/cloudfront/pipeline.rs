//! The CloudFront pipeline: read the signing parameters, rebuild (canned) or read (custom) the
//! policy, check its window, resource and addresses, verify the signature with the public key
//! given, search for what changed when it does not verify, read the error body, fill the report.

use super::params::{
    read_cloudfront_params, CloudfrontParams, PolicyKind, HASH_ALGORITHM, POLICY, SIGNATURE,
};
use super::policy::{canned_policy, read_policy, resource_matches, PolicyConditions};
use super::signature::hash_of;
use super::CloudfrontComputation;
use crate::crypto::{Opened, RsaHash};
use crate::diagnose::root_cause::cloudfront::search_canned;
use crate::diagnose::{cloudfront, guard, public_key, reading, service_error, verdict};
use crate::encode::hex;
use crate::input::public_key::{read_public_keys, PublicKey, PublicKeys};
use crate::input::url::RawUrl;
use crate::inspect::{sent_request, Inputs};
use crate::report::{DecodedField, Family, FieldStyle, Report, Signing, SigningStep, Validity};
use crate::time::UnixTime;

/// Inspects a CloudFront signed URL into `report`.
pub fn inspect_cloudfront(inputs: &Inputs, url: RawUrl, report: &mut Report) {
    report.family = Some(Family::Cloudfront);
    let params = read_cloudfront_params(&url);
    parameter_findings(&url, &params, report);
    let hash = hash_of(params.hash_algorithm.as_deref());
    if let (None, Some(value)) = (hash, params.hash_algorithm.as_deref()) {
        report
            .findings
            .push(cloudfront::unknown_hash_algorithm(value));
    }
    let policy = match params.kind {
        Some(PolicyKind::Canned) => params
            .expires_text
            .as_deref()
            .filter(|_| params.expires.is_some())
            .map(|e| canned_policy(&params.resource, e).into_bytes()),
        Some(PolicyKind::Custom) => params.policy.clone(),
        None => None,
    };
    let conditions = (params.kind == Some(PolicyKind::Custom))
        .then(|| policy.as_deref().map(read_policy))
        .flatten();
    let (start, end) = match &conditions {
        Some(c) => (
            c.date_greater_than.map(UnixTime),
            c.date_less_than.map(UnixTime),
        ),
        None => (None, params.expires.map(UnixTime)),
    };
    if let Some(c) = &conditions {
        policy_findings(c, &params.resource, report);
    }
    report
        .findings
        .extend(cloudfront::window(start, end, report.now));
    // CloudFront URLs carry no signing time: the window's start stands for it, or its end
    // when the policy has no start.
    report.validity = end.map(|end| Validity {
        signed_at: start.unwrap_or(end),
        expires_at: Some(end),
        now: report.now,
        seconds_left: Some(end.0.saturating_sub(report.now.0)),
    });
    let mut computation = CloudfrontComputation {
        kind: params.kind,
        key_pair_id: params.key_pair_id.clone(),
        resource: params.resource.clone(),
        policy: policy.as_deref().map(crate::encode::display),
        conditions,
        hash,
        verified_with: None,
        signed_digest: None,
    };
    let mut steps: Vec<SigningStep> = computation
        .policy
        .iter()
        .map(|p| policy_step(params.kind, p))
        .collect();
    let keys = read_public_keys(&inputs.public_key);
    report
        .findings
        .extend(keys.problems.iter().map(public_key::key_problem));
    if let (Some(policy), Some(signature), Some(hash)) = (&policy, &params.signature, hash) {
        verify(
            &keys,
            &params,
            policy,
            signature,
            hash,
            &mut computation,
            &mut steps,
            report,
        );
    }
    if let Some((cmp, findings)) =
        service_error::compare("CloudFront", &inputs.error_xml, None, None)
    {
        report.findings.extend(findings);
        report.findings.extend(cloudfront::error_code(&cmp.error));
        report.server = Some(cmp);
    }
    let (request, _) = sent_request(inputs, report.curl.as_ref(), &url, None);
    report.decoded = decoded(&params, &computation, start, end);
    report
        .decoded
        .extend(keys.keys.iter().map(PublicKey::describe));
    report.parameters = crate::explain::parameter_rows(&url, crate::explain::cloudfront_parameter);
    report.signing = Some(Signing {
        steps,
        provided_in: "Signature".to_owned(),
        provided: params.signature_text.clone(),
        computed: None,
    });
    report.cloudfront = Some(computation);
    report.url = Some(url);
    report.request = Some(request);
}

fn policy_step(kind: Option<PolicyKind>, policy: &str) -> SigningStep {
    let title = match kind {
        Some(PolicyKind::Canned) => {
            "Canned policy, rebuilt from the URL and Expires (the signed bytes)"
        }
        _ => "Custom policy, decoded from Policy (the signed bytes)",
    };
    SigningStep {
        id: "policy".to_owned(),
        title: title.to_owned(),
        text: policy.to_owned(),
    }
}

/// What the parameters show: unreadable ones, and base64 that is not CloudFront's.
fn parameter_findings(url: &RawUrl, params: &CloudfrontParams, report: &mut Report) {
    report.findings.extend(guard::bad_escapes(url));
    report
        .findings
        .extend(params.problems.iter().map(reading::problem_finding));
    for (name, value) in [
        (SIGNATURE, &params.signature_text),
        (POLICY, &params.policy_text),
    ] {
        report.findings.extend(
            value
                .as_deref()
                .and_then(|v| cloudfront::base64_alphabet(name, v)),
        );
    }
}

/// What a custom policy shows: what CloudFront would refuse, the URL outside its Resource, and
/// the client addresses it allows.
fn policy_findings(c: &PolicyConditions, resource: &str, report: &mut Report) {
    if !c.problems.is_empty() {
        report
            .findings
            .push(cloudfront::malformed_policy(&c.problems));
    }
    if let Some(pattern) = &c.resource {
        if resource_matches(pattern, resource) == Some(false) {
            report
                .findings
                .push(cloudfront::resource_mismatch(pattern, resource));
        }
    }
    if let Some(ip) = &c.source_ip {
        report.findings.push(cloudfront::ip_restriction(ip));
    }
}

#[allow(clippy::too_many_arguments)]
fn verify(
    keys: &PublicKeys,
    params: &CloudfrontParams,
    policy: &[u8],
    signature: &[u8],
    hash: RsaHash,
    computation: &mut CloudfrontComputation,
    steps: &mut Vec<SigningStep>,
    report: &mut Report,
) {
    if keys.keys.is_empty() {
        return;
    }
    let provided = params.signature_text.as_deref().unwrap_or_default();
    if let Some(key) = keys
        .keys
        .iter()
        .find(|k| k.key.verify(hash, policy, signature))
    {
        computation.verified_with = Some(key.source.clone());
        report.findings.push(verdict::signature_valid(
            format!("The RSA-{} signature verifies with the {} ({}-bit key) over the policy: it was signed by the holder of that key's private half, for this URL and these conditions. CloudFront accepts it if this key is in a key group the cache behavior trusts, under Key-Pair-Id {}.", hash.name(), key.source, key.key.bits(), params.key_pair_id.as_deref().unwrap_or("?")),
            provided,
        ));
        return;
    }
    let opened: Vec<(String, Opened)> = keys
        .keys
        .iter()
        .map(|k| (k.source.clone(), k.key.open(signature)))
        .collect();
    if let Some((source, signed_hash, digest)) = opened.iter().find_map(|(s, o)| match o {
        Opened::Digest { hash, digest } => Some((s, *hash, digest)),
        _ => None,
    }) {
        computation.signed_digest = Some(hex(digest));
        steps.push(SigningStep {
            id: "signature-opened".to_owned(),
            title: "The signature, opened with the public key".to_owned(),
            text: format!(
                "{} the signature carries: {}\n{} of the policy here:      {}",
                signed_hash.name(),
                hex(digest),
                signed_hash.name(),
                hex(&signed_hash.digest(policy))
            ),
        });
        report.findings.push(verdict::signature_mismatch(
            format!("The {source} made this signature, but not over this policy with {}: what CloudFront checks differs from what was signed.", hash.name()),
            provided,
            None,
        ));
        if signed_hash != hash && signed_hash.digest(policy) == *digest {
            report
                .findings
                .push(cloudfront::signed_with_other_hash(signed_hash, hash));
        } else if let (Some(PolicyKind::Canned), Some(expires)) =
            (params.kind, params.expires_text.as_deref())
        {
            let search = search_canned(&params.resource, expires, signed_hash, digest);
            report
                .findings
                .extend(crate::diagnose::root_cause::gcs::findings(&search));
            report.root_cause = Some(search);
        }
        return;
    }
    if let Some(Opened::WrongLength { expected, got }) = opened
        .iter()
        .map(|(_, o)| o)
        .find(|o| matches!(o, Opened::WrongLength { .. }))
    {
        report.findings.push(reading::problem_finding(
            &crate::sigv4::params::ParamProblem::Malformed {
                name: SIGNATURE,
                value: format!("{got} bytes"),
                expected: if got < expected {
                    "as many bytes as the key's modulus: this one is shorter, so it was cut off"
                } else {
                    "as many bytes as the key's modulus: this one is longer"
                },
            },
        ));
        return;
    }
    let sources: Vec<String> = opened.into_iter().map(|(s, _)| s).collect();
    let id = params.key_pair_id.as_deref().unwrap_or("the Key-Pair-Id");
    report
        .findings
        .push(public_key::public_key_mismatch(&sources, id, "CloudFront"));
    report.findings.push(verdict::signature_mismatch("The signature does not verify with the key given, and was not made with it (see the finding above).", provided, None));
}

fn decoded(
    params: &CloudfrontParams,
    c: &CloudfrontComputation,
    start: Option<UnixTime>,
    end: Option<UnixTime>,
) -> Vec<DecodedField> {
    let mut out = Vec::new();
    if let Some(id) = &params.key_pair_id {
        let note = if id.starts_with("APKA") {
            "A legacy CloudFront key pair of the root account (trusted signers)."
        } else {
            "The id of a public key in a key group that the cache behavior must trust."
        };
        out.push(
            DecodedField::new("Signed by (Key-Pair-Id)", id.clone(), FieldStyle::Code).note(note),
        );
    }
    if let Some(kind) = params.kind {
        let (value, note) = match kind {
            PolicyKind::Canned => ("canned policy", "Only an expiry; the policy is rebuilt from the URL, so the URL must be sent exactly as signed."),
            PolicyKind::Custom => ("custom policy", "The policy travels in the URL: its Resource may use wildcards, and it may set a start and client addresses."),
        };
        out.push(DecodedField::new("Policy", value, FieldStyle::Text).note(note));
    }
    let resource = c
        .conditions
        .as_ref()
        .and_then(|k| k.resource.clone())
        .unwrap_or_else(|| c.resource.clone());
    out.push(
        DecodedField::new("Resource", resource, FieldStyle::Code)
            .note("What the URL is valid for: GET or HEAD of it through CloudFront."),
    );
    if let Some(s) = start {
        out.push(
            DecodedField::new("Valid from", s.to_string(), FieldStyle::Time)
                .note("DateGreaterThan"),
        );
    }
    if let Some(e) = end {
        out.push(DecodedField::new(
            "Expires at",
            e.to_string(),
            FieldStyle::Time,
        ));
    }
    if let Some(ip) = c.conditions.as_ref().and_then(|k| k.source_ip.clone()) {
        out.push(
            DecodedField::new("Allowed client addresses", ip, FieldStyle::Code)
                .note("IpAddress: AWS:SourceIp"),
        );
    }
    let hash = match params.hash_algorithm.as_deref() {
        None => "SHA-1 (no Hash-Algorithm)".to_owned(),
        Some(h) => format!("{h} ({HASH_ALGORITHM})"),
    };
    out.push(
        DecodedField::new("Hash", hash, FieldStyle::Text)
            .note("RSASSA-PKCS1-v1_5 over the policy bytes."),
    );
    if let Some(k) = &c.verified_with {
        out.push(DecodedField::new(
            "Verified with",
            k.clone(),
            FieldStyle::Text,
        ));
    }
    out
}
