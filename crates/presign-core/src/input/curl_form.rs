//! curl's `-F` / `--form` and `--form-string` arguments, read as curl reads them: `name=value`,
//! `name=@path` (a file part), `name=<path` (a field whose value curl reads from a file), a
//! double-quoted value, and the `;type=` and `;filename=` options.

use crate::input::form::{FilePart, FormPart};

/// The options curl reads after a `;` in a `-F` value.
const OPTIONS: &[&str] = &["type=", "filename=", "headers=", "encoder="];

/// One `-F` argument (`literal`: `--form-string`, whose value is taken as it is).
pub fn form_part(argument: &str) -> FormPart {
    form_part_as(argument, false)
}

/// One `--form-string` argument: no `@`, `<` or `;type=` is interpreted.
pub fn form_string_part(argument: &str) -> FormPart {
    form_part_as(argument, true)
}

fn form_part_as(argument: &str, literal: bool) -> FormPart {
    let (name, value) = argument.split_once('=').unwrap_or((argument, ""));
    if literal {
        return FormPart::field(name, value);
    }
    if let Some(path) = value.strip_prefix('@') {
        let (path, options) = split_options(path);
        let filename = option(&options, "filename=").or_else(|| {
            let base = path.rsplit(['/', '\\']).next().unwrap_or(&path);
            (!base.is_empty()).then(|| base.to_owned())
        });
        return FormPart {
            file: Some(FilePart {
                filename,
                content_type: option(&options, "type="),
                size: None,
            }),
            ..FormPart::field(name, "")
        };
    }
    if let Some(path) = value.strip_prefix('<') {
        let (path, _) = split_options(path);
        return FormPart {
            value: format!("<the contents of {path}>"),
            value_known: false,
            ..FormPart::field(name, "")
        };
    }
    let (text, _) = split_options(value);
    FormPart::field(name, &text)
}

/// The value (unquoted when it is in double quotes) and the `;option=…` texts after it.
fn split_options(value: &str) -> (String, Vec<String>) {
    let (text, rest) = if let Some(quoted) = value.strip_prefix('"') {
        let mut text = String::new();
        let mut chars = quoted.char_indices();
        let mut end = quoted.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    end = i + 1;
                    break;
                }
                '\\' => text.extend(chars.next().map(|(_, e)| e)),
                c => text.push(c),
            }
        }
        (text, quoted.get(end..).unwrap_or(""))
    } else {
        // A `;` starts an option only when one of curl's option names follows it.
        let cut = value
            .match_indices(';')
            .map(|(i, _)| i)
            .find(|&i| {
                let after = value.get(i + 1..).unwrap_or("").trim_start();
                OPTIONS.iter().any(|o| after.starts_with(o))
            })
            .unwrap_or(value.len());
        (
            value.get(..cut).unwrap_or("").to_owned(),
            value.get(cut..).unwrap_or(""),
        )
    };
    let options = rest
        .split(';')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned)
        .collect();
    (text, options)
}

fn option(options: &[String], name: &str) -> Option<String> {
    options
        .iter()
        .find_map(|o| o.strip_prefix(name))
        .map(|v| v.trim_matches('"').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_files_and_options() {
        assert_eq!(
            form_part("key=user/${filename}"),
            FormPart::field("key", "user/${filename}")
        );
        assert_eq!(
            form_part("success_action_redirect=https://x/?a=1;b=2"),
            FormPart::field("success_action_redirect", "https://x/?a=1;b=2")
        );
        assert_eq!(
            form_part("acl=private;type=text/plain"),
            FormPart::field("acl", "private")
        );
        assert_eq!(
            form_part("a=\"x;y \\\"q\\\"\";type=t"),
            FormPart::field("a", "x;y \"q\"")
        );
        let file = form_part("file=@./dir/photo.jpg;type=image/jpeg")
            .file
            .unwrap();
        assert_eq!(file.filename.as_deref(), Some("photo.jpg"));
        assert_eq!(file.content_type.as_deref(), Some("image/jpeg"));
        let renamed = form_part("file=@a.bin;filename=\"b c.png\"").file.unwrap();
        assert_eq!(renamed.filename.as_deref(), Some("b c.png"));
        let from_file = form_part("policy=<policy.txt");
        assert!(!from_file.value_known && from_file.file.is_none());
        assert_eq!(
            form_string_part("a=@not-a-file"),
            FormPart::field("a", "@not-a-file")
        );
        assert_eq!(form_part("no-equals"), FormPart::field("no-equals", ""));
        assert_eq!(form_part("a=\"unclosed"), FormPart::field("a", "unclosed"));
    }
}
