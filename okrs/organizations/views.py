"""Your account: change your password, sign out on every device; the locked-out page."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from okrs.organizations.actions import set_password, sign_out_everywhere
from okrs.organizations.backends import attempted_email


@login_required
def account(request):
    """Show the account page; change the password on POST (this device stays signed in)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        set_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "Password changed. Your other devices are signed out.")
        return redirect("account")
    return render(request, "organizations/account.html", {"form": form})


@require_POST
@login_required
def sign_out_all(request):
    """End every session of the signed-in person, this one included."""
    sign_out_everywhere(request.user)
    logout(request)
    messages.success(request, "You are signed out on every device.")
    return redirect("login")


def locked_out(request, response, credentials):
    """Explain a sign-in lockout (429) instead of a bare error: who, why and for how long."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {
        "username": attempted_email(request, credentials),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    return render(request, "organizations/locked_out.html", context, status=429)


class SignInView(LoginView):
    """The sign-in page: e-mail and password, and single sign-on when it is configured."""

    template_name = "organizations/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        """Add whether to offer single sign-on."""
        return super().get_context_data(sso=settings.OIDC_ENABLED, **kwargs)
