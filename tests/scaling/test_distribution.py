"""Every tenant table carries organization_id, and docs/scaling.md names its distribution column."""

from pathlib import Path

from django.apps import apps

from okrs.organizations.models import Organization

SCALING = Path(__file__).resolve().parents[2] / "docs" / "scaling.md"
# Tables of the installation as a whole, not of an organisation: they stay on the coordinator.
INSTANCE_WIDE = {"worker_scheduledjob"}


def okrs_models():
    """Return the concrete models of okrs' own apps."""
    return [m for m in apps.get_models() if m.__module__.startswith("okrs.")]


def test_every_tenant_table_carries_the_organization_column():
    missing = [
        m._meta.db_table
        for m in okrs_models()
        if m is not Organization
        and m._meta.db_table not in INSTANCE_WIDE
        and "organization_id" not in {f.column for f in m._meta.concrete_fields}
    ]
    assert missing == []


def test_the_scaling_guide_lists_every_table_with_its_distribution_column():
    guide = SCALING.read_text()
    for model in okrs_models():
        table = model._meta.db_table
        if table in INSTANCE_WIDE:
            assert f"| `{table}` | none |" in guide, table
            continue
        column = "id" if model is Organization else "organization_id"
        assert f"| `{table}` | `{column}` |" in guide, table
