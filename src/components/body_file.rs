//! The body of a signed request, given as a file (dropped or chosen): hashed here in chunks
//! with a progress bar, never uploaded, never in a share link. Only its SHA-256 and length go
//! into the inspection, for the payload hash.

use js_sys::Uint8Array;
use presign_core::input::body::{BodyDigest, BodyHasher};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

/// Bytes read and hashed per step: large enough to hash a big file quickly, small enough to
/// keep the page responsive and the progress bar moving.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct BodyFileProps {
    pub body: Option<BodyDigest>,
    pub on_body: Callback<Option<BodyDigest>>,
}

/// Hashes `file` chunk by chunk; gives up when `run` moves on (another file, or removed).
async fn hash_file(
    file: File,
    run: Rc<RefCell<u64>>,
    this_run: u64,
    progress: UseStateHandle<Option<(f64, f64)>>,
) -> Option<BodyDigest> {
    let size = file.size();
    let mut hasher = BodyHasher::default();
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + CHUNK).min(size);
        let piece = file.slice_with_f64_and_f64(offset, end).ok()?;
        let buffer = JsFuture::from(piece.array_buffer()).await.ok()?;
        if *run.borrow() != this_run {
            return None;
        }
        hasher.update(&Uint8Array::new(&buffer).to_vec());
        offset = end;
        progress.set(Some((offset, size)));
    }
    Some(hasher.finish(file.name()))
}

#[component]
pub fn BodyFile(props: &BodyFileProps) -> Html {
    let progress = use_state(|| None::<(f64, f64)>);
    let run = use_mut_ref(|| 0u64);
    let start = {
        let (progress, run, on_body) = (progress.clone(), run.clone(), props.on_body.clone());
        Callback::from(move |file: File| {
            *run.borrow_mut() += 1;
            let this_run = *run.borrow();
            progress.set(Some((0.0, file.size())));
            let (progress, run, on_body) = (progress.clone(), run.clone(), on_body.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let digest = hash_file(file, run.clone(), this_run, progress.clone()).await;
                if *run.borrow() == this_run {
                    progress.set(None);
                    on_body.emit(digest);
                }
            });
        })
    };
    let on_change = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                start.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            start.emit(file);
        }
    });
    let on_remove = {
        let (run, progress, on_body) = (run.clone(), progress.clone(), props.on_body.clone());
        Callback::from(move |_: MouseEvent| {
            *run.borrow_mut() += 1;
            progress.set(None);
            on_body.emit(None);
        })
    };
    let status = match (*progress, &props.body) {
        (Some((done, total)), _) => html! {
            <p class="hint" role="status">
                <progress data-testid="body-progress" max={total.to_string()} value={done.to_string()} />
                { format!(" Hashing {} of {} bytes\u{2026}", done, total) }
            </p>
        },
        (None, Some(body)) => html! {
            <p class="hint" role="status" data-testid="body-digest">
                { format!("{}: {} bytes, SHA-256 ", body.name, body.length) }<code>{ body.sha256.clone() }</code>{ " " }
                <button type="button" class="secondary" onclick={on_remove}>{ "Remove" }</button>
            </p>
        },
        (None, None) => html! {},
    };
    html! {
        <div class="field drop-zone" ondragover={on_drag_over} ondrop={on_drop}>
            <label for="body-file-input">{ "Request body (optional)" }</label>
            <input id="body-file-input" data-testid="body-file-input" type="file"
                aria-describedby="body-file-hint" onchange={on_change} />
            <p id="body-file-hint" class="hint">{ "Drop or choose the file sent as the body, to check the payload hash. It is hashed in this tab and never uploaded." }</p>
            { status }
        </div>
    }
}
