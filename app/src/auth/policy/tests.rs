//! The policy's own tests, role by role.

use super::files::{may_read_file, Holder};
use super::*;
use crate::auth::model::Grant;
use crate::ids::{AccountId, CommunityId, EnteId};

const LUGO: EnteId = EnteId(2);
const COTIGNOLA: EnteId = EnteId(4);
const URP_COMMUNITY: Scope = Scope::Community {
    id: CommunityId(7),
    ente: Some(LUGO),
};
const NATIONAL_COMMUNITY: Scope = Scope::Community {
    id: CommunityId(8),
    ente: None,
};

fn actor(verified: bool, grants: &[(Role, Scope)]) -> Actor {
    Actor {
        account_id: AccountId(1),
        email: "a@b.it".into(),
        name: String::new(),
        verified,
        grants: grants
            .iter()
            .map(|&(role, scope)| Grant { role, scope })
            .collect(),
        restrictions: Vec::new(),
    }
}

/// Someone else: `actor`, verified, with another account id.
fn person(id: AccountId, grants: &[(Role, Scope)]) -> Actor {
    Actor {
        account_id: id,
        ..actor(true, grants)
    }
}

#[test]
fn public_actions_need_nobody() {
    for action in [
        Action::ReadPublic,
        Action::Register,
        Action::LogIn,
        Action::AcceptInvitation,
    ] {
        assert!(can(None, action, Target::Site), "{action:?}");
    }
    assert_eq!(
        decide(None, Action::UpdateOwnProfile, Target::OwnAccount),
        Decision::NeedsLogin
    );
}

#[test]
fn own_account_actions_are_only_on_ones_own_account() {
    let citizen = actor(true, &[]);
    assert!(can(
        Some(&citizen),
        Action::DeleteOwnAccount,
        Target::OwnAccount
    ));
    assert!(!can(
        Some(&citizen),
        Action::DeleteOwnAccount,
        Target::In(Scope::Ente(LUGO))
    ));
}

#[test]
fn participation_needs_a_verified_email() {
    assert_eq!(
        decide(Some(&actor(false, &[])), Action::Participate, Target::Site),
        Decision::NeedsVerifiedEmail
    );
    assert!(can(
        Some(&actor(true, &[])),
        Action::Participate,
        Target::Site
    ));
}

#[test]
fn ente_admins_appoint_within_their_ente_only() {
    let admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
    let lugo = Target::In(Scope::Ente(LUGO));
    assert!(can(Some(&admin), Action::Appoint(Role::Urp), lugo));
    assert!(can(Some(&admin), Action::Appoint(Role::EnteAdmin), lugo));
    assert!(!can(
        Some(&admin),
        Action::Appoint(Role::Urp),
        Target::In(Scope::Ente(COTIGNOLA))
    ));
    assert!(!can(
        Some(&admin),
        Action::Appoint(Role::PlatformAdmin),
        Target::In(Scope::Platform)
    ));
    // A community role in an ente scope makes no sense, whoever asks.
    assert!(!can(
        Some(&admin),
        Action::Appoint(Role::CommunityMember),
        lugo
    ));
    // The ente's own community: tutors and members; another community: nothing.
    assert!(can(
        Some(&admin),
        Action::Appoint(Role::CommunityTutor),
        Target::In(URP_COMMUNITY)
    ));
    assert!(!can(
        Some(&admin),
        Action::Appoint(Role::CommunityMember),
        Target::In(NATIONAL_COMMUNITY)
    ));
}

#[test]
fn tutors_admit_members_but_not_other_tutors() {
    let tutor = actor(true, &[(Role::CommunityTutor, NATIONAL_COMMUNITY)]);
    let here = Target::In(NATIONAL_COMMUNITY);
    assert!(can(
        Some(&tutor),
        Action::Appoint(Role::CommunityMember),
        here
    ));
    assert!(!can(
        Some(&tutor),
        Action::Appoint(Role::CommunityTutor),
        here
    ));
    assert!(can(Some(&tutor), Action::ViewTeam, here));
    assert!(can(Some(&tutor), Action::OpenCommunity, here));
    assert!(!can(
        Some(&tutor),
        Action::ViewTeam,
        Target::In(URP_COMMUNITY)
    ));
}

