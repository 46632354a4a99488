"""The project's error types: each names the file/line or parameter at fault."""

from __future__ import annotations


class DigicoopError(Exception):
    """An error the user can act on; the CLI prints it on one line and exits with 2."""


class SourceError(DigicoopError):
    """A corpus file is missing, corrupt, not UTF-8, empty or of unrecognised structure."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class SourceErrors(SourceError):
    """Several sources could not be read; every one is reported, each with file and line."""

    def __init__(self, errors: list[SourceError]) -> None:
        lines = "\n".join(f"  {error}" for error in errors)
        count = f"{len(errors)} source{'s' if len(errors) > 1 else ''}"
        DigicoopError.__init__(self, f"{count} could not be read; nothing was built:\n{lines}")
        self.path = errors[0].path
        self.line = errors[0].line
        self.errors = errors
