"""Pages of the cadence: the events, each event, the settings and the calendar feeds."""
