//! The presigned POST pipeline: the form read, its policy decoded, each condition checked
//! against the fields S3 reads and the file, the signature re-computed with the secret, S3's
//! error body read; the report's generic `decoded` rows and `signing` steps filled so the page
//! and the command line show it without views of their own.

use crate::crypto::constant_time_eq;
use crate::diagnose::post_checks::{self, PostView};
use crate::diagnose::post_server::{self, PostOurs};
use crate::diagnose::secret::{self, KeyRules};
use crate::diagnose::{reading, verdict};
use crate::endpoint::{decode_endpoint, Provider};
use crate::input::form::PostForm;
use crate::input::url::parse_url;
use crate::inspect::Inputs;
use crate::post_policy::conditions::{evaluate, sentence, Submission};
use crate::post_policy::policy::{decode_policy, PolicyDocument};
use crate::post_policy::signature::{signed_instead, sigv2_signature, sigv4_signature};
use crate::post_policy::{
    view, ConditionRow, FieldRole, FieldRow, PostReport, PostVersion, UploadFile,
};
use crate::report::{Family, Report, ReportDetail, Validity};
use crate::sigv4::params::{CredentialScope, ParamProblem, REDACTED_SIGNATURE};
use crate::sigv4::signature::{SigningKey, SigningKeyCache, SigningKeyHex};
use crate::time::parse_amz_date;
use crate::types::Secret;

/// Which signature the form carries, by its field names.
pub fn version_of(form: &PostForm) -> PostVersion {
    let has = |n: &str| form.parts.iter().any(|p| p.is(n));
    if [
        "x-amz-signature",
        "x-amz-algorithm",
        "x-amz-credential",
        "x-amz-date",
    ]
    .iter()
    .any(|n| has(n))
    {
        PostVersion::SigV4
    } else if has("signature") || has("AWSAccessKeyId") {
        PostVersion::SigV2
    } else {
        PostVersion::Unsigned
    }
}

/// The file as known from the form's file part, with what the user gave taking precedence.
fn upload_file(form: &PostForm, given: Option<&UploadFile>) -> UploadFile {
    let part = form
        .first_file()
        .and_then(|i| form.parts.get(i))
        .and_then(|p| p.file.clone())
        .unwrap_or_default();
    let given = given.cloned().unwrap_or_default();
    UploadFile {
        name: given.name.or(part.filename).filter(|n| !n.is_empty()),
        size: given.size.or(part.size),
        content_type: given
            .content_type
            .or(part.content_type)
            .filter(|t| !t.is_empty()),
    }
}

fn condition_rows(
    form: &PostForm,
    policy: Option<&PolicyDocument>,
    bucket: Option<&str>,
    file: &UploadFile,
) -> Vec<ConditionRow> {
    let Some(policy) = policy else {
        return Vec::new();
    };
    let submission = Submission {
        fields: form
            .fields_read()
            .iter()
            .filter(|p| p.file.is_none())
            .map(|p| (p.name.as_str(), p.value.as_str(), p.value_known))
            .collect(),
        bucket,
        filename: file.name.as_deref(),
        file_size: file.size,
    };
    policy
        .conditions
        .iter()
        .map(|c| {
            let check = evaluate(&c.rule, &submission);
            ConditionRow {
                index: c.index,
                text: c.text.clone(),
                rule: c.rule.clone(),
                sentence: sentence(&c.rule),
                outcome: check.outcome,
                detail: check.detail,
            }
        })
        .collect()
}

fn field_rows(form: &PostForm, version: PostVersion, conditions: &[ConditionRow]) -> Vec<FieldRow> {
    let first_file = form.first_file();
    form.parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let role = if part.file.is_some() && first_file == Some(i) {
                FieldRole::File
            } else if first_file.is_some_and(|f| i > f) {
                FieldRole::AfterFile
            } else if version.is_exempt(&part.name) {
                FieldRole::Exempt
            } else {
                let by: Vec<usize> = conditions
                    .iter()
                    .filter(|c| c.rule.field().is_some_and(|f| part.is(f)))
                    .map(|c| c.index)
                    .collect();
                if by.is_empty() {
                    FieldRole::NoCondition
                } else {
                    FieldRole::Checked { by }
                }
            };
            FieldRow {
                name: part.name.clone(),
                value: part.value.clone(),
                role,
            }
        })
        .collect()
}

/// Inspects a presigned POST into `report`.
pub fn inspect_post(
    inputs: &Inputs,
    form: &PostForm,
    detail: ReportDetail,
    keys: &mut SigningKeyCache,
    report: &mut Report,
) {
    let now = report.now;
    let version = version_of(form);
    let url = form.action.as_deref().and_then(|a| parse_url(a).ok());
    let endpoint = url.as_ref().map(decode_endpoint);
    let file = upload_file(form, inputs.upload.as_ref());
    let policy = form.value("policy").map(decode_policy);
    let bucket = endpoint.as_ref().and_then(|e| e.bucket.as_deref());
    let conditions = condition_rows(form, policy.as_ref(), bucket, &file);
    let post = PostReport {
        shape: form.shape,
        action: form.action.clone(),
        version,
        fields: field_rows(form, version, &conditions),
        policy,
        conditions,
        file,
    };
    let scope = form
        .value("x-amz-credential")
        .and_then(CredentialScope::parse);
    let signed_at = form.value("x-amz-date").and_then(parse_amz_date);
    report.findings.extend(post_checks::check(&PostView {
        form,
        post: &post,
        url: url.as_ref(),
        endpoint: endpoint.as_ref(),
        scope: scope.as_ref(),
        now,
    }));
    let provided = form.value(version.signature_field()).map(str::to_owned);
    let (computed, chain) = sign(
        inputs,
        &post,
        scope.as_ref(),
        provided.as_deref(),
        detail,
        keys,
        report,
    );
    let signature_valid = computed
        .as_deref()
        .zip(provided.as_deref())
        .map(|(c, p)| constant_time_eq(c.as_bytes(), p.as_bytes()));
    if let Some((comparison, findings)) = post_server::compare(
        &inputs.error_xml,
        &PostOurs {
            post: &post,
            access_key_id: scope
                .as_ref()
                .map(|s| s.access_key_id.as_str())
                .or_else(|| form.value("AWSAccessKeyId")),
            provided_signature: provided.as_deref(),
            signature_valid,
            now,
        },
    ) {
        report.findings.extend(findings);
        report.server = Some(comparison);
    }
    if let Some(signed_at) = signed_at.filter(|_| version == PostVersion::SigV4) {
        let expires_at = post.policy.as_ref().and_then(|p| p.expiration);
        report.validity = Some(Validity {
            signed_at,
            expires_at,
            now,
            seconds_left: expires_at.map(|t| t.0.saturating_sub(now.0)),
        });
    }
    report.decoded = view::decoded(&post, scope.as_ref(), form, now);
    report.signing = post
        .policy
        .as_ref()
        .map(|policy| view::signing(policy, chain.as_ref(), scope.as_ref(), provided, computed));
    report.family = Some(Family::PostPolicy);
    report.post = Some(post);
}

