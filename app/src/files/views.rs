//! `/comunita/{slug}/file` (a folder: its folders, documents and the upload form)
//! and `/comunita/{slug}/file/{id}` (a document: preview, versions, new version).

use super::model::*;
use super::server::{load_document, load_files, DeleteDocument, NewFolder};
use crate::community::frame::{CommunityFrame, Trail};
use crate::components::dialog::ConfirmSubmit;
use crate::components::form::{action_error, ErrorSummary, Field, Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{query_flag, query_value};
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, T};
use crate::upload::model::problem_of;
use crate::upload::views::Preview;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The problem of a refused upload (`?errore=…`), shown above the form.
#[component]
fn UploadProblem() -> impl IntoView {
    let lang = use_lang();
    let refused = query_value("errore");
    move || {
        problem_of(&refused.get()).map(|t| {
            view! { <div class="alert alert-danger" role="alert" id="upload-problem"><p class="mb-0">{lang.t(t)}</p></div> }
        })
    }
}

/// The file input of an upload form, with what it accepts.
#[component]
pub fn FileInput(#[prop(into)] id: String, label: T) -> impl IntoView {
    let lang = use_lang();
    let help = format!("{id}-help");
    view! {
        <div class="form-group">
            <label for=id.clone() class="active">{lang.t(label)}</label>
            <input type="file" id=id name="file" class="form-control" aria-describedby=help.clone()/>
            <small id=help class="form-text">{lang.t(T::FilesAcceptHelp)}</small>
        </div>
    }
}

#[component]
pub fn FilesPageView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let folder = query_value("cartella");
    let new_folder = ServerAction::<NewFolder>::new();
    let data = Resource::new(
        move || {
            (
                slug(),
                folder.get().parse::<i64>().ok(),
                new_folder.version().get(),
            )
        },
        |(s, f, _)| load_files(s, f),
    );
    resource_page(data, move |page| view! { <Files page new_folder/> })
}

