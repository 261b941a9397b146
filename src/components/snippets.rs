//! Ready requests that send exactly what was signed, curl or fetch, with a copy button that
//! confirms on itself. They use what the report recovered: the method and header values the
//! URL was signed with.

use super::copy_button::CopyButton;
use super::SharedReport;
use presign_core::snippets::snippets;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub report: SharedReport,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Curl,
    Fetch,
    /// A presigned POST's HTML form.
    Html,
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let kind = use_state(|| Kind::Curl);
    let Some(s) = snippets(&props.report) else {
        return html! {};
    };
    // A report without a form falls back to curl rather than show an empty snippet.
    let shown = match *kind {
        Kind::Html if s.html.is_none() => Kind::Curl,
        k => k,
    };
    let choose = |k: Kind, words: &'static str| {
        let kind = kind.clone();
        html! {
            <button type="button" class="seg" aria-pressed={if shown == k { "true" } else { "false" }}
                onclick={Callback::from(move |_: MouseEvent| kind.set(k))}>{ words }</button>
        }
    };
    let mut notes = Vec::new();
    for n in &s.notes {
        notes.push(html! { <li>{ n.clone() }</li> });
    }
    let (text, testid, label) = match shown {
        Kind::Curl => (s.curl.clone(), "curl-snippet", "Copy curl"),
        Kind::Fetch => (s.fetch.clone(), "fetch-snippet", "Copy fetch"),
        Kind::Html => (
            s.html.clone().unwrap_or_default(),
            "html-snippet",
            "Copy HTML form",
        ),
    };
    html! {
        <section class="card snippets-card" aria-labelledby="snippets-heading" id="snippets">
            <div class="card-head">
                <h2 id="snippets-heading">{ "Send exactly what was signed" }</h2>
                <div class="toolbar">
                    <div class="segmented" role="group" aria-label="Snippet language">
                        { choose(Kind::Curl, "curl") }
                        { choose(Kind::Fetch, "JavaScript fetch") }
                        { for s.html.is_some().then(|| choose(Kind::Html, "HTML form")) }
                    </div>
                    <CopyButton text={text.clone()} label={label} testid={Some(AttrValue::from(format!("copy-{testid}")))} />
                </div>
            </div>
            <pre class="block mono" data-testid={testid} aria-label={label.trim_start_matches("Copy ").to_owned()} tabindex="0">{ text }</pre>
            { for (!notes.is_empty()).then(|| html! { <ul class="hint notes">{ for notes }</ul> }) }
        </section>
    }
}
