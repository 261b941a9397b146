//! `--batch`: every line of a file (or standard input) checked with the same method, headers,
//! secret and instant; one JSON line out per line in, with the `--json` report's verdict and
//! findings.

use crate::args::BatchInput;
use crate::usage::Usage;
use presign_core::report::Verdict;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::{inspect_with, Finding, Inputs, ReportDetail, UnixTime};
use serde::Serialize;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// One line of output: the 1-based line of the input it answers and the `--json` report's
/// `verdict` and `findings`. The rest of the report (decoded URL, parameter table, canonical
/// request) is left out: it restates the input, and would be most of the bytes.
#[derive(Serialize)]
struct OutputLine<'a> {
    line: u64,
    verdict: &'a Verdict,
    findings: &'a [Finding],
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
    // Signing keys derived for one line serve every later line with the same scope.
    let mut keys = SigningKeyCache::default();
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
        let report = inspect_with(&inputs, now, ReportDetail::Findings, &mut keys);
        any_error |= report.has_errors();
        json.clear();
        let out = OutputLine {
            line,
            verdict: &report.verdict,
            findings: &report.findings,
        };
        serde_json::to_writer(&mut json, &out)
            .map_err(|e| format!("cannot serialize the report of line {line}: {e}"))?;
        json.push(b'\n');
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
