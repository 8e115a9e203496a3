"""The rule files: each module holds a tuple RULES of `registry.Rule` entries, with their examples.

Adding a module here is enough for the extractor to run its rules (see registry.py and docs/ARCHITECTURE.md,
"How to add a relation type")."""
