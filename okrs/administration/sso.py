"""Single sign-on that also lets invited people in: their first sign-in accepts the invitation."""

from django.core.exceptions import ValidationError

from okrs.administration.invitations import (
    InvitationClosed,
    accept_by_single_sign_on,
    open_invitation_of,
)
from okrs.administration.models import Invitation
from okrs.organizations.sso import SingleSignOnBackend

# The invitation whose page sent the browser to the provider (set by the invitation page).
SESSION_INVITATION = "okrs.invitation"


class InvitedSignOnBackend(SingleSignOnBackend):
    """Sign in known people; create invited ones in their organisation with the invited role."""

    def create_user(self, claims):
        """Accept a pending invitation of the claimed e-mail, else fall back to the base rules."""
        email = claims["email"].strip().lower()
        came_from = self.request.session.pop(SESSION_INVITATION, None)
        invitation = open_invitation_of(email, preferred=came_from)
        if invitation is None:
            expected = Invitation.objects.filter(pk=came_from).first() if came_from else None
            if expected is not None and expected.email != email:
                self._refuse(
                    f"Your single sign-on account is {email}, but the invitation was sent to "
                    f"{expected.email}. Sign in to the provider as {expected.email}, or ask for "
                    "an invitation to this address."
                )
                return None
            return super().create_user(claims)
        try:
            return accept_by_single_sign_on(invitation, (claims.get("name") or "")[:200])
        except InvitationClosed as closed:
            self._refuse(f"The invitation of {email} is {closed.state}: ask for a new one.")
        except ValidationError as error:
            self._refuse(" ".join(error.messages))
        return None
