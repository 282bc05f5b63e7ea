//! Toasts: short confirmations that appear in a corner, are announced by screen
//! readers (a polite live region) and go away by themselves after a few seconds.

use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u64, T)>>);

/// How long a toast stays.
const SHOWN_FOR: Duration = Duration::from_secs(6);

impl Toasts {
    /// Shows a message.
    pub fn push(self, text: T) {
        let id = self
            .0
            .with_untracked(|list| list.iter().map(|(id, _)| *id).max().unwrap_or(0) + 1);
        self.0.update(|list| list.push((id, text)));
        set_timeout(
            move || self.0.update(|list| list.retain(|(i, _)| *i != id)),
            SHOWN_FOR,
        );
    }
}

/// The toasts of the page (provided by the `Toaster`); None outside an `App`.
pub fn use_toasts() -> Option<Toasts> {
    use_context::<Toasts>()
}

/// Shows a toast each time a server action succeeds.
pub fn toast_on_success<S>(action: ServerAction<S>, text: T)
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            if let Some(toasts) = use_toasts() {
                toasts.push(text);
            }
        }
    });
}

/// Where toasts appear; rendered once, by the `App`.
#[component]
pub fn Toaster() -> impl IntoView {
    let lang = use_lang();
    let toasts = Toasts(RwSignal::new(Vec::new()));
    provide_context(toasts);
    view! {
        <div class="piazza-toasts" role="status" aria-live="polite">
            <For each=move || toasts.0.get() key=|(id, _)| *id let:toast>
                <div class="alert alert-success shadow piazza-toast">
                    <p class="mb-0">{lang.t(toast.1)}</p>
                </div>
            </For>
        </div>
    }
}
