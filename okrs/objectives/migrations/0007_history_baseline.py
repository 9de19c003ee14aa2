"""Give every objective, key result and check-in written before history was kept a first record."""

from django.db import migrations

BASELINE = "Recorded before history was kept."
BATCH = 1000


def record_baseline(apps, schema_editor):
    """Copy each existing row into its history as a creation at the time it was created."""
    for name, when in (
        ("Objective", "created_at"),
        ("KeyResult", "created_at"),
        ("CheckIn", "checked_in_at"),
    ):
        model = apps.get_model("objectives", name)
        historical = apps.get_model("objectives", f"Historical{name}")
        fields = [f.attname for f in model._meta.concrete_fields]
        batch = []
        for row in model._base_manager.order_by("pk").iterator(chunk_size=BATCH):
            values = {attname: getattr(row, attname) for attname in fields}
            batch.append(
                historical(
                    **values,
                    history_date=getattr(row, when),
                    history_type="+",
                    history_change_reason=BASELINE,
                )
            )
            if len(batch) >= BATCH:
                historical.objects.bulk_create(batch)
                batch = []
        historical.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("objectives", "0006_history_and_trash")]

    operations = [migrations.RunPython(record_baseline, migrations.RunPython.noop)]
