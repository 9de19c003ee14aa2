"""Invitations: an admin invites, resends and cancels; the invited person accepts by the link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs.administration import import_invitations, invitations
from okrs.administration.import_invitations import invite_imported, send_all
from okrs.administration.invitations import InvitationClosed, Sent
from okrs.administration.models import Invitation
from okrs.administration.people_forms import AcceptForm, InviteForm
from okrs.administration.sso import SESSION_INVITATION
from okrs.organizations.access import admin_required
from okrs.organizations.models import Person

PASSWORD_BACKEND = "okrs.organizations.backends.PersonBackend"


UNSENT = (
    "but e-mail is not set up: the link went to the server's output only. Set OKRS_SMTP_HOST "
    "(docs/configuration.md), then resend"
)


def _tell(request, sent: Sent, done: str) -> None:
    """Say that the invitation went out, or why its e-mail did not."""
    if sent.link:
        messages.warning(
            request,
            f"E-mail is not set up, so send {sent.invitation.email} this link yourself; it works "
            f"once, for 7 days: {sent.link} (to have invitations e-mailed, set OKRS_SMTP_HOST: "
            "docs/configuration.md).",
        )
    elif invitations.mail_goes_nowhere():
        email = sent.invitation.email
        messages.warning(request, f"The invitation of {email} is saved, {UNSENT} it.")
    elif sent.problem:
        messages.error(
            request,
            f"The invitation of {sent.invitation.email} is saved, but its e-mail could not be "
            f"sent ({sent.problem}). Check the e-mail settings, then resend it.",
        )
    else:
        messages.success(request, f"{done} {sent.invitation.email}.")


def _apply_errors(form, error: ValidationError) -> None:
    """Show the action's errors on the form's fields (or above it for other fields)."""
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


@admin_required
def invite(request):
    """Invite someone by e-mail with a role and teams."""
    form = InviteForm(request.organization, request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            sent = invitations.invite_person(
                request.organization, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell(request, sent, "Invitation sent to")
            return redirect(f"{reverse('administration-people')}?state=invited")
    status = 422 if form.is_bound else 200
    context = {
        "form": form,
        "sso": settings.OIDC_ENABLED,
        "mail_unset": invitations.mail_goes_nowhere(),
    }
    return render(request, "administration/people_invite.html", context, status=status)


@require_POST
@admin_required
def invite_not_joined(request):
    """Invite every imported person who has not joined yet, with the role and teams they have."""
    sent = import_invitations.invite_not_joined(request.organization, by=request.user)
    failed = [one for one in sent if one.problem]
    if sent and invitations.mail_goes_nowhere():
        messages.warning(request, f"{len(sent)} invitations are saved, {UNSENT} them.")
    elif failed:
        messages.error(
            request,
            f"{len(sent)} invitations are saved, but {len(failed)} e-mails could not be sent "
            f"({failed[0].problem}). Check the e-mail settings, then resend them.",
        )
    elif sent:
        messages.success(request, f"Sent {len(sent)} invitation{'s' if len(sent) > 1 else ''}.")
    else:
        messages.info(request, "Everyone yet to join has an invitation already.")
    return _back_to_invitations()


@require_POST
@admin_required
def invite_existing(request, person_id: int):
    """Invite a person who has an account but no way in yet (an import created them)."""
    person = get_object_or_404(
        Person.objects.filter(organization=request.organization), pk=person_id
    )
    with transaction.atomic():
        pending = invite_imported(request.organization, [person.email], request.user, why="")
    if not pending:
        messages.error(
            request, f"{person} needs no invitation: they can sign in, or were invited already."
        )
    for sent in send_all(pending):  # after the commit: a failing mail server loses nothing
        _tell(request, sent, "Invitation sent to")
    return redirect("administration-person", person.pk)


def _invitation_of(request, invitation_id: int) -> Invitation:
    """Return the organisation's invitation with this id, or answer 404."""
    rows = Invitation.objects.of(request.organization).select_related("organization", "invited_by")
    return get_object_or_404(rows, pk=invitation_id)


def _back_to_invitations():
    return redirect(f"{reverse('administration-people')}?state=invited")


@require_POST
@admin_required
def resend(request, invitation_id: int):
    """Send an invitation again with a new link valid for 7 days; the old link dies."""
    invitation = _invitation_of(request, invitation_id)
    try:
        sent = invitations.resend_invitation(invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _tell(request, sent, "Invitation sent again to")
    return _back_to_invitations()


@require_POST
@admin_required
def cancel(request, invitation_id: int):
    """Cancel an invitation: its link stops working."""
    invitation = _invitation_of(request, invitation_id)
    try:
        invitations.cancel_invitation(invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The invitation of {invitation.email} is cancelled.")
    return _back_to_invitations()


def _closed(request, invitation: Invitation | None, state: str, status: int):
    """Explain why an invitation link no longer lets anyone in."""
    context = {"invitation": invitation, "state": state}
    return render(request, "administration/invitation_closed.html", context, status=status)


def _open(request, token: str):
    """Return the invitation the link opens, or the page that says why it does not."""
    invitation, replaced = invitations.find_invitation(token)
    if invitation is None:
        return None, _closed(request, None, "unknown", 404)
    state = invitation.state()
    if replaced and state in (Invitation.State.PENDING, Invitation.State.EXPIRED):
        state = "replaced"  # a newer e-mail carries the link that works
    if state != Invitation.State.PENDING:
        return None, _closed(request, invitation, state, 410)
    return invitation, None


def accept(request, token: str):
    """Let the invited person choose their name and password, then sign them in."""
    invitation, refusal = _open(request, token)
    if refusal is not None:
        return refusal
    form = AcceptForm(request.POST or None, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            person = invitations.accept_invitation(
                invitation, form.cleaned_data["name"], form.cleaned_data["password1"]
            )
        except InvitationClosed as closed:
            return _closed(request, closed.invitation, closed.state, 410)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                target = "password1" if field == "password" else field
                for problem in problems:
                    form.add_error(target if target in form.fields else None, problem)
        else:
            login(request, person, backend=PASSWORD_BACKEND)
            messages.success(
                request, f"Welcome to {invitation.organization.name}, {person.get_short_name()}."
            )
            return redirect("home")
    context = {
        "invitation": invitation,
        "form": form,
        "teams": invitations.team_names(list(invitation.teams.order_by("name"))),
        "sso": settings.OIDC_ENABLED,
        "token": token,
    }
    status = 422 if form.is_bound else 200
    return render(request, "administration/invitation_accept.html", context, status=status)


def accept_by_single_sign_on(request, token: str):
    """Send the invited person to the single sign-on provider; their first sign-in accepts."""
    invitation, refusal = _open(request, token)
    if refusal is not None:
        return refusal
    if not settings.OIDC_ENABLED:
        return redirect("invitation", token)
    request.session[SESSION_INVITATION] = invitation.pk
    return redirect(f"{reverse('sso-start')}?next={reverse('home')}")
