//! Secret hygiene in the page's state, in the browser build: the secret typed into the page is
//! never printed by `Debug` (of an action, the state or the inputs handed to the domain), and
//! never part of what a share link is made from.
#![cfg(target_arch = "wasm32")]

use presign_core::{Secret, UnixTime};
use presign_inspector_web::state::{Action, SecretText, State};
use std::rc::Rc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const CANARY: &str = "PrivacyCanary/9f3Kq7ZmW2xVb8Ld4Rt6Yh1Jc5Np0Gs";

#[wasm_bindgen_test]
fn the_secret_is_never_in_debug_output() {
    let action = Action::SetSecret(SecretText(Secret::new(CANARY)));
    assert!(!format!("{action:?}").contains("Canary"), "{action:?}");
    let state = Rc::new(State::new(UnixTime(1_795_168_860))).reduce(action);
    assert_eq!(state.secret.0.expose(), CANARY, "the state holds it");
    let shown = format!("{state:?} {:?}", state.inputs());
    assert!(!shown.contains("Canary"), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
}
