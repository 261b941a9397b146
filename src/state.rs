//! The page's state: what the user typed, the browser clock, and the example being looked at.
//! Every decision is made by the domain layer from `State::inputs()`; this reducer only records
//! input.

use presign_core::examples::{self, Example};
use presign_core::input::body::BodyDigest;
use presign_core::post_policy::UploadFile;
use presign_core::share::{Redaction, Shared};
use presign_core::{HttpMethod, Inputs, Secret, UnixTime};
use std::rc::Rc;
use yew::{AttrValue, Reducible};

/// The S3 documentation's example: GET examplebucket/test.txt, signed 2013-05-24 for a day.
pub const EXAMPLE_URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
/// AWS's published example secret (not a real credential), so the example verifies at once.
pub const EXAMPLE_SECRET: &str = examples::EXAMPLE_SECRET;

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
    /// The text fields are shared strings: a tick clones the state, and a pasted URL may be
    /// megabytes long.
    pub url: AttrValue,
    /// `None` until the user says which method the client sends.
    pub method: Option<HttpMethod>,
    pub headers: AttrValue,
    /// Kept in memory only: never stored, never in a link (see `presign::share`).
    pub secret: SecretText,
    pub error_xml: AttrValue,
    /// The body of a signed request, hashed from a file in this tab (never uploaded, never in a
    /// share link): only its digest is kept.
    pub body: Option<BodyDigest>,
    /// The file a presigned POST uploads: its name, size and type only.
    pub upload: Option<UploadFile>,
    /// The signer's public key or certificate (public: share links carry it).
    pub public_key: AttrValue,
    pub secret_visibility: SecretVisibility,
    /// The browser clock, in whole seconds; ticks every second.
    pub now: UnixTime,
    /// The example loaded, while its URL is the one in the box: the report is evaluated at the
    /// example's instant, not the browser clock's.
    pub example: Option<&'static Example>,
    /// What happened to the share link this page was opened with.
    pub restored: Restored,
    /// The finding pointed at (hovered, focused), whose place in the URL is marked.
    pub pointed: Option<usize>,
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

/// What the report depends on besides the clock: a new report is made only when this changes.
#[derive(Debug, Clone, PartialEq)]
pub struct InputsKey {
    pub url: AttrValue,
    pub method: Option<HttpMethod>,
    pub headers: AttrValue,
    pub secret: SecretText,
    pub error_xml: AttrValue,
    pub body: Option<BodyDigest>,
    pub upload: Option<UploadFile>,
    pub public_key: AttrValue,
}

impl InputsKey {
    /// The domain inputs these stand for.
    pub fn inputs(&self) -> Inputs {
        Inputs {
            url: self.url.to_string(),
            method: self.method,
            headers: self.headers.to_string(),
            secret: (!self.secret.0.is_empty()).then(|| self.secret.0.clone()),
            public_key: self.public_key.to_string(),
            error_xml: self.error_xml.to_string(),
            body: self.body.clone(),
            upload: self.upload.clone(),
            normalizer: Some(crate::normalize::browser()),
            unicode: crate::unicode::browser(),
        }
    }

    /// Nothing pasted yet (a secret alone says nothing).
    pub fn is_empty(&self) -> bool {
        self.url.trim().is_empty()
            && self.headers.trim().is_empty()
            && self.error_xml.trim().is_empty()
            && self.upload.is_none()
    }
}

/// What the user (or the clock) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetUrl(AttrValue),
    SetMethod(Option<HttpMethod>),
    SetHeaders(AttrValue),
    /// The secret as a `SecretText`, not a `String`: actions derive `Debug`, and a logged action
    /// must not print it.
    SetSecret(SecretText),
    SetErrorXml(AttrValue),
    /// A body file was hashed, or removed.
    SetBody(Option<BodyDigest>),
    /// A file chosen or dropped for a presigned POST (`None`: cleared).
    SetUpload(Option<UploadFile>),
    SetPublicKey(String),
    ToggleSecretVisibility,
    Tick(UnixTime),
    /// A finding is pointed at, or none.
    Point(Option<usize>),
    /// Loads an example (`presign_core::examples`), secret included, at its own instant.
    LoadExample(&'static Example),
    /// Evaluates the example's inputs against the browser clock from now on.
    UseBrowserClock,
    /// Replaces the shareable inputs (from a share link); the secret is left as it is.
    Restore(Shared),
    /// The share link could not be read.
    RestoreFailed(String),
}

impl State {
    pub fn new(now: UnixTime) -> Self {
        State {
            url: AttrValue::default(),
            method: None,
            headers: AttrValue::default(),
            secret: SecretText::default(),
            error_xml: AttrValue::default(),
            body: None,
            upload: None,
            public_key: AttrValue::default(),
            secret_visibility: SecretVisibility::Hidden,
            now,
            example: None,
            restored: Restored::Nothing,
            pointed: None,
        }
    }

    pub fn key(&self) -> InputsKey {
        InputsKey {
            url: self.url.clone(),
            method: self.method,
            headers: self.headers.clone(),
            secret: self.secret.clone(),
            error_xml: self.error_xml.clone(),
            body: self.body.clone(),
            upload: self.upload.clone(),
            public_key: self.public_key.clone(),
        }
    }

    /// The domain inputs this state stands for.
    pub fn inputs(&self) -> Inputs {
        self.key().inputs()
    }

    /// The instant the report is evaluated at: the example's while one is looked at.
    pub fn evaluated_at(&self) -> UnixTime {
        self.example.map_or(self.now, |e| e.at)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetUrl(url) => {
                // Another URL is no longer the example: the browser clock applies again.
                if next.example.is_some_and(|e| e.url != url.as_str()) {
                    next.example = None;
                }
                next.url = url;
            }
            Action::SetMethod(method) => next.method = method,
            Action::SetHeaders(headers) => next.headers = headers,
            Action::SetSecret(secret) => next.secret = secret,
            Action::SetErrorXml(xml) => next.error_xml = xml,
            Action::SetBody(body) => next.body = body,
            Action::SetUpload(upload) => next.upload = upload,
            Action::SetPublicKey(key) => next.public_key = key.into(),
            Action::ToggleSecretVisibility => {
                next.secret_visibility = match next.secret_visibility {
                    SecretVisibility::Hidden => SecretVisibility::Shown,
                    SecretVisibility::Shown => SecretVisibility::Hidden,
                };
            }
            Action::Tick(now) => next.now = now,
            Action::Point(i) => next.pointed = i,
            Action::LoadExample(e) => {
                next.url = AttrValue::Static(e.url);
                next.method = e.method;
                next.headers = AttrValue::Static(e.headers);
                next.secret = SecretText(Secret::new(e.secret));
                next.error_xml = AttrValue::Static(e.error_xml);
                next.body = None;
                next.upload = None;
                next.public_key = AttrValue::default();
                next.example = Some(e);
            }
            Action::UseBrowserClock => next.example = None,
            Action::Restore(shared) => {
                next.url = shared.url.into();
                next.method = shared.method;
                next.headers = shared.headers.into();
                next.error_xml = shared.error_xml.into();
                next.body = None;
                next.upload = shared.upload;
                next.public_key = shared.public_key.into();
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