#[test]
fn silenced_members_read_and_suspended_members_do_not_enter() {
    use crate::auth::model::Restriction;
    let here = Target::In(NATIONAL_COMMUNITY);
    let mut member = actor(true, &[(Role::CommunityMember, NATIONAL_COMMUNITY)]);
    assert!(can(Some(&member), Action::PostInCommunity, here));
    assert!(!can(Some(&member), Action::ModerateCommunity, here));
    member.restrictions.push(Restriction {
        community: CommunityId(8),
        kind: RestrictionKind::Silence,
    });
    assert!(can(Some(&member), Action::OpenCommunity, here));
    assert!(!can(Some(&member), Action::PostInCommunity, here));
    // A restriction elsewhere changes nothing here.
    member.restrictions[0].community = CommunityId(7);
    assert!(can(Some(&member), Action::PostInCommunity, here));
    member.restrictions.push(Restriction {
        community: CommunityId(8),
        kind: RestrictionKind::Suspension,
    });
    assert!(!can(Some(&member), Action::OpenCommunity, here));
    assert!(!can(Some(&member), Action::PostInCommunity, here));
    let tutor = actor(true, &[(Role::CommunityTutor, NATIONAL_COMMUNITY)]);
    assert!(can(Some(&tutor), Action::ModerateCommunity, here));
    assert!(!can(
        Some(&tutor),
        Action::ModerateCommunity,
        Target::In(URP_COMMUNITY)
    ));
}

#[test]
fn operators_open_the_dashboard_but_do_not_manage_the_team() {
    let op = actor(true, &[(Role::SocialMedia, Scope::Ente(LUGO))]);
    let lugo = Target::In(Scope::Ente(LUGO));
    assert!(can(Some(&op), Action::OpenDashboard, lugo));
    assert!(!can(
        Some(&op),
        Action::OpenDashboard,
        Target::In(Scope::Ente(COTIGNOLA))
    ));
    assert!(!can(Some(&op), Action::ViewTeam, lugo));
    assert!(!can(Some(&op), Action::ViewAuditLog, lugo));
}

#[test]
fn platform_admins_do_everything_but_act_as_someone_else() {
    let admin = actor(true, &[(Role::PlatformAdmin, Scope::Platform)]);
    assert!(can(Some(&admin), Action::ViewOutbox, Target::Site));
    assert!(can(Some(&admin), Action::ViewAuditLog, Target::Site));
    assert!(can(
        Some(&admin),
        Action::Appoint(Role::PlatformAdmin),
        Target::In(Scope::Platform)
    ));
    assert!(can(
        Some(&admin),
        Action::OpenCommunity,
        Target::In(NATIONAL_COMMUNITY)
    ));
    assert!(!can(
        Some(&admin),
        Action::DeleteOwnAccount,
        Target::In(Scope::Ente(LUGO))
    ));
}

#[test]
fn consultations_are_run_by_admins_operators_and_the_urp() {
    let lugo = Target::In(Scope::Ente(LUGO));
    for role in [Role::EnteAdmin, Role::EnteOperator, Role::Urp] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(can(Some(&a), Action::ManageConsultations, lugo), "{role:?}");
        assert!(!can(
            Some(&a),
            Action::ManageConsultations,
            Target::In(Scope::Ente(COTIGNOLA))
        ));
    }
    for role in [Role::SocialMedia, Role::PressOffice] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(
            !can(Some(&a), Action::ManageConsultations, lugo),
            "{role:?}"
        );
    }
}

