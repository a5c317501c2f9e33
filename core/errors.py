"""Domain errors. Pages and the CLI turn these into messages; nothing else catches them."""


class BylineError(Exception):
    """Base class for errors a user can act on."""


class DatabaseUnavailable(BylineError):
    """The configured database cannot be reached or the URL is wrong."""


class DataDirNotWritable(BylineError):
    """The data directory cannot be created or written."""


class PermissionDenied(BylineError):
    """The signed-in person may not do this."""


class NotFound(BylineError):
    """The thing asked for does not exist (or is not visible to the caller)."""


class SignInFailed(BylineError):
    """Generic sign-in failure: never says whether the account exists."""


class SessionExpired(BylineError):
    """The session was idle for longer than the timeout."""


class ValidationFailed(BylineError):
    """Input that cannot be accepted; the message says why."""


class EditConflict(BylineError):
    """Someone else saved a newer revision since this editor loaded the post."""

    def __init__(self, message: str, *, current_text: str, your_text: str, current_version: int) -> None:
        super().__init__(message)
        self.current_text = current_text
        self.your_text = your_text
        self.current_version = current_version
