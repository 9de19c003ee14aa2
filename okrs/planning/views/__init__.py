"""Pages of OKR Planning."""
