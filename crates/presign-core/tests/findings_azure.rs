//! One test per Azure SAS finding code, and per check of the Azure pipeline: an SAS made by
//! azure-storage-blob (tests/fixtures/azure-sas, the Azurite key, fake user delegation keys)
//! changed in one way, or an error body of the service, and what the user sees.

#[path = "../../../tests/support/report_lookup.rs"]
mod report_lookup;
#[path = "../../../tests/support/normalizer.rs"]
mod support_normalizer;
use presign_core::crypto::hmac_sha256;
use presign_core::encode::{base64, Base64};
use presign_core::report::Family;
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, Severity, UnixTime};
use report_lookup::{field, finding, jsonl_record};
use serde_json::Value;
use support_normalizer::normalizer;

/// 2026-11-20T10:00:00Z, when every fixture was made; a minute later all are valid.
const SIGNED_AT: i64 = 1_795_168_800;
const NOW: UnixTime = UnixTime(SIGNED_AT + 60);
const AZURITE_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const HOST: &str = "presigninspectorfake.blob.core.windows.net";

fn fixture(id: &str) -> Value {
    jsonl_record("azure-sas/azure-sas.jsonl", &format!("azure-sas/{id}"))
}

fn url(id: &str) -> String {
    field(&fixture(id), "url")
}

#[derive(Default)]
struct Case {
    url: String,
    method: Option<HttpMethod>,
    headers: String,
    key: Option<String>,
    error_body: String,
}

impl Case {
    fn new(url: impl Into<String>) -> Self {
        Case {
            url: url.into(),
            ..Case::default()
        }
    }
    fn method(mut self, m: HttpMethod) -> Self {
        self.method = Some(m);
        self
    }
    fn key(mut self, k: &str) -> Self {
        self.key = Some(k.to_owned());
        self
    }
    fn headers(mut self, h: &str) -> Self {
        h.clone_into(&mut self.headers);
        self
    }
    fn error_body(mut self, b: &str) -> Self {
        b.clone_into(&mut self.error_body);
        self
    }
    fn at(&self, now: UnixTime) -> Report {
        inspect(
            &Inputs {
                url: self.url.clone(),
                method: self.method.or(Some(HttpMethod::Get)),
                headers: self.headers.clone(),
                secret: self.key.as_deref().map(Secret::new),
                error_xml: self.error_body.clone(),
                normalizer: Some(normalizer()),
                ..Inputs::default()
            },
            now,
        )
    }
    fn run(&self) -> Report {
        self.at(NOW)
    }
}

fn sign(string_to_sign: &str) -> String {
    let key = presign_core::encode::base64_decode(AZURITE_KEY).unwrap();
    base64(
        &hmac_sha256(&key, string_to_sign.as_bytes()),
        Base64::Standard,
    )
}

#[test]
fn decoded_in_plain_words_without_a_key() {
    let r = Case::new(url("blob-start-ip-https")).run();
    assert_eq!(r.family.map(Family::as_str), Some("azure-sas"));
    assert_eq!(
        r.verdict.title,
        "Not verified: type the account key (or the user delegation key) to check the signature"
    );
    let row = |label: &str| {
        r.decoded
            .iter()
            .find(|d| d.label == label)
            .unwrap_or_else(|| panic!("no {label}: {:?}", r.decoded))
    };
    assert_eq!(row("Storage account").value, "presigninspectorfake");
    assert_eq!(
        row("Kind").value,
        "service SAS (signed with an account key)"
    );
    assert_eq!(
        (row("Container").value.as_str(), row("Blob").value.as_str()),
        ("photos", "2026/cat.jpg")
    );
    assert_eq!(row("Permissions").note, "r read");
    assert_eq!(row("Allowed IP addresses").value, "203.0.113.7");
    assert_eq!(row("Protocol").value, "https only");
    assert_eq!(row("Valid from").value, "2026-11-20T10:00:00Z");
    assert_eq!(row("Expires at").note, "valid for 1 h");
    assert_eq!(r.validity.as_ref().unwrap().seconds_left, Some(3540));
    let ud = Case::new(url("ud-blob-r")).run();
    let key_of = ud.decoded.iter().find(|d| d.label == "Key of").unwrap();
    assert_eq!(key_of.value, "11111111-2222-3333-4444-555555555555");
}

