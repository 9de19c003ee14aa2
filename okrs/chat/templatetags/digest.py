"""The weekly digest preference panel, shown on the person's account page."""

from django import template

from okrs.chat.models import DigestPreference

register = template.Library()


@register.inclusion_tag("chat/_digest_preference.html", takes_context=True)
def digest_preference(context) -> dict:
    """Return whether the signed-in person gets the weekly digest by e-mail."""
    person = context["request"].user
    wanted = DigestPreference.objects.filter(person=person, weekly_email=True).exists()
    return {"weekly_email": wanted, "csrf_token": context.get("csrf_token")}
