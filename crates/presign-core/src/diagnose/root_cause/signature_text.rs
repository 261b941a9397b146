//! The signature's own text: `X-Amz-Signature` altered on the way (upper-cased, white space or a
//! line break in it, cut short, characters after it such as a quote or a bracket). The search
//! then reproduces the signature the text still shows, and says what happened to the text.

/// How the signature's text differs from the 64 lower-case hex digits SigV4 writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alteration {
    /// Hex digits in upper case.
    Case,
    /// White space or a line break in it (a wrapped log line, a copy from a terminal).
    Whitespace,
    /// Characters around the 64 digits (a quote, a bracket, a full stop).
    ExtraCharacters,
    /// Fewer than 64 digits: the URL was cut.
    Cut,
}

/// A cut signature must keep at least this many hex digits to be compared (16 digits leave a
/// chance match at about one in 10^19 per variant).
pub(super) const MIN_CUT_DIGITS: usize = 16;

/// What the search compares with: the digits the text shows, and how the text was altered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    /// Lower-case hex digits: all 64, or the first ones of a cut signature.
    pub(super) hex: String,
    /// The alterations, in the order they were undone; empty for an intact signature.
    pub(super) altered: Vec<Alteration>,
}

/// Reads the signature's text; `None` when it holds too few hex digits to compare.
pub(super) fn read(text: &str) -> Option<Target> {
    let mut altered = Vec::new();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() != text.len() {
        altered.push(Alteration::Whitespace);
    }
    let lower = compact.to_ascii_lowercase();
    if lower != compact {
        altered.push(Alteration::Case);
    }
    let trimmed = lower.trim_start_matches(|c: char| !c.is_ascii_hexdigit());
    let digits = trimmed
        .find(|c: char| !c.is_ascii_hexdigit())
        .unwrap_or(trimmed.len());
    let extra = trimmed.len() > digits.min(64) || trimmed.len() != lower.len();
    if extra {
        altered.push(Alteration::ExtraCharacters);
    }
    let hex = &trimmed[..digits.min(64)];
    if hex.len() < 64 {
        if hex.len() < MIN_CUT_DIGITS {
            return None;
        }
        altered.push(Alteration::Cut);
    }
    Some(Target {
        hex: hex.to_owned(),
        altered,
    })
}

impl Alteration {
    fn words(self) -> &'static str {
        match self {
            Alteration::Case => "its hex digits were upper-cased",
            Alteration::Whitespace => "white space or a line break is in it",
            Alteration::ExtraCharacters => "characters were added around its 64 hex digits",
            Alteration::Cut => "it was cut short",
        }
    }
}

/// The words for a signature whose text was altered.
pub(super) fn change(text: &str, target: &Target) -> super::Change {
    let what: Vec<&str> = target.altered.iter().map(|a| a.words()).collect();
    let how = what.join(", and ");
    let shown = if target.altered.contains(&Alteration::Cut) {
        format!("the {} hex digits it keeps", target.hex.len())
    } else {
        "its 64 hex digits".to_owned()
    };
    super::change(
        crate::finding::Code::SignatureAltered,
        "X-Amz-Signature",
        text,
        target.hex.clone(),
        "The signature's text was altered after signing".to_owned(),
        format!("Re-signing reproduces {shown}, but the text of X-Amz-Signature is not what the signer wrote: {how}. S3 compares the signature as written (64 lower-case hex digits). Copy the whole URL unchanged (a log or chat that wraps, quotes or truncates lines alters it)."),
    )
}

#[cfg(test)]
mod tests {
    use super::{
        read,
        Alteration::{Case, Cut, ExtraCharacters, Whitespace},
        Target,
    };

    const SIG: &str = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    fn target(hex: &str, altered: &[super::Alteration]) -> Target {
        Target {
            hex: hex.to_owned(),
            altered: altered.to_vec(),
        }
    }

    #[test]
    fn each_alteration_is_read() {
        assert_eq!(read(SIG), Some(target(SIG, &[])));
        assert_eq!(read(&SIG.to_ascii_uppercase()), Some(target(SIG, &[Case])));
        let wrapped = format!("{}\n  {}", &SIG[..30], &SIG[30..]);
        assert_eq!(read(&wrapped), Some(target(SIG, &[Whitespace])));
        assert_eq!(
            read(&format!("{SIG}\")")),
            Some(target(SIG, &[ExtraCharacters]))
        );
        assert_eq!(
            read(&format!("{SIG}00")),
            Some(target(SIG, &[ExtraCharacters]))
        );
        assert_eq!(read(&SIG[..40]), Some(target(&SIG[..40], &[Cut])));
        assert_eq!(read(&SIG[..15]), None);
        assert_eq!(read("not-a-signature"), None);
    }
}
