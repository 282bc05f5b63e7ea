//! A tutor's tools for a whole thread: pin, lock and move it to another
//! category; split some replies off into a new thread; merge it into another.

use super::model::*;
use super::server::{MergeThread, SplitThread, ThreadState};
use crate::components::form::{action_error, ErrorSummary, Field, SelectField, Submit};
use crate::components::nav::follow_destination;
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn ThreadTools(
    slug: String,
    t: ThreadInfo,
    /// (id, name) of the categories the thread may go to.
    categories: Vec<(i64, String)>,
    state: ServerAction<ThreadState>,
) -> impl IntoView {
    let lang = use_lang();
    let split = ServerAction::<SplitThread>::new();
    let merge = ServerAction::<MergeThread>::new();
    follow_destination(split);
    follow_destination(merge);
    let (state_errors, split_errors, merge_errors) = (
        action_error(state),
        action_error(split),
        action_error(merge),
    );
    let options: Vec<(String, String)> = categories
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let current = categories
        .iter()
        .find(|(_, name)| *name == t.category_name)
        .map(|(id, _)| id.to_string())
        .unwrap_or_default();
    // Each form owns its copies (ActionForm's children are closures).
    let id = t.id.to_string();
    let (split_slug, split_id) = (slug.clone(), id.clone());
    let (merge_slug, merge_id) = (slug.clone(), id.clone());
    view! {
        <details class="mb-4 piazza-thread-tools">
            <summary class="btn btn-outline-secondary btn-sm">{lang.t(T::ForumThreadTools)}</summary>
            <ActionForm action=state attr:class="piazza-form mt-3 d-flex flex-wrap align-items-end gap-3">
                <ErrorSummary form="state" errors=state_errors/>
                <input type="hidden" name="community" value=slug.clone()/>
                <input type="hidden" name="thread" value=id.clone()/>
                <div class="form-check">
                    <input id="thread-pinned" class="form-check-input" type="checkbox" name="pinned" checked=t.pinned/>
                    <label for="thread-pinned" class="form-check-label">{lang.t(T::ForumPinned)}</label>
                </div>
                <div class="form-check">
                    <input id="thread-locked" class="form-check-input" type="checkbox" name="locked" checked=t.locked/>
                    <label for="thread-locked" class="form-check-label">{lang.t(T::ForumLocked)}</label>
                </div>
                <div class="select-wrapper">
                    <label for="thread-category">{lang.t(T::ForumMoveTo)}</label>
                    <select id="thread-category" name="category" class="form-select">
                        {categories.into_iter().map(|(id, name)| {
                            let selected = name == t.category_name;
                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Submit action=state label=T::ForumSave class="btn btn-primary btn-sm"/>
            </ActionForm>
            <section class="mt-4" aria-labelledby="split-heading">
                <h2 id="split-heading" class="h5">{lang.t(T::ForumSplit)}</h2>
                <p class="small">{lang.t(T::ForumSplitIntro)}</p>
                <ActionForm action=split attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="split" errors=split_errors/>
                    <input type="hidden" name="community" value=split_slug.clone()/>
                    <input type="hidden" name="thread" value=split_id.clone()/>
                    <Field form="split" name="posts" label=T::ForumSplitPosts help=T::ForumSplitPostsHelp required=true maxlength=200 errors=split_errors/>
                    <Field form="split" name="title" label=T::ForumSplitTitle required=true maxlength=TITLE_MAX_CHARS as u32 errors=split_errors/>
                    <SelectField form="split" name="category" label=T::ForumSplitCategory options selected=current errors=split_errors/>
                    <Submit action=split label=T::ForumSplitSend class="btn btn-outline-primary btn-sm"/>
                </ActionForm>
            </section>
            <section class="mt-4" aria-labelledby="merge-heading">
                <h2 id="merge-heading" class="h5">{lang.t(T::ForumMerge)}</h2>
                <p class="small">{lang.t(T::ForumMergeIntro)}</p>
                <ActionForm action=merge attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="merge" errors=merge_errors/>
                    <input type="hidden" name="community" value=merge_slug.clone()/>
                    <input type="hidden" name="thread" value=merge_id.clone()/>
                    <Field form="merge" name="into" label=T::ForumMergeInto help=T::ForumMergeIntoHelp required=true maxlength=300 errors=merge_errors/>
                    <Submit action=merge label=T::ForumMergeSend class="btn btn-outline-danger btn-sm"/>
                </ActionForm>
            </section>
        </details>
    }
}
