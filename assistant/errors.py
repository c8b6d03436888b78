"""The errors Rapporteur reports to people, each with the exit code the CLI uses for it.

Every domain error derives from `RapporteurError`, never from ValueError or KeyError, so a shell
(CLI or UI) catches what the project raises on purpose and lets programming errors surface. The
message says what went wrong and what to do.
"""

from __future__ import annotations


class RapporteurError(Exception):
    """Base of every error Rapporteur raises on purpose; `exit_code` is the CLI's exit status."""

    exit_code: int = 1


class InputError(RapporteurError):
    """Bad input from the user: an empty question, an unknown option value, oversized notes."""

    exit_code = 2


class NotFoundError(RapporteurError):
    """Something named by the user does not exist: a draft id, a document id, a section."""

    exit_code = 2


class ConfigError(RapporteurError):
    """A setting or configuration file is invalid (an account file, a template, a backend name)."""

    exit_code = 2


class StoreError(RapporteurError):
    """The corpus store cannot be read or written (Chroma unreachable, a damaged snapshot)."""

    exit_code = 1


class LLMError(RapporteurError):
    """The llm engine failed; the message names the endpoint and what to try."""

    exit_code = 3