#[component]
fn Files(page: FilesPage, new_folder: ServerAction<NewFolder>) -> impl IntoView {
    let lang = use_lang();
    let slug = page.bar.slug.clone();
    let root = files_path(&slug, None);
    let here = page
        .folder
        .as_ref()
        .map(|f| f.name.clone())
        .unwrap_or_else(|| lang.t(T::FilesTitle).to_string());
    let mut trail = Vec::new();
    if page.folder.is_some() {
        trail.push((root.clone(), lang.t(T::FilesTitle).to_string()));
        for (id, name) in page.trail.iter().take(page.trail.len().saturating_sub(1)) {
            trail.push((files_path(&slug, Some(*id)), name.clone()));
        }
    }
    let folder_id = page
        .folder
        .as_ref()
        .map(|f| f.id.to_string())
        .unwrap_or_default();
    let folder_errors = action_error(new_folder);
    let deleted = query_flag("eliminato");
    let upload_action = format!("/comunita/{slug}/carica-file");
    let empty = page.folders.is_empty() && page.documents.is_empty();
    view! {
        <CommunityFrame bar=page.bar.clone() title=here.clone()>
            <Trail trail current=here.clone()/>
            <h1>{here.clone()}</h1>
            {(page.folder.is_none()).then(|| view! { <p>{lang.t(T::FilesIntro)}</p> })}
            {move || deleted.get().then(|| view! { <Notice text=T::FilesDeleted/> })}
            {page.bar.may_moderate.then(|| {
                let (slug, folder_id) = (slug.clone(), folder_id.clone());
                view! {
                    <details class="mb-3" open=folder_errors.get_untracked().is_some()>
                        <summary class="btn btn-outline-primary btn-sm">{lang.t(T::FilesNewFolder)}</summary>
                        {if page.may_nest {
                            view! {
                                <ActionForm action=new_folder attr:class="piazza-form mt-2" attr:novalidate=true>
                                    <ErrorSummary form="folder" errors=folder_errors/>
                                    <input type="hidden" name="community" value=slug/>
                                    <input type="hidden" name="parent" value=folder_id/>
                                    <Field form="folder" name="name" label=T::FilesFolderName required=true maxlength=TITLE_MAX_CHARS as u32 errors=folder_errors/>
                                    <Submit action=new_folder label=T::FilesCreateFolder class="btn btn-primary btn-sm"/>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! { <p class="mt-2">{lang.t(T::FilesTooDeep)}</p> }.into_any()
                        }}
                    </details>
                }
            })}
            {if empty {
                view! { <EmptyState text=T::FilesEmpty/> }.into_any()
            } else {
                view! {
                    <div class="table-responsive mb-4">
                        <table class="table piazza-files">
                            <caption class="visually-hidden">{lang.tf(T::FilesCaption, &[("folder", &here)])}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{lang.t(T::FilesName)}</th>
                                    <th scope="col">{lang.t(T::FilesKind)}</th>
                                    <th scope="col">{lang.t(T::FilesVersions)}</th>
                                    <th scope="col">{lang.t(T::FilesDownloads)}</th>
                                    <th scope="col">{lang.t(T::FilesUpdated)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.folders.iter().map(|f| view! {
                                    <tr class="piazza-folder">
                                        <th scope="row"><a href=files_path(&slug, Some(f.id))>{lang.tf(T::FilesFolderLabel, &[("name", &f.name)])}</a></th>
                                        <td>{lang.t(T::FilesFolder)}</td>
                                        <td colspan="3">{lang.tf(T::FilesDocumentCount, &[("count", &f.documents.to_string())])}</td>
                                    </tr>
                                }).collect_view()}
                                {page.documents.iter().map(|d| view! {
                                    <tr>
                                        <th scope="row"><a href=document_path(&slug, d.id)>{d.title.clone()}</a></th>
                                        <td>{d.current.describe(lang)}</td>
                                        <td>{d.versions}</td>
                                        <td>{d.downloads}</td>
                                        <td>{lang.tf(T::FilesByAt, &[("who", &d.by), ("when", &d.at)])}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {page.bar.may_post.then(|| {
                let folder_id = folder_id.clone();
                view! {
                    <section class="mb-4" aria-labelledby="upload-title">
                        <h2 id="upload-title" class="h4">{lang.t(T::FilesUpload)}</h2>
                        <UploadProblem/>
                        <form method="post" action=upload_action enctype="multipart/form-data" class="piazza-form">
                            <input type="hidden" name="folder" value=folder_id/>
                            <FileInput id="upload-file" label=T::FilesFile/>
                            <div class="form-group">
                                <label for="upload-title-field" class="active">{lang.t(T::FilesDocTitle)}</label>
                                <input type="text" id="upload-title-field" name="title" class="form-control" maxlength=TITLE_MAX_CHARS.to_string() aria-describedby="upload-title-help"/>
                                <small id="upload-title-help" class="form-text">{lang.t(T::FilesDocTitleHelp)}</small>
                            </div>
                            <div class="form-group">
                                <label for="upload-description" class="active">{lang.t(T::FilesDescription)}</label>
                                <textarea id="upload-description" name="description" class="form-control" rows="2" maxlength=NOTE_MAX_CHARS.to_string()></textarea>
                            </div>
                            <button type="submit" class="btn btn-primary">{lang.t(T::FilesUploadSend)}</button>
                        </form>
                    </section>
                }
            })}
        </CommunityFrame>
    }
}

#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|i| i.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(move || (slug(), id()), |(s, i)| load_document(s, i));
    resource_page(data, |d| view! { <Document d/> })
}

#[component]
fn Document(d: FileDetail) -> impl IntoView {
    let lang = use_lang();
    let slug = d.bar.slug.clone();
    let doc = d.doc.clone();
    let mut trail = vec![(files_path(&slug, None), lang.t(T::FilesTitle).to_string())];
    for (id, name) in &d.trail {
        trail.push((files_path(&slug, Some(*id)), name.clone()));
    }
    let uploaded = query_flag("caricato");
    let delete = ServerAction::<DeleteDocument>::new();
    crate::components::nav::follow_destination(delete);
    let delete_errors = action_error(delete);
    let version_action = format!("/comunita/{slug}/file/{}/versione", doc.id);
    let preview_label = lang.tf(T::FilesPreviewOf, &[("title", &doc.title)]);
    view! {
        <CommunityFrame bar=d.bar.clone() title=doc.title.clone()>
            <Trail trail current=doc.title.clone()/>
            <h1>{doc.title.clone()}</h1>
            {move || uploaded.get().then(|| view! { <Notice text=T::FilesUploaded/> })}
            {(!doc.description.is_empty()).then(|| view! { <p class="lead">{doc.description.clone()}</p> })}
            <p>
                {doc.current.describe(lang)}" · "
                {lang.tf(T::FilesDownloadCount, &[("count", &doc.downloads.to_string())])}
            </p>
            <p>
                <a class="btn btn-primary" href=download_path(&slug, doc.id, doc.versions)>
                    {lang.tf(T::FilesDownload, &[("version", &doc.versions.to_string())])}
                </a>
            </p>
            <Preview file=doc.current.clone() label=preview_label/>
            <section class="mb-4" aria-labelledby="versions-title">
                <h2 id="versions-title" class="h4">{lang.t(T::FilesVersionsTitle)}</h2>
                <ol class="list-unstyled piazza-versions" reversed>
                    {d.versions.iter().map(|v| view! {
                        <li class="mb-2">
                            <a href=download_path(&slug, doc.id, v.number)>{lang.tf(T::FilesVersionLabel, &[("number", &v.number.to_string())])}</a>
                            " · "{v.file.describe(lang)}" · "{lang.tf(T::FilesByAt, &[("who", &v.by), ("when", &v.at)])}
                            {(!v.note.is_empty()).then(|| view! { <br/><span class="small">{v.note.clone()}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            {d.may_update.then(|| view! {
                <section class="mb-4" aria-labelledby="new-version-title">
                    <h2 id="new-version-title" class="h4">{lang.t(T::FilesNewVersion)}</h2>
                    <UploadProblem/>
                    <form method="post" action=version_action.clone() enctype="multipart/form-data" class="piazza-form">
                        <FileInput id="version-file" label=T::FilesFile/>
                        <div class="form-group">
                            <label for="version-note" class="active">{lang.t(T::FilesVersionNote)}</label>
                            <input type="text" id="version-note" name="note" class="form-control" maxlength=NOTE_MAX_CHARS.to_string()/>
                        </div>
                        <button type="submit" class="btn btn-primary">{lang.t(T::FilesUploadVersion)}</button>
                    </form>
                </section>
            })}
            {d.bar.may_moderate.then(|| {
                let slug = slug.clone();
                view! {
                    <ActionForm action=delete attr:class="mt-4">
                        <ErrorSummary form="delete" errors=delete_errors/>
                        <input type="hidden" name="community" value=slug/>
                        <input type="hidden" name="id" value=doc.id.to_string()/>
                        <ConfirmSubmit label=T::FilesDelete question=lang.tf(T::FilesDeleteConfirm, &[("title", &doc.title)]) confirm=T::FilesDelete/>
                    </ActionForm>
                }
            })}
        </CommunityFrame>
    }
}
