//! Azure SAS findings from the SAS alone: its times, its permissions against the method sent,
//! https only, the account SAS's services and resource types against the URL, the version, the
//! user delegation key's validity (the key's evidence and the verdict: `azure_key`).

use crate::azure::layout::{Layout, KNOWN_VERSIONS};
use crate::azure::params::{parse_sas_time, SasKind, SasParams};
use crate::azure::resource::{ResourceLevel, StorageResource};
use crate::diagnose::url_checks::{self, CLOCK_TOLERANCE_SECONDS, EXPIRES_SOON_SECONDS};
use crate::finding::{Code, Finding, Severity};
use crate::input::headers::ParsedHeaders;
use crate::input::url::RawUrl;
use crate::time::{human_duration, UnixTime};
use crate::types::HttpMethod;

/// What the SAS-alone checks look at.
pub struct SasView<'a> {
    pub url: &'a RawUrl,
    pub params: &'a SasParams,
    pub resource: &'a StorageResource,
    pub method: HttpMethod,
    /// Whether the method was told (chosen, a curl command's, the error body's): only a told
    /// method is held against the permissions.
    pub method_told: bool,
    pub headers: &'a ParsedHeaders,
    pub headers_given: bool,
    pub now: UnixTime,
}

/// Every finding the SAS and the request show without the key.
pub fn checks(v: &SasView<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    url_checks::escaped_url(v.url, &mut out);
    protocol(v, &mut out);
    times(v, &mut out);
    permissions(v, &mut out);
    account_scope(v, &mut out);
    version(v.params, &mut out);
    delegation_key(v, &mut out);
    unencoded_plus(v.params, &mut out);
    signed_request_parts(v, &mut out);
    out
}

fn protocol(v: &SasView<'_>, out: &mut Vec<Finding>) {
    if v.url.scheme != "http" {
        return;
    }
    if v.params.get("spr") == Some("https") {
        out.push(
            Finding::new(
                Code::AzureHttpsOnly,
                Severity::Error,
                "The SAS allows https only, and the URL is http",
                "spr=https: the service refuses this SAS over plain http (403 AuthorizationProtocolMismatch). Send the request to the https:// URL; the scheme is not signed, so only the scheme changes.",
            )
            .with("spr", "https")
            .with("scheme", "http"),
        );
        return;
    }
    url_checks::plain_http_to(
        v.url,
        v.resource.account_in_path || v.resource.account.is_none(),
        out,
    );
}

fn times(v: &SasView<'_>, out: &mut Vec<Finding>) {
    let p = v.params;
    if let (Some(start), Some(expiry)) = (p.start, p.expiry) {
        if expiry <= start {
            out.push(
                Finding::new(
                    Code::MalformedParameter,
                    Severity::Error,
                    "se is not after st",
                    format!("The SAS expires ({expiry}) before it starts ({start}); the service refuses it. Make the SAS again with the expiry after the start."),
                )
                .with("parameter", "se")
                .with("value", p.value("se")),
            );
            return;
        }
    }
    if let Some(start) = p.start.filter(|s| *s > v.now) {
        let ahead = start.0 - v.now.0;
        let severity = if ahead > CLOCK_TOLERANCE_SECONDS {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                Code::NotYetValid,
                severity,
                format!("The SAS is not valid yet: it starts in {}", human_duration(ahead)),
                format!("st is {start}, still ahead. The service answers 403 AuthenticationFailed (\u{201c}Signature not valid in the specified time frame\u{201d}). Wait, or make the SAS with an earlier start; SDKs often set st a few minutes in the past, since the machine's clock and the service's may differ."),
            )
            .with("st", start.to_string())
        );
    }
    let Some(expiry) = p.expiry else {
        return;
    };
    let left = expiry.0.saturating_sub(v.now.0);
    if left <= 0 {
        out.push(
            Finding::new(
                Code::Expired,
                Severity::Error,
                format!("The SAS expired {} ago, at {expiry}", human_duration(left)),
                format!("se is {expiry}. The service answers 403 AuthenticationFailed (\u{201c}Signature not valid in the specified time frame\u{201d}). Make a new SAS with a later expiry; if it should still be valid, check this machine's clock."),
            )
            .with("se", expiry.to_string())
        );
    } else if left <= EXPIRES_SOON_SECONDS {
        out.push(
            Finding::new(
                Code::ExpiresSoon,
                Severity::Warning,
                format!("The SAS expires in {}, at {expiry}", human_duration(left)),
                "A request that starts after this instant fails: make the SAS with more time if a transfer may take longer.",
            )
            .with("se", expiry.to_string())
            .with("seconds-left", left.to_string()),
        );
    }
}

