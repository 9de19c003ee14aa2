"""Pages of the organisation's administration."""
