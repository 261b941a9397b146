//! A presigned POST as pasted, whatever its shape (the SDK's JSON, an HTML form, a curl command
//! with `-F`, a multipart body): where it posts and its parts in the order they are sent, which
//! matters, since S3 ignores every field after the file.

use crate::input::curl::{parse_curl, CurlBody};
use crate::input::detect::{detect, Pasted};
use crate::input::{html_form, multipart, post_json};
use serde::Serialize;

/// Which shape the form was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormShape {
    /// `{"url": …, "fields": {…}}` from boto3 `generate_presigned_post` or the JavaScript SDK's
    /// `createPresignedPost`: the fields to send, without the file.
    SdkJson,
    HtmlForm,
    Curl,
    /// A raw `multipart/form-data` body (with or without the request line and headers).
    Multipart,
}

impl FormShape {
    pub fn describe(self) -> &'static str {
        match self {
            FormShape::SdkJson => "the SDK's presigned POST (url and fields)",
            FormShape::HtmlForm => "an HTML form",
            FormShape::Curl => "a curl command with -F fields",
            FormShape::Multipart => "a multipart/form-data body",
        }
    }
}

/// The file of a file part, as far as the input tells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FilePart {
    /// The file name the client sends (`filename=` in the part; the basename of curl's `@path`).
    pub filename: Option<String>,
    /// The part's own `Content-Type` (S3 checks the `Content-Type` *field*, not this).
    pub content_type: Option<String>,
    /// The size in bytes, when the input holds the content.
    pub size: Option<u64>,
}

/// One form field (a part), in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormPart {
    /// The name exactly as written.
    pub name: String,
    /// The value exactly as sent (empty for a file part).
    pub value: String,
    /// `false` when the input does not hold the value (curl `-F 'name=<file'`).
    pub value_known: bool,
    /// `Some` for a file part.
    pub file: Option<FilePart>,
}

impl FormPart {
    pub fn field(name: &str, value: &str) -> Self {
        FormPart {
            name: name.to_owned(),
            value: value.to_owned(),
            value_known: true,
            file: None,
        }
    }

    /// Whether this part is named `name`, compared as S3 compares field names (ASCII case
    /// ignored: `X-Amz-Signature` is `x-amz-signature`).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// A presigned POST, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostForm {
    pub shape: FormShape,
    /// Where it posts: the JSON's `url`, the form's `action`, curl's URL, the request's target.
    pub action: Option<String>,
    /// The method as written (`None`: an HTML form without `method`, which browsers send as GET).
    pub method: Option<String>,
    /// The encoding as written (`None`: an HTML form without `enctype`, sent urlencoded).
    pub enctype: Option<String>,
    pub parts: Vec<FormPart>,
    /// What could not be read, in plain words.
    pub notes: Vec<String>,
}

impl PostForm {
    pub fn new(shape: FormShape) -> Self {
        PostForm {
            shape,
            action: None,
            method: None,
            enctype: None,
            parts: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The index of the first file part.
    pub fn first_file(&self) -> Option<usize> {
        self.parts.iter().position(|p| p.file.is_some())
    }

    /// The fields S3 reads: every part before the first file part (S3 ignores what follows the
    /// file), all of them when there is no file part (the SDK's JSON lists only the fields).
    pub fn fields_read(&self) -> &[FormPart] {
        let end = self.first_file().unwrap_or(self.parts.len());
        self.parts.get(..end).unwrap_or_default()
    }

    /// The first field S3 reads named `name` (case ignored).
    pub fn field(&self, name: &str) -> Option<&FormPart> {
        self.fields_read().iter().find(|p| p.is(name))
    }

    /// The value of that field.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.field(name).map(|p| p.value.as_str())
    }
}

/// Reads `text` as a presigned POST when it has the shape of one: the SDK's JSON, an HTML form,
/// a multipart body or a raw request carrying one, or a curl command with `-F` fields. `None`
/// for anything else (a URL, a curl command without a form).
pub fn read_post(text: &str) -> Option<PostForm> {
    match detect(text) {
        Pasted::PostJson => Some(post_json::read_post_json(text)),
        Pasted::HtmlForm => Some(html_form::read_html_form(text)),
        Pasted::Multipart => Some(multipart::read_multipart(text, None)),
        Pasted::HttpRequest => multipart::read_http_request(text),
        Pasted::Curl => {
            let curl = parse_curl(text);
            (curl.body == Some(CurlBody::Form)).then(|| {
                let mut form = PostForm::new(FormShape::Curl);
                form.action = curl.url;
                form.method = Some(curl.method_text);
                form.enctype = Some("multipart/form-data".to_owned());
                form.parts = curl.form;
                form.notes = curl.notes;
                form
            })
        }
        Pasted::Empty | Pasted::Url | Pasted::SdkLog => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_after_the_file_are_not_read() {
        let mut form = PostForm::new(FormShape::Multipart);
        form.parts = vec![
            FormPart::field("key", "a"),
            FormPart {
                file: Some(FilePart::default()),
                ..FormPart::field("file", "")
            },
            FormPart::field("Content-Type", "image/png"),
        ];
        assert_eq!(form.first_file(), Some(1));
        assert_eq!(form.fields_read().len(), 1);
        assert_eq!(form.value("KEY"), Some("a"));
        assert_eq!(form.value("content-type"), None);
    }

    #[test]
    fn shapes_that_are_not_a_post() {
        assert_eq!(
            read_post("https://b.s3.amazonaws.com/k?X-Amz-Signature=1"),
            None
        );
        assert_eq!(read_post("curl -X PUT -T f https://b/k"), None);
        assert_eq!(read_post("PUT /k HTTP/1.1\r\nHost: b\r\n\r\nx"), None);
        let curl = read_post("curl -F key=k -F 'file=@a.png' https://b.s3.amazonaws.com/").unwrap();
        assert_eq!(curl.shape, FormShape::Curl);
        assert_eq!(curl.method.as_deref(), Some("POST"));
        assert_eq!(curl.parts.len(), 2);
    }
}
