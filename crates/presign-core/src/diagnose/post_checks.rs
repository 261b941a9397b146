//! What a presigned POST shows by itself: the form (method, encoding, where it posts, one file
//! and last), the fields S3 requires, the policy (readable, not expired, each condition against
//! the fields and the file, every field covered), and the credential against the date, the
//! region and the session token. Plus the one cause the signature check can prove.

use crate::diagnose::{post_credential, url_checks};
use crate::endpoint::Endpoint;
use crate::finding::{Code, Finding, Severity};
use crate::input::form::{FormShape, PostForm};
use crate::input::url::RawUrl;
use crate::post_policy::conditions::{Outcome, Rule};
use crate::post_policy::policy::PolicyProblem;
use crate::post_policy::signature::SignedInstead;
use crate::post_policy::{FieldRole, PostReport, PostVersion};
use crate::sigv4::params::{CredentialScope, QueryAuth};
use crate::time::{human_duration, UnixTime};

/// What the checks look at.
pub struct PostView<'a> {
    pub form: &'a PostForm,
    pub post: &'a PostReport,
    /// The URL the form posts to, when it reads as one.
    pub url: Option<&'a RawUrl>,
    pub endpoint: Option<&'a Endpoint>,
    pub scope: Option<&'a CredentialScope>,
    pub now: UnixTime,
}

/// Every finding the form shows by itself.
pub fn check(v: &PostView<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if !v.form.notes.is_empty() {
        let mut f = Finding::new(
            Code::UnreadableRequest,
            Severity::Warning,
            format!("Part of {} could not be read", v.form.shape.describe()),
            "What could be read is checked below. Paste the form, command or body whole, as it is sent.",
        );
        for note in &v.form.notes {
            f = f.with("not read", note.clone());
        }
        out.push(f);
    }
    form_itself(v, &mut out);
    required_fields(v, &mut out);
    policy(v, &mut out);
    post_credential::credential(v, &mut out);
    post_credential::session_token(v, &mut out);
    conditions(v, &mut out);
    out
}

/// The method, the encoding, where it posts, and the file part.
fn form_itself(v: &PostView<'_>, out: &mut Vec<Finding>) {
    let form = v.form;
    let method = form.method.as_deref().unwrap_or("");
    if !method.eq_ignore_ascii_case("post") {
        let shown = if method.is_empty() {
            "GET (no method attribute)"
        } else {
            method
        };
        out.push(
            Finding::new(
                Code::FormMethodNotPost,
                Severity::Error,
                format!("The form is sent with {shown}, not POST"),
                "A browser upload to S3 is a POST to the bucket's URL. An HTML form without method=\"post\" is sent as a GET with the fields in the query string, which S3 does not read as an upload. Add method=\"post\" (curl: drop -X, -F already posts).",
            )
            .with("method", shown),
        );
    }
    let enctype = form.enctype.as_deref().unwrap_or("");
    if !enctype.trim().eq_ignore_ascii_case("multipart/form-data")
        && method.eq_ignore_ascii_case("post")
    {
        let shown = if enctype.is_empty() {
            "application/x-www-form-urlencoded (no enctype attribute)"
        } else {
            enctype
        };
        out.push(
            Finding::new(
                Code::FormNotMultipart,
                Severity::Error,
                "The form is not sent as multipart/form-data",
                "S3 reads a POST upload only as multipart/form-data (the fields, then the file). Add enctype=\"multipart/form-data\" to the form; with fetch, send a FormData and set no Content-Type header yourself (the browser adds the boundary).",
            )
            .with("enctype", shown),
        );
    }
    post_url(v, out);
    if form.shape != FormShape::SdkJson {
        let files = form.parts.iter().filter(|p| p.file.is_some()).count();
        if files != 1 {
            let title = if files == 0 {
                "The form has no file".to_owned()
            } else {
                format!("The form has {files} files")
            };
            out.push(
                Finding::new(
                    Code::WrongNumberOfFiles,
                    Severity::Error,
                    title,
                    "S3 takes exactly one file per POST, in a part named file, and answers 400 IncorrectNumberOfFilesInPostRequest otherwise. Send one file field, last; upload several files with one POST each.",
                )
                .with("file parts", files.to_string()),
            );
        }
    }
    // A field after the file matters when S3 needs it: one a condition names, or a required
    // one. Others (the documentation's own form ends with a named submit button) are harmless.
    let matters = |name: &str| {
        required_names(v.post.version)
            .iter()
            .any(|r| name.eq_ignore_ascii_case(r))
            || v.post
                .conditions
                .iter()
                .any(|c| c.rule.field().is_some_and(|f| name.eq_ignore_ascii_case(f)))
    };
    let after: Vec<&str> = v
        .post
        .fields
        .iter()
        .filter(|f| f.role == FieldRole::AfterFile && matters(&f.name))
        .map(|f| f.name.as_str())
        .collect();
    if !after.is_empty() {
        let listed = after.join(", ");
        let required: Vec<&str> = after
            .iter()
            .copied()
            .filter(|n| {
                required_names(v.post.version)
                    .iter()
                    .any(|r| n.eq_ignore_ascii_case(r))
            })
            .collect();
        let consequence = if required.is_empty() {
            "S3 reads the form only up to the file and ignores what follows, so conditions on those fields fail or their values are lost.".to_owned()
        } else {
            format!("S3 reads the form only up to the file and ignores what follows, so it misses {} (\u{201c}Bucket POST must contain a field named \u{2026}. If it is specified, please check the order of the fields.\u{201d}).", required.join(", "))
        };
        out.push(
            Finding::new(
                Code::FileNotLast,
                Severity::Error,
                format!("{listed} come{} after the file", if after.len() == 1 { "s" } else { "" }),
                format!("{consequence} Put the file last: in HTML the file input after every other input, with FormData append the file last."),
            )
            .with("after the file", listed),
        );
    }
}

