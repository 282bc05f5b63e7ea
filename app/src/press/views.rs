//! The press office's pages: `/gestione/{ente}/stampa` (the desk: contacts, the
//! journalists list, the releases mailed), `/{ente}/ufficio-stampa` (the public
//! press kit) and `/{ente}/ufficio-stampa/cancellazione` (leaving the list by the
//! link of a release).

use super::model::{Journalist, Mailing, PressContact, PressDesk, PressKit};
use super::server::{
    load_press_desk, load_press_kit, AddJournalist, LeavePressList, RemoveJournalist,
    SavePressContact,
};
use crate::components::form::{action_error, CheckField, ErrorSummary, Field, Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag, query_value, route_param};
use crate::components::shell::{SideLink, WorkShell};
use crate::components::table::EmptyState;
use crate::content::views::NewsCards;
use crate::ente::brand::SectionPage;
use crate::ente::paths::{feeds, sections};
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn PressDeskPage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, load_press_desk);
    resource_page(data, |desk| view! { <Desk desk/> })
}

#[component]
fn Desk(desk: PressDesk) -> impl IntoView {
    let lang = use_lang();
    let PressDesk {
        ente_slug: slug,
        ente_name,
        contact,
        journalists,
        mailings,
    } = desk;
    let title = lang.t(T::PressDeskTitle);
    let links = side_links(lang, &slug);
    let kit = sections::press_kit(&slug);
    view! {
        <WorkShell place=ente_name title=title links>
            <h1 class="h2">{title}</h1>
            <p>{lang.t(T::PressDeskIntro)} " " <a href=kit>{lang.t(T::PressKitOpen)}</a></p>
            <ContactForm slug=slug.clone() contact/>
            <List slug=slug.clone() journalists/>
            <AddForm slug/>
            <Mailings lang mailings/>
        </WorkShell>
    }
}

/// The desk's side links: the ente's work area, its newsroom, the press kit.
fn side_links(lang: Lang, ente: &str) -> Vec<SideLink> {
    SideLink::all(
        lang,
        [
            (format!("/gestione/{ente}"), T::WorkOverview),
            (format!("/gestione/{ente}/sito"), T::SiteEditorTitlePage),
            (sections::press_kit(ente), T::PressKitTitle),
            (format!("/{ente}"), T::WorkPublicSite),
        ],
    )
}

#[component]
fn ContactForm(slug: String, contact: PressContact) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SavePressContact>::new();
    let errors = action_error(save);
    follow_destination(save);
    let saved = query_flag("contatti");
    let c = contact;
    view! {
        <section aria-labelledby="press-contact-title" class="mb-5">
            <h2 id="press-contact-title" class="h4">{lang.t(T::PressContactTitle)}</h2>
            <p>{lang.t(T::PressContactHelp)}</p>
            {move || saved.get().then(|| view! { <Notice text=T::PressContactSaved/> })}
            <ActionForm action=save attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="press-contact" errors/>
                <input type="hidden" name="ente" value=slug/>
                <Field form="press-contact" name="press_contact" label=T::PressContactName maxlength=120 errors value=c.press_contact/>
                <Field form="press-contact" name="press_email" kind="email" label=T::ContactEmail maxlength=254 errors value=c.press_email/>
                <Field form="press-contact" name="press_phone" kind="tel" label=T::ContactPhone maxlength=40 errors value=c.press_phone/>
                <Submit action=save label=T::PressContactSave/>
            </ActionForm>
        </section>
    }
}

