//! What kinds of mail Piazza sends, and how the outbox looks to an administrator.

use crate::i18n::{Lang, T};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailKind {
    VerifyEmail,
    ResetPassword,
    /// Someone tried to register with an address that already has an account.
    AccountExists,
    Invitation,
    PasswordChanged,
    AccountDeleted,
    /// The receipt of a consultation response.
    ResponseReceipt,
    /// The operators answered a comment on a text in discussion.
    CommentAnswered,
    /// A consultation on a followed topic opened…
    ConsultationOpened,
    /// …or published its outcome.
    ConsultationOutcome,
    /// The notifications not read yet, as the person chose to receive them.
    Digest,
    /// A press release, to the ente's journalists list.
    PressRelease,
    /// An inefficiency reported by the site's form, to the ente's address.
    Inefficiency,
    /// The link that confirms a newsletter subscription (double opt-in).
    NewsletterConfirm,
}

impl MailKind {
    pub const ALL: [MailKind; 14] = [
        MailKind::VerifyEmail,
        MailKind::ResetPassword,
        MailKind::AccountExists,
        MailKind::Invitation,
        MailKind::PasswordChanged,
        MailKind::AccountDeleted,
        MailKind::ResponseReceipt,
        MailKind::CommentAnswered,
        MailKind::ConsultationOpened,
        MailKind::ConsultationOutcome,
        MailKind::Digest,
        MailKind::PressRelease,
        MailKind::Inefficiency,
        MailKind::NewsletterConfirm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailKind::VerifyEmail => "verify_email",
            MailKind::ResetPassword => "reset_password",
            MailKind::AccountExists => "account_exists",
            MailKind::Invitation => "invitation",
            MailKind::PasswordChanged => "password_changed",
            MailKind::AccountDeleted => "account_deleted",
            MailKind::ResponseReceipt => "response_receipt",
            MailKind::CommentAnswered => "comment_answered",
            MailKind::ConsultationOpened => "consultation_opened",
            MailKind::ConsultationOutcome => "consultation_outcome",
            MailKind::Digest => "digest",
            MailKind::PressRelease => "press_release",
            MailKind::Inefficiency => "inefficiency",
            MailKind::NewsletterConfirm => "newsletter_confirm",
        }
    }

    pub fn from_code(code: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The subject and body text keys; bodies use `{name}`, `{link}`, `{site}` and
    /// the kind's own placeholders.
    fn keys(self) -> (T, T) {
        match self {
            MailKind::VerifyEmail => (T::MailVerifySubject, T::MailVerifyBody),
            MailKind::ResetPassword => (T::MailResetSubject, T::MailResetBody),
            MailKind::AccountExists => (T::MailExistsSubject, T::MailExistsBody),
            MailKind::Invitation => (T::MailInviteSubject, T::MailInviteBody),
            MailKind::PasswordChanged => {
                (T::MailPasswordChangedSubject, T::MailPasswordChangedBody)
            }
            MailKind::AccountDeleted => (T::MailDeletedSubject, T::MailDeletedBody),
            MailKind::ResponseReceipt => (T::MailReceiptSubject, T::MailReceiptBody),
            MailKind::CommentAnswered => {
                (T::MailCommentAnsweredSubject, T::MailCommentAnsweredBody)
            }
            MailKind::ConsultationOpened => (T::MailOpenedSubject, T::MailOpenedBody),
            MailKind::ConsultationOutcome => (T::MailOutcomeSubject, T::MailOutcomeBody),
            MailKind::Digest => (T::MailDigestSubject, T::MailDigestBody),
            MailKind::PressRelease => (T::MailPressSubject, T::MailPressBody),
            MailKind::Inefficiency => (T::MailInefficiencySubject, T::MailInefficiencyBody),
            MailKind::NewsletterConfirm => (T::MailNewsletterSubject, T::MailNewsletterBody),
        }
    }

    /// Subject and plain-text body in the recipient's language.
    pub fn compose(self, lang: Lang, values: &[(&str, &str)]) -> (String, String) {
        let (subject, body) = self.keys();
        let mut text = lang.tf(body, values);
        text.push_str("\n\n");
        text.push_str(&lang.tf(T::MailSignature, values));
        (lang.tf(subject, values), text)
    }
}

/// Where a message is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailStatus {
    Pending,
    Sent,
    /// Kept, not sent: no SMTP server is configured.
    Captured,
    /// Given up after the last retry.
    Failed,
}

impl MailStatus {
    pub const ALL: [MailStatus; 4] = [
        MailStatus::Pending,
        MailStatus::Sent,
        MailStatus::Captured,
        MailStatus::Failed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Captured => "captured",
            MailStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<MailStatus> {
        MailStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            MailStatus::Pending => T::MailStatusPending,
            MailStatus::Sent => T::MailStatusSent,
            MailStatus::Captured => T::MailStatusCaptured,
            MailStatus::Failed => T::MailStatusFailed,
        }
    }
}

/// One message of the outbox, as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OutboxItem {
    pub id: i64,
    pub to_address: String,
    pub kind: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_composes_in_both_languages_with_its_link() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::from_code(kind.code()), Some(kind));
            for lang in Lang::ALL {
                let (subject, body) = kind.compose(
                    lang,
                    &[
                        ("name", "Maria"),
                        ("link", "https://piazza.test/x"),
                        ("site", "https://piazza.test"),
                        ("role", "URP"),
                        ("scope", "Comune di Lugo"),
                        ("inviter", "Anna"),
                        ("days", "7"),
                        ("hours", "24"),
                        ("title", "Piazza Baracca"),
                        ("receipt", "PZ-ABCD-2345"),
                        ("status", "Accolto"),
                        ("reply", "Grazie, lo inseriamo."),
                        ("ente", "Comune di Lugo"),
                        ("count", "2"),
                        ("list", "- Una notifica"),
                        ("settings", "https://piazza.test/account"),
                        ("embargo", "[EMBARGO] "),
                        ("embargo_line", ""),
                        ("summary", "Il sommario"),
                        ("body", "Il testo"),
                        ("contact", "stampa@comune.lugo.it"),
                        (
                            "leave",
                            "https://piazza.test/lugo/ufficio-stampa/cancellazione",
                        ),
                        ("category", "Strade"),
                        ("place", "Via Mazzini"),
                        ("text", "Una buca"),
                        ("email", "sara@example.it"),
                    ],
                );
                assert!(
                    !subject.is_empty() && !subject.contains('{'),
                    "{kind:?} {lang:?}"
                );
                assert!(!body.contains('{'), "{kind:?} {lang:?}: {body}");
            }
        }
        let (_, body) = MailKind::VerifyEmail.compose(Lang::It, &[("link", "https://x.test/v")]);
        assert!(body.contains("https://x.test/v"));
    }
}
