"""Evaluation of kg against gold articles, kept apart from the product: `scorer` (gold files and the
scores), `runner` (running kg or the naive baseline over gold articles, and the report) and the
converters of third-party corpora into gold articles (`meantime`)."""
