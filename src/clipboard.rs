//! Copying text to the clipboard (share link, snippets). The secret is never copied.

use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// Copies `text`, then reports whether the browser accepted it (it refuses outside a secure
/// context or without a user gesture; the text stays visible on the page either way).
pub fn copy(text: &str, on_done: Callback<bool>) {
    let Some(window) = web_sys::window() else {
        on_done.emit(false);
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    yew::platform::spawn_local(async move {
        on_done.emit(JsFuture::from(promise).await.is_ok());
    });
}
