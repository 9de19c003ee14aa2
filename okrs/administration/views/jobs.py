"""The background jobs page: each scheduled job with its last run, outcome and error."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from okrs.organizations.access import admin_required
from okrs.organizations.models import Organization
from okrs.worker import schedule
from okrs.worker.models import ScheduledJob
from okrs.worker.schedule import Job
from okrs.worker.scheduler import load


@dataclass
class JobLine:
    """A job of the schedule as the page shows it: what it is and how its last run went."""

    job: Job
    state: ScheduledJob | None
    problem: str

    def every(self) -> str:
        """Return how often the job runs, in words."""
        return every_label(self.job.every)


def every_label(every: timedelta) -> str:
    """Return a duration in the largest whole unit: '5 s', '15 min', '1 h', '1 day'."""
    seconds = int(every.total_seconds())
    for size, unit in ((86400, " day"), (3600, " h"), (60, " min")):
        if seconds % size == 0:
            count = seconds // size
            return f"{count}{unit}{'s' if unit == ' day' and count != 1 else ''}"
    return f"{seconds} s"


def sees_jobs(person) -> bool:
    """Return whether the person may see the installation's jobs: the operator, or the admin of
    the only organisation it serves (a job's error may name any organisation's data)."""
    return person.is_superuser or Organization.objects.count() <= 1


@admin_required
def background_jobs(request):
    """List the scheduled jobs of the whole installation with their last run (admins)."""
    if not sees_jobs(request.user):
        raise PermissionDenied(
            "Background jobs serve every organisation on this server: its operator watches them."
        )
    states = {row.name: row for row in ScheduledJob.objects.all()}
    lines = [JobLine(job, states.get(job.name), load(job)[1]) for job in schedule.JOBS]
    return render(request, "administration/jobs.html", {"lines": lines})
