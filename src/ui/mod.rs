//! The page: Yew components that render the domain report. No decisions are made here; every
//! verdict, finding and explanation comes from `presign::inspect`.

pub mod app;
pub mod unicode;
pub mod clipboard;
pub mod clock;
pub mod components;
pub mod format;
pub mod normalize;
pub mod panic;
pub mod state;
pub mod text_sync;

pub use app::App;

/// Mounts the page into `<body>`.
pub fn start() {
    // First: a panic from here on shows a banner instead of leaving a dead page.
    panic::install();
    yew::Renderer::<App>::new().render();
}
