"""The first run: set up the organisation and its first admin, while okrs has none."""

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from okrs import clock
from okrs.administration.setup import AlreadySetUp, first_cycles, set_up_organization
from okrs.administration.setup_forms import SetupForm
from okrs.organizations.models import Organization, time_zone_names

BACKEND = "okrs.organizations.backends.PersonBackend"


@sensitive_post_parameters("password", "password_again")
def setup(request):
    """Show the setup form; on POST create everything at once, sign the admin in, go home."""
    if Organization.objects.exists():
        raise Http404("okrs is set up already.")
    form = SetupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = set_up_organization(
                    name=data["name"],
                    profile=data["profile"],
                    score_scale=data["score_scale"],
                    time_zone=data["time_zone"],
                    admin_name=data["admin_name"],
                    email=data["email"],
                    password=data["password"],
                    today=clock.today(),
                    first=True,
                )
            except AlreadySetUp as error:
                raise Http404("okrs is set up already.") from error
            except ValidationError as error:
                form.add_errors(error)
            else:
                login(request, made.admin, backend=BACKEND)
                return redirect("home")
        status = 422
    year, quarter = first_cycles(clock.today())
    context = {
        "form": form,
        "year": year,
        "quarter": quarter,
        "time_zones": sorted(time_zone_names()),
    }
    return render(request, "administration/setup.html", context, status=status)
