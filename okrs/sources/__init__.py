"""Data sources for key results: readings pushed in, or pulled over HTTP or SQL, become check-ins."""
