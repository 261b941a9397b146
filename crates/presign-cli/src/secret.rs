//! Where the secret access key comes from (standard input or an environment variable, never an
//! argument): arguments that look like a secret are refused, and the secret is read and checked
//! before it reaches the core.

use crate::usage::Usage;
use presign_core::Secret;
use std::io::Read;
use zeroize::Zeroizing;

/// Where the secret comes from. Never from argv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    None,
    Stdin,
    Env(String),
}

/// Why the secret is refused as an argument; printed whenever an argument looks like one.
pub const SECRET_IN_ARGV: &str =
    "the secret access key is never taken from an argument: arguments are visible to every \
user of the machine (ps, /proc/*/cmdline) and end up in shell history. Use --secret-stdin \
(e.g. `presign-inspector --secret-stdin URL < secret.txt`) or --secret-env VAR \
(e.g. `--secret-env AWS_SECRET_ACCESS_KEY`)";

pub const SECRET_TWICE: &str = "give the secret once: either --secret-stdin or --secret-env VAR";

/// An environment variable name; anything else given to `--secret-env` is likely the secret.
pub fn is_env_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Conventional environment variable names (upper case) are safe to echo in messages; a
/// mixed-case "name" might be the secret itself, which must never be printed.
fn printable_env_name(name: &str) -> Option<&str> {
    name.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        .then_some(name)
}

/// Checked before clap sees the arguments, so that no message (clap's suggestions included)
/// ever echoes a secret given as a flag: any flag whose name holds "secret" other than the two
/// that name a source, `--secret-stdin=VALUE`, `--key` and `--password`. A secret given as a
/// second URL or as `--secret-env`'s name is refused later, also without echoing it.
pub fn refuse_secret_in_argv(args: &[String]) -> Result<(), Usage> {
    let mut sources = 0;
    for arg in args.iter().take_while(|a| *a != "--") {
        if !arg.starts_with('-') || arg == "-" {
            continue;
        }
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg.as_str(), None),
        };
        let lower = name.to_ascii_lowercase();
        let secret_flag = lower.contains("secret") || lower == "--password" || lower == "--key";
        match name {
            "--secret-stdin" if inline_value.is_none() => sources += 1,
            "--secret-env" => sources += 1,
            _ if secret_flag => return Err(SECRET_IN_ARGV.into()),
            _ => {}
        }
    }
    if sources > 1 {
        return Err(SECRET_TWICE.into());
    }
    Ok(())
}

/// The whole of standard input, wiped from memory when dropped (it may be the secret).
pub fn read_stdin() -> Result<Zeroizing<String>, Usage> {
    let mut text = Zeroizing::new(String::new());
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(text)
}

pub fn read_secret(source: &SecretSource) -> Result<Option<Secret>, Usage> {
    let text = match source {
        SecretSource::None => return Ok(None),
        SecretSource::Stdin => read_stdin()?,
        SecretSource::Env(var) => {
            let shown = printable_env_name(var)
                .map_or_else(|| "named by --secret-env".to_owned(), str::to_owned);
            match std::env::var(var) {
                Ok(v) => Zeroizing::new(v),
                Err(std::env::VarError::NotPresent) => {
                    return Err(format!(
                        "--secret-env: the environment variable {shown} is not set"
                    )
                    .into())
                }
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(format!(
                        "--secret-env: the environment variable {shown} is not valid UTF-8"
                    )
                    .into())
                }
            }
        }
    };
    // A secret access key never contains white space, so surrounding white space (the newline
    // of `echo`, a CR from Windows files) is dropped; inner white space means the input is
    // something else.
    let secret = text.trim();
    if secret.is_empty() {
        return Err("the secret is empty".into());
    }
    if secret.contains(char::is_whitespace) {
        return Err(
            "the secret contains white space or several lines; give only the secret access key"
                .into(),
        );
    }
    Ok(Some(Secret::new(secret)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names() {
        assert!(is_env_name("AWS_SECRET_ACCESS_KEY") && is_env_name("_x1"));
        assert!(!is_env_name("") && !is_env_name("1A") && !is_env_name("wJal/rX+U"));
        assert_eq!(printable_env_name("MY_SECRET_2"), Some("MY_SECRET_2"));
        assert_eq!(printable_env_name("wJalrXUtnFEMIK7MDENG"), None);
    }
}
