//! `GET /gestione/{ente}/consultazioni/{slug}/risposte.csv`: one row per response,
//! one column per question (a column per row of a matrix), for the ente's operators.
//! Cells that a spreadsheet would run as a formula are defused.

use app::auth::model::Scope;
use app::auth::policy::{decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::i18n::{lang_from_headers, Lang, T};
use app::questionnaire::answers::{Answer, Answers};
use app::questionnaire::model::{Kind, Question};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// A cell a spreadsheet will show as text, never run.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn label_of(options: &[app::questionnaire::model::Choice], id: &str) -> String {
    options
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.label.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The columns of one question: (header, value) for one response.
fn columns(q: &Question, a: Option<&Answer>, lang: Lang) -> Vec<(String, String)> {
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
                    (format!("{} – {}", q.label, r.label), v)
                })
                .collect();
        }
        (_, None) => String::new(),
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
        (_, Some(Answer::Number(n))) => n.to_string(),
        (_, Some(Answer::Date(d))) => d.to_string(),
        (_, Some(Answer::Text(t))) => t.clone(),
        (_, Some(other)) => format!("{other:?}"),
    };
    vec![(q.label.clone(), text)]
}

pub async fn download(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_from_headers(&headers);
    let Ok(Some(found)) = app::ente::repo::by_slug(&state.db, &ente).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match decide(
        info.actor.as_ref(),
        Action::ManageConsultations,
        Target::In(Scope::Ente(found.id)),
    ) {
        Decision::Allowed => {}
        Decision::NeedsLogin => return StatusCode::UNAUTHORIZED.into_response(),
        _ => return StatusCode::FORBIDDEN.into_response(),
    }
    let Ok(Some(row)) = app::consultation::repo::by_slug(&state.db, found.id, &slug).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (Ok(responses), Ok(comuni)) = (
        app::consultation::repo::responses(&state.db, row.id).await,
        app::ente::repo::comuni(&state.db).await,
    ) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let questionnaire = row.questionnaire();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header_row = vec![
        lang.t(T::ExportReceipt).to_string(),
        lang.t(T::ExportSubmitted).to_string(),
        lang.t(T::ResultsComune).to_string(),
        lang.t(T::AccountBirthYear).to_string(),
    ];
    header_row.extend(
        questionnaire
            .questions()
            .flat_map(|q| columns(q, None, lang))
            .map(|(h, _)| h),
    );
    let mut ok = out.write_record(header_row.iter().map(|h| cell(h))).is_ok();
    for r in &responses {
        let answers: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
        let mut record = vec![
            r.receipt.clone(),
            Lang::local_input(r.submitted_at).replace('T', " "),
            r.comune_id
                .and_then(|id| {
                    comuni
                        .iter()
                        .find(|(c, _)| *c == id)
                        .map(|(_, n)| n.clone())
                })
                .unwrap_or_default(),
            r.birth_year.map(|y| y.to_string()).unwrap_or_default(),
        ];
        record.extend(
            questionnaire
                .questions()
                .flat_map(|q| columns(q, answers.get(&q.id), lang))
                .map(|(_, v)| v),
        );
        ok &= out.write_record(record.iter().map(|v| cell(v))).is_ok();
    }
    let body = match (ok, out.into_inner()) {
        (true, Ok(bytes)) => bytes,
        _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend(body);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-risposte.csv\"", row.slug),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        with_bom,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("Piazza"), "Piazza");
    }
}
