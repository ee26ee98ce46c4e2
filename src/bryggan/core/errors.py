"""Domain errors: raised by rules and services, turned into a form error, an API error or exit 2."""


class DomainError(Exception):
    """A rule of the domain refused the action; the message is for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundOrForbidden(DomainError):
    """Raised by access gates: one message for "does not exist" and "not yours"; answered as 404."""
