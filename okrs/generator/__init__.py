"""`okrs generate`: a large synthetic organisation for benchmarks and trials."""
