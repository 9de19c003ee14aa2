"""okrs: OKR management that follows the practice."""
