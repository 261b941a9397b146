//! A copy button that says on itself that it copied (or that the browser refused), for two
//! seconds, and tells screen readers too.

use crate::clipboard;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// What is copied.
    pub text: AttrValue,
    /// The button's words, e.g. "Copy curl".
    pub label: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub primary: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Idle,
    Copied,
    Refused,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let status = use_state(|| Status::Idle);
    let reset = use_mut_ref(|| None::<Timeout>);
    let onclick = {
        let (status, reset, text) = (status.clone(), reset.clone(), props.text.to_string());
        Callback::from(move |_: MouseEvent| {
            let (status, reset) = (status.clone(), reset.clone());
            clipboard::copy(
                &text,
                Callback::from(move |ok: bool| {
                    status.set(if ok { Status::Copied } else { Status::Refused });
                    let status = status.clone();
                    *reset.borrow_mut() =
                        Some(Timeout::new(2000, move || status.set(Status::Idle)));
                }),
            );
        })
    };
    let (words, said) = match *status {
        Status::Idle => (props.label.to_string(), ""),
        Status::Copied => ("\u{2714} Copied".to_owned(), "Copied to the clipboard."),
        Status::Refused => (
            "Select and copy".to_owned(),
            "The browser did not allow copying: select the text and copy it.",
        ),
    };
    html! {
        <>
            <button type="button" class={classes!((!props.primary).then_some("secondary"), (*status == Status::Copied).then_some("copied"))}
                data-testid={props.testid.clone()} data-copy-status={match *status { Status::Idle => "idle", Status::Copied => "copied", Status::Refused => "refused" }}
                {onclick}>{ words }</button>
            <span class="visually-hidden" role="status">{ said }</span>
        </>
    }
}