/// The permission letters any one of which allows the operation the request performs, and
/// the operation in words; `None` when the method says too little.
fn needed(method: HttpMethod, url: &RawUrl) -> Option<(&'static str, &'static str)> {
    let param = |name: &str| url.param(name).map(|p| p.value_text().to_ascii_lowercase());
    let comp = param("comp").unwrap_or_default();
    Some(match method {
        HttpMethod::Get | HttpMethod::Head => match comp.as_str() {
            "list" => ("l", "list"),
            "tags" => ("t", "read tags"),
            _ => ("r", "read"),
        },
        HttpMethod::Put => match comp.as_str() {
            "appendblock" => ("aw", "append a block"),
            "tags" => ("t", "set tags"),
            "" if param("restype").as_deref() == Some("container") => ("c", "create a container"),
            "" => ("cw", "write a blob"),
            _ => ("w", "write"),
        },
        HttpMethod::Delete if url.param("versionid").is_some() => ("x", "delete a version"),
        HttpMethod::Delete if param("deletetype").as_deref() == Some("permanent") => {
            ("y", "delete permanently")
        }
        HttpMethod::Delete => ("d", "delete"),
        HttpMethod::Post => return None,
    })
}

/// An account SAS pasted on its service root without an operation (`comp`): the token is
/// meant for other URLs of the account, so what this one would do says nothing.
fn bare_service_root(v: &SasView<'_>) -> bool {
    v.resource.level == ResourceLevel::Service && v.url.param("comp").is_none()
}

fn permissions(v: &SasView<'_>, out: &mut Vec<Finding>) {
    let Some(sp) = v.params.get("sp") else {
        return;
    };
    if bare_service_root(v) || !v.method_told {
        return;
    }
    let Some((letters, what)) = needed(v.method, v.url) else {
        return;
    };
    if letters.chars().any(|c| sp.contains(c)) {
        return;
    }
    let list: Vec<String> = letters.chars().map(|c| c.to_string()).collect();
    out.push(
        Finding::new(
            Code::AzurePermissionMissing,
            Severity::Error,
            format!("The SAS does not allow this {} request: sp={sp} has no {}", v.method, list.join(" or ")),
            format!("To {what}, the SAS needs the permission {} in sp, and it grants only {sp}; the service answers 403 AuthorizationPermissionMismatch. Make the SAS with that permission, or send the request the SAS was made for (choose the method you really send above).", list.join(" or ")),
        )
        .with("sp", sp)
        .with("method", v.method.as_str())
        .with("needs", letters),
    );
}

fn account_scope(v: &SasView<'_>, out: &mut Vec<Finding>) {
    if v.params.kind != SasKind::Account {
        return;
    }
    if let (Some(ss), Some(service)) = (v.params.get("ss"), v.resource.service) {
        if !ss.contains(service.letter()) {
            out.push(
                Finding::new(
                    Code::AzureServiceMismatch,
                    Severity::Error,
                    format!("The account SAS is for the services ss={ss}, not {}", service.name()),
                    format!("ss lists the services the SAS covers (b blob, f file, q queue, t table); the host is {} ({}), which is not among them, so the service answers 403 AuthorizationServiceMismatch. Make the SAS with ss including {}.", service.name(), service.letter(), service.letter()),
                )
                .with("ss", ss)
                .with("needs", service.letter().to_string()),
            );
        }
    }
    if let Some(srt) = v.params.get("srt").filter(|_| !bare_service_root(v)) {
        let level = v.resource.level;
        if !srt.contains(level.letter()) {
            let words = match level {
                ResourceLevel::Service => "the service itself (s)",
                ResourceLevel::Container => "a container (c)",
                ResourceLevel::Object => "a blob or file (o)",
            };
            out.push(
                Finding::new(
                    Code::AzureResourceTypeMismatch,
                    Severity::Error,
                    format!("The account SAS covers the resource types srt={srt}, and this URL addresses {words}"),
                    format!("srt lists the levels the SAS covers (s service, c container, o object); this request addresses {words}, so the service answers 403 AuthorizationResourceTypeMismatch. Make the SAS with srt including {}.", level.letter()),
                )
                .with("srt", srt)
                .with("needs", level.letter().to_string()),
            );
        }
    }
}

