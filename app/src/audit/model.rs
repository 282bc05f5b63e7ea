//! What the audit log records and how its page filters it.

use crate::i18n::T;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    Login,
    LoginFailed,
    Logout,
    LogoutEverywhere,
    Register,
    EmailVerified,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    ProfileUpdated,
    DataExported,
    AccountDeleted,
    Invited,
    InvitationRevoked,
    InvitationAccepted,
    RoleGranted,
    RoleRevoked,
    ConsultationCreated,
    ConsultationUpdated,
    ConsultationPublished,
    ConsultationWithdrawn,
    ConsultationResults,
    DiscussionTextSaved,
    CommentAnswered,
    CommentHidden,
    CommentRestored,
    ForumCategoryCreated,
    ForumPostHidden,
    ForumPostRestored,
    ForumPostEdited,
    ForumThreadChanged,
    MemberRestricted,
    RestrictionLifted,
    CommunityCreated,
    CommunityUpdated,
    MembershipApproved,
    MembershipDeclined,
    FolderCreated,
    FileDeleted,
    ForumThreadSplit,
    ForumThreadMerged,
    ForumPostApproved,
    SocialChannelSaved,
    EditorialStep,
    KpiImported,
    SocialDocumentSaved,
    SocialPolicyPublished,
    SocialObjectiveSaved,
    SiteEntrySaved,
    SiteEntryStep,
    SiteEntryPublished,
    SiteReviewSet,
    JournalistAdded,
    JournalistRemoved,
    PressContactSaved,
    PressReleaseMailed,
}

