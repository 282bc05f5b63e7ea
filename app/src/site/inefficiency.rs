//! `/{ente}/segnala-disservizio`: reporting an inefficiency (the model's "Segnala
//! disservizio", linked from every page's footer) until the reports module is built:
//! a plain form whose message goes to the ente's public address through the outbox,
//! with a receipt number for the sender. Anyone may write, a few times an hour from
//! one address; nothing is sent to the address the sender gives (it could be anyone's).

use crate::components::form::{
    action_error, CheckField, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_value, route_param};
use crate::ente::brand::SectionPage;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The kinds of inefficiency: (code, label).
pub const CATEGORIES: [(&str, T); 8] = [
    ("strade", T::InefficiencyRoads),
    ("illuminazione", T::InefficiencyLighting),
    ("rifiuti", T::InefficiencyWaste),
    ("verde", T::InefficiencyGreen),
    ("acqua", T::InefficiencyWater),
    ("segnaletica", T::InefficiencySigns),
    ("edifici", T::InefficiencyBuildings),
    ("altro", T::InefficiencyOther),
];

/// The longest a description may be, and the shortest.
pub const TEXT_MAX: usize = 4_000;
pub const TEXT_MIN: usize = 20;
/// The longest the place or the name may be.
pub const LINE_MAX: usize = 200;

/// The form's values, checked: (category label, place, text, name, email).
#[cfg(feature = "ssr")]
fn checked(
    categoria: &str,
    luogo: &str,
    descrizione: &str,
    nome: &str,
    email: &str,
    privacy: bool,
) -> Result<(T, String, String, String, String), AppError> {
    use crate::text::has_control_chars;
    let mut p = crate::error::Problems::default();
    let category = CATEGORIES
        .iter()
        .find(|(c, _)| *c == categoria)
        .map(|c| c.1);
    if category.is_none() {
        p.add("categoria", T::ValidationChoice);
    }
    let place = p.one_line("luogo", luogo, LINE_MAX, true);
    let name = p.one_line("nome", nome, LINE_MAX, false);
    let text = descrizione.replace("\r\n", "\n").trim().to_string();
    let length = text.chars().count();
    if has_control_chars(&text, false) {
        p.add("descrizione", T::ValidationBadCharacters);
    } else if length < TEXT_MIN {
        p.add_with_limit(
            "descrizione",
            T::InefficiencyTooShort,
            Some(TEXT_MIN as i64),
        );
    } else if length > TEXT_MAX {
        p.add_with_limit("descrizione", T::ValidationAtMost, Some(TEXT_MAX as i64));
    }
    let email = p.check("email", crate::account::model::Email::parse(email));
    if !privacy {
        p.add("privacy", T::InefficiencyPrivacyNeeded);
    }
    p.into_result()?;
    let email = email.map(|e| e.as_str().to_string()).unwrap_or_default();
    Ok((
        category.unwrap_or(T::InefficiencyOther),
        place,
        text,
        name,
        email,
    ))
}

/// The ente, if it takes reports by this form: its site is on and it has an address.
#[cfg(feature = "ssr")]
async fn taking_reports(
    ente: &str,
) -> Result<(crate::state::AppState, crate::ente::model::EnteFrame), AppError> {
    let (state, frame) =
        crate::ente::server::module_frame(ente, crate::ente::model::Module::Site).await?;
    if frame.ente.email.is_empty() {
        return Err(crate::auth::server::fail(AppError::NotFound));
    }
    Ok((state, frame))
}

/// The form's page: the ente's frame, where it takes reports by this form.
#[server(endpoint = "site/inefficiency")]
pub async fn load_report_frame(ente: String) -> Result<crate::ente::model::EnteFrame, AppError> {
    Ok(taking_reports(&ente).await?.1)
}

