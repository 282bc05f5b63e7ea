//! `piazza create-admin --email …`: a platform administrator, for the first login.

use app::account::model::Email;
use app::account::{password, repo};
use app::auth::model::{Role, Scope};
use app::db::Db;
use app::i18n::Lang;
use app::ids::AccountId;

/// What `create-admin` did.
#[derive(Debug, PartialEq, Eq)]
pub struct Created {
    pub account_id: AccountId,
    /// The password to hand over, when Piazza generated it.
    pub generated_password: Option<String>,
    pub new_account: bool,
    pub new_grant: bool,
}

/// Creates (or finds) the account and makes it a platform administrator. The password
/// is the one given, or a generated one; an existing account keeps its password.
pub async fn create_admin(
    db: &Db,
    email: &str,
    name: &str,
    password_given: Option<&str>,
) -> Result<Created, String> {
    let email = Email::parse(email).map_err(|t| format!("--email: {}", Lang::En.t(t)))?;
    if let Some(p) = password_given {
        if p.chars().count() < password::MIN_LENGTH {
            return Err(format!(
                "PIAZZA_ADMIN_PASSWORD: use at least {} characters",
                password::MIN_LENGTH
            ));
        }
    }
    let existing = repo::by_email(db, &email)
        .await
        .map_err(|e| e.to_string())?;
    let (plain, generated) = match (existing.is_some(), password_given) {
        (true, _) => (None, None),
        (false, Some(p)) => (Some(p.to_string()), None),
        (false, None) => {
            let p = password::generate(20);
            (Some(p.clone()), Some(p))
        }
    };
    let hash = match plain {
        Some(p) => Some(
            tokio::task::spawn_blocking(move || password::hash(&p))
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    let (account_id, new_account) = repo::ensure(&mut tx, &email, name, hash.as_deref(), now)
        .await
        .map_err(|e| e.to_string())?;
    let new_grant = repo::grant(
        &mut tx,
        account_id,
        Role::PlatformAdmin,
        Scope::Platform,
        None,
        now,
    )
    .await
    .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(Created {
        account_id,
        generated_password: generated,
        new_account,
        new_grant,
    })
}
