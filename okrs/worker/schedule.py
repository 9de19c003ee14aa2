"""The schedule: one line per job, its name, the function it runs and how often.

Each function takes the moment of the run (`now`) and returns what it did. A job whose function
cannot be imported (its app is not installed yet) is skipped with a log line, never a crash.
"""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Job:
    """A job of the schedule: a function called with the moment, once per slot of `every`."""

    name: str
    function: str
    every: timedelta
    description: str = ""


SECOND = timedelta(seconds=1)
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# fmt: off
JOBS = [
    Job("webhook-deliveries", "okrs.webhooks.delivery.deliver_due", 5 * SECOND,
        "Sends queued webhook deliveries and retries failed ones."),
    Job("check-in-reminders", "okrs.reminders.scheduled.remind_due", 15 * MINUTE,
        "Reminds each team at its check-in day and time (its cadence, or the profile's)."),
    Job("trash-purge", "okrs.objectives.actions.purge_deleted", DAY,
        "Deletes for good what has been in Deleted OKRs for more than 30 days."),
    Job("source-pulls", "okrs.sources.pull.pull_due", 5 * MINUTE,
        "Reads every key result's data source that is due (hourly, daily or weekly)."),
    Job("weekly-digest", "okrs.chat.digest.send_weekly_digests", HOUR,
        "Sends each week's digest e-mails and team chat messages, once a week each."),
    Job("task-results-prune", "okrs.worker.tasks.prune_results", DAY,
        "Forgets finished background task results older than a day."),
]
# fmt: on


def job_named(name: str) -> Job | None:
    """Return the job of the schedule with the name, if there is one."""
    return next((job for job in JOBS if job.name == name), None)
