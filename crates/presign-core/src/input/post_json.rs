//! The SDK's presigned POST: `{"url": …, "fields": {…}}` as boto3's `generate_presigned_post`
//! and the JavaScript SDK's `createPresignedPost` return it, pasted as JSON, as Python prints a
//! dict or as Node prints an object.

use crate::input::form::{FormPart, FormShape, PostForm};
use crate::input::json::{read_json, Json};
use crate::limits::MAX_FORM_PARTS;

/// Reads the SDK's JSON. The fields keep the SDK's order (it is the order to send them in).
pub fn read_post_json(text: &str) -> PostForm {
    let mut form = PostForm::new(FormShape::SdkJson);
    form.method = Some("POST".to_owned());
    form.enctype = Some("multipart/form-data".to_owned());
    let read = match read_json(text.trim()) {
        Ok(read) => read,
        Err(e) => {
            form.notes.push(format!("the JSON cannot be read ({e})"));
            return form;
        }
    };
    form.action = match read.value.get("url") {
        Some(Json::String(url)) => Some(url.clone()),
        Some(_) => {
            form.notes
                .push("\u{201c}url\u{201d} is not a string".to_owned());
            None
        }
        None => {
            form.notes
                .push("there is no \u{201c}url\u{201d}".to_owned());
            None
        }
    };
    match read.value.get("fields") {
        Some(Json::Object(members)) => {
            for (name, value) in members.iter().take(MAX_FORM_PARTS) {
                let text = match value {
                    Json::String(s) | Json::Number(s) => s.clone(),
                    Json::Bool(b) => b.to_string(),
                    _ => {
                        form.notes.push(format!(
                            "the field \u{201c}{name}\u{201d} is not a string and was left out"
                        ));
                        continue;
                    }
                };
                form.parts.push(FormPart::field(name, &text));
            }
            if members.len() > MAX_FORM_PARTS {
                form.notes
                    .push(format!("only the first {MAX_FORM_PARTS} fields were read"));
            }
        }
        Some(_) => form
            .notes
            .push("\u{201c}fields\u{201d} is not an object".to_owned()),
        None => form
            .notes
            .push("there are no \u{201c}fields\u{201d}".to_owned()),
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_boto3_output_in_order() {
        let form = read_post_json(
            r#"{"url": "https://examplebucket.s3.amazonaws.com/", "fields": {"key": "uploads/a.jpg", "x-amz-algorithm": "AWS4-HMAC-SHA256", "policy": "eyJ9", "x-amz-signature": "00"}}"#,
        );
        assert_eq!(
            form.action.as_deref(),
            Some("https://examplebucket.s3.amazonaws.com/")
        );
        let names: Vec<&str> = form.parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["key", "x-amz-algorithm", "policy", "x-amz-signature"]
        );
        assert!(form.notes.is_empty());
    }

    #[test]
    fn reads_a_node_printout() {
        let form = read_post_json("{\n  url: 'https://b.s3.us-east-1.amazonaws.com/',\n  fields: {\n    bucket: 'b',\n    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',\n    Policy: 'eyJ9'\n  }\n}");
        assert_eq!(form.value("policy"), Some("eyJ9"));
        assert_eq!(form.parts[1].name, "X-Amz-Algorithm");
    }

    #[test]
    fn says_what_is_missing() {
        let form = read_post_json(r#"{"fields": []}"#);
        assert_eq!(form.notes.len(), 2, "{:?}", form.notes);
        let form = read_post_json(r#"{"url": "https://b/", "fields": {"a": {"b": 1}}"#);
        assert!(form.notes[0].contains("cannot be read"), "{:?}", form.notes);
    }
}
