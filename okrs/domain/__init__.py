"""Pure OKR domain logic: progress, score, pace and status math, profiles, documents."""
