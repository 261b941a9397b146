//! Hostile input at the command line: what a log file can hold reaches the terminal as a
//! finding, never as a crash, a refusal to read, or an escape sequence that drives the terminal.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");
const NOW: &str = "2026-11-20T10:01:00Z";
const GOOD: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6b57f52889ddf3542cceaa8f30c41987a7ccd297bf7d921db61cce32f77b9c1c";

/// Runs the CLI with the URL on standard input; returns (exit code, stdout).
fn run_stdin(args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Written from a thread: a 5 MB input is larger than the pipe buffer.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let Output { status, stdout, .. } = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("the writer finishes");
    (
        status.code().expect("the binary exits normally"),
        String::from_utf8(stdout).expect("stdout is UTF-8"),
    )
}

#[test]
fn a_five_megabyte_paste_gets_a_size_message() {
    let mut log = "2026-11-20 10:00:00 INFO request ok\n".repeat(150_000);
    log.push_str(GOOD);
    assert!(log.len() > 5_000_000);
    let (code, out) = run_stdin(&["--now", NOW], log.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("[error] input-too-long: The URL is too long to read ("),
        "{out}"
    );
    assert!(out.contains("the limit is 64 KiB"), "{out}");
}

#[test]
fn nul_bytes_and_invalid_utf8_on_stdin_are_read_lossily() {
    let mut input = b"https://examplebucket.s3.amazonaws.com/re\0port\xff.txt?".to_vec();
    input.extend_from_slice(GOOD.split_once('?').unwrap().1.as_bytes());
    let (code, out) = run_stdin(&["--now", NOW, "-"], &input);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("suspicious-characters: The object key holds 2 hidden or look-alike characters: U+0000 NULL"), "{out}");
    assert!(
        out.contains("U+FFFD REPLACEMENT CHARACTER at character 8"),
        "{out}"
    );
    assert!(!out.contains('\0'), "a raw NUL reached the terminal");
}

#[test]
fn escape_sequences_and_bidi_controls_never_reach_the_terminal() {
    // %1B]0;pwned%07 would retitle the terminal window; %1B[2J would clear the screen; U+202E
    // would reverse the rest of the line.
    let url = GOOD.replace(
        "/test.txt?",
        "/a%1B%5D0%3Bpwned%07%1B%5B2Jb%E2%80%AEtxt.exe?",
    );
    let headers = "x-amz-meta-a: \u{1b}[31mred\u{202e}";
    let (code, out) = run_stdin(&["--now", NOW, "--header", headers, "-"], url.as_bytes());
    // x-amz-meta-a is sent unsigned (an error finding that echoes its value, escapes and all).
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unsigned-amz-header"), "{out}");
    assert!(
        !out.chars().any(|c| c != '\n' && c.is_control()),
        "a control character reached the terminal: {out:?}"
    );
    assert!(
        !out.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
    assert!(out.contains("a\u{27E8}U+001B\u{27E9}]0;pwned\u{27E8}U+0007\u{27E9}\u{27E8}U+001B\u{27E9}[2Jb\u{27E8}U+202E\u{27E9}txt.exe"), "{out}");
}

#[test]
fn markup_is_printed_as_text() {
    let (code, out) = run_stdin(
        &["--now", NOW, "--json"],
        b"javascript:alert(document.cookie)",
    );
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("one JSON report");
    assert_eq!(report["verdict"]["code"], "not-a-url");
    assert_eq!(
        report["findings"][0]["title"],
        "\u{201c}javascript:\u{201d} is not an http or https URL"
    );
}
