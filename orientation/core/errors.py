class DomainError(Exception):
    """A business rule refused a write. ``message`` is French and shown to the user."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class PermissionDeniedError(DomainError):
    def __init__(self, message: str = "Vous n'avez pas le droit de faire cette action.") -> None:
        super().__init__(message, code="forbidden")
