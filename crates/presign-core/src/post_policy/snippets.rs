//! A presigned POST that works: the fields S3 needs in the order it reads them, with the file
//! last, as a curl command (`-F`), a JavaScript `FormData` for `fetch`, and an HTML form. Values
//! a condition demands replace the ones that fail it; fields S3 would refuse are left out, each
//! change said in the notes.

use crate::post_policy::conditions::{Outcome, Rule};
use crate::post_policy::{FieldRole, PostReport};
use crate::snippets::{js_string, shell_quote, Snippets};
use std::fmt::Write as _;

/// The fields to send, in order, and what was changed to send them.
fn fields_to_send(post: &PostReport, notes: &mut Vec<String>) -> Vec<(String, String)> {
    let named = |name: &str, c: &Rule| c.field().is_some_and(|f| f.eq_ignore_ascii_case(name));
    let mut out: Vec<(String, String)> = Vec::new();
    for field in &post.fields {
        let needed = post.conditions.iter().any(|c| named(&field.name, &c.rule))
            || matches!(field.role, FieldRole::Exempt | FieldRole::Checked { .. });
        match field.role {
            FieldRole::File => {}
            FieldRole::NoCondition => notes.push(format!(
                "{} is left out: no condition of the policy covers it, and S3 would refuse the form.",
                field.name
            )),
            FieldRole::AfterFile if !needed => {}
            FieldRole::AfterFile => {
                notes.push(format!("{} is sent before the file: S3 ignores fields after it.", field.name));
                out.push((field.name.clone(), field.value.clone()));
            }
            FieldRole::Exempt | FieldRole::Checked { .. } => out.push((field.name.clone(), field.value.clone())),
        }
    }
    // A failed exact condition: send the value it demands (the field added when missing).
    for c in post
        .conditions
        .iter()
        .filter(|c| c.outcome == Outcome::Fails)
    {
        match &c.rule {
            Rule::Eq { field, value } if !field.eq_ignore_ascii_case("bucket") => {
                if let Some(slot) = out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(field)) {
                    if slot.1.contains("${filename}") {
                        continue;
                    }
                    notes.push(format!("{field} is \u{201c}{value}\u{201d}, as the policy demands (not \u{201c}{}\u{201d}).", slot.1));
                    slot.1.clone_from(value);
                } else {
                    notes.push(format!(
                        "{field} is added: the policy demands \u{201c}{value}\u{201d}."
                    ));
                    out.push((field.clone(), value.clone()));
                }
            }
            Rule::StartsWith { field, prefix } => notes.push(format!(
                "{field} must start with \u{201c}{prefix}\u{201d}: change its value before sending."
            )),
            Rule::ContentLengthRange { .. } => {
                notes.push(format!("The file does not fit the policy: {}.", c.sentence));
            }
            Rule::Eq { .. } => {}
        }
    }
    out
}

fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The snippets for a presigned POST; `None` when it does not say where it posts.
pub fn post_snippets(post: &PostReport) -> Option<Snippets> {
    let action = post.action.as_deref()?;
    let mut notes = Vec::new();
    let fields = fields_to_send(post, &mut notes);
    let file_name = post
        .file
        .name
        .as_deref()
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n));
    let file_arg = match (file_name, post.file.content_type.as_deref()) {
        (Some(n), Some(t)) => format!("file=@./{n};type={t}"),
        (Some(n), None) => format!("file=@./{n}"),
        (None, _) => {
            notes.push(
                "Replace ./file-to-upload (curl) and file (fetch) with what you upload.".to_owned(),
            );
            "file=@./file-to-upload".to_owned()
        }
    };
    // --form-string: curl takes the value as it is (no @file, <file or ;type= in it).
    let mut curl = vec!["curl --fail-with-body".to_owned()];
    curl.extend(
        fields
            .iter()
            .map(|(n, v)| format!("--form-string {}", shell_quote(&format!("{n}={v}")))),
    );
    curl.push(format!("-F {}", shell_quote(&file_arg)));
    curl.push(shell_quote(action));
    let curl = curl.join(" \\\n  ");

    let mut fetch = String::from("const form = new FormData();\n");
    for (n, v) in &fields {
        let _ = writeln!(fetch, "form.append({}, {});", js_string(n), js_string(v));
    }
    fetch.push_str("form.append(\"file\", file); // the File to upload, always last\n");
    let _ = write!(
        fetch,
        "// No Content-Type header: the browser writes multipart/form-data with its boundary.\nconst response = await fetch({}, {{ method: \"POST\", body: form }});\nif (!response.ok) console.error(response.status, await response.text());\n",
        js_string(action)
    );

    let mut html = format!(
        "<form action=\"{}\" method=\"post\" enctype=\"multipart/form-data\">\n",
        html_attribute(action)
    );
    for (n, v) in &fields {
        let _ = writeln!(
            html,
            "  <input type=\"hidden\" name=\"{}\" value=\"{}\">",
            html_attribute(n),
            html_attribute(v)
        );
    }
    html.push_str("  <input type=\"file\" name=\"file\">\n  <button type=\"submit\">Upload</button>\n</form>\n");
    Some(Snippets {
        curl,
        fetch,
        html: Some(html),
        notes,
    })
}