#[test]
fn the_site_is_run_by_its_operators_press_office_and_urp() {
    let lugo = Target::In(Scope::Ente(LUGO));
    for role in [
        Role::EnteAdmin,
        Role::EnteOperator,
        Role::PressOffice,
        Role::Urp,
    ] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(can(Some(&a), Action::ManageSite, lugo), "{role:?}");
        let elsewhere = Target::In(Scope::Ente(COTIGNOLA));
        assert!(!can(Some(&a), Action::ManageSite, elsewhere), "{role:?}");
    }
    let social = actor(true, &[(Role::SocialMedia, Scope::Ente(LUGO))]);
    assert!(!can(Some(&social), Action::ManageSite, lugo));
    assert!(!can(None, Action::ManageSite, lugo));
    assert!(can(None, Action::RatePage, Target::Site));
}

#[test]
fn the_journalists_list_is_for_the_press_office_and_the_ente_admins() {
    let lugo = Target::In(Scope::Ente(LUGO));
    for role in [Role::EnteAdmin, Role::PressOffice] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(can(Some(&a), Action::ManagePress, lugo), "{role:?}");
        let elsewhere = Target::In(Scope::Ente(COTIGNOLA));
        assert!(!can(Some(&a), Action::ManagePress, elsewhere), "{role:?}");
    }
    for role in [Role::EnteOperator, Role::Urp, Role::SocialMedia] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(!can(Some(&a), Action::ManagePress, lugo), "{role:?}");
    }
    assert!(!can(None, Action::ManagePress, lugo));
}

#[test]
fn newsletters_are_for_the_site_team_of_their_ente() {
    let lugo = Target::In(Scope::Ente(LUGO));
    let elsewhere = Target::In(Scope::Ente(COTIGNOLA));
    for role in [
        Role::EnteAdmin,
        Role::EnteOperator,
        Role::PressOffice,
        Role::Urp,
    ] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(can(Some(&a), Action::ManageNewsletter, lugo), "{role:?}");
        assert!(
            !can(Some(&a), Action::ManageNewsletter, elsewhere),
            "{role:?}"
        );
    }
    let social = actor(true, &[(Role::SocialMedia, Scope::Ente(LUGO))]);
    assert!(!can(Some(&social), Action::ManageNewsletter, lugo));
    assert!(!can(
        Some(&actor(true, &[])),
        Action::ManageNewsletter,
        lugo
    ));
    assert!(!can(None, Action::ManageNewsletter, lugo));
}

#[test]
fn the_social_team_is_its_operators_and_the_ente_admins() {
    let lugo = Target::In(Scope::Ente(LUGO));
    for role in [Role::EnteAdmin, Role::SocialMedia] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(can(Some(&a), Action::ManageSocial, lugo), "{role:?}");
        assert!(!can(
            Some(&a),
            Action::ManageSocial,
            Target::In(Scope::Ente(COTIGNOLA))
        ));
    }
    for role in [Role::EnteOperator, Role::PressOffice, Role::Urp] {
        let a = actor(true, &[(role, Scope::Ente(LUGO))]);
        assert!(!can(Some(&a), Action::ManageSocial, lugo), "{role:?}");
    }
    assert!(!can(None, Action::ManageSocial, lugo));
}

#[test]
fn the_mail_outbox_is_for_platform_admins_only() {
    let ente_admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
    assert!(!can(Some(&ente_admin), Action::ViewOutbox, Target::Site));
    assert!(can(
        Some(&ente_admin),
        Action::ViewAuditLog,
        Target::In(Scope::Ente(LUGO))
    ));
    assert!(!can(Some(&ente_admin), Action::ViewAuditLog, Target::Site));
}