/// The form must post to the bucket's own URL.
fn post_url(v: &PostView<'_>, out: &mut Vec<Finding>) {
    let (title, detail) = match (v.form.action.as_deref(), v.url, v.endpoint) {
        (None, _, _) if v.form.shape == FormShape::Multipart => return,
        (None, _, _) => (
            "The form does not say where it posts".to_owned(),
            "Without an action, a browser posts the form to the page it is on, not to S3. Set action to the URL the SDK returned (boto3 and the JavaScript SDK: \u{201c}url\u{201d}).".to_owned(),
        ),
        (Some(a), None, _) => (
            format!("\u{201c}{a}\u{201d} is not a URL"),
            "The form must post to the bucket's URL, such as https://BUCKET.s3.REGION.amazonaws.com/. Use the url the SDK returned.".to_owned(),
        ),
        (Some(_), Some(url), Some(endpoint)) => {
            out.extend(url_checks::check(url, endpoint, &QueryAuth::None, v.now));
            if endpoint.bucket.is_none() {
                (
                    "The URL names no bucket".to_owned(),
                    "A presigned POST goes to the bucket itself: https://BUCKET.s3.REGION.amazonaws.com/ (or the path-style https://s3.REGION.amazonaws.com/BUCKET). Use the url the SDK returned.".to_owned(),
                )
            } else if !endpoint.key.is_empty() {
                (
                    format!("The form posts to the key \u{201c}{}\u{201d}, not to the bucket", endpoint.key),
                    "S3 takes a POST upload at the bucket's URL, with the key in the key field; posting to an object's URL is another operation. Post to the url the SDK returned and put the key in the form.".to_owned(),
                )
            } else {
                return;
            }
        }
        (Some(_), Some(_), None) => return,
    };
    let mut f = Finding::new(Code::PostUrlNotBucket, Severity::Error, title, detail);
    if let Some(a) = &v.form.action {
        f = f.with("posts to", a.clone());
    }
    out.push(f);
}

/// The fields S3 needs in every signed POST of this version.
fn required_names(version: PostVersion) -> &'static [&'static str] {
    match version {
        PostVersion::SigV4 => &[
            "key",
            "policy",
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-signature",
        ],
        PostVersion::SigV2 => &["key", "policy", "AWSAccessKeyId", "signature"],
        PostVersion::Unsigned => &["key", "policy"],
    }
}

