//! Splitting a pasted command into words as a shell would: single and double quotes, `$'…'`,
//! backslash escapes, and the `\` / `^` / `` ` `` line continuations of sh, cmd.exe and
//! PowerShell.

use std::iter::Peekable;
use std::str::Chars;

/// Splits a shell command into words, with a note for each quote left open.
pub fn shell_words(text: &str) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut notes = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some('\r' | '\n') | None => {}
                Some(other) => {
                    current.push(other);
                    in_word = true;
                }
            },
            // cmd.exe (`^`) and PowerShell (`` ` ``) line continuations.
            '^' | '`' if matches!(chars.peek(), Some('\n' | '\r')) => {
                while matches!(chars.peek(), Some('\n' | '\r')) {
                    chars.next();
                }
            }
            '\'' => {
                in_word = true;
                if !single_quoted(&mut chars, &mut current) {
                    notes.push("a single quote is not closed".to_owned());
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                if !ansi_c_quoted(&mut chars, &mut current) {
                    notes.push("a $'…' quote is not closed".to_owned());
                }
            }
            '"' => {
                in_word = true;
                if !double_quoted(&mut chars, &mut current) {
                    notes.push("a double quote is not closed".to_owned());
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    (words, notes)
}

/// The rest of a `'…'` quote, taken literally; whether it was closed.
fn single_quoted(chars: &mut Peekable<Chars>, current: &mut String) -> bool {
    for d in chars.by_ref() {
        if d == '\'' {
            return true;
        }
        current.push(d);
    }
    false
}

/// The rest of a `$'…'` quote, with its C escapes (`\n`, `\t`, `\r`); whether it was closed.
fn ansi_c_quoted(chars: &mut Peekable<Chars>, current: &mut String) -> bool {
    while let Some(d) = chars.next() {
        match d {
            '\'' => return true,
            '\\' => match chars.next() {
                Some('n') => current.push('\n'),
                Some('t') => current.push('\t'),
                Some('r') => current.push('\r'),
                Some(e) => current.push(e),
                None => {}
            },
            _ => current.push(d),
        }
    }
    false
}

/// The rest of a `"…"` quote, where a backslash escapes only `"`, `\`, `$`, `` ` `` and a line
/// break; whether it was closed.
fn double_quoted(chars: &mut Peekable<Chars>, current: &mut String) -> bool {
    while let Some(d) = chars.next() {
        match d {
            '"' => return true,
            '\\' => match chars.peek() {
                Some('"' | '\\' | '$' | '`') => {
                    if let Some(e) = chars.next() {
                        current.push(e);
                    }
                }
                Some('\n') => {
                    chars.next();
                }
                _ => current.push('\\'),
            },
            _ => current.push(d),
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting_and_continuations() {
        let (w, notes) =
            shell_words("curl -H 'a: b c' \\\n  -H \"x: \\\"q\\\"\" $'t\\tu' plain\\ word");
        assert_eq!(
            w,
            vec![
                "curl",
                "-H",
                "a: b c",
                "-H",
                "x: \"q\"",
                "t\tu",
                "plain word"
            ]
        );
        assert!(notes.is_empty());
        let (w, notes) = shell_words("curl 'unclosed");
        assert_eq!(w, vec!["curl", "unclosed"]);
        assert_eq!(notes.len(), 1);
        let (w, _) = shell_words("curl ^\r\n -X PUT `\n x");
        assert_eq!(w, vec!["curl", "-X", "PUT", "x"]);
    }
}
