//! An HTML `<form>` snippet, read as a browser would submit it: the form's `action`, `method`
//! and `enctype`, and the controls it sends, in document order (hidden inputs, the file input,
//! named submit buttons, checked boxes, text areas). Not an HTML parser: tags and attributes
//! only, quoted or not, with character references expanded, and no script ever run.

use crate::error_body::xml::unescape;
use crate::input::form::{FilePart, FormPart, FormShape, PostForm};
use crate::limits::MAX_FORM_PARTS;

/// A start or end tag: its lower-case name (`/form` for an end tag) and attributes.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn has(&self, name: &str) -> bool {
        self.attribute(name).is_some()
    }
}

/// Reads the tag starting at `text` (which starts with `<`); the tag and the bytes it spans.
fn read_tag(text: &str) -> Option<(Tag, usize)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    let name_start = i;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    if i == name_start || (i == name_start + 1 && bytes[name_start] == b'/') {
        return None;
    }
    let name = text.get(name_start..i)?.to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        match bytes.get(i) {
            None => return Some((Tag { name, attributes }, i)),
            Some(b'>') => return Some((Tag { name, attributes }, i + 1)),
            Some(_) => {}
        }
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        let attr = text.get(start..i)?.to_ascii_lowercase();
        let mut j = i;
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let mut value = String::new();
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            let (raw, end) = if let Some(q @ (b'"' | b'\'')) = bytes.get(j) {
                let close = text.get(j + 1..)?.find(char::from(*q));
                if let Some(c) = close {
                    (text.get(j + 1..j + 1 + c)?, j + 2 + c)
                } else {
                    (text.get(j + 1..)?, text.len())
                }
            } else {
                let mut k = j;
                while bytes
                    .get(k)
                    .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                {
                    k += 1;
                }
                (text.get(j..k)?, k)
            };
            value = unescape(raw);
            i = end;
        }
        if attr.is_empty() {
            i += 1;
        } else if !attributes.iter().any(|(n, _)| *n == attr) {
            // As in browsers, the first of two attributes with one name wins.
            attributes.push((attr, value));
        }
    }
}

/// Reads the first `<form>` in `text` and the controls inside it.
pub fn read_html_form(text: &str) -> PostForm {
    let mut form = PostForm::new(FormShape::HtmlForm);
    let mut in_form = false;
    let mut at = 0;
    while let Some(lt) = text.get(at..).and_then(|r| r.find('<')) {
        let start = at + lt;
        let rest = text.get(start..).unwrap_or("");
        if let Some(after) = rest.strip_prefix("<!--") {
            at = start + 4 + after.find("-->").map_or(after.len(), |e| e + 3);
            continue;
        }
        let Some((tag, len)) = read_tag(rest) else {
            at = start + 1;
            continue;
        };
        at = start + len;
        match tag.name.as_str() {
            "form" if !in_form && form.action.is_none() && form.parts.is_empty() => {
                in_form = true;
                form.action = tag.attribute("action").map(str::to_owned);
                form.method = tag.attribute("method").map(str::to_owned);
                form.enctype = tag.attribute("enctype").map(str::to_owned);
            }
            "/form" if in_form => break,
            "input" | "button" | "textarea" if in_form => {
                let content = if tag.name == "textarea" {
                    let inner = text.get(at..).unwrap_or("");
                    let end = find_ignore_case(inner, "</textarea").unwrap_or(inner.len());
                    at += end;
                    Some(unescape(inner.get(..end).unwrap_or("")))
                } else {
                    None
                };
                control(&mut form, &tag, content);
            }
            "select" if in_form => form.notes.push(format!(
                "the select list \u{201c}{}\u{201d} is not read; add its chosen value as a hidden input to check it",
                tag.attribute("name").unwrap_or("")
            )),
            _ => {}
        }
        if form.parts.len() >= MAX_FORM_PARTS {
            form.notes
                .push(format!("only the first {MAX_FORM_PARTS} fields were read"));
            break;
        }
    }
    if !in_form {
        form.notes.push("no <form> tag was found".to_owned());
    }
    form
}

