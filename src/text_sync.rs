//! Text areas that hold what the user pasted, without writing it back on every keystroke.
//!
//! A controlled `<textarea value=…>` makes Yew set the DOM value again after each input, even
//! when it is already what the user typed; for a 5 MB paste Chromium then re-lays out the whole
//! text, which froze the page for seconds. These text areas are written only when the state
//! holds something the field does not show yet (the example, a share link).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A `NodeRef` for a `<textarea>` (without a `value` attribute) that shows `value`.
#[hook]
pub fn use_text_area_value(value: AttrValue) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(value, move |value| {
            if let Some(area) = node.cast::<HtmlTextAreaElement>() {
                if area.value() != value.as_str() {
                    area.set_value(value);
                }
            }
        });
    }
    node
}
