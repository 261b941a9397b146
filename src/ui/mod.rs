//! The page: Yew components that render the domain report. No decisions are made here; every
//! verdict, finding and explanation comes from `presign::inspect`.

pub mod app;
pub mod clipboard;
pub mod clock;
pub mod components;
pub mod format;
pub mod normalize;
pub mod state;

pub use app::App;

/// Mounts the page into `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
