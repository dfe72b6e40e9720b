"""The one exception type users see: a message that names the thing, the rule and the value."""


class ForecastError(Exception):
    """Bad input or an unmet precondition, reported to the user as one line.

    The CLI prints ``str(error)`` on stderr and exits non-zero; every reader and
    constructor that validates user input raises this (or a subclass).
    """

    exit_code = 2


class InputError(ForecastError):
    """A file, option or field the user supplied breaks a stated rule."""