#[test]
fn metrics_are_for_platform_admins_only() {
    let ente_admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
    let admin = actor(true, &[(Role::PlatformAdmin, Scope::Platform)]);
    assert!(!can(Some(&ente_admin), Action::ViewMetrics, Target::Site));
    assert!(can(Some(&admin), Action::ViewMetrics, Target::Site));
    assert!(!can(
        Some(&admin),
        Action::ViewMetrics,
        Target::In(Scope::Ente(LUGO))
    ));
    assert_eq!(
        decide(None, Action::ViewMetrics, Target::Site),
        Decision::NeedsLogin
    );
}

#[test]
fn who_creates_communities() {
    let platform = Target::In(Scope::Platform);
    let lugo = Target::In(Scope::Ente(LUGO));
    let tutor = actor(true, &[(Role::CommunityTutor, NATIONAL_COMMUNITY)]);
    let member = actor(true, &[(Role::CommunityMember, NATIONAL_COMMUNITY)]);
    let ente_admin = actor(true, &[(Role::EnteAdmin, Scope::Ente(LUGO))]);
    assert!(can(Some(&tutor), Action::CreateCommunity, platform));
    assert!(!can(Some(&tutor), Action::CreateCommunity, lugo));
    assert!(!can(Some(&member), Action::CreateCommunity, platform));
    assert!(can(Some(&ente_admin), Action::CreateCommunity, lugo));
    assert!(!can(
        Some(&ente_admin),
        Action::CreateCommunity,
        Target::In(Scope::Ente(COTIGNOLA))
    ));
    assert!(!can(Some(&ente_admin), Action::CreateCommunity, platform));
    assert_eq!(
        decide(None, Action::CreateCommunity, platform),
        Decision::NeedsLogin
    );
}

#[test]
fn an_invitation_is_accepted_by_nobody_yet_or_by_a_confirmed_address() {
    let action = Action::AcceptInvitation;
    assert!(can(None, action, Target::Site));
    assert!(can(Some(&actor(true, &[])), action, Target::Site));
    assert_eq!(
        decide(Some(&actor(false, &[])), action, Target::Site),
        Decision::NeedsVerifiedEmail
    );
}

// Who reads a stored file (`files.rs`).

#[test]
fn an_operator_of_the_ente_reads_only_what_their_role_covers() {
    let operator = person(AccountId(1), &[(Role::EnteOperator, Scope::Ente(LUGO))]);
    let a = Some(&operator);
    assert!(may_read_file(
        a,
        None,
        &[Holder::Consultation { ente: LUGO }]
    ));
    assert!(!may_read_file(
        a,
        None,
        &[Holder::Consultation { ente: EnteId(3) }]
    ));
    assert!(!may_read_file(a, None, &[Holder::Community(URP_COMMUNITY)]));
    assert!(!may_read_file(a, None, &[Holder::Editorial { ente: LUGO }]));
    assert!(!may_read_file(a, None, &[]), "a file nothing holds");
    assert!(
        may_read_file(a, Some(AccountId(1)), &[]),
        "but one's own upload"
    );
}

#[test]
fn unseen_posts_are_for_their_author_and_the_tutors() {
    let member = person(AccountId(5), &[(Role::CommunityMember, URP_COMMUNITY)]);
    let tutor = person(AccountId(6), &[(Role::CommunityTutor, URP_COMMUNITY)]);
    let held = [Holder::UnseenPost {
        community: URP_COMMUNITY,
        author: Some(AccountId(9)),
    }];
    assert!(!may_read_file(Some(&member), None, &held));
    assert!(may_read_file(Some(&tutor), None, &held));
    let own = [Holder::UnseenPost {
        community: URP_COMMUNITY,
        author: Some(AccountId(5)),
    }];
    assert!(may_read_file(Some(&member), None, &own));
    assert!(may_read_file(
        Some(&member),
        None,
        &[Holder::Community(URP_COMMUNITY)]
    ));
    assert!(!may_read_file(
        None,
        None,
        &[Holder::Community(URP_COMMUNITY)]
    ));
    assert!(may_read_file(None, None, &[Holder::Public]));
}
