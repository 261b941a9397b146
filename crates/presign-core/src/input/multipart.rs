//! A raw `multipart/form-data` body (RFC 7578), as copied from the browser's developer tools or a
//! proxy log, alone or under its request line and headers: each part's name, value, file name
//! and type, in the order sent. Line ends may be CRLF or LF (pastes lose the CR); values are
//! kept byte for byte otherwise.

use crate::input::form::{FilePart, FormPart, FormShape, PostForm};
use crate::limits::MAX_FORM_PARTS;

/// What browsers' developer tools show in place of a file's bytes.
const BINARY_PLACEHOLDER: &str = "(binary)";

/// Reads a raw HTTP request when its body is a multipart form; `None` for any other request.
pub fn read_http_request(text: &str) -> Option<PostForm> {
    let text = text.trim_start();
    let (head, body) = match (text.find("\r\n\r\n"), text.find("\n\n")) {
        (Some(a), Some(b)) if b < a => (text.get(..b)?, text.get(b + 2..)?),
        (Some(a), _) => (text.get(..a)?, text.get(a + 4..)?),
        (None, Some(b)) => (text.get(..b)?, text.get(b + 2..)?),
        (None, None) => (text, ""),
    };
    let mut lines = head.lines().map(|l| l.trim_end_matches('\r'));
    let mut request_line = lines.next()?.split(' ');
    let (method, target) = (request_line.next()?, request_line.next()?);
    let mut host = None;
    let mut content_type = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("host") {
            host = Some(value.trim());
        } else if name.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim());
        }
    }
    let content_type = content_type?;
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    if !media_type.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.split_once('='))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"'));
    let mut form = read_multipart(body, boundary);
    form.method = Some(method.to_owned());
    form.enctype = Some(media_type.to_owned());
    form.action = Some(
        if target.starts_with("http://") || target.starts_with("https://") {
            target.to_owned()
        } else {
            format!("https://{}{target}", host.unwrap_or(""))
        },
    );
    Some(form)
}

/// Reads a multipart body. Without `boundary`, the first line that starts with `--` names it.
pub fn read_multipart(body: &str, boundary: Option<&str>) -> PostForm {
    let mut form = PostForm::new(FormShape::Multipart);
    form.method = Some("POST".to_owned());
    form.enctype = Some("multipart/form-data".to_owned());
    let lines = lines_with_offsets(body);
    let boundary = boundary.map(str::to_owned).or_else(|| {
        lines
            .iter()
            .map(|&(_, line)| line)
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.strip_prefix("--"))
            .map(|b| b.trim_end().to_owned())
    });
    let Some(boundary) = boundary.filter(|b| !b.is_empty()) else {
        form.notes
            .push("the body does not start with a --boundary line".to_owned());
        return form;
    };
    let delimiter = format!("--{boundary}");
    // (start of the part's headers, offset of the line break before the next delimiter)
    let mut open: Option<usize> = None;
    let mut closed = false;
    for (i, &(offset, line)) in lines.iter().enumerate() {
        let Some(after) = line.strip_prefix(delimiter.as_str()) else {
            continue;
        };
        let is_last = after.starts_with("--");
        if !is_last && !after.trim().is_empty() {
            continue;
        }
        if let Some(start) = open.take() {
            let end = content_end(body, offset);
            part(&mut form, body.get(start..end).unwrap_or(""));
        }
        if is_last {
            closed = true;
            break;
        }
        open = lines.get(i + 1).map(|&(o, _)| o);
        if form.parts.len() >= MAX_FORM_PARTS {
            form.notes
                .push(format!("only the first {MAX_FORM_PARTS} parts were read"));
            open = None;
            closed = true;
            break;
        }
    }
    if let Some(start) = open {
        part(&mut form, body.get(start..).unwrap_or(""));
    }
    if !closed {
        form.notes.push(format!(
            "the body does not end with the closing {delimiter}-- line (was it cut off?)"
        ));
    }
    form
}

/// Each line with the offset where it starts; line ends (`\n`, `\r\n`) are not in the line.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let line = text.get(start..i).unwrap_or("");
            out.push((start, line.strip_suffix('\r').unwrap_or(line)));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.get(start..).unwrap_or("")));
    }
    out
}

/// Where a part's content ends: before the line break that precedes the delimiter at `at`.
fn content_end(body: &str, at: usize) -> usize {
    let before = body.get(..at).unwrap_or("");
    if before.ends_with("\r\n") {
        at - 2
    } else if before.ends_with('\n') {
        at - 1
    } else {
        at
    }
}