impl AuditAction {
    pub const ALL: [AuditAction; 56] = [
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::LogoutEverywhere,
        AuditAction::Register,
        AuditAction::EmailVerified,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
        AuditAction::PasswordChanged,
        AuditAction::ProfileUpdated,
        AuditAction::DataExported,
        AuditAction::AccountDeleted,
        AuditAction::Invited,
        AuditAction::InvitationRevoked,
        AuditAction::InvitationAccepted,
        AuditAction::RoleGranted,
        AuditAction::RoleRevoked,
        AuditAction::ConsultationCreated,
        AuditAction::ConsultationUpdated,
        AuditAction::ConsultationPublished,
        AuditAction::ConsultationWithdrawn,
        AuditAction::ConsultationResults,
        AuditAction::DiscussionTextSaved,
        AuditAction::CommentAnswered,
        AuditAction::CommentHidden,
        AuditAction::CommentRestored,
        AuditAction::ForumCategoryCreated,
        AuditAction::ForumPostHidden,
        AuditAction::ForumPostRestored,
        AuditAction::ForumPostEdited,
        AuditAction::ForumThreadChanged,
        AuditAction::MemberRestricted,
        AuditAction::RestrictionLifted,
        AuditAction::CommunityCreated,
        AuditAction::CommunityUpdated,
        AuditAction::MembershipApproved,
        AuditAction::MembershipDeclined,
        AuditAction::FolderCreated,
        AuditAction::FileDeleted,
        AuditAction::ForumThreadSplit,
        AuditAction::ForumThreadMerged,
        AuditAction::ForumPostApproved,
        AuditAction::SocialChannelSaved,
        AuditAction::EditorialStep,
        AuditAction::KpiImported,
        AuditAction::SocialDocumentSaved,
        AuditAction::SocialPolicyPublished,
        AuditAction::SocialObjectiveSaved,
        AuditAction::SiteEntrySaved,
        AuditAction::SiteEntryStep,
        AuditAction::SiteEntryPublished,
        AuditAction::SiteReviewSet,
        AuditAction::JournalistAdded,
        AuditAction::JournalistRemoved,
        AuditAction::PressContactSaved,
        AuditAction::PressReleaseMailed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::LogoutEverywhere => "logout_everywhere",
            AuditAction::Register => "register",
            AuditAction::EmailVerified => "email_verified",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::ProfileUpdated => "profile_updated",
            AuditAction::DataExported => "data_exported",
            AuditAction::AccountDeleted => "account_deleted",
            AuditAction::Invited => "invited",
            AuditAction::InvitationRevoked => "invitation_revoked",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::RoleGranted => "role_granted",
            AuditAction::RoleRevoked => "role_revoked",
            AuditAction::ConsultationCreated => "consultation_created",
            AuditAction::ConsultationUpdated => "consultation_updated",
            AuditAction::ConsultationPublished => "consultation_published",
            AuditAction::ConsultationWithdrawn => "consultation_withdrawn",
            AuditAction::ConsultationResults => "consultation_results",
            AuditAction::DiscussionTextSaved => "discussion_text_saved",
            AuditAction::CommentAnswered => "comment_answered",
            AuditAction::CommentHidden => "comment_hidden",
            AuditAction::CommentRestored => "comment_restored",
            AuditAction::ForumCategoryCreated => "forum_category_created",
            AuditAction::ForumPostHidden => "forum_post_hidden",
            AuditAction::ForumPostRestored => "forum_post_restored",
            AuditAction::ForumPostEdited => "forum_post_edited",
            AuditAction::ForumThreadChanged => "forum_thread_changed",
            AuditAction::MemberRestricted => "member_restricted",
            AuditAction::RestrictionLifted => "restriction_lifted",
            AuditAction::CommunityCreated => "community_created",
            AuditAction::CommunityUpdated => "community_updated",
            AuditAction::MembershipApproved => "membership_approved",
            AuditAction::MembershipDeclined => "membership_declined",
            AuditAction::FolderCreated => "folder_created",
            AuditAction::FileDeleted => "file_deleted",
            AuditAction::ForumThreadSplit => "forum_thread_split",
            AuditAction::ForumThreadMerged => "forum_thread_merged",
            AuditAction::ForumPostApproved => "forum_post_approved",
            AuditAction::SocialChannelSaved => "social_channel_saved",
            AuditAction::EditorialStep => "editorial_step",
            AuditAction::KpiImported => "kpi_imported",
            AuditAction::SocialDocumentSaved => "social_document_saved",
            AuditAction::SocialPolicyPublished => "social_policy_published",
            AuditAction::SocialObjectiveSaved => "social_objective_saved",
            AuditAction::SiteEntrySaved => "site_entry_saved",
            AuditAction::SiteEntryStep => "site_entry_step",
            AuditAction::SiteEntryPublished => "site_entry_published",
            AuditAction::SiteReviewSet => "site_review_set",
            AuditAction::JournalistAdded => "journalist_added",
            AuditAction::JournalistRemoved => "journalist_removed",
            AuditAction::PressContactSaved => "press_contact_saved",
            AuditAction::PressReleaseMailed => "press_release_mailed",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            AuditAction::Login => T::AuditLogin,
            AuditAction::LoginFailed => T::AuditLoginFailed,
            AuditAction::Logout => T::AuditLogout,
            AuditAction::LogoutEverywhere => T::AuditLogoutEverywhere,
            AuditAction::Register => T::AuditRegister,
            AuditAction::EmailVerified => T::AuditEmailVerified,
            AuditAction::PasswordResetRequested => T::AuditPasswordResetRequested,
            AuditAction::PasswordReset => T::AuditPasswordReset,
            AuditAction::PasswordChanged => T::AuditPasswordChanged,
            AuditAction::ProfileUpdated => T::AuditProfileUpdated,
            AuditAction::DataExported => T::AuditDataExported,
            AuditAction::AccountDeleted => T::AuditAccountDeleted,
            AuditAction::Invited => T::AuditInvited,
            AuditAction::InvitationRevoked => T::AuditInvitationRevoked,
            AuditAction::InvitationAccepted => T::AuditInvitationAccepted,
            AuditAction::RoleGranted => T::AuditRoleGranted,
            AuditAction::RoleRevoked => T::AuditRoleRevoked,
            AuditAction::ConsultationCreated => T::AuditConsultationCreated,
            AuditAction::ConsultationUpdated => T::AuditConsultationUpdated,
            AuditAction::ConsultationPublished => T::AuditConsultationPublished,
            AuditAction::ConsultationWithdrawn => T::AuditConsultationWithdrawn,
            AuditAction::ConsultationResults => T::AuditConsultationResults,
            AuditAction::DiscussionTextSaved => T::AuditDiscussionTextSaved,
            AuditAction::CommentAnswered => T::AuditCommentAnswered,
            AuditAction::CommentHidden => T::AuditCommentHidden,
            AuditAction::CommentRestored => T::AuditCommentRestored,
            AuditAction::ForumCategoryCreated => T::AuditForumCategoryCreated,
            AuditAction::ForumPostHidden => T::AuditForumPostHidden,
            AuditAction::ForumPostRestored => T::AuditForumPostRestored,
            AuditAction::ForumPostEdited => T::AuditForumPostEdited,
            AuditAction::ForumThreadChanged => T::AuditForumThreadChanged,
            AuditAction::MemberRestricted => T::AuditMemberRestricted,
            AuditAction::RestrictionLifted => T::AuditRestrictionLifted,
            AuditAction::CommunityCreated => T::AuditCommunityCreated,
            AuditAction::CommunityUpdated => T::AuditCommunityUpdated,
            AuditAction::MembershipApproved => T::AuditMembershipApproved,
            AuditAction::MembershipDeclined => T::AuditMembershipDeclined,
            AuditAction::FolderCreated => T::AuditFolderCreated,
            AuditAction::FileDeleted => T::AuditFileDeleted,
            AuditAction::ForumThreadSplit => T::AuditForumThreadSplit,
            AuditAction::ForumThreadMerged => T::AuditForumThreadMerged,
            AuditAction::ForumPostApproved => T::AuditForumPostApproved,
            AuditAction::SocialChannelSaved => T::AuditSocialChannelSaved,
            AuditAction::EditorialStep => T::AuditEditorialStep,
            AuditAction::KpiImported => T::AuditKpiImported,
            AuditAction::SocialDocumentSaved => T::AuditSocialDocumentSaved,
            AuditAction::SocialPolicyPublished => T::AuditSocialPolicyPublished,
            AuditAction::SocialObjectiveSaved => T::AuditSocialObjectiveSaved,
            AuditAction::SiteEntrySaved => T::AuditSiteEntrySaved,
            AuditAction::SiteEntryStep => T::AuditSiteEntryStep,
            AuditAction::SiteEntryPublished => T::AuditSiteEntryPublished,
            AuditAction::SiteReviewSet => T::AuditSiteReviewSet,
            AuditAction::JournalistAdded => T::AuditJournalistAdded,
            AuditAction::JournalistRemoved => T::AuditJournalistRemoved,
            AuditAction::PressContactSaved => T::AuditPressContactSaved,
            AuditAction::PressReleaseMailed => T::AuditPressReleaseMailed,
        }
    }
}

/// One line of the audit log as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_email: String,
    pub action: String,
    pub target_kind: String,
    pub target_label: String,
    pub ente_name: Option<String>,
    pub ip: String,
    pub details: String,
}

/// The filters of the audit page; every field may be empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// An action code.
    pub action: Option<String>,
    /// Part of the actor's email.
    pub actor: Option<String>,
    /// An ente's slug.
    pub ente: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: Option<i64>,
}

/// One page of entries, and the enti the viewer may filter on (slug, name): every
/// ente for platform admins, their own for ente admins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: crate::paging::Paged<AuditEntry>,
    pub enti: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(a.code()), Some(a));
        }
    }
}
