"""Who is reminded of what: the e-mails and chat messages one run of `okrs remind` sends."""

from dataclasses import dataclass
from datetime import datetime

from okrs.organizations.models import Organization, Person, Team
from okrs.reminders.due import DueKeyResult, add_people, due_key_results
from okrs.reminders.models import ReminderLog
from okrs.reminders.rules import reminded_within, window_start


@dataclass
class EmailReminder:
    """One e-mail to a person, listing the key results they are due to check in on."""

    person: Person
    items: list[DueKeyResult]


@dataclass
class ChatReminder:
    """One chat message about a team's key results due a check-in."""

    team: Team
    items: list[DueKeyResult]

    def people(self) -> list[Person]:
        """Return the people responsible for the team's key results."""
        return self.items[0].people


@dataclass
class ReminderPlan:
    """Everything one run would send an organisation's people and chat."""

    organization: Organization
    now: datetime
    chat_webhook_url: str
    emails: list[EmailReminder]
    chats: list[ChatReminder]

    def is_empty(self) -> bool:
        """Return whether there is nothing to send."""
        return not self.emails and not self.chats


def last_reminders(organization: Organization, since: datetime) -> tuple[dict, dict]:
    """Return when each (person, key result) and (team, key result) was last reminded since then."""
    by_person: dict[tuple[int, int], datetime] = {}
    by_team: dict[tuple[int, int], datetime] = {}
    rows = (
        ReminderLog.objects.of(organization)
        .filter(sent_at__gte=since)
        .values_list("channel", "person_id", "team_id", "key_result_ids", "sent_at")
    )
    for channel, person_id, team_id, key_result_ids, sent_at in rows:
        found, who = (
            (by_person, person_id) if channel == ReminderLog.Channel.EMAIL else (by_team, team_id)
        )
        for key_result_id in key_result_ids:
            key = (who, key_result_id)
            found[key] = max(found.get(key, sent_at), sent_at)
    return by_person, by_team


def plan_reminders(
    organization: Organization, now: datetime, chat_webhook_url: str = ""
) -> ReminderPlan:
    """Return the reminders due now; nobody is reminded twice about a key result in a window."""
    due = add_people(organization, due_key_results(organization, now))
    longest = max((item.window for item in due), default=0)
    by_person, by_team = last_reminders(organization, window_start(now, longest))
    emails: dict[int, EmailReminder] = {}
    chats: dict[int, ChatReminder] = {}
    for item in due:
        key_result_id = item.key_result.pk
        for person in item.people:
            if not reminded_within(by_person.get((person.pk, key_result_id)), now, item.window):
                emails.setdefault(person.pk, EmailReminder(person, [])).items.append(item)
        if not chat_webhook_url or item.team is None:
            continue
        if not reminded_within(by_team.get((item.team.pk, key_result_id)), now, item.window):
            chats.setdefault(item.team.pk, ChatReminder(item.team, [])).items.append(item)
    return ReminderPlan(
        organization=organization,
        now=now,
        chat_webhook_url=chat_webhook_url,
        emails=sorted(emails.values(), key=lambda e: (e.person.name.lower(), e.person.email)),
        chats=sorted(chats.values(), key=lambda c: c.team.name.lower()),
    )
