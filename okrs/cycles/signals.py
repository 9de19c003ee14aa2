"""What cycle writes announce, for the apps above to act on inside the same transaction.

Each signal is sent by an action in okrs/cycles/actions.py after its change is saved; a receiver
runs in that action's transaction, so what it writes commits or rolls back with the change.
"""

from django.dispatch import Signal

cycle_created = Signal()  # cycle: a new cycle (cadence schedules its events)
cycle_dates_changed = Signal()  # cycle: new dates before it started (cadence reschedules)
cycle_closed = Signal()  # cycle: a cycle that has just closed (webhooks queue "cycle.closed")
