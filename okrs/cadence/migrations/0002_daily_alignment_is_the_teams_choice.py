"""Daily Alignment becomes each team's own choice; the organisation's switch only suggests it.

Teams of an organisation whose switch was on held Daily Alignment until now: they keep it, as
their own choice, unless they had already turned it off for themselves.
"""

from django.db import migrations


def keep_daily_alignment_as_the_teams_choice(apps, schema_editor):
    """Give every team the Daily Alignment its organisation's switch gave it, as its own choice."""
    settings = apps.get_model("cadence", "CadenceSettings")
    team_model = apps.get_model("organizations", "Team")
    switched_on = settings.objects.filter(team__isnull=True, daily_alignment=True)
    for organization_id in switched_on.values_list("organization_id", flat=True):
        for team in team_model.objects.filter(organization_id=organization_id):
            row, _ = settings.objects.get_or_create(organization_id=organization_id, team=team)
            if row.daily_alignment is None:
                row.daily_alignment = True
                row.save(update_fields=["daily_alignment"])


class Migration(migrations.Migration):
    dependencies = [
        ("cadence", "0001_initial"),
        ("organizations", "0007_organization_time_zone"),
    ]

    operations = [
        migrations.RunPython(keep_daily_alignment_as_the_teams_choice, migrations.RunPython.noop),
    ]