#[test]
fn azure_permission_missing() {
    let r = Case::new(url("blob-r")).method(HttpMethod::Put).run();
    let f = finding(&r, Code::AzurePermissionMissing);
    assert_eq!(
        f.title,
        "The SAS does not allow this PUT request: sp=r has no c or w"
    );
    assert_eq!(r.verdict.code, Code::AzurePermissionMissing);
    // The permission that allows it: no finding. Listing needs l.
    assert!(!Case::new(url("blob-rw-start"))
        .method(HttpMethod::Put)
        .run()
        .has(Code::AzurePermissionMissing));
    let list = format!("{}&restype=container&comp=list", url("container-r"));
    assert!(
        finding(&Case::new(list).run(), Code::AzurePermissionMissing)
            .title
            .ends_with("has no l")
    );
    assert!(!Case::new(format!(
        "{}&restype=container&comp=list",
        url("container-racwdl")
    ))
    .run()
    .has(Code::AzurePermissionMissing));
}

#[test]
fn azure_https_only() {
    let u = url("blob-start-ip-https").replace("https://", "http://");
    let r = Case::new(u).at(UnixTime(SIGNED_AT + 60));
    assert_eq!(r.verdict.code, Code::AzureHttpsOnly);
    assert!(!r.has(Code::PlainHttp));
    // Without spr, http is the generic warning; Azurite over http is expected.
    assert_eq!(
        finding(
            &Case::new(url("blob-r").replace("https://", "http://")).run(),
            Code::PlainHttp
        )
        .severity,
        Severity::Warning
    );
    assert_eq!(
        finding(&Case::new(url("azurite-blob-r")).run(), Code::PlainHttp).severity,
        Severity::Info
    );
}

#[test]
fn azure_unknown_version() {
    let r = Case::new(url("blob-r").replace("sv=2026-10-06", "sv=2026-13-01")).run();
    assert!(r.has(Code::MalformedParameter), "not a date");
    let r = Case::new(url("blob-r").replace("sv=2026-10-06", "sv=2026-11-11")).run();
    let f = finding(&r, Code::AzureUnknownVersion);
    assert_eq!(
        (f.severity, f.title.as_str()),
        (
            Severity::Warning,
            "sv=2026-11-11 is not a storage service version"
        )
    );
    let old = Case::new(url("blob-r").replace("sv=2026-10-06", "sv=2014-02-14"))
        .key(AZURITE_KEY)
        .run();
    assert_eq!(
        finding(&old, Code::AzureUnknownVersion).severity,
        Severity::Info
    );
    assert!(!old.has(Code::SignatureMismatch), "not checked, not blamed");
}

#[test]
fn azure_service_mismatch() {
    let u = url("account-basic").replace(".blob.core.", ".file.core.");
    let r = Case::new(format!("{u}&comp=list")).run();
    assert_eq!(
        finding(&r, Code::AzureServiceMismatch).title,
        "The account SAS is for the services ss=b, not Azure Files"
    );
}

#[test]
fn azure_resource_type_mismatch() {
    // srt=o, sent to a container.
    let u =
        url("account-encryption-scope").replace(&format!("{HOST}/?"), &format!("{HOST}/photos?"));
    let r = Case::new(u).run();
    assert!(finding(&r, Code::AzureResourceTypeMismatch)
        .title
        .ends_with("a container (c)"));
    // A bare service root is where people paste account SAS: not checked.
    assert!(!Case::new(url("account-encryption-scope"))
        .run()
        .has(Code::AzureResourceTypeMismatch));
}

