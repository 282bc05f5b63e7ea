//! `GET /gestione/{ente}/consultazioni/{slug}/risposte.csv` and `….xlsx`: one row per
//! response, one column per question (a column per row of a matrix), for the ente's
//! operators. CSV cells that a spreadsheet would run as a formula are defused; the
//! XLSX file writes every text as a string, never as a formula.

use crate::download::{attachment, csv_bytes};
use crate::gate::{self, Login};
use app::auth::model::Scope;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::i18n::{lang_from_headers, Lang, T};
use app::questionnaire::answers::{Answer, Answers};
use app::questionnaire::model::{Kind, Question};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// A turn for heavy work (`AppState::heavy_turn`), held until the file is written.
type Turn = tokio::sync::OwnedSemaphorePermit;

fn label_of(options: &[app::questionnaire::model::Choice], id: &str) -> String {
    options
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.label.clone())
        .unwrap_or_else(|| id.to_string())
}

/// A value of the table: numbers stay numbers in a spreadsheet.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
        }
    }
}

/// The columns of one question: (header, value) for one response.
/// `site` is the public address, for the links to files sent with the answers.
fn columns(q: &Question, a: Option<&Answer>, lang: Lang, site: &str) -> Vec<(String, Value)> {
    let text = match (&q.kind, a) {
        (Kind::Matrix { rows, scale }, _) => {
            return rows
                .iter()
                .map(|r| {
                    let v = match a {
                        Some(Answer::Rows(m)) => {
                            m.get(&r.id).map(|s| label_of(scale, s)).unwrap_or_default()
                        }
                        _ => String::new(),
                    };
                    (format!("{} – {}", q.label, r.label), Value::Text(v))
                })
                .collect();
        }
        (_, Some(Answer::Number(n))) => return vec![(q.label.clone(), Value::Number(*n))],
        (_, None) => String::new(),
        (Kind::FileUpload { .. }, Some(Answer::Text(token))) => format!("{site}/file/{token}/file"),
        (Kind::SingleChoice { options }, Some(Answer::Text(id))) => label_of(options, id),
        (
            Kind::MultipleChoice { options, .. } | Kind::Ranking { options },
            Some(Answer::List(ids)),
        ) => ids
            .iter()
            .map(|id| label_of(options, id))
            .collect::<Vec<_>>()
            .join("; "),
        (_, Some(Answer::Bool(b))) => lang
            .t(if *b { T::AnswerYes } else { T::AnswerNo })
            .to_string(),
        (_, Some(Answer::Date(d))) => d.to_string(),
        (_, Some(Answer::Text(t))) => t.clone(),
        (_, Some(other)) => format!("{other:?}"),
    };
    vec![(q.label.clone(), Value::Text(text))]
}

/// The responses of a consultation as a table, for the operators of its ente: the
/// file's base name, the header and one row per response; or the refusal.
async fn table(
    state: &AppState,
    info: &RequestInfo,
    ente: &str,
    slug: &str,
    lang: Lang,
) -> Result<(String, Vec<String>, Vec<Vec<Value>>, Turn), Response> {
    let found = gate::found(info, app::ente::repo::by_slug(&state.db, ente).await)?;
    let target = Target::In(Scope::Ente(found.id));
    gate::require(info, Action::ManageConsultations, target, Login::Status)?;
    let row = gate::found(
        info,
        app::consultation::repo::by_slug(&state.db, found.id, slug).await,
    )?;
    // Every answer is read: a few exports at a time per node (until this one is written).
    let turn = gate::ok(info, state.heavy_turn().await)?;
    let responses = gate::ok(
        info,
        app::consultation::repo::responses(&state.db, row.id).await,
    )?;
    let comuni = gate::ok(info, app::ente::repo::comuni(&state.db).await)?;
    let questionnaire = row.questionnaire();
    let mut header_row = vec![
        lang.t(T::ExportReceipt).to_string(),
        lang.t(T::ExportSubmitted).to_string(),
        lang.t(T::ResultsComune).to_string(),
        lang.t(T::AccountBirthYear).to_string(),
    ];
    header_row.extend(
        questionnaire
            .questions()
            .flat_map(|q| columns(q, None, lang, ""))
            .map(|(h, _)| h),
    );
    let rows = responses
        .iter()
        .map(|r| {
            let answers: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
            let mut record = vec![
                Value::Text(r.receipt.clone()),
                Value::Text(Lang::local_input(r.submitted_at).replace('T', " ")),
                Value::Text(
                    r.comune_id
                        .and_then(|id| {
                            comuni
                                .iter()
                                .find(|(c, _)| *c == id)
                                .map(|(_, n)| n.clone())
                        })
                        .unwrap_or_default(),
                ),
                r.birth_year
                    .map(|y| Value::Number(y as f64))
                    .unwrap_or(Value::Text(String::new())),
            ];
            record.extend(
                questionnaire
                    .questions()
                    .flat_map(|q| columns(q, answers.get(&q.id), lang, &state.public_url))
                    .map(|(_, v)| v),
            );
            record
        })
        .collect();
    Ok((format!("{}-risposte", row.slug), header_row, rows, turn))
}

/// `…/risposte.csv`: UTF-8 with a byte-order mark, so that spreadsheets read accents.
pub async fn download(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (name, header_row, rows, _turn) =
        match table(&state, &info, &ente, &slug, lang_from_headers(&headers)).await {
            Ok(t) => t,
            Err(refused) => return refused,
        };
    let Some(with_bom) = csv_bytes(
        &header_row,
        rows.iter()
            .map(|r| r.iter().map(Value::text).collect::<Vec<_>>()),
    ) else {
        return gate::refuse(&info, AppError::Internal);
    };
    attachment("text/csv; charset=utf-8", &format!("{name}.csv"), with_bom)
}

/// `…/risposte.xlsx`: the same table as a spreadsheet, numbers as numbers, the header
/// in bold and frozen.
pub async fn download_xlsx(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_from_headers(&headers);
    let (name, header_row, rows, _turn) = match table(&state, &info, &ente, &slug, lang).await {
        Ok(t) => t,
        Err(refused) => return refused,
    };
    match xlsx(lang, &header_row, &rows) {
        Ok(bytes) => attachment(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
            bytes,
        ),
        Err(e) => {
            tracing::error!(error = %e, request_id = %info.request_id, "cannot write the spreadsheet");
            AppError::Internal.into_response()
        }
    }
}

fn xlsx(
    lang: Lang,
    header_row: &[String],
    rows: &[Vec<Value>],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t(T::ExportSheet))?;
    let bold = Format::new().set_bold();
    for (c, h) in header_row.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, record) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in record.iter().enumerate() {
            match v {
                Value::Text(t) if t.is_empty() => {}
                Value::Text(t) => {
                    sheet.write_string(r, c as u16, t)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c as u16, *n)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    book.save_to_buffer()
}
