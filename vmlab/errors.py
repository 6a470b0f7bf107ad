"""The exceptions vmlab raises to its users (never for guest faults: those are stop reasons)."""


class VmlabError(Exception):
    """Base class of every error vmlab reports about its input or use."""


class LoadError(VmlabError):
    """A program could not be loaded (bad file, does not fit in memory, unknown format)."""


class BackendUnavailable(VmlabError):
    """The requested backend does not exist or could not be built on this machine."""
