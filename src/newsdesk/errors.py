"""One error tree. Each error reads as a sentence for a person: what input, what went wrong.

``str(error)`` gives ``"<input>: <reason>"`` when the error is about one input.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""

    def __init__(self, reason: str, *, input: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.input = input

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}" if self.input else self.reason

    def about(self, input: str) -> NewsdeskError:
        """The same error, naming the input it is about (keeps an input already named)."""
        if self.input is None:
            self.input = input
        return self


# --- inputs -------------------------------------------------------------------------------


class InputError(NewsdeskError):
    """An input cannot be read as a news article."""


class UnsupportedInput(InputError):
    """The file type is not one newsdesk reads."""


class UnreadableInput(InputError):
    """The file cannot be opened or read (missing, permissions, corrupt compression)."""


class EmptyInput(InputError):
    """The input holds no bytes, or no text once decoded."""


class BinaryInput(InputError):
    """The input is binary data, not text or HTML."""


class InputTooLarge(InputError):
    """The input is larger than the configured limit."""


class NotNewsText(InputError):
    """The input decodes to text that is not prose: random bytes, base64, minified code."""


class DecodingError(InputError):
    """The bytes cannot be decoded to text in any plausible character set."""


# --- stages -------------------------------------------------------------------------------


class ExtractionError(NewsdeskError):
    """The page was read but no article text could be extracted from it."""


class DocumentTimeout(NewsdeskError):
    """Processing one document took longer than the configured limit."""


class ModelNotInstalled(NewsdeskError):
    """A configured spaCy pipeline is not installed in this environment."""


# --- store and usage ----------------------------------------------------------------------


class StoreError(NewsdeskError):
    """The store cannot be opened, migrated or written."""


class NotFound(NewsdeskError):
    """A record asked for by id does not exist."""


class UsageError(NewsdeskError):
    """A command or function was called with options that make no sense together."""
