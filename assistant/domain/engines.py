"""Engines by name: the one place an engine's name is declared and the CLI, UI and services read it.

Each feature (Ask, Draft) has one `EngineRegistry`; an engine registers a factory under its name
with a one-line summary. Factories import their engine module lazily, so listing the names (for
`--help` or a radio button) loads no model library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from assistant.errors import InputError

EngineT = TypeVar("EngineT")
ContextT = TypeVar("ContextT")


class UnknownEngineError(InputError):
    """An engine name that no engine registered."""


@dataclass(frozen=True)
class EngineEntry(Generic[ContextT, EngineT]):
    """A registered engine: its name, what it does, and how to build it from a context."""

    name: str
    summary: str
    factory: Callable[[ContextT], EngineT]


class EngineRegistry(Generic[ContextT, EngineT]):
    """The engines of one feature, in registration order (the first is the default)."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        self._entries: dict[str, EngineEntry[ContextT, EngineT]] = {}

    def register(
        self, name: str, summary: str,
    ) -> Callable[[Callable[[ContextT], EngineT]], Callable[[ContextT], EngineT]]:
        """Decorator: register `factory(context) -> engine` under `name`."""

        def decorate(factory: Callable[[ContextT], EngineT]) -> Callable[[ContextT], EngineT]:
            if name in self._entries:
                raise ValueError(f"{self.feature} engine {name!r} is registered twice")
            self._entries[name] = EngineEntry(name, summary, factory)
            return factory

        return decorate

    def names(self) -> tuple[str, ...]:
        """Registered engine names, the default first."""
        return tuple(self._entries)

    def summaries(self) -> dict[str, str]:
        """Name -> one-line summary, for help texts."""
        return {name: entry.summary for name, entry in self._entries.items()}

    def resolve(self, name: str | None, default: str | None = None) -> str:
        """The engine name to use: `name`, else `default`, else the first registered; checked."""
        chosen = (name or default or next(iter(self._entries))).strip().lower()
        if chosen not in self._entries:
            raise UnknownEngineError(
                f"unknown engine {chosen!r}; the {self.feature} engines are: {', '.join(self._entries)}"
            )
        return chosen

    def create(self, name: str, context: ContextT) -> EngineT:
        """Build the engine `name` for `context`."""
        return self._entries[self.resolve(name)].factory(context)