/// Adds the control `tag` if the browser would send it.
fn control(form: &mut PostForm, tag: &Tag, content: Option<String>) {
    let Some(name) = tag.attribute("name").filter(|n| !n.is_empty()) else {
        return;
    };
    if tag.has("disabled") {
        return;
    }
    let default_type = if tag.name == "button" {
        "submit"
    } else {
        "text"
    };
    let kind = tag
        .attribute("type")
        .unwrap_or(default_type)
        .to_ascii_lowercase();
    let value = content.unwrap_or_else(|| tag.attribute("value").unwrap_or("").to_owned());
    match kind.as_str() {
        "file" if tag.name == "input" => {
            if tag.has("multiple") {
                form.notes.push(format!(
                    "the file input \u{201c}{name}\u{201d} allows several files; S3 takes exactly one per POST"
                ));
            }
            form.parts.push(FormPart {
                file: Some(FilePart::default()),
                ..FormPart::field(name, "")
            });
        }
        "checkbox" | "radio" if !tag.has("checked") => {}
        "checkbox" | "radio" => {
            let value = tag.attribute("value").unwrap_or("on");
            form.parts.push(FormPart::field(name, value));
        }
        "button" | "reset" => {}
        "image" => form.notes.push(format!(
            "the image button \u{201c}{name}\u{201d} sends {name}.x and {name}.y when clicked; each needs a condition"
        )),
        _ => form.parts.push(FormPart::field(name, &value)),
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_s3_documentation_form() {
        let html = r#"<html><body>
  <form action="http://sigv4examplebucket.s3.amazonaws.com/" method="post" enctype="multipart/form-data">
    Key to upload: <input type="input"  name="key" value="user/user1/${filename}" /><br />
    <input type="hidden" name="acl" value="public-read" />
    <input type="text"   name="X-Amz-Credential" value="AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request" />
    <!-- <input type="hidden" name="commented" value="out" /> -->
    <input type=hidden name=x-amz-meta-tag value='' />
    File: <input type="file"   name="file" /> <br />
    <input type="submit" name="submit" value="Upload to Amazon S3" />
  </form>
  <input type="hidden" name="outside" value="x" />
</body></html>"#;
        let form = read_html_form(html);
        assert_eq!(
            form.action.as_deref(),
            Some("http://sigv4examplebucket.s3.amazonaws.com/")
        );
        assert_eq!(form.method.as_deref(), Some("post"));
        assert_eq!(form.enctype.as_deref(), Some("multipart/form-data"));
        let names: Vec<&str> = form.parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "key",
                "acl",
                "X-Amz-Credential",
                "x-amz-meta-tag",
                "file",
                "submit"
            ]
        );
        assert_eq!(form.parts[0].value, "user/user1/${filename}");
        assert!(form.parts[4].file.is_some());
        assert!(form.notes.is_empty(), "{:?}", form.notes);
    }

    #[test]
    fn sends_what_a_browser_sends() {
        let form = read_html_form(
            "<FORM ACTION='https://b/' METHOD=POST>\
             <input name=a value=\"x &amp; &quot;y&quot; &#39;z&#39;\">\
             <input name=off type=checkbox><input name=on type=checkbox checked>\
             <input name=gone disabled value=1><input value=no-name>\
             <button name=b value=1>Go</button><button type=button name=c>No</button>\
             <textarea name=t>line &lt;1&gt;\nline 2</textarea>\
             <select name=s></select>",
        );
        let pairs: Vec<(&str, &str)> = form
            .parts
            .iter()
            .map(|p| (p.name.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("a", "x & \"y\" 'z'"),
                ("on", "on"),
                ("b", "1"),
                ("t", "line <1>\nline 2")
            ]
        );
        assert_eq!(form.enctype, None);
        assert_eq!(form.notes.len(), 1, "{:?}", form.notes);
    }

    #[test]
    fn broken_markup_is_read_as_far_as_it_goes() {
        for html in [
            "<form",
            "<form action=\"x",
            "<form><input name=\"a",
            "<<form>><input name=>",
            "<form></",
            "<form><textarea name=t>abc",
        ] {
            let _ = read_html_form(html);
        }
        let form = read_html_form("<form><input name=\"a\" value=\"unclosed");
        assert_eq!(form.parts[0].value, "unclosed");
    }
}