#[test]
fn azure_delegation_key_expired() {
    let u = url("ud-blob-r");
    // The key (ske 2026-11-27T09:00Z) expired a day ago.
    let r = Case::new(&u).at(UnixTime(SIGNED_AT + 8 * 86_400));
    assert_eq!(
        finding(&r, Code::AzureDelegationKeyExpired).severity,
        Severity::Error
    );
    // se after ske: the SAS stops with its key.
    let long = u.replace("se=2026-11-20T11%3A00%3A00Z", "se=2026-12-20T11%3A00%3A00Z");
    assert_eq!(
        finding(&Case::new(long).run(), Code::AzureDelegationKeyExpired).severity,
        Severity::Warning
    );
}

/// A user delegation SAS whose `se` outlives its key: the report a page keeps between ticks
/// holds only until the key expires (ske 2026-11-27T09:00Z), when the finding turns to an error.
#[test]
fn a_delegation_keys_expiry_ends_the_reports_stability() {
    let long =
        url("ud-blob-r").replace("se=2026-11-20T11%3A00%3A00Z", "se=2026-12-20T11%3A00%3A00Z");
    let ske = presign_core::time::parse_rfc3339("2026-11-27T09:00:00Z").unwrap();
    // A minute before the key expires, the report holds until that instant and no longer.
    let before = Case::new(&long).at(UnixTime(ske.0 - 60));
    let until = before.stable_until.expect("a clock-dependent report");
    assert!(until.0 <= ske.0, "stable until {until}, after ske {ske}");
    let after = Case::new(&long).at(ske);
    assert_eq!(
        finding(&after, Code::AzureDelegationKeyExpired).severity,
        Severity::Error
    );
}

#[test]
fn azure_version_layout() {
    // A hand-made signer that writes sv=2026-10-06 but builds the 2018-11-09 layout (no ses
    // line): blob-r's values in that layout.
    let sts = "r\n\n2026-11-20T11:00:00Z\n/blob/presigninspectorfake/photos/2026/cat.jpg\n\n\n\n2026-10-06\nb\n\n\n\n\n\n";
    let sig = sign(sts)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let u = url("blob-r");
    let u = format!("{}sig={sig}", &u[..u.find("sig=").unwrap()]);
    let r = Case::new(u).key(AZURITE_KEY).run();
    let f = finding(&r, Code::AzureVersionLayout);
    assert_eq!(f.title, "Signed with the string-to-sign layout of sv 2018-11-09 up to 2020-12-06 (exclusive), but sv is 2026-10-06");
    assert_eq!(r.verdict.code, Code::AzureVersionLayout);
}

#[test]
fn azure_key_format() {
    let u = url("blob-r");
    let garbled = Case::new(&u).key("not a key!").run();
    assert_eq!(
        finding(&garbled, Code::AzureKeyFormat).title,
        "The key is not base64"
    );
    assert!(!garbled.has(Code::SignatureMismatch));
    // In quotes: the quotes are named, proved by the key without them.
    let quoted = Case::new(&u).key(&format!("\"{AZURITE_KEY}\"")).run();
    assert_eq!(
        finding(&quoted, Code::SecretQuoted).severity,
        Severity::Error
    );
    assert!(!quoted.has(Code::AzureKeyFormat));
    // A connection string of the right account verifies; of another account, it is named.
    let cs = |account: &str| {
        format!("DefaultEndpointsProtocol=https;AccountName={account};AccountKey={AZURITE_KEY};EndpointSuffix=core.windows.net")
    };
    assert_eq!(
        Case::new(&u)
            .key(&cs("presigninspectorfake"))
            .run()
            .verdict
            .code,
        Code::SignatureValid
    );
    let other = url("blob-r").replace("presigninspectorfake", "otheraccount");
    let r = Case::new(other).key(&cs("presigninspectorfake")).run();
    assert_eq!(
        finding(&r, Code::AzureKeyFormat).title,
        "The connection string is for the account presigninspectorfake, the SAS for otheraccount"
    );
    // An account key typed for a user delegation SAS.
    let r = Case::new(url("ud-blob-r")).key(AZURITE_KEY).run();
    assert_eq!(
        finding(&r, Code::AzureKeyFormat).title,
        "The key typed here is 64 bytes, not 32"
    );
    // A signer that used the key's base64 text as the HMAC key.
    let p = fixture("blob-r");
    let text_keyed = base64(
        &hmac_sha256(
            AZURITE_KEY.as_bytes(),
            p["string_to_sign"].as_str().unwrap().as_bytes(),
        ),
        Base64::Standard,
    );
    let u2 = format!(
        "{}sig={}",
        &u[..u.find("sig=").unwrap()],
        text_keyed
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    );
    let r = Case::new(u2).key(AZURITE_KEY).run();
    assert_eq!(
        finding(&r, Code::AzureKeyFormat).title,
        "The signer used the key's base64 text as the HMAC key"
    );
}