fn required_fields(v: &PostView<'_>, out: &mut Vec<Finding>) {
    for &name in required_names(v.post.version) {
        if v.form.parts.iter().any(|p| p.is(name)) {
            // Present; after the file it is reported by file-not-last.
            continue;
        }
        let detail = match name {
            "key" => "S3 needs the object key in a field named key and answers 400 InvalidArgument \u{201c}Bucket POST must contain a field named 'key'\u{201d}. Send the key field the SDK returned.",
            "policy" => "Without a policy the POST is anonymous: S3 accepts it only for a bucket anyone may write to. Send the policy field the SDK returned, unchanged.",
            _ => "The SDK returns this field with the policy; send every field it returned, unchanged, before the file.",
        };
        out.push(
            Finding::new(
                Code::MissingFormField,
                Severity::Error,
                format!("The form has no {name} field"),
                detail,
            )
            .with("field", name),
        );
    }
}

fn policy(v: &PostView<'_>, out: &mut Vec<Finding>) {
    let Some(policy) = &v.post.policy else { return };
    for problem in &policy.problems {
        let (severity, title, detail) = match problem {
            PolicyProblem::NotBase64 => (Severity::Error, "The policy is not base64".to_owned(), "The policy field holds the base64 of a JSON document. Send the value the SDK returned, unchanged; a template placeholder or a JSON text there is refused."),
            PolicyProblem::WhiteSpace => (Severity::Warning, "The policy has spaces or line breaks in it".to_owned(), "It was read without them, but the signature covers the text as sent. Send the value as one unbroken line (a copy from a wrapped view adds breaks)."),
            PolicyProblem::NotUtf8 => (Severity::Error, "The policy is not UTF-8 text".to_owned(), "S3 reads the policy as UTF-8 JSON. Build it as a UTF-8 string before base64-encoding it."),
            PolicyProblem::NotJson { reason } => (Severity::Error, format!("The policy is not JSON ({reason})"), "S3 cannot read the policy's conditions. Let the SDK build the policy (generate_presigned_post, createPresignedPost)."),
            PolicyProblem::NotStrictJson { what } => (Severity::Warning, format!("The policy is not strict JSON: {}", what.join(", ")), "S3's parser may refuse it. Let the SDK build the policy, or serialize it with a JSON library."),
            PolicyProblem::NoExpiration => (Severity::Error, "The policy has no expiration".to_owned(), "S3 requires \u{201c}expiration\u{201d} in every POST policy. Let the SDK build it (ExpiresIn / Expires)."),
            PolicyProblem::BadExpiration { value } => (Severity::Error, format!("The policy's expiration {value} is not an ISO 8601 UTC time"), "Write it as 2026-11-20T11:00:00Z (or with milliseconds, .000Z)."),
            PolicyProblem::NoConditions => (Severity::Error, "The policy has no conditions array".to_owned(), "S3 requires \u{201c}conditions\u{201d}: one condition for each form field. Let the SDK build the policy."),
            PolicyProblem::BadCondition { index, reason, .. } => (Severity::Error, format!("Condition {index} cannot be applied: {reason}"), "S3 refuses a policy with a condition it cannot apply. Write each as {\"field\": \"value\"}, [\"eq\", \"$field\", \"value\"], [\"starts-with\", \"$field\", \"prefix\"] or [\"content-length-range\", min, max], or let the SDK build the policy."),
        };
        let mut f = Finding::new(Code::PolicyMalformed, severity, title, detail);
        if let PolicyProblem::BadCondition { text, .. } = problem {
            f = f.with("condition", text.clone());
        }
        out.push(f);
    }
    if let Some(expiration) = policy.expiration.filter(|t| *t <= v.now) {
        out.push(
            Finding::new(
                Code::PolicyExpired,
                Severity::Error,
                format!("The policy expired {} ago", human_duration(v.now.0.saturating_sub(expiration.0))),
                format!("Its expiration is {expiration}; S3 answers 403 AccessDenied \u{201c}Invalid according to Policy: Policy expired.\u{201d} Generate a new presigned POST (boto3: ExpiresIn; JavaScript: Expires, in seconds) and use it before it expires; check the clock of the machine that generates it."),
            )
            .with("expiration", policy.expiration_text.clone().unwrap_or_default())
            .with("now", v.now.to_string()),
        );
    }
}

