"""The signed-in person's weekly digest preference."""

from ninja import Router, Schema

from okrs.api.errors import ERRORS
from okrs.api.schemas import Flag, Input
from okrs.chat.actions import set_digest_preference
from okrs.chat.models import DigestPreference

router = Router(tags=["digest"])


class DigestOut(Schema):
    """Whether the person gets the weekly digest by e-mail (off unless they asked)."""

    weekly_email: bool


class DigestIn(Input):
    """Switch the weekly digest e-mail on or off."""

    weekly_email: Flag


@router.get("/me/digest", response={200: DigestOut, **ERRORS})
def get_digest(request):
    """Return whether you get the weekly digest by e-mail."""
    wanted = DigestPreference.objects.filter(person=request.user, weekly_email=True).exists()
    return {"weekly_email": wanted}


@router.put("/me/digest", response={200: DigestOut, **ERRORS})
def put_digest(request, payload: DigestIn):
    """Switch your weekly digest e-mail on or off."""
    set_digest_preference(request.user, payload.weekly_email)
    return {"weekly_email": payload.weekly_email}
