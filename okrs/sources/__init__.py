"""Data sources for key results: readings pushed, or pulled by HTTP or SQL, become check-ins."""