/// Re-signs the policy with the secret: the signature computed (and, for `SigV4`, the key
/// chain when the full report is asked for), and the verdict findings.
fn sign(
    inputs: &Inputs,
    post: &PostReport,
    scope: Option<&CredentialScope>,
    provided: Option<&str>,
    detail: ReportDetail,
    keys: &mut SigningKeyCache,
    report: &mut Report,
) -> (Option<String>, Option<SigningKeyHex>) {
    if provided == Some(REDACTED_SIGNATURE) {
        report
            .findings
            .push(reading::problem_finding(&ParamProblem::Redacted {
                name: post.version.signature_field(),
            }));
    }
    let secret = inputs.secret.as_ref().filter(|s| !s.is_empty());
    let (Some(secret), Some(policy)) = (secret, post.policy.as_ref()) else {
        return (None, None);
    };
    let provided = provided.filter(|p| *p != REDACTED_SIGNATURE);
    let rules = if post
        .action
        .as_deref()
        .and_then(|a| parse_url(a).ok())
        .is_some_and(|u| decode_endpoint(&u).provider == Provider::AwsS3)
    {
        KeyRules::Aws
    } else {
        KeyRules::Other
    };
    match (post.version, scope) {
        (PostVersion::SigV4, Some(scope)) => {
            let key = keys.key_for(secret, scope);
            let computed = sigv4_signature(&key, &policy.base64);
            if let Some(p) = provided {
                let check = Check {
                    policy,
                    provided: p,
                    computed: &computed,
                    secret,
                    rules,
                };
                check.run(
                    report,
                    |t| sigv4_signature(&key, t),
                    |candidate| {
                        let key = SigningKey::for_scope(&Secret::new(candidate), scope);
                        sigv4_signature(&key, &policy.base64)
                    },
                );
            }
            let chain = (detail == ReportDetail::Full).then(|| key.to_hex());
            (Some(computed), chain)
        }
        (PostVersion::SigV2, _) => {
            let computed = sigv2_signature(secret, &policy.base64);
            if let Some(p) = provided {
                let check = Check {
                    policy,
                    provided: p,
                    computed: &computed,
                    secret,
                    rules,
                };
                check.run(
                    report,
                    |t| sigv2_signature(secret, t),
                    |candidate| sigv2_signature(&Secret::new(candidate), &policy.base64),
                );
            }
            (Some(computed), None)
        }
        _ => (None, None),
    }
}

/// A signature to compare, with what is needed to look for a cause when it differs.
struct Check<'a> {
    policy: &'a PolicyDocument,
    provided: &'a str,
    computed: &'a str,
    secret: &'a Secret,
    rules: KeyRules,
}

impl Check<'_> {
    /// The signature verdict; on a mismatch, what was signed instead when a known mistake
    /// reproduces the signature (`sign_text`: the secret given, another text), and what the
    /// secret field itself shows (`sign_with`: the policy, another secret).
    fn run(
        &self,
        report: &mut Report,
        sign_text: impl Fn(&str) -> String,
        sign_with: impl Fn(&str) -> String,
    ) {
        let matches = |s: &str| constant_time_eq(s.as_bytes(), self.provided.as_bytes());
        if matches(self.computed) {
            report.findings.push(verdict::signature_valid(
                "Signing the base64 policy, exactly as posted, with the secret gives the form's signature: the policy is the one that was signed.",
                self.provided,
            ));
            return;
        }
        let policy = self.policy;
        if let Some(what) = signed_instead(
            &policy.base64,
            policy.text.as_deref(),
            self.provided,
            sign_text,
        ) {
            report.findings.push(post_checks::signed_differently(&what));
        }
        report.findings.extend(secret::findings(
            self.secret.expose(),
            self.rules,
            |candidate| matches(&sign_with(candidate)),
        ));
        report.findings.push(verdict::signature_mismatch(
            "Signing the base64 policy exactly as posted with the secret (for SigV4 with the date, region and service of x-amz-credential) gives another signature, so S3 answers 403 SignatureDoesNotMatch. Nothing this page tried reproduces the form's signature, so nothing proves a cause. What remains possible: the policy field was changed after signing (send it byte for byte as the SDK returned it, never rebuilt from its JSON); the form was signed with another secret than the one typed here, or for another date or region than x-amz-credential states (check which credentials the code that generates the POST uses).",
            self.provided,
            Some(self.computed),
        ));
    }
}
