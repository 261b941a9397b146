//! The page: Yew components that render the report of `presign_core::inspect`. No decisions
//! are made here; every verdict, finding and explanation comes from the domain crate. Only
//! the browser's own capabilities (the clock, the clipboard, Unicode case mapping and
//! normalization) are supplied from here.
//!
//! Everything is for `wasm32` only: natively this crate is empty, and the command line is
//! `crates/presign-cli`.
#![cfg(target_arch = "wasm32")]

pub mod app;
pub mod clipboard;
pub mod clock;
pub mod components;
pub mod format;
pub mod inspector;
pub mod normalize;
pub mod panic;
pub mod state;
pub mod text_sync;
pub mod unicode;

pub use app::App;

/// Mounts the page into `<body>`.
pub fn start() {
    // First: a panic from here on shows a banner instead of leaving a dead page.
    panic::install();
    yew::Renderer::<App>::new().render();
}