/// Reads one part: its header lines, a blank line, its content.
fn part(form: &mut PostForm, text: &str) {
    let (head, content) = match (text.find("\r\n\r\n"), text.find("\n\n")) {
        (Some(a), Some(b)) if b < a => (&text[..b], &text[b + 2..]),
        (Some(a), _) => (&text[..a], &text[a + 4..]),
        (None, Some(b)) => (&text[..b], &text[b + 2..]),
        (None, None) => (text, ""),
    };
    let mut name = None;
    let mut filename = None;
    let mut content_type = None;
    for line in head.lines().map(|l| l.trim_end_matches('\r')) {
        let Some((header, value)) = line.split_once(':') else {
            continue;
        };
        if header.trim().eq_ignore_ascii_case("content-disposition") {
            for (param, v) in parameters(value) {
                if param.eq_ignore_ascii_case("name") {
                    name = Some(v);
                } else if param.eq_ignore_ascii_case("filename") {
                    filename = Some(v);
                }
            }
        } else if header.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    let Some(name) = name else {
        form.notes
            .push("a part has no Content-Disposition name and was skipped".to_owned());
        return;
    };
    let file = filename.map(|filename| {
        let size = if content == BINARY_PLACEHOLDER {
            form.notes.push(format!(
                "the content of the file part \u{201c}{name}\u{201d} reads {BINARY_PLACEHOLDER}, so its size is not known here; give the file or its size"
            ));
            None
        } else {
            Some(content.len() as u64)
        };
        FilePart {
            filename: Some(filename),
            content_type,
            size,
        }
    });
    let value = if file.is_some() { "" } else { content };
    form.parts.push(FormPart {
        file,
        ..FormPart::field(&name, value)
    });
}

/// `form-data; name="a"; filename="b.jpg"` → (name, a), (filename, b.jpg). Quoted strings may
/// hold `;` and backslash escapes; browsers write `"` in a name as `%22`, which is kept.
fn parameters(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        // Skip to the next parameter (past the disposition type and separators).
        while chars.peek().is_some_and(|&c| c != ';') {
            chars.next();
        }
        if chars.next().is_none() {
            return out;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ';' {
                break;
            }
            name.push(c);
            chars.next();
        }
        if chars.peek() != Some(&'=') {
            continue;
        }
        chars.next();
        let mut v = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => {
                        if let Some(e) = chars.next() {
                            v.push(e);
                        }
                    }
                    c => v.push(c),
                }
            }
        } else {
            while chars.peek().is_some_and(|&c| c != ';') {
                v.extend(chars.next());
            }
            let trimmed = v.trim().to_owned();
            v = trimmed;
        }
        out.push((name.trim().to_owned(), v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nuser/${filename}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n12345\r\n6789\r\n--XyZ\r\nContent-Disposition: form-data; name=\"Content-Type\"\r\n\r\nimage/jpeg\r\n--XyZ--\r\n";

    #[test]
    fn reads_parts_in_order_with_the_file_size() {
        let form = read_multipart(BODY, None);
        assert!(form.notes.is_empty(), "{:?}", form.notes);
        assert_eq!(form.parts.len(), 3);
        assert_eq!(form.parts[0].value, "user/${filename}");
        let file = form.parts[1].file.as_ref().unwrap();
        assert_eq!(file.filename.as_deref(), Some("a;b.jpg"));
        assert_eq!(file.content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(file.size, Some(11));
        assert_eq!(form.parts[2].name, "Content-Type");
        assert_eq!(form.fields_read().len(), 1);
    }

    #[test]
    fn lf_line_ends_and_a_cut_off_body() {
        let lf = BODY.replace("\r\n", "\n");
        let form = read_multipart(&lf, None);
        assert_eq!(form.parts[1].file.as_ref().unwrap().size, Some(10));
        let cut = &BODY[..BODY.len() - 12];
        let form = read_multipart(cut, None);
        assert_eq!(form.parts.len(), 3);
        assert_eq!(form.notes.len(), 1, "{:?}", form.notes);
    }

    #[test]
    fn a_request_with_its_headers() {
        let request = format!("POST / HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n\r\n{BODY}");
        let form = read_http_request(&request).unwrap();
        assert_eq!(form.action.as_deref(), Some("https://b.s3.amazonaws.com/"));
        assert_eq!(form.parts.len(), 3);
        assert!(read_http_request(
            "PUT /k HTTP/1.1\r\nHost: b\r\nContent-Type: text/plain\r\n\r\nx"
        )
        .is_none());
    }

    #[test]
    fn devtools_binary_placeholder_and_odd_parts() {
        let body = "--b\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\n\n(binary)\n--b\nContent-Type: text/plain\n\nno name\n--b--";
        let form = read_multipart(body, None);
        assert_eq!(form.parts[0].file.as_ref().unwrap().size, None);
        assert_eq!(form.notes.len(), 2, "{:?}", form.notes);
        for odd in [
            "",
            "--",
            "--\n",
            "--b\n",
            "--b\nContent-Disposition: form-data; name",
            "--b\nContent-Disposition: ;;=;name=\"\\",
            "x\n--b--",
        ] {
            let _ = read_multipart(odd, None);
        }
    }
}