fn conditions(v: &PostView<'_>, out: &mut Vec<Finding>) {
    for c in v
        .post
        .conditions
        .iter()
        .filter(|c| c.outcome == Outcome::Fails)
    {
        let (title, change) = match &c.rule {
            Rule::ContentLengthRange { max, .. } if v.post.file.size.is_some_and(|s| s > *max) => (
                format!("The file is too large for the policy: {}", c.sentence),
                "S3 answers 400 EntityTooLarge. Upload a smaller file, or generate the POST with a larger content-length-range.",
            ),
            Rule::ContentLengthRange { .. } => (
                format!("The file is too small for the policy: {}", c.sentence),
                "S3 answers 400 EntityTooSmall. Check that the file is really sent (an empty part uploads 0 bytes), or lower the minimum.",
            ),
            _ => (
                format!("Condition {} fails: {}", c.index, c.sentence),
                "S3 answers 403 AccessDenied \u{201c}Invalid according to Policy: Policy Condition failed\u{201d}. Send the value the policy allows, or generate the POST with the value you send.",
            ),
        };
        out.push(
            Finding::new(
                Code::PolicyConditionFailed,
                Severity::Error,
                title,
                format!("{}: {}. {change}", capitalized(&c.detail), c.text),
            )
            .with("condition", c.text.clone())
            .with("found", c.detail.clone()),
        );
    }
    for field in v
        .post
        .fields
        .iter()
        .filter(|f| f.role == FieldRole::NoCondition)
    {
        out.push(
            Finding::new(
                Code::ExtraFormField,
                Severity::Error,
                format!("No condition of the policy covers the field {}", field.name),
                format!("Every field before the file needs a condition in the policy (x-amz-signature, policy, file and x-ignore-* fields excepted); S3 answers 403 AccessDenied \u{201c}Invalid according to Policy: Extra input fields: {}\u{201d}. Remove the field, rename it x-ignore-{}, or generate the POST with a condition for it (boto3: Conditions; the JavaScript SDK adds one for every field in Fields).", field.name, field.name),
            )
            .with("field", field.name.clone())
            .with("value", field.value.clone()),
        );
    }
    if let Some(key) = v.form.value("key").filter(|k| k.contains("${filename}")) {
        let becomes = v.post.file.name.as_deref().map_or_else(
            || "the chosen file's name".to_owned(),
            |n| {
                format!(
                    "\u{201c}{}\u{201d}",
                    key.replace("${filename}", n.rsplit(['/', '\\']).next().unwrap_or(n))
                )
            },
        );
        out.push(
            Finding::new(
                Code::FilenameInKey,
                Severity::Info,
                "The key takes the file's name",
                format!("S3 replaces ${{filename}} in the key with the name of the uploaded file (what follows its last / or \\) before it checks the policy, so the key becomes {becomes}. Conditions on the key must allow that: [\"starts-with\", \"$key\", \"{}\"], not an exact key.", key.split("${filename}").next().unwrap_or("")),
            )
            .with("key", key),
        );
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The signature check found what was signed instead of the posted policy.
pub fn signed_differently(what: &SignedInstead) -> Finding {
    match what {
        SignedInstead::JsonText => Finding::new(
            Code::PolicySignedDifferently,
            Severity::Error,
            "The signature was computed over the policy's JSON, not its base64",
            "Signing the decoded JSON text gives exactly the form's signature: the signer HMACs the JSON, but S3 signs the base64 text of the policy field. Sign the base64 string (the value of the policy field), byte for byte.",
        ),
        SignedInstead::Reserialized { base64, style } => Finding::new(
            Code::PolicySignedDifferently,
            Severity::Error,
            "The policy was serialized differently when it was signed",
            format!("The same policy written as {style} gives exactly the form's signature: the policy was signed as one text and sent as another (rebuilt from its JSON after signing). Send the policy field exactly as it was signed; never re-encode it."),
        )
        .with("signed policy (base64)", base64.clone()),
    }
}
