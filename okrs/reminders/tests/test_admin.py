"""The reminder models in Django admin: their list and change pages render."""

from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from okrs.organizations.models import Person
from okrs.reminders.actions import check_in_by_link, record_reminder, update_reminder_settings
from okrs.reminders.links import make_token, open_link
from okrs.reminders.models import ReminderLog, ReminderSettings, UsedLink


def test_admin_pages_of_the_reminder_models_render(client, world, growth):
    key_result = growth.key_results.first()
    update_reminder_settings(world.org, True, "https://hooks.slack.com/services/T/B/X")
    record_reminder(world.org, "email", [key_result.pk], timezone.now(), person=world.alice)
    check_in_by_link(open_link(make_token(world.alice, key_result)), 30000, 6)
    Person.objects.create_superuser("root@example.com", PASSWORD)
    assert client.login(username="root@example.com", password=PASSWORD)
    for model in (ReminderSettings, ReminderLog, UsedLink):
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200
        change = reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[model.objects.get().pk]
        )
        assert client.get(change).status_code == 200
