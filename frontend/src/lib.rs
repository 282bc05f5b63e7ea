//! The browser side of Piazza: hydrates the server-rendered page.

#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Waits for the visited page's lazily loaded code (routes::pages) before hydrating.
    leptos::mount::hydrate_lazy(app::App);
}
