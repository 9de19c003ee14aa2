"""A synthetic organisation's plan: its shape, names, OKR wording and check-in paths; no Django."""
