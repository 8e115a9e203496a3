"""Errors a person can act on. The CLI turns them into messages without tracebacks."""


class KgError(Exception):
    """Base class of every error kg reports to its user."""


class InputError(KgError):
    """An input file or folder could not be read."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused or too slow."""


class GraphError(KgError):
    """A graph file or store is missing or unreadable."""


class ModelError(KgError):
    """The spaCy pipeline could not be loaded."""