/// The body the service answers when the string to sign it built differs from the signer's:
/// here the signer signed another blob.
fn authentication_failed(sts: &str) -> String {
    format!("\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nRequestId:2b7236bd-301e-004c-2d6b-757ef4000000\nTime:2026-11-20T10:01:00.7678924Z</Message><AuthenticationErrorDetail>Signature did not match. String to sign used was {sts}</AuthenticationErrorDetail></Error>")
}

#[test]
fn azure_authentication_failed() {
    let p = fixture("blob-r");
    let theirs = p["string_to_sign"]
        .as_str()
        .unwrap()
        .replace("/photos/2026/cat.jpg", "/photos/2026/Cat.jpg");
    let r = Case::new(url("blob-r"))
        .error_body(&authentication_failed(&theirs))
        .run();
    assert!(r.has(Code::AzureAuthenticationFailed));
    let f = finding(&r, Code::ServerStringToSignDiffers);
    assert_eq!(
        f.title,
        "The service signed a different string: the canonicalized-resource differs"
    );
    let server = r.server.as_ref().unwrap();
    assert_eq!(server.string_to_sign_matches, Some(false));
    assert_eq!(
        server.server_time.unwrap().to_string(),
        "2026-11-20T10:01:00Z"
    );
}

#[test]
fn same_string_to_sign_and_the_key_signs_it_proves_the_key() {
    let p = fixture("account-basic");
    let body = authentication_failed(p["string_to_sign"].as_str().unwrap());
    // Without the key, equal strings prove only that the request arrived as modelled.
    let r = Case::new(url("account-basic")).error_body(&body).run();
    assert_eq!(
        r.server.as_ref().unwrap().string_to_sign_matches,
        Some(true)
    );
    assert!(!r.has(Code::SecretMismatch));
    // With the key that made the SAS, the service's key is another one.
    let r = Case::new(url("account-basic"))
        .key(AZURITE_KEY)
        .error_body(&body)
        .run();
    assert_eq!(finding(&r, Code::SecretMismatch).severity, Severity::Error);
}

#[test]
fn azure_authorization_failure() {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.\nRequestId:1\nTime:2026-11-20T10:01:00.0000000Z</Message></Error>";
    let r = Case::new(url("blob-r")).error_body(body).run();
    assert!(finding(&r, Code::AzureAuthorizationFailure)
        .detail
        .contains("permissions (sp)"));
}

#[test]
fn azure_other_error() {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.\nRequestId:1\nTime:2026-11-20T10:01:00.0000000Z</Message></Error>";
    let r = Case::new(url("blob-r")).error_body(body).run();
    assert_eq!(
        finding(&r, Code::AzureOtherError).title,
        "Azure Storage: BlobNotFound"
    );
}

#[test]
fn expired_and_not_yet_valid() {
    let u = url("blob-rw-start");
    let r = Case::new(&u).at(UnixTime(SIGNED_AT + 7200));
    assert!(finding(&r, Code::Expired)
        .detail
        .contains("AuthenticationFailed"));
    let r = Case::new(&u).at(UnixTime(SIGNED_AT - 3600));
    assert_eq!(finding(&r, Code::NotYetValid).severity, Severity::Error);
    assert!(finding(
        &Case::new(&u).at(UnixTime(SIGNED_AT + 3300)),
        Code::ExpiresSoon
    )
    .title
    .contains("5 min"));
}

