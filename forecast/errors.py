"""The exception types users see: a message that names the thing, the rule and the value."""

from __future__ import annotations


class ForecastError(Exception):
    """Bad input or an unmet precondition, reported to the user as one line.

    The CLI prints ``str(error)`` on stderr and exits non-zero; every reader and
    constructor that validates user input raises this (or a subclass).
    """

    exit_code = 2


class InputError(ForecastError):
    """A file, option or field the user supplied breaks a stated rule."""


class AlreadyResolved(InputError):
    """An event already resolved otherwise; recording a new outcome needs ``remedy``.

    The store names the Python remedy (``replace=True``); the command line re-raises
    with :meth:`with_remedy` to name its flag instead.
    """

    def __init__(self, where: str, outcome: bool, resolved_on: str, remedy: str) -> None:
        self.where, self.outcome, self.resolved_on = where, outcome, resolved_on
        super().__init__(
            f"{where}: already resolved {'yes' if outcome else 'no'} on {resolved_on}; "
            f"pass {remedy} to change it"
        )

    def with_remedy(self, remedy: str) -> AlreadyResolved:
        """The same error, advising ``remedy`` (e.g. ``--replace``)."""
        return AlreadyResolved(self.where, self.outcome, self.resolved_on, remedy)
