"""Errors a user sees: each says what was wrong, where (file, line, field) and what to do."""

from __future__ import annotations

from pathlib import Path


class OpspoorError(Exception):
    """Base for every error opspoor reports to a user instead of a traceback."""


class InputError(OpspoorError):
    """Bad input data. Names the file and, where known, the line/record and field."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        record: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.record = record
        self.field = field
        self.hint = hint
        super().__init__(str(self))

    def where(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.record:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text