#[test]
fn start_and_expiry_formats() {
    let u = url("blob-r").replace(
        "se=2026-11-20T11%3A00%3A00Z",
        "se=2026-11-20T11%3A00%3A00%2B01%3A00",
    );
    let r = Case::new(u).run();
    assert_eq!(
        finding(&r, Code::MalformedParameter).title,
        "se is malformed"
    );
    let u =
        url("blob-rw-start").replace("se=2026-11-20T11%3A00%3A00Z", "se=2026-11-20T09%3A00%3A00Z");
    assert_eq!(
        finding(&Case::new(u).run(), Code::MalformedParameter).title,
        "se is not after st"
    );
}

#[test]
fn verified_with_the_key_and_an_unexplained_mismatch() {
    let u = url("blob-response-headers");
    assert_eq!(
        Case::new(&u).key(AZURITE_KEY).run().verdict.code,
        Code::SignatureValid
    );
    let other = base64(&[7u8; 64], Base64::Standard);
    let r = Case::new(&u).key(&other).run();
    assert_eq!(r.verdict.code, Code::SignatureMismatch);
    let errors: Vec<Code> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code)
        .collect();
    assert_eq!(
        errors,
        vec![Code::SignatureMismatch],
        "no cause named without evidence"
    );
    assert!(finding(&r, Code::SignatureMismatch)
        .detail
        .contains("variants tried"));
}

#[test]
fn the_search_finds_a_query_encoded_again() {
    let u = url("blob-r").replace("%3A", "%253A");
    let r = Case::new(u).key(AZURITE_KEY).run();
    assert_eq!(
        finding(&r, Code::QueryEncoding).title,
        "The SAS was percent-encoded again after it was made"
    );
}

#[test]
fn the_search_finds_a_re_encoded_blob_name() {
    let id = "blob-unicode-name";
    let u = url(id).replacen("%20", "+", 1);
    let r = Case::new(u).key(AZURITE_KEY).run();
    assert!(
        finding(&r, Code::KeyEncoding).detail.contains("'+'"),
        "{:?}",
        r.findings
    );
}

#[test]
fn unencoded_plus_is_a_warning() {
    let u = url("blob-snapshot").replace("%2B", "+");
    let r = Case::new(u).run();
    let f = finding(&r, Code::QueryEncoding);
    assert_eq!(
        (f.severity, f.title.as_str()),
        (Severity::Warning, "'+' is not percent-encoded in sig")
    );
}

#[test]
fn signed_request_headers_and_query_must_be_sent() {
    let u = url("ud-blob-request-headers-query");
    let r = Case::new(&u).headers("Range: bytes=0-99").run();
    assert!(finding(&r, Code::MissingSignedHeader)
        .title
        .contains("x-ms-client-request-id"));
    assert!(finding(&r, Code::MissingParameter).title.contains("comp"));
    let key = fixture("ud-blob-request-headers-query")["user_delegation_key"]["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let ok = Case::new(format!("{u}&comp=metadata"))
        .headers("x-ms-client-request-id: fixture-1\nRange: bytes=0-99")
        .key(&key)
        .run();
    assert_eq!(ok.verdict.code, Code::SignatureValid);
}

#[test]
fn azure_snippets_and_share() {
    let u = url("blob-rw-start");
    let r = Case::new(&u).method(HttpMethod::Put).run();
    let s = presign_core::snippets::snippets(&r).unwrap();
    assert!(
        s.curl.contains("--upload-file") && s.curl.contains("x-ms-blob-type: BlockBlob"),
        "{}",
        s.curl
    );
    assert!(presign_core::share::is_live_credential(&r));
    assert!(presign_core::share::redact_signature(&u).ends_with("sig=REDACTED"));
}