fn version(p: &SasParams, out: &mut Vec<Finding>) {
    let Some(sv) = p.get("sv") else {
        return;
    };
    if !KNOWN_VERSIONS.contains(&sv) {
        let layout = Layout::for_version(p.kind, sv);
        out.push(
            Finding::new(
                Code::AzureUnknownVersion,
                Severity::Warning,
                format!("sv={sv} is not a storage service version"),
                format!("The service builds the string to sign by the version in sv and refuses versions it does not have. {} Make SAS with an SDK, which writes a version it knows.", layout.map_or_else(String::new, |l| format!("The string to sign is checked here with the layout of {}.", l.versions()))),
            )
            .with("sv", sv),
        );
    } else if Layout::for_version(p.kind, sv).is_none() {
        out.push(
            Finding::new(
                Code::AzureUnknownVersion,
                Severity::Info,
                format!("sv={sv} is older than the string-to-sign layouts checked here"),
                "This page builds the strings to sign of SAS versions 2015-04-05 and later (user delegation: 2018-11-09 and later), so it does not check this signature. The expiry and permission checks still apply.",
            )
            .with("sv", sv),
        );
    }
}

fn delegation_key(v: &SasView<'_>, out: &mut Vec<Finding>) {
    if v.params.kind != SasKind::UserDelegation {
        return;
    }
    let key_start = v.params.get("skt").and_then(parse_sas_time);
    let key_expiry = v.params.get("ske").and_then(parse_sas_time);
    if let Some(ske) = key_expiry {
        if ske <= v.now {
            out.push(
                Finding::new(
                    Code::AzureDelegationKeyExpired,
                    Severity::Error,
                    format!("The user delegation key expired {} ago, at {ske}", human_duration(ske.0 - v.now.0)),
                    "A user delegation SAS works only while the key that signed it is valid (ske), whatever se says; the service answers 403 AuthenticationFailed. Get a new user delegation key (Get User Delegation Key, at most 7 days) and make the SAS again.",
                )
                .with("ske", ske.to_string())
                );
        } else if let Some(se) = v.params.expiry.filter(|se| *se > ske) {
            out.push(
                Finding::new(
                    Code::AzureDelegationKeyExpired,
                    Severity::Warning,
                    format!("The SAS outlives its user delegation key: it stops at {ske}, not at {se}"),
                    "A user delegation SAS works only while the key that signed it is valid (ske). Make the SAS with se before ske, or get a key that lasts longer (at most 7 days).",
                )
                .with("ske", ske.to_string())
                .with("se", se.to_string()),
            );
        }
    }
    if let Some(skt) = key_start.filter(|t| t.0 > v.now.0 + CLOCK_TOLERANCE_SECONDS) {
        out.push(
            Finding::new(
                Code::NotYetValid,
                Severity::Error,
                format!("The user delegation key is not valid yet: it starts at {skt}"),
                "skt, the start of the key that signed the SAS, is in the future by more than the clock tolerance; the service refuses the SAS until then. Check the clock of the machine that got the key.",
            )
            .with("skt", skt.to_string())
        );
    }
}

fn unencoded_plus(p: &SasParams, out: &mut Vec<Finding>) {
    let fields: Vec<&str> = p
        .fields
        .iter()
        .filter(|f| f.raw.contains('+'))
        .map(|f| f.name)
        .collect();
    if fields.is_empty() {
        return;
    }
    out.push(
        Finding::new(
            Code::QueryEncoding,
            Severity::Warning,
            format!("'+' is not percent-encoded in {}", fields.join(", ")),
            "In a query string '+' may be read as a space (form encoding) or as a plus sign, depending on who reads it; the storage SDKs always write %2B. A signature with '+' read as a space no longer matches. Write '+' as %2B (or %20 where it stands for a space).",
        )
        .with("parameters", fields.join(",")),
    );
}

/// The request headers (`srh`) and query parameters (`srq`) a user delegation SAS signs.
fn signed_request_parts(v: &SasView<'_>, out: &mut Vec<Finding>) {
    let names = |n: &str| -> Vec<String> {
        v.params
            .value(n)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    if v.headers_given {
        for name in names("srh") {
            if !v
                .headers
                .headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case(&name))
            {
                out.push(
                    Finding::new(
                        Code::MissingSignedHeader,
                        Severity::Error,
                        format!("The SAS signs the header {name}, and the request does not send it"),
                        format!("srh names the headers whose values the SAS signs; send {name} with exactly the value it was made with."),
                    )
                    .with("header", name),
                );
            }
        }
    }
    for name in names("srq") {
        if v.url.param(&name).is_none() {
            out.push(
                Finding::new(
                    Code::MissingParameter,
                    Severity::Error,
                    format!("The SAS signs the query parameter {name}, and the URL does not have it"),
                    format!("srq names the query parameters whose values the SAS signs; add {name} with exactly the value it was made with."),
                )
                .with("parameter", name),
            );
        }
    }
}
