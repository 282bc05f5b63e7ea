//! `/gestione/persone`: who holds which role in an ente or community, invitations and
//! the invite form. `/account/invito?token=…`: the page a mailed invitation opens.

use super::model::{InvitationState, InvitationView, TeamPage};
use super::server::{
    load_invitation, load_team, AcceptInvitation, Invite, RevokeInvitation, RevokeRole,
};
use crate::auth::model::Role;
use crate::components::brand::Brand;
use crate::components::dialog::ConfirmSubmit;
use crate::components::form::{
    action_done, action_error, reset_on_success, CheckField, ErrorSummary, Field, Notice,
    SelectField, Submit,
};
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{follow_destination, login_href, query_flag, query_value};
use crate::components::shell::{scope_links, WorkShell};
use crate::components::table::{sort_from_query, sort_rows, EmptyState, SortHeader};
use crate::components::toast::toast_on_success;
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn TeamPageView() -> impl IntoView {
    let scope = query_value("ambito");
    let actions = TeamActions {
        invite: ServerAction::<Invite>::new(),
        revoke_role: ServerAction::<RevokeRole>::new(),
        revoke_invitation: ServerAction::<RevokeInvitation>::new(),
    };
    // Loaded again after every change made on the page.
    let team = Resource::new(
        move || {
            (
                scope.get(),
                actions.invite.version().get(),
                actions.revoke_role.version().get(),
                actions.revoke_invitation.version().get(),
            )
        },
        |(s, ..)| load_team((!s.is_empty()).then_some(s)),
    );
    toast_on_success(actions.revoke_role, T::TeamRoleRevoked);
    toast_on_success(actions.revoke_invitation, T::TeamInvitationRevoked);
    resource_page(team, move |team| view! { <Team team actions/> })
}

/// The changes the team page makes; their results stay across reloads of the list.
#[derive(Clone, Copy)]
struct TeamActions {
    invite: ServerAction<Invite>,
    revoke_role: ServerAction<RevokeRole>,
    revoke_invitation: ServerAction<RevokeInvitation>,
}

#[component]
fn Team(team: TeamPage, actions: TeamActions) -> impl IntoView {
    let lang = use_lang();
    let title = lang.tf(T::TeamTitle, &[("scope", &team.scope_label)]);
    let invite = actions.invite;
    let invite_form = NodeRef::<leptos::html::Form>::new();
    reset_on_success(invite, invite_form);
    let invite_errors = action_error(invite);
    let invited = action_done(invite);
    let roles: Vec<(String, String)> = team
        .appointable
        .iter()
        .map(|r| (r.code().to_string(), lang.t(r.label()).to_string()))
        .collect();
    let scopes: Vec<(String, String)> = team
        .scopes
        .iter()
        .map(|s| (s.code.clone(), s.label.clone()))
        .collect();
    view! {
        <WorkShell place=team.scope_label.clone() title=lang.t(T::WorkPeople) links=scope_links(lang, &team.scope_code)>
            <h1>{title}</h1>
            {(scopes.len() > 1).then(|| {
                let scopes = scopes.clone();
                let selected = team.scope_code.clone();
                view! {
                    <form method="get" action="/gestione/persone" class="row g-2 align-items-end mb-4 piazza-scope-picker">
                        <div class="col-12 col-md-8">
                            <SelectField form="scope" name="ambito" label=T::TeamScope options=scopes selected errors=Signal::derive(|| None)/>
                        </div>
                        <div class="col-12 col-md-4">
                            <button type="submit" class="btn btn-outline-primary mb-3">{lang.t(T::TeamScopeShow)}</button>
                        </div>
                    </form>
                }
            })}
            {move || (query_flag("invitato").get() || invited.get()).then(|| view! { <Notice text=T::TeamInvitedNotice/> })}
            <section class="mb-5" aria-labelledby="members-title">
                <h2 id="members-title" class="h3">{lang.t(T::TeamMembersTitle)}</h2>
                <Members team=team.clone() revoke=actions.revoke_role/>
            </section>
            <section class="mb-5" aria-labelledby="invitations-title">
                <h2 id="invitations-title" class="h3">{lang.t(T::TeamInvitationsTitle)}</h2>
                <Invitations team=team.clone() revoke=actions.revoke_invitation/>
            </section>
            {(!roles.is_empty()).then(|| view! {
                <section class="mb-5" aria-labelledby="invite-title">
                    <h2 id="invite-title" class="h3">{lang.t(T::TeamInviteTitle)}</h2>
                    <ActionForm action=invite node_ref=invite_form attr:class="piazza-form" attr:novalidate=true>
                        <ErrorSummary form="invite" errors=invite_errors/>
                        <input type="hidden" name="scope" value=team.scope_code.clone()/>
                        <Field form="invite" name="email" kind="email" label=T::FieldEmail required=true errors=invite_errors/>
                        <SelectField form="invite" name="role" label=T::TeamRole options=roles.clone() errors=invite_errors/>
                        <div class="form-group">
                            <label for="invite-message" class="active">{lang.t(T::TeamMessage)}</label>
                            <textarea id="invite-message" name="message" class="form-control" rows="3" maxlength="1000"></textarea>
                        </div>
                        <Submit action=invite label=T::TeamInviteSubmit/>
                    </ActionForm>
                </section>
            })}
        </WorkShell>
    }
}