#[component]
fn List(slug: String, journalists: Vec<Journalist>) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<RemoveJournalist>::new();
    follow_destination(remove);
    let removed = query_flag("tolto");
    let added = query_flag("aggiunto");
    let count = lang.tf(T::PressListCount, &[("n", &journalists.len().to_string())]);
    view! {
        <section aria-labelledby="elenco" class="mb-5">
            <h2 id="elenco" class="h4">{lang.t(T::PressListTitle)}</h2>
            <p>{lang.t(T::PressListHelp)} " " {count}</p>
            {move || added.get().then(|| view! { <Notice text=T::PressJournalistAdded/> })}
            {move || removed.get().then(|| view! { <Notice text=T::PressJournalistRemoved/> })}
            {if journalists.is_empty() {
                view! { <EmptyState text=T::PressListEmpty/> }.into_any()
            } else {
                view! {
                    <div class="table-responsive">
                        <table class="table piazza-journalists">
                            <thead><tr>
                                <th scope="col">{lang.t(T::PressName)}</th>
                                <th scope="col">{lang.t(T::PressOutlet)}</th>
                                <th scope="col">{lang.t(T::PressBeat)}</th>
                                <th scope="col">{lang.t(T::ContactEmail)}</th>
                                <th scope="col">{lang.t(T::PressConsent)}</th>
                                <th scope="col"><span class="visually-hidden">{lang.t(T::PressRemove)}</span></th>
                            </tr></thead>
                            <tbody>
                                {journalists.into_iter().map(|j| {
                                    let slug = slug.clone();
                                    let label = lang.tf(T::PressRemoveNamed, &[("name", &j.name)]);
                                    view! {
                                        <tr>
                                            <td>{j.name}</td>
                                            <td>{j.outlet}</td>
                                            <td>{j.beat}</td>
                                            <td>{j.email}</td>
                                            <td class="small">{j.consent}</td>
                                            <td>
                                                <ActionForm action=remove>
                                                    <input type="hidden" name="ente" value=slug/>
                                                    <input type="hidden" name="id" value=j.id/>
                                                    <button type="submit" class="btn btn-outline-danger btn-xs" aria-label=label>
                                                        {lang.t(T::PressRemove)}
                                                    </button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn AddForm(slug: String) -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddJournalist>::new();
    let errors = action_error(add);
    follow_destination(add);
    view! {
        <section aria-labelledby="press-add-title" class="mb-5">
            <h2 id="press-add-title" class="h4">{lang.t(T::PressAddTitle)}</h2>
            <ActionForm action=add attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="press-add" errors/>
                <input type="hidden" name="ente" value=slug/>
                <Field form="press-add" name="name" label=T::PressName required=true maxlength=120 errors autocomplete="off"/>
                <Field form="press-add" name="outlet" label=T::PressOutlet required=true maxlength=120 errors help=T::PressOutletHelp/>
                <Field form="press-add" name="beat" label=T::PressBeat maxlength=120 errors help=T::PressBeatHelp/>
                <Field form="press-add" name="email" kind="email" label=T::ContactEmail required=true maxlength=254 errors autocomplete="off"/>
                <CheckField form="press-add" name="consented" value="1" errors>
                    {lang.t(T::PressConsentBox)}
                </CheckField>
                <Field form="press-add" name="consent_note" label=T::PressConsentNote maxlength=300 errors help=T::PressConsentNoteHelp/>
                <Submit action=add label=T::PressAdd/>
            </ActionForm>
        </section>
    }
}

fn mailing_row(lang: Lang, m: Mailing) -> impl IntoView {
    view! {
        <tr>
            <td>{m.title}</td>
            <td>{lang.datetime(m.sent_at)}</td>
            <td>{m.embargo_until.map(|at| lang.datetime(at)).unwrap_or_else(|| lang.t(T::PressNoEmbargo).to_string())}</td>
            <td>{lang.number(m.recipients)}</td>
        </tr>
    }
}

#[component]
fn Mailings(lang: Lang, mailings: Vec<Mailing>) -> impl IntoView {
    view! {
        <section aria-labelledby="press-mailings-title">
            <h2 id="press-mailings-title" class="h4">{lang.t(T::PressMailingsTitle)}</h2>
            <p>{lang.t(T::PressMailingsHelp)}</p>
            {if mailings.is_empty() {
                view! { <EmptyState text=T::PressMailingsNone/> }.into_any()
            } else {
                view! {
                    <div class="table-responsive">
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{lang.t(T::SiteEditorTitle)}</th>
                                <th scope="col">{lang.t(T::PressSentAt)}</th>
                                <th scope="col">{lang.t(T::PressEmbargo)}</th>
                                <th scope="col">{lang.t(T::PressRecipients)}</th>
                            </tr></thead>
                            <tbody>{mailings.into_iter().map(|m| mailing_row(lang, m)).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn PressKitPage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, load_press_kit);
    resource_page(data, |kit| view! { <Kit kit/> })
}

#[component]
fn Kit(kit: PressKit) -> impl IntoView {
    let lang = use_lang();
    let e = kit.frame.ente.clone();
    let shown = kit.contact.shown(&e, lang.t(T::PressKitTitle));
    let (who, email, phone) = (shown.press_contact, shown.press_email, shown.press_phone);
    let count = lang.tf(T::NewsCount, &[("n", &lang.number(kit.total))]);
    view! {
        <SectionPage frame=kit.frame title=T::PressKitTitle>
            <p class="lead">{lang.tf(T::PressKitIntro, &[("ente", &e.name)])}</p>
            <div class="row g-4 mb-5">
                <section class="col-12 col-lg-6" aria-labelledby="kit-contacts">
                    <h2 id="kit-contacts" class="h4">{lang.t(T::PressContactTitle)}</h2>
                    <p class="mb-1"><strong>{who}</strong></p>
                    {(!email.is_empty()).then(|| view! {
                        <p class="mb-1">{lang.t(T::ContactEmail)} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></p>
                    })}
                    {(!phone.is_empty()).then(|| view! {
                        <p class="mb-1">{lang.t(T::ContactPhone)} ": " <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
                    })}
                </section>
                <section class="col-12 col-lg-6" aria-labelledby="kit-material">
                    <h2 id="kit-material" class="h4">{lang.t(T::PressKitMaterial)}</h2>
                    <ul class="link-list">
                        {e.logo_path.clone().map(|logo| view! {
                            <li><a href=logo download>{lang.t(T::PressKitLogo)}</a></li>
                        })}
                        <li><a href=feeds::releases_rss(&e.slug)>{lang.t(T::PressKitRss)}</a></li>
                        <li><a href=feeds::releases_atom(&e.slug)>{lang.t(T::PressKitAtom)}</a></li>
                        <li><a href=format!("/{}/comunicati", e.slug)>{lang.t(T::PressKitAll)}</a> {" · "} {count}</li>
                    </ul>
                </section>
            </div>
            <section aria-labelledby="kit-releases">
                <h2 id="kit-releases" class="h4">{lang.t(T::PressKitLatest)}</h2>
                {if kit.releases.is_empty() {
                    view! { <EmptyState text=T::PressKitNoReleases/> }.into_any()
                } else {
                    view! { <NewsCards ente=e.slug.clone() items=kit.releases/> }.into_any()
                }}
            </section>
        </SectionPage>
    }
}

/// `/{ente}/ufficio-stampa/cancellazione?token=…`: a button confirms (a link
/// opened by a mail scanner changes nothing).
#[component]
pub fn PressLeavePage() -> impl IntoView {
    let ente = route_param("ente");
    let frame = Resource::new(ente, crate::ente::server::load_ente_frame);
    resource_page(frame, |frame| {
        let lang = use_lang();
        let leave = ServerAction::<LeavePressList>::new();
        let errors = action_error(leave);
        follow_destination(leave);
        let token = query_value("token");
        let done = query_flag("fatto");
        let slug = frame.ente.slug.clone();
        let intro = lang.tf(T::PressLeaveIntro, &[("ente", &frame.ente.name)]);
        let up = vec![(
            lang.t(T::PressKitTitle).to_string(),
            sections::press_kit(&slug),
        )];
        // Drawn again whenever `done` changes: it clones what it shows.
        let form = move || {
            let (slug, intro) = (slug.clone(), intro.clone());
            view! {
                <p>{intro}</p>
                <ActionForm action=leave attr:class="piazza-form">
                    <ErrorSummary form="press-leave" errors/>
                    <input type="hidden" name="ente" value=slug/>
                    <input type="hidden" name="token" value=move || token.get()/>
                    <Submit action=leave label=T::PressLeaveSubmit/>
                </ActionForm>
            }
        };
        view! {
            <SectionPage frame title=T::PressLeaveTitle up>
                <Show when=move || !done.get() fallback=move || view! { <Notice text=T::PressLeaveDone/> }>
                    {form()}
                </Show>
            </SectionPage>
        }
    })
}
