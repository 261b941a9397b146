//! The wasm entry point: mounts the page. Natively it only points at the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    presign_inspector_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "this binary is the web page; build it with `trunk build`, or use `presign-inspector`"
    );
}