#[component]
fn Members(team: TeamPage, revoke: ServerAction<RevokeRole>) -> impl IntoView {
    let lang = use_lang();
    let errors = action_error(revoke);
    if team.members.is_empty() {
        return view! { <EmptyState text=T::TeamMembersEmpty/> }.into_any();
    }
    let appointable = team.appointable.clone();
    let base = format!("/gestione/persone?ambito={}", team.scope_code);
    let mut members = team.members.clone();
    sort_rows(
        &mut members,
        &sort_from_query().get_untracked(),
        |m, key| match key {
            "email" => m.email.clone(),
            "ruolo" => Role::from_code(&m.role)
                .map(|r| lang.t(r.label()).to_string())
                .unwrap_or_default(),
            _ => m.name.clone(),
        },
    );
    view! {
        <ErrorSummary form="revoke-role" errors/>
        <div class="table-responsive">
            <table class="table piazza-members-table">
                <thead>
                    <tr>
                        <SortHeader key="nome" label=T::FieldName base=base.clone()/>
                        <SortHeader key="email" label=T::FieldEmail base=base.clone()/>
                        <SortHeader key="ruolo" label=T::TeamRole base=base.clone()/>
                        <th scope="col"><span class="visually-hidden">{lang.t(T::TeamActions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {members
                        .into_iter()
                        .map(|m| {
                            let role = Role::from_code(&m.role);
                            let label = role.map(|r| lang.t(r.label())).unwrap_or_default();
                            let may = role.is_some_and(|r| appointable.contains(&r));
                            let who = if m.name.is_empty() { m.email.clone() } else { m.name.clone() };
                            let button = lang.tf(T::TeamRevokeRole, &[("name", &who)]);
                            view! {
                                <tr>
                                    <td>{m.name.clone()}</td>
                                    <td>{m.email.clone()}</td>
                                    <td>{label}</td>
                                    <td>
                                        {may.then(|| view! {
                                            <ActionForm action=revoke>
                                                <input type="hidden" name="grant_id" value=m.grant_id/>
                                                <ConfirmSubmit label=T::TeamRevoke question=format!("{button}?") confirm=T::TeamRevoke
                                                    class="btn btn-outline-danger btn-xs" aria_label=button.clone()/>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Invitations(team: TeamPage, revoke: ServerAction<RevokeInvitation>) -> impl IntoView {
    let lang = use_lang();
    let errors = action_error(revoke);
    if team.invitations.is_empty() {
        return view! { <EmptyState text=T::TeamInvitationsEmpty/> }.into_any();
    }
    let appointable = team.appointable.clone();
    view! {
        <ErrorSummary form="revoke-invitation" errors/>
        <div class="table-responsive">
            <table class="table piazza-invitations-table">
                <thead>
                    <tr>
                        <th scope="col">{lang.t(T::FieldEmail)}</th>
                        <th scope="col">{lang.t(T::TeamRole)}</th>
                        <th scope="col">{lang.t(T::TeamSent)}</th>
                        <th scope="col">{lang.t(T::TeamExpires)}</th>
                        <th scope="col">{lang.t(T::TeamState)}</th>
                        <th scope="col"><span class="visually-hidden">{lang.t(T::TeamActions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {team
                        .invitations
                        .into_iter()
                        .map(|i| {
                            let may = i.state == InvitationState::Pending && appointable.contains(&i.role);
                            let button = lang.tf(T::TeamRevokeInvitation, &[("email", &i.email)]);
                            view! {
                                <tr>
                                    <td>{i.email.clone()}</td>
                                    <td>{lang.t(i.role.label())}</td>
                                    <td>{i.sent.clone()}</td>
                                    <td>{i.expires.clone()}</td>
                                    <td>{lang.t(i.state.label())}</td>
                                    <td>
                                        {may.then(|| view! {
                                            <ActionForm action=revoke>
                                                <input type="hidden" name="id" value=i.id/>
                                                <ConfirmSubmit label=T::TeamRevoke question=format!("{button}?") confirm=T::TeamRevoke
                                                    class="btn btn-outline-danger btn-xs" aria_label=button.clone()/>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `/account/invito?token=…`
#[component]
pub fn InvitationPage() -> impl IntoView {
    let token = query_value("token");
    let invitation = Resource::new(move || token.get(), load_invitation);
    resource_page(
        invitation,
        move |view_data| view! { <Invitation view=view_data token=token.get_untracked()/> },
    )
}

#[component]
fn Invitation(view: InvitationView, token: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AcceptInvitation>::new();
    let errors = action_error(action);
    follow_destination(action);
    let title = lang.t(T::InviteTitle).to_string();
    let what = lang.tf(
        T::InviteWhat,
        &[
            ("inviter", &view.inviter),
            ("role", lang.t(view.role.label())),
            ("scope", &view.scope_label),
        ],
    );
    let next = format!("/account/invito?token={token}");
    let body = match (view.state, view.signed_in_as.clone(), view.account_exists) {
        (InvitationState::Pending, Some(me), _) => view! {
            <ActionForm action=action attr:class="piazza-form">
                <ErrorSummary form="accept" errors/>
                <input type="hidden" name="token" value=token.clone()/>
                <p>{lang.tf(T::InviteAcceptAs, &[("email", &me)])}</p>
                <Submit action label=T::InviteAccept/>
            </ActionForm>
        }
        .into_any(),
        (InvitationState::Pending, None, true) => view! {
            <div class="alert alert-info" role="status">
                <p>{lang.t(T::InviteSignInFirst)}</p>
                <a class="btn btn-primary" href=login_href(&next)>{lang.t(T::LoginSubmit)}</a>
            </div>
        }
        .into_any(),
        (InvitationState::Pending, None, false) => view! {
            <p>{lang.tf(T::InviteCreateIntro, &[("email", &view.email)])}</p>
            <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="accept" errors/>
                <input type="hidden" name="token" value=token.clone()/>
                <Field form="accept" name="name" label=T::FieldName autocomplete="name" required=true maxlength=80 errors/>
                <Field form="accept" name="password" kind="password" label=T::FieldNewPassword autocomplete="new-password" help=T::FieldPasswordHelp required=true errors/>
                <Field form="accept" name="password_confirm" kind="password" label=T::FieldPasswordConfirm autocomplete="new-password" required=true errors/>
                <CheckField form="accept" name="privacy" value="si" errors>
                    {lang.t(T::RegisterPrivacyBefore)}
                    " "
                    <a href="/privacy">{lang.t(T::RegisterPrivacyLink)}</a>
                </CheckField>
                <Submit action label=T::InviteCreateAndAccept/>
            </ActionForm>
        }
        .into_any(),
        (state, _, _) => view! {
            <div class="alert alert-warning" role="alert">
                <p class="mb-0">{lang.t(state.label())}": "{lang.t(T::InviteInvalid)}</p>
            </div>
        }
        .into_any(),
    };
    view! {
        <PublicLayout brand=Brand::platform(lang) title=title.clone()>
            <div class="row justify-content-center">
                <div class="col-12 col-md-9 col-lg-7">
                    <h1>{title}</h1>
                    <p class="lead">{what}</p>
                    {(!view.message.is_empty()).then(|| view! { <blockquote class="blockquote piazza-invite-message">{view.message.clone()}</blockquote> })}
                    <p class="text-muted">{lang.tf(T::InviteExpires, &[("date", &view.expires)])}</p>
                    {body}
                </div>
            </div>
        </PublicLayout>
    }
}
