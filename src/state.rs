//! The page's state: what the user typed, and the browser clock. Every decision is made by
//! the domain layer from `State::inputs()`; this reducer only records input.

use presign_core::input::body::BodyDigest;
use presign_core::post_policy::UploadFile;
use presign_core::share::{Redaction, Shared};
use presign_core::{HttpMethod, Inputs, Secret, UnixTime};
use std::rc::Rc;
use yew::Reducible;

/// The S3 documentation's example: GET examplebucket/test.txt, signed 2013-05-24 for a day.
pub const EXAMPLE_URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
/// AWS's published example secret (not a real credential), so the example verifies at once.
pub const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// Whether the secret input shows its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretVisibility {
    #[default]
    Hidden,
    Shown,
}

/// Everything the user gave, and the instant the report is evaluated at.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub url: String,
    /// `None` until the user says which method the client sends.
    pub method: Option<HttpMethod>,
    pub headers: String,
    /// Kept in memory only: never stored, never in a link (see `presign::share`).
    pub secret: SecretText,
    pub error_xml: String,
    /// The body of a signed request, hashed from a file in this tab (never uploaded, never in a
    /// share link): only its digest is kept.
    pub body: Option<BodyDigest>,
    /// The file a presigned POST uploads: its name, size and type only.
    pub upload: Option<UploadFile>,
    /// The signer's public key or certificate (public: share links carry it).
    pub public_key: String,
    pub secret_visibility: SecretVisibility,
    /// The browser clock, in whole seconds; ticks every second.
    pub now: UnixTime,
    /// What happened to the share link this page was opened with.
    pub restored: Restored,
}

/// The outcome of opening the page with a share link.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Restored {
    /// No share link (or not yet read).
    #[default]
    Nothing,
    /// The inputs came from a share link.
    FromLink(Redaction),
    /// The fragment could not be read: the message says why; nothing was restored.
    Failed(String),
}

/// The secret as typed. `PartialEq` so the reducer can skip no-op updates; `Debug` redacted.
#[derive(Clone, Default)]
pub struct SecretText(pub Secret);

impl PartialEq for SecretText {
    fn eq(&self, other: &Self) -> bool {
        self.0.expose() == other.0.expose()
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What the user (or the clock) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetUrl(String),
    SetMethod(Option<HttpMethod>),
    SetHeaders(String),
    /// The secret as a `SecretText`, not a `String`: actions derive `Debug`, and a logged action
    /// must not print it.
    SetSecret(SecretText),
    SetErrorXml(String),
    /// A body file was hashed, or removed.
    SetBody(Option<BodyDigest>),
    /// A file chosen or dropped for a presigned POST (`None`: cleared).
    SetUpload(Option<UploadFile>),
    SetPublicKey(String),
    ToggleSecretVisibility,
    Tick(UnixTime),
    /// Loads the S3 documentation example, secret included.
    LoadExample,
    /// Replaces the shareable inputs (from a share link); the secret is left as it is.
    Restore(Shared),
    /// The share link could not be read.
    RestoreFailed(String),
}

impl State {
    pub fn new(now: UnixTime) -> Self {
        State {
            url: String::new(),
            method: None,
            headers: String::new(),
            secret: SecretText::default(),
            error_xml: String::new(),
            body: None,
            upload: None,
            public_key: String::new(),
            secret_visibility: SecretVisibility::Hidden,
            now,
            restored: Restored::Nothing,
        }
    }

    /// The domain inputs this state stands for.
    pub fn inputs(&self) -> Inputs {
        Inputs {
            url: self.url.clone(),
            method: self.method,
            headers: self.headers.clone(),
            secret: (!self.secret.0.is_empty()).then(|| self.secret.0.clone()),
            public_key: self.public_key.clone(),
            error_xml: self.error_xml.clone(),
            body: self.body.clone(),
            upload: self.upload.clone(),
            normalizer: Some(crate::normalize::browser()),
            unicode: crate::unicode::browser(),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetUrl(url) => next.url = url,
            Action::SetMethod(method) => next.method = method,
            Action::SetHeaders(headers) => next.headers = headers,
            Action::SetSecret(secret) => next.secret = secret,
            Action::SetErrorXml(xml) => next.error_xml = xml,
            Action::SetBody(body) => next.body = body,
            Action::SetUpload(upload) => next.upload = upload,
            Action::SetPublicKey(key) => next.public_key = key,
            Action::ToggleSecretVisibility => {
                next.secret_visibility = match next.secret_visibility {
                    SecretVisibility::Hidden => SecretVisibility::Shown,
                    SecretVisibility::Shown => SecretVisibility::Hidden,
                };
            }
            Action::Tick(now) => next.now = now,
            Action::LoadExample => {
                next.url = EXAMPLE_URL.to_owned();
                next.method = None;
                next.headers = String::new();
                next.secret = SecretText(Secret::new(EXAMPLE_SECRET));
                next.error_xml = String::new();
                next.body = None;
                next.upload = None;
                next.public_key = String::new();
            }
            Action::Restore(shared) => {
                next.url = shared.url;
                next.method = shared.method;
                next.headers = shared.headers;
                next.error_xml = shared.error_xml;
                next.body = None;
                next.upload = shared.upload;
                next.public_key = shared.public_key;
                next.restored = Restored::FromLink(shared.redaction);
            }
            Action::RestoreFailed(message) => next.restored = Restored::Failed(message),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
