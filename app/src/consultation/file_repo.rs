//! A consultation's files (its cover and attachments, server only), and what tells
//! who may read a stored file that a consultation holds.

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;

/// The consultation's files: (role, file), covers first, then in order.
pub async fn files(
    db: &Db,
    consultation_id: i64,
) -> Result<Vec<(String, crate::upload::model::FileView)>, DbError> {
    let rows: Vec<(String, String, String, String, i64, String)> = db
        .fetch_all(
            sql(
                "SELECT f.role, u.token, u.name, u.mime, u.size, f.label FROM consultation_file f
                   JOIN upload u ON u.id = f.upload_id
                  WHERE f.consultation_id = $1 ORDER BY f.role DESC, f.position",
            )
            .bind(consultation_id),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(role, token, name, mime, size, label)| {
            (
                role,
                crate::upload::model::FileView {
                    token,
                    name,
                    mime,
                    size,
                    label,
                },
            )
        })
        .collect())
}

/// Attaches an uploaded file; a new cover replaces the old one.
pub async fn add_file(
    tx: &mut Tx,
    consultation_id: i64,
    upload_id: i64,
    role: &str,
    label: &str,
) -> Result<(), DbError> {
    if role == "cover" {
        tx.execute(
            sql("DELETE FROM consultation_file WHERE consultation_id = $1 AND role = 'cover'")
                .bind(consultation_id),
        )
        .await?;
    }
    tx.execute(
        sql("INSERT INTO consultation_file (consultation_id, upload_id, role, label, position)
             SELECT $1, $2, $3, $4, COALESCE(MAX(position), 0) + 1 FROM consultation_file WHERE consultation_id = $1")
        .bind(consultation_id)
        .bind(upload_id)
        .bind(role)
        .bind(label),
    )
    .await?;
    Ok(())
}

/// Detaches a file by its token; whether it was attached.
pub async fn remove_file(tx: &mut Tx, consultation_id: i64, token: &str) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("DELETE FROM consultation_file WHERE consultation_id = $1
                   AND upload_id = (SELECT id FROM upload WHERE token = $2)")
            .bind(consultation_id)
            .bind(token),
        )
        .await?;
    Ok(n == 1)
}

/// The consultations a stored file belongs to as a cover or an attachment, as
/// (ente, published): published once the consultation is no longer a draft.
pub async fn file_holders(db: &Db, upload_id: i64) -> Result<Vec<(EnteId, bool)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT c.ente_id, c.status <> 'draft' FROM consultation_file f
                   JOIN consultation c ON c.id = f.consultation_id
                  WHERE f.upload_id = $1",
        )
        .bind(upload_id),
    )
    .await
}

/// The entes whose consultations hold a stored file as the file of an answer, found
/// by its token in the answers (a scan: ask only of a file nothing else holds).
pub async fn answer_enti(db: &Db, token: &str) -> Result<Vec<EnteId>, DbError> {
    // An upload's token is 32 hexadecimal digits: it cannot match by accident, nor
    // carry a LIKE wildcard.
    if token.len() < 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(Vec::new());
    }
    let answered: Vec<(EnteId,)> = db
        .fetch_all(
            sql("SELECT DISTINCT c.ente_id FROM response r
                   JOIN consultation c ON c.id = r.consultation_id
                  WHERE r.answers LIKE $1")
            .bind(format!("%\"{token}\"%")),
        )
        .await?;
    Ok(answered.into_iter().map(|(ente,)| ente).collect())
}
