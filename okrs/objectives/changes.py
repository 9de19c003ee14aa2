"""Which fields a write changes: the values the database holds against the row's new ones."""


def stored_values(row, names) -> dict:
    """Return the named fields' values as the database holds them (ids for foreign keys)."""
    attnames = {name: row._meta.get_field(name).attname for name in names}
    stored = type(row).objects.filter(pk=row.pk).values(*attnames.values()).get()
    return {name: stored[attname] for name, attname in attnames.items()}


def changed_fields(row, before: dict) -> list[str]:
    """Return the names of the fields whose values differ from the stored ones, sorted."""
    return sorted(name for name, value in before.items() if row.serializable_value(name) != value)
