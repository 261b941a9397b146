//! The command line's own surface: `--help`, `--version`, `--generate`, and what clap refuses,
//! as a user sees them.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");

/// Every flag the binary takes; `--help`, the completions and the man page must each name all.
const FLAGS: [&str; 18] = [
    "--method",
    "--request-file",
    "--body-file",
    "--header",
    "--headers-file",
    "--error-xml",
    "--file",
    "--file-size",
    "--content-type",
    "--public-key",
    "--secret-stdin",
    "--secret-env",
    "--now",
    "--json",
    "--batch",
    "--generate",
    "--help",
    "--version",
];

fn run(args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    (
        status.code().expect("an exit code"),
        String::from_utf8(stdout).expect("UTF-8 output"),
        String::from_utf8(stderr).expect("UTF-8 errors"),
    )
}

#[test]
fn help_lists_every_flag_on_one_line() {
    let (code, out, err) = run(&["--help"]);
    assert_eq!(code, 0, "{err}");
    // An option line: "  -H, --header <NAME: VALUE>  A header the request sends, ...".
    let options: Vec<(&str, &str)> = out
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .filter_map(|l| l.trim_start().split_once("  "))
        .collect();
    for flag in FLAGS {
        let lines: Vec<&(&str, &str)> = options
            .iter()
            .filter(|(names, _)| names.split([' ', ',']).any(|name| name == flag))
            .collect();
        assert_eq!(lines.len(), 1, "{flag}: {out}");
        assert!(!lines[0].1.trim().is_empty(), "{flag} has no description");
    }
    assert_eq!(options.len(), FLAGS.len(), "an option not in FLAGS: {out}");
    assert!(
        out.lines().all(|l| l.chars().count() <= 100),
        "a line wider than 100 columns: {out}"
    );
    // `-h` is the same help.
    assert_eq!(run(&["-h"]).1, out);
}

#[test]
fn version_names_the_package_version() {
    for flag in ["--version", "-V"] {
        let (code, out, _) = run(&[flag]);
        assert_eq!(code, 0);
        assert_eq!(
            out,
            format!("presign-inspector {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn completions_and_man_page_name_every_flag() {
    for (what, marker) in [
        ("completions-bash", "complete -F _presign__inspector"),
        ("completions-zsh", "#compdef presign-inspector"),
        ("completions-fish", "complete -c presign-inspector"),
        ("man", ".TH presign-inspector 1"),
    ] {
        let (code, out, err) = run(&["--generate", what]);
        assert_eq!(code, 0, "{what}: {err}");
        assert!(out.contains(marker), "{what}: {out}");
        for flag in FLAGS {
            let name = flag.trim_start_matches('-');
            // roff escapes the hyphens: \-\-secret\-env.
            let found = out.contains(name) || out.contains(&name.replace('-', "\\-"));
            assert!(found, "{what} does not name {flag}");
        }
    }
    let (code, _, err) = run(&["--generate", "completions-powershell"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is not one of completions-bash, completions-zsh, completions-fish, man"),
        "{err}"
    );
}

#[test]
fn refusals_are_one_line_and_exit_2() {
    for (args, message) in [
        (
            &["--json=yes", "u"][..],
            "presign-inspector: --json takes no value\n",
        ),
        (&["--header"], "presign-inspector: --header needs a value\n"),
        (&["-x", "u"], "presign-inspector: unknown option -x\n"),
        (
            &["--bogus=value", "u"],
            "presign-inspector: unknown option --bogus\n",
        ),
        (
            &["--generate"],
            "presign-inspector: --generate needs a value\n",
        ),
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(
            err,
            format!("{message}Try `presign-inspector --help`.\n"),
            "{args:?}"
        );
    }
}

#[test]
fn a_secret_given_as_a_flag_is_never_echoed() {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let inline_flag = format!("--Secret-Access-Key={secret}");
    let inline_env = format!("--secret-env={secret}");
    for args in [
        &["--key", secret, "u"][..],
        &["--password", secret, "u"],
        &[&inline_flag, "u"],
        &[&inline_env],
        // After a flag that takes a value, too.
        &["--header", "--secret", secret, "u"],
        &["--secret-env", "A", "--secret-env", secret, "u"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(
            err.contains("secret") && !err.contains("EXAMPLEKEY"),
            "{args:?}: {err}"
        );
    }
}
