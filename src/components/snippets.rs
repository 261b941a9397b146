//! Ready requests that send exactly what was signed: curl and fetch, with copy buttons.

use crate::clipboard;
use presign_core::snippets::snippets;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub report: super::SharedReport,
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let copied = use_state(|| None::<&'static str>);
    let Some(s) = snippets(&props.report) else {
        return html! {};
    };
    let copy_button = |what: &'static str, text: String| {
        let copied = copied.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            clipboard::copy(
                text.clone(),
                Callback::from(move |ok: bool| copied.set(ok.then_some(what))),
            );
        });
        html! { <button type="button" class="secondary" {onclick}>{ format!("Copy {what}") }</button> }
    };
    html! {
        <section class="card" aria-labelledby="snippets-heading">
            <h2 id="snippets-heading">{ "Send exactly what was signed" }</h2>
            <div class="toolbar">
                <h3 id="curl-heading">{ "curl" }</h3>
                { copy_button("curl", s.curl.clone()) }
            </div>
            <pre class="block mono" data-testid="curl-snippet" aria-labelledby="curl-heading" tabindex="0">{ s.curl.clone() }</pre>
            <div class="toolbar">
                <h3 id="fetch-heading">{ "JavaScript fetch" }</h3>
                { copy_button("fetch", s.fetch.clone()) }
            </div>
            <pre class="block mono" data-testid="fetch-snippet" aria-labelledby="fetch-heading" tabindex="0">{ s.fetch.clone() }</pre>
            { for s.html.clone().map(|html| html! {
                <>
                    <div class="toolbar">
                        <h3 id="html-heading">{ "HTML form" }</h3>
                        { copy_button("HTML form", html.clone()) }
                    </div>
                    <pre class="block mono" data-testid="html-snippet" aria-labelledby="html-heading" tabindex="0">{ html }</pre>
                </>
            }) }
            { for (!s.notes.is_empty()).then(|| html! {
                <ul class="hint">{ for s.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            }) }
            <p class="hint" role="status">{ copied.map(|w| format!("{w} copied to the clipboard.")).unwrap_or_default() }</p>
        </section>
    }
}
