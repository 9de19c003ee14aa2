from django.apps import AppConfig


class CadenceConfig(AppConfig):
    """The cadence of OKR events in a cycle, and their calendar feeds."""

    name = "okrs.cadence"
    label = "cadence"

    def ready(self) -> None:
        """Schedule each cycle's events as it is created or its dates change, in its transaction."""
        from okrs.cadence.actions import schedule_cycle
        from okrs.cycles.signals import cycle_created, cycle_dates_changed

        def schedule(sender, cycle, **kwargs) -> None:
            schedule_cycle(cycle)

        cycle_created.connect(schedule, dispatch_uid="cadence.schedule_cycle", weak=False)
        cycle_dates_changed.connect(schedule, dispatch_uid="cadence.reschedule_cycle", weak=False)
