//! `--batch`: every line of a file (or standard input) checked with the same method, headers,
//! secret and instant; one JSON line out per line in, with the `--json` report's verdict and
//! findings.

use crate::args::BatchInput;
use crate::usage::Usage;
use presign_core::{inspect_with, Inputs, ReportDetail, UnixTime};
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// One line of output: the 1-based line of the input it answers and the `--json` report's
/// `verdict` and `findings`. The rest of the report (decoded URL, parameter table, canonical
/// request) is left out: it restates the input, and would be most of the bytes.
///
/// Written by hand rather than through serde: the finding texts are most of a batch's output,
/// and `serde_json`'s byte-by-byte escaping was a fifth of the time per URL. The bytes are
/// exactly what `serde_json::to_writer` writes for the same fields (tested below).
mod batch_json {
    use presign_core::report::Verdict;
    use presign_core::Finding;

    pub fn write_line(out: &mut Vec<u8>, line: u64, verdict: &Verdict, findings: &[Finding]) {
        out.extend_from_slice(b"{\"line\":");
        out.extend_from_slice(line.to_string().as_bytes());
        out.extend_from_slice(b",\"verdict\":{\"code\":");
        string(out, verdict.code.as_str());
        out.extend_from_slice(b",\"severity\":");
        string(out, verdict.severity.as_str());
        out.extend_from_slice(b",\"title\":");
        string(out, &verdict.title);
        out.extend_from_slice(b"},\"findings\":[");
        for (i, f) in findings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"code\":");
            string(out, f.code.as_str());
            out.extend_from_slice(b",\"severity\":");
            string(out, f.severity.as_str());
            out.extend_from_slice(b",\"title\":");
            string(out, &f.title);
            out.extend_from_slice(b",\"detail\":");
            string(out, &f.detail);
            out.extend_from_slice(b",\"evidence\":[");
            for (j, e) in f.evidence.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"label\":");
                string(out, &e.label);
                out.extend_from_slice(b",\"value\":");
                string(out, &e.value);
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
        out.extend_from_slice(b"]}\n");
    }

    /// Whether any of 8 bytes (little-endian in `x`) is below 0x20, `"` or `\\`: the bytes a
    /// JSON string must escape.
    fn needs_escape(x: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v;
        (below_space
            | zero_byte(x ^ (ONES * u64::from(b'"')))
            | zero_byte(x ^ (ONES * u64::from(b'\\'))))
            & HIGH
            != 0
    }

    /// A JSON string, escaped as `serde_json` escapes it.
    pub fn string(out: &mut Vec<u8>, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = text.as_bytes();
        out.push(b'"');
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Skip clean runs eight bytes at a time.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                if !needs_escape(word) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0x00..=0x1f => &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ],
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(escape);
            i += 1;
            start = i;
        }
        out.extend_from_slice(&bytes[start..]);
        out.push(b'"');
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use presign_core::{Code, Severity};

        #[derive(serde::Serialize)]
        struct OutputLine<'a> {
            line: u64,
            verdict: &'a Verdict,
            findings: &'a [Finding],
        }

        #[test]
        fn writes_what_serde_json_writes() {
            let texts = [
                "",
                "plain text that is long enough for the eight-byte steps",
                "quote \" backslash \\ slash / tab \t line\nfeed\r\u{8}\u{c}\u{0}\u{1f}\u{7f} end",
                "é — “curly” 𝄞 \u{202e}bidi\u{200b}",
                "\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\\\",
                "12345678\n2345678\"",
            ];
            for text in texts {
                let mut ours = Vec::new();
                string(&mut ours, text);
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    serde_json::to_string(text).unwrap(),
                    "{text:?}"
                );
            }
            let finding = Finding::new(Code::Expired, Severity::Error, texts[2], texts[3])
                .with("at", texts[1])
                .with(texts[4], "");
            let findings = [
                finding.clone(),
                Finding::new(Code::SignatureValid, Severity::Ok, "", ""),
                finding,
            ];
            let verdict = Verdict {
                code: Code::Expired,
                severity: Severity::Error,
                title: texts[5].to_owned(),
            };
            for shown in [&findings[..], &[]] {
                let mut ours = Vec::new();
                write_line(&mut ours, 42, &verdict, shown);
                let mut theirs = serde_json::to_vec(&OutputLine {
                    line: 42,
                    verdict: &verdict,
                    findings: shown,
                })
                .unwrap();
                theirs.push(b'\n');
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap()
                );
            }
        }
    }
}

/// Checks every line. One output line per input line (a blank line gets its `not-a-url`
/// answer), so outputs pair with inputs. The `Inputs` (and with them the secret, whose signing
/// keys are remembered from line to line) and the buffers are reused.
pub fn run(mut inputs: Inputs, source: &BatchInput, now: UnixTime) -> Result<ExitCode, Usage> {
    let (mut input, name): (Box<dyn BufRead>, String) = match source {
        BatchInput::Stdin => (Box::new(std::io::stdin().lock()), "standard input".into()),
        BatchInput::File(path) => {
            let name = path.display().to_string();
            let file = std::fs::File::open(path)
                .map_err(|e| format!("--batch: cannot read {name}: {e}"))?;
            (
                Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
                name,
            )
        }
    };
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut raw = Vec::new();
    let mut json = Vec::with_capacity(1024);
    let mut line = 0u64;
    let mut any_error = false;
    loop {
        raw.clear();
        match input.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("--batch: cannot read {name}: {e}").into()),
        }
        line += 1;
        inputs.url.clear();
        // Valid UTF-8 (nearly every line) is checked far faster than it is lossily converted.
        match std::str::from_utf8(&raw) {
            Ok(text) => inputs.url.push_str(text),
            Err(_) => inputs.url.push_str(&String::from_utf8_lossy(&raw)),
        }
        let report = inspect_with(&inputs, now, ReportDetail::Findings);
        any_error |= report.has_errors();
        json.clear();
        batch_json::write_line(&mut json, line, &report.verdict, &report.findings);
        if stdout.write_all(&json).is_err() {
            // A closed pipe (`| head`): nobody reads the rest.
            break;
        }
    }
    let _ = stdout.flush();
    Ok(if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
