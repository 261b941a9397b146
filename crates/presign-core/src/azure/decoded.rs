//! An Azure SAS in plain words: who signed (the account, or the identity behind a user
//! delegation key), what for (the resource and the permissions), from when to when, and the
//! restrictions (IP range, protocol, a stored access policy).

use crate::azure::params::SasKind;
use crate::azure::pipeline::AzureSasComputation;
use crate::azure::resource::ResourceLevel;
use crate::diagnose::guard::visible;
use crate::inspect::Inputs;
use crate::report::{DecodedField, FieldStyle, SentRequest};
use crate::time::{human_duration, UnixTime};

/// Each permission letter in words (blob, file, queue and table letters together; the service
/// reads each in its own way).
fn permission(letter: char) -> Option<&'static str> {
    Some(match letter {
        'r' => "read",
        'a' => "add",
        'c' => "create",
        'w' => "write",
        'd' => "delete",
        'x' => "delete a version",
        'y' => "delete permanently",
        'l' => "list",
        't' => "tags",
        'f' => "find by tags",
        'm' => "move",
        'e' => "execute",
        'o' => "ownership",
        'p' => "permissions (or process messages)",
        'i' => "set immutability policy",
        'u' => "update",
        _ => return None,
    })
}

fn words(letters: &str, each: fn(char) -> Option<&'static str>) -> String {
    letters
        .chars()
        .map(|c| each(c).map_or_else(|| format!("{c}: unknown"), |w| format!("{c} {w}")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn service(letter: char) -> Option<&'static str> {
    Some(match letter {
        'b' => "blob",
        'f' => "file",
        'q' => "queue",
        't' => "table",
        _ => return None,
    })
}

fn resource_type(letter: char) -> Option<&'static str> {
    Some(match letter {
        's' => "service",
        'c' => "container",
        'o' => "object",
        _ => return None,
    })
}

/// The decoded rows: who signed, what for, from when to when, under which restrictions.
pub fn decoded(
    c: &AzureSasComputation,
    request: &SentRequest,
    inputs: &Inputs,
    now: UnixTime,
) -> Vec<DecodedField> {
    let show = |s: &str| visible(s, &inputs.unicode);
    let mut rows = vec![DecodedField::new(
        "Kind",
        c.params.kind.describe(),
        FieldStyle::Text,
    )];
    who(c, &mut rows);
    what(c, request, &show, &mut rows);
    when(c, now, &mut rows);
    restrictions(c, &show, &mut rows);
    rows
}

fn who(c: &AzureSasComputation, rows: &mut Vec<DecodedField>) {
    let p = &c.params;
    match &c.resource.account {
        Some(account) => rows.push(
            DecodedField::new("Storage account", account.clone(), FieldStyle::Code).note(
                match (p.kind, c.resource.service) {
                    (SasKind::UserDelegation, _) => "signed with a user delegation key of this account, not with its account key".to_owned(),
                    (_, Some(s)) => format!("{}: signed with one of the account's two keys", s.name()),
                    _ => "signed with one of the account's two keys".to_owned(),
                },
            ),
        ),
        None => rows.push(
            DecodedField::new("Storage account", "not in the host", FieldStyle::Text).note(
                "a custom domain or CDN host does not name the account, which the string to sign needs: paste the URL on the account's own host (<account>.blob.core.windows.net) to check the signature",
            ),
        ),
    }
    if p.kind == SasKind::UserDelegation {
        rows.push(
            DecodedField::new("Key of", p.value("skoid"), FieldStyle::Code).note(format!(
                "the Entra ID object that got the user delegation key, in tenant {}",
                p.value("sktid")
            )),
        );
        if let (Some(skt), Some(ske)) = (p.get("skt"), p.get("ske")) {
            rows.push(DecodedField::new(
                "Key valid",
                format!("{skt} to {ske}"),
                FieldStyle::Code,
            ));
        }
    }
}

fn what(
    c: &AzureSasComputation,
    request: &SentRequest,
    show: &dyn Fn(&str) -> String,
    rows: &mut Vec<DecodedField>,
) {
    let p = &c.params;
    if p.kind == SasKind::Account {
        rows.push(
            DecodedField::new("Services", p.value("ss"), FieldStyle::Code)
                .note(words(p.value("ss"), service)),
        );
        rows.push(
            DecodedField::new("Resource types", p.value("srt"), FieldStyle::Code)
                .note(words(p.value("srt"), resource_type)),
        );
    } else {
        let what = match p.value("sr") {
            "b" => "one blob",
            "bs" => "a snapshot of one blob (the request carries snapshot=…)",
            "bv" => "a version of one blob (the request carries versionid=…)",
            "c" => "a container and every blob in it",
            "d" => "a directory and what is under it",
            _ => "",
        };
        rows.push(DecodedField::new("Signed resource", p.value("sr"), FieldStyle::Code).note(what));
    }
    if !c.resource.container.is_empty() {
        rows.push(DecodedField::new(
            "Container",
            show(&c.resource.container),
            FieldStyle::Code,
        ));
    }
    if c.resource.level == ResourceLevel::Object {
        rows.push(DecodedField::new(
            "Blob",
            show(&c.resource.blob),
            FieldStyle::Code,
        ));
    }
    if let Some(sp) = p.get("sp") {
        rows.push(
            DecodedField::new("Permissions", sp, FieldStyle::Code).note(words(sp, permission)),
        );
    } else if let Some(si) = p.get("si") {
        rows.push(DecodedField::new("Permissions", format!("from the stored access policy {si}"), FieldStyle::Text).note("the container's policy sets the permissions and times the SAS leaves out; revoke the SAS by changing or deleting the policy"));
    }
    rows.push(
        DecodedField::new("Request", request.method.as_str(), FieldStyle::Code)
            .note(request.method_source.describe()),
    );
}

fn when(c: &AzureSasComputation, now: UnixTime, rows: &mut Vec<DecodedField>) {
    let p = &c.params;
    match p.start {
        Some(st) => rows.push(DecodedField::new(
            "Valid from",
            st.to_string(),
            FieldStyle::Time,
        )),
        None => rows.push(DecodedField::new(
            "Valid from",
            "when the service receives it (no st)",
            FieldStyle::Text,
        )),
    }
    if let Some(se) = p.expiry {
        let note = p.start.map_or_else(String::new, |st| {
            format!("valid for {}", human_duration(se.0 - st.0))
        });
        rows.push(DecodedField::new("Expires at", se.to_string(), FieldStyle::Time).note(note));
        if se <= now {
            rows.push(DecodedField::new("State", "expired", FieldStyle::Text));
        }
    }
}

fn restrictions(
    c: &AzureSasComputation,
    show: &dyn Fn(&str) -> String,
    rows: &mut Vec<DecodedField>,
) {
    let p = &c.params;
    if let Some(sip) = p.get("sip") {
        rows.push(DecodedField::new("Allowed IP addresses", sip, FieldStyle::Code).note("requests from other addresses are refused (AuthorizationSourceIPMismatch); this page cannot see yours"));
    }
    rows.push(match p.get("spr") {
        Some("https") => DecodedField::new("Protocol", "https only", FieldStyle::Text),
        Some(other) => DecodedField::new("Protocol", other, FieldStyle::Code),
        None => DecodedField::new("Protocol", "https or http (no spr)", FieldStyle::Text),
    });
    for (name, header) in [
        ("rscc", "Cache-Control"),
        ("rscd", "Content-Disposition"),
        ("rsce", "Content-Encoding"),
        ("rscl", "Content-Language"),
        ("rsct", "Content-Type"),
    ] {
        if let Some(v) = p.get(name) {
            rows.push(
                DecodedField::new(format!("Response {header}"), show(v), FieldStyle::Code)
                    .note("the service answers with this header instead of the blob's"),
            );
        }
    }
    if let Some(ses) = p.get("ses") {
        rows.push(DecodedField::new("Encryption scope", ses, FieldStyle::Code));
    }
    for (name, label) in [
        ("srh", "Signed request headers"),
        ("srq", "Signed query parameters"),
    ] {
        if let Some(v) = p.get(name) {
            rows.push(
                DecodedField::new(label, v, FieldStyle::Code)
                    .note("their values are signed: the request must carry them exactly"),
            );
        }
    }
    if let Some(sv) = p.get("sv") {
        let note = c.layout.map_or_else(
            || "older than the layouts checked here".to_owned(),
            |l| format!("string to sign: the layout of {}", l.versions()),
        );
        rows.push(DecodedField::new("Signed version", sv, FieldStyle::Code).note(note));
    }
}