/// Whether `text` is a receipt as this form writes them (`SD-` and 8 hex digits):
/// the page shows no other text it is given.
pub fn is_receipt(text: &str) -> bool {
    text.strip_prefix("SD-")
        .is_some_and(|hex| hex.len() == 8 && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Sends the report to the ente; answers the page with the receipt.
#[server(endpoint = "site/report-inefficiency")]
pub async fn report_inefficiency(
    ente: String,
    categoria: String,
    luogo: String,
    descrizione: String,
    nome: Option<String>,
    email: String,
    privacy: Option<String>,
) -> Result<String, AppError> {
    use crate::auth::{policy::Action, policy::Target, ratelimit, server::fail};
    use crate::i18n::Lang;
    use crate::mail::outbox::{enqueue, NewMail};
    crate::auth::server::authorize(Action::ReportInefficiency, Target::Site)?;
    let (state, frame) = taking_reports(&ente).await?;
    let e = frame.ente;
    let name = nome.unwrap_or_default();
    let (category, place, text, name, from) = checked(
        &categoria,
        &luogo,
        &descrizione,
        &name,
        &email,
        privacy.is_some(),
    )
    .map_err(fail)?;
    let info = crate::auth::server::request_info();
    let now = state.clock.now();
    let bucket = ratelimit::bucket("inefficiency-ip", &ratelimit::address_key(&info.ip));
    ratelimit::hit(&state.db, &bucket, ratelimit::INEFFICIENCY_PER_IP, now)
        .await
        .map_err(fail)?;
    let receipt = format!(
        "SD-{}",
        crate::text::hex(&crate::auth::token::random_bytes::<4>()).to_uppercase()
    );
    let lang = Lang::It;
    let values = [
        ("ente", e.name.as_str()),
        ("receipt", receipt.as_str()),
        ("category", lang.t(category)),
        ("place", place.as_str()),
        ("text", text.as_str()),
        ("name", name.as_str()),
        ("email", from.as_str()),
        ("site", state.public_url.as_str()),
    ];
    let mail = NewMail {
        to: &e.email,
        account_id: None,
        kind: crate::mail::model::MailKind::Inefficiency,
        lang,
        values: &values,
    };
    let mut tx = state.db.begin().await?;
    enqueue(&mut tx, mail, now).await?;
    tx.commit().await?;
    Ok(crate::auth::server::go_to(&format!(
        "{}?ricevuta={receipt}",
        crate::ente::paths::sections::report_inefficiency(&e.slug)
    )))
}

#[component]
pub fn InefficiencyPage() -> impl IntoView {
    let slug = route_param("ente");
    let frame = Resource::new(slug, load_report_frame);
    resource_page(frame, |frame| {
        let lang = use_lang();
        let given = query_value("ricevuta");
        let receipt = Signal::derive(move || {
            Some(given.get())
                .filter(|r| is_receipt(r))
                .unwrap_or_default()
        });
        let slug = frame.ente.slug.clone();
        let intro = lang.tf(T::InefficiencyIntro, &[("ente", &frame.ente.name)]);
        let form = move || view! { <ReportForm slug=slug.clone() intro=intro.clone()/> };
        view! {
            <SectionPage frame title=T::InefficiencyTitle>
                <Show when=move || receipt.get().is_empty() fallback=move || view! {
                    <Notice text=T::InefficiencySent/>
                    <p class="lead">{move || lang.tf(T::InefficiencyReceipt, &[("receipt", &receipt.get())])}</p>
                }>
                    {form()}
                </Show>
            </SectionPage>
        }
    })
}

#[component]
fn ReportForm(slug: String, intro: String) -> impl IntoView {
    let lang = use_lang();
    let send = ServerAction::<ReportInefficiency>::new();
    let errors = action_error(send);
    follow_destination(send);
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::InefficiencyChoose).to_string()))
            .chain(
                CATEGORIES
                    .iter()
                    .map(|(c, t)| (c.to_string(), lang.t(*t).to_string())),
            )
            .collect();
    let privacy = format!("/{slug}/privacy");
    view! {
        <p class="lead">{intro}</p>
        <ActionForm action=send attr:class="piazza-form" attr:novalidate=true>
            <ErrorSummary form="inefficiency" errors/>
            <input type="hidden" name="ente" value=slug/>
            <SelectField form="inefficiency" name="categoria" label=T::InefficiencyCategory errors options/>
            <Field form="inefficiency" name="luogo" label=T::InefficiencyPlace required=true maxlength=200 errors help=T::InefficiencyPlaceHelp/>
            <TextArea form="inefficiency" name="descrizione" label=T::InefficiencyText required=true maxlength=4000 rows=6 errors help=T::InefficiencyTextHelp/>
            <Field form="inefficiency" name="nome" label=T::InefficiencyName maxlength=200 errors autocomplete="name"/>
            <Field form="inefficiency" name="email" kind="email" label=T::ContactEmail required=true maxlength=254 errors autocomplete="email" help=T::InefficiencyEmailHelp/>
            <CheckField form="inefficiency" name="privacy" value="1" errors>
                {lang.t(T::InefficiencyPrivacy)} " "
                <a href=privacy>{lang.t(T::FooterPrivacy)}</a>
            </CheckField>
            <Submit action=send label=T::InefficiencySend/>
        </ActionForm>
    }
}
