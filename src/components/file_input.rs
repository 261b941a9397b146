//! The file a presigned POST uploads: chosen or dropped on the input. Only its name, size and
//! type are read (the browser gives them without reading the file); nothing is uploaded.

use presign_core::post_policy::{size_words, UploadFile};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileInputProps {
    pub upload: Option<UploadFile>,
    pub on_change: Callback<Option<UploadFile>>,
}

/// The first file of the input, described.
fn chosen(input: &HtmlInputElement) -> Option<UploadFile> {
    let file = input.files()?.get(0)?;
    let size = file.size();
    Some(UploadFile {
        name: Some(file.name()),
        // File.size is a whole number of bytes, well within f64's exact integers.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        size: (size.is_finite() && size >= 0.0).then_some(size as u64),
        content_type: Some(file.type_()).filter(|t| !t.is_empty()),
    })
}

#[component]
pub fn FileInput(props: &FileInputProps) -> Html {
    let node = use_node_ref();
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            cb.emit(chosen(&e.target_unchecked_into::<HtmlInputElement>()));
        })
    };
    let on_clear = {
        let (cb, node) = (props.on_change.clone(), node.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = node.cast::<HtmlInputElement>() {
                input.set_value("");
            }
            cb.emit(None);
        })
    };
    let described = props.upload.as_ref().map(|f| {
        let mut parts: Vec<String> = f.name.iter().cloned().collect();
        parts.extend(f.size.map(size_words));
        parts.extend(f.content_type.clone());
        html! {
            <p class="hint" data-testid="file-chosen">
                { parts.join(", ") }{ " " }
                <button type="button" class="secondary" data-testid="file-clear" onclick={on_clear}>{ "Clear" }</button>
            </p>
        }
    });
    html! {
        <div class="field">
            <label for="file-input">{ "File to upload (optional)" }</label>
            <input id="file-input" data-testid="file-input" type="file" ref={node} onchange={on_change} aria-describedby="file-hint" />
            { for described }
            <p id="file-hint" class="hint">{ "Only its name, size and type are read, to check them against the policy; the file is not read or uploaded." }</p>
        </div>
    }
}
