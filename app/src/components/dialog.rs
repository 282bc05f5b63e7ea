//! A submit button that asks before doing something that cannot be undone. With
//! JavaScript a modal dialog asks (focus goes to it, Escape or "Cancel" closes it and
//! focus returns to the button); without JavaScript it is a plain submit button, and
//! the server checks everything anyway.

use crate::i18n::{use_lang, T};
use leptos::prelude::*;

#[component]
pub fn ConfirmSubmit(
    /// The button's text.
    label: T,
    /// What the dialog asks, e.g. "Revoke the role of Maria?".
    #[prop(into)]
    question: String,
    /// The text of the button that goes ahead.
    confirm: T,
    #[prop(optional)] class: &'static str,
    /// The button's accessible name when its text alone is ambiguous.
    #[prop(optional, into)]
    aria_label: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    let confirmed = StoredValue::new(false);
    let trigger = NodeRef::<leptos::html::Button>::new();
    let go = NodeRef::<leptos::html::Button>::new();
    // The same id on the server and in the browser: derived from the question.
    let title_id = format!(
        "confirm-{:x}",
        question
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b))
                .wrapping_mul(0x100_0000_01b3))
    );
    let class = if class.is_empty() {
        "btn btn-outline-danger"
    } else {
        class
    };
    // Focus the dialog's main button when it opens.
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = go.get() {
                let _ = button.focus();
            }
        }
    });
    let close = move || {
        open.set(false);
        if let Some(button) = trigger.get() {
            let _ = button.focus();
        }
    };
    view! {
        <button
            type="submit"
            class=class
            node_ref=trigger
            aria-label=aria_label
            on:click=move |ev| {
                if !confirmed.get_value() {
                    ev.prevent_default();
                    open.set(true);
                }
            }
        >
            {lang.t(label)}
        </button>
        <Show when=move || open.get()>
            <div class="modal-backdrop fade show"></div>
            <div
                class="modal fade show d-block piazza-confirm"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <div class="modal-dialog modal-dialog-centered" role="document">
                    <div class="modal-content">
                        <div class="modal-header">
                            <h2 class="modal-title h5" id=title_id.clone()>{question.clone()}</h2>
                        </div>
                        <div class="modal-body">
                            <p>{lang.t(T::ConfirmIrreversible)}</p>
                        </div>
                        <div class="modal-footer">
                            <button type="button" class="btn btn-outline-primary btn-sm" on:click=move |_| close()>
                                {lang.t(T::ConfirmCancel)}
                            </button>
                            <button
                                type="button"
                                class="btn btn-danger btn-sm"
                                node_ref=go
                                on:click=move |_| {
                                    confirmed.set_value(true);
                                    open.set(false);
                                    if let Some(button) = trigger.get() {
                                        button.click();
                                    }
                                    confirmed.set_value(false);
                                }
                            >
                                {lang.t(confirm)}
                            </button>
                        </div>
                    </div>
                </div>
            </div>
        </Show>
    }
}
