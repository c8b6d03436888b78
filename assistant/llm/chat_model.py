"""Builds the LangChain chat model of the llm engine and turns its failures into clear errors.

A model is named by an `init_chat_model` spec such as `ollama:qwen2.5:7b` or `openai:MODEL`
(with RAPPORTEUR_OPENAI_BASE_URL for vLLM, LM Studio or a llama.cpp server). Tests pass a
LangChain fake chat model instead of a spec.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from assistant.config import Settings
from assistant.errors import LLMError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

OFFLINE_HINT = "use the offline engine instead (--engine extractive)"
# What the engines did to get past a server's or a model's shortcomings (a stream with no chunks, a
# repaired or cut-off answer, a section drafted offline) is told here at INFO level: quiet by default,
# read by benchmarks/llm_smoke.py to report which fallbacks fired.
fallback_log = logging.getLogger("assistant.llm.fallbacks")
StructuredMethod = Literal["json_mode", "function_calling", "text", "auto"]


class LLMUnavailableError(LLMError):
    """The LLM endpoint could not be reached, timed out or answered with a server error."""


class LLMOutputError(LLMError):
    """The LLM answered, but its output could not be used (malformed, even after repair)."""


def provider_of(spec: str) -> str:
    """The provider part of a spec (`ollama:qwen2.5:7b` -> `ollama`)."""
    return spec.split(":", 1)[0] if ":" in spec else "openai"


def endpoint_of(settings: Settings, spec: str) -> str:
    """A human-readable endpoint for error messages."""
    provider = provider_of(spec)
    if provider == "ollama":
        import os

        return os.environ.get("OLLAMA_HOST", "http://127.0.0.1:11434")
    if provider == "openai":
        return settings.openai_base_url or "https://api.openai.com/v1"
    return provider


def make_chat_model(settings: Settings, spec: str | None = None) -> BaseChatModel:
    """Build the chat model for a spec (default: settings.llm_model), with timeout and retries."""
    from langchain.chat_models import init_chat_model

    spec = spec or settings.llm_model
    provider = provider_of(spec)
    kwargs: dict[str, Any] = {"temperature": 0}
    if provider == "openai":
        kwargs.update(timeout=settings.llm_timeout, max_retries=settings.llm_max_retries)
        if settings.openai_base_url:
            kwargs["base_url"] = settings.openai_base_url
            kwargs.setdefault("api_key", "not-needed")
    elif provider == "ollama":
        kwargs.update(client_kwargs={"timeout": settings.llm_timeout})
    try:
        return init_chat_model(spec, **kwargs)
    except ImportError as exc:
        raise LLMError(
            f"the LangChain integration for {provider!r} is not installed ({exc}); {OFFLINE_HINT}"
        ) from exc
    except ValueError as exc:
        raise LLMError(f"cannot build chat model {spec!r}: {exc}; {OFFLINE_HINT}") from exc


@dataclass(frozen=True)
class CallStyle:
    """How the engines call one provider's models: the structured-output method and the output cap.

    `method` is chosen per provider, never left to LangChain's guess (which warns on stderr when it
    overrides itself): an OpenAI-compatible server (vLLM, LM Studio, llama.cpp) and Ollama get JSON
    mode, which most of them honour and the others ignore harmlessly, and the text goes through the
    drafter's tolerant parser (LangChain's own parsing would fail on fences or a cut-off answer);
    OpenAI itself gets function calling, which all its chat models support. `auto` (a ready chat
    model handed in, as tests do) keeps LangChain's own choice, falling back to text when the model
    has no tools. `text` asks for nothing but the prompt's own instructions (for a server that
    refuses JSON mode).
    """

    provider: str
    method: StructuredMethod
    compatible_server: bool = False  # an OpenAI-compatible server other than OpenAI's own

    def cap(self, max_tokens: int) -> dict[str, Any]:
        """The call arguments that limit the answer to `max_tokens` tokens, in this provider's words."""
        if self.provider == "openai":
            # LangChain sends `max_completion_tokens`; older local servers read only `max_tokens`
            extra = {"extra_body": {"max_tokens": max_tokens}} if self.compatible_server else {}
            return {"max_tokens": max_tokens, **extra}
        if self.provider == "ollama":
            return {"options": {"temperature": 0, "num_predict": max_tokens}}
        return {}

    def json_mode(self) -> dict[str, Any]:
        """The call arguments that ask this provider for a JSON object."""
        if self.provider == "ollama":
            return {"format": "json"}
        return {"response_format": {"type": "json_object"}}


def call_style(settings: Settings, spec: str | None) -> CallStyle:
    """The call style for a model spec (None: a ready chat model, called the way LangChain chooses)."""
    if spec is None:
        return CallStyle("other", "auto")
    provider = provider_of(spec)
    if provider == "openai":
        if settings.openai_base_url:
            return CallStyle("openai", "json_mode", compatible_server=True)
        return CallStyle("openai", "function_calling")
    if provider == "ollama":
        return CallStyle("ollama", "json_mode")
    return CallStyle(provider, "function_calling")


def _is_unavailable(exc: BaseException) -> bool:
    names = {type(e).__name__ for e in _chain(exc)}
    markers = {
        "ConnectError", "ConnectionError", "ConnectTimeout", "ReadTimeout", "TimeoutException",
        "APIConnectionError", "APITimeoutError", "InternalServerError", "TimeoutError",
        "ConnectionRefusedError", "RemoteProtocolError", "ServiceUnavailableError", "ResponseError",
        "APIStatusError",
    }
    return bool(names & markers)


# The endpoint answered, but not in the shape the API promises: a body that is not JSON, or JSON whose
# fields do not validate, or an answer the client refuses to hand over (cut at the output limit, held
# back by a content filter). Checked on the exception itself only (not its causes), so the drafter's own
# `_Malformed` (raised from a JSONDecodeError while parsing the model's text) still reaches its repair loop.
_MALFORMED = {"JSONDecodeError", "ValidationError", "APIResponseValidationError", "LengthFinishReasonError",
              "ContentFilterFinishReasonError"}
_NO_CHUNKS = "No generation chunks were returned"  # LangChain's ValueError for a stream with no events


def _is_malformed(exc: BaseException) -> bool:
    return type(exc).__name__ in _MALFORMED or is_empty_stream(exc)


def is_empty_stream(exc: BaseException) -> bool:
    """True for LangChain's error when a streamed call got no chunks at all (a server that answers a
    streamed request with one plain JSON body, as several small servers do)."""
    return isinstance(exc, ValueError) and _NO_CHUNKS in str(exc)


def is_refused_request(exc: BaseException) -> bool:
    """True when the server refused the request itself (HTTP 400 or 422), e.g. a parameter it lacks."""
    return any(type(link).__name__ in {"BadRequestError", "UnprocessableEntityError"} for link in _chain(exc))


def cut_off_text(exc: BaseException) -> str | None:
    """The text of an answer the OpenAI client refused because it stopped at the output limit
    (`LengthFinishReasonError`, raised when a response format is asked for), else None."""
    for link in _chain(exc):
        if type(link).__name__ == "LengthFinishReasonError":
            completion = getattr(link, "completion", None)
            choices = getattr(completion, "choices", None) or []
            message = getattr(choices[0], "message", None) if choices else None
            return str(getattr(message, "content", "") or "")
    return None


def _one_line(exc: BaseException, limit: int = 200) -> str:
    return " ".join(str(exc).split())[:limit]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


@contextmanager
def llm_errors(endpoint: str) -> Iterator[None]:
    """Translate network, timeout and server failures of a model call into `LLMUnavailableError`, and a
    response that is not valid JSON (or not the declared fields) into `LLMOutputError`."""
    try:
        yield
    except LLMError:
        raise
    except Exception as exc:
        if _is_unavailable(exc):
            raise LLMUnavailableError(
                f"the LLM at {endpoint} could not be reached or failed "
                f"({type(exc).__name__}: {_one_line(exc)}); {OFFLINE_HINT}"
            ) from exc
        if _is_malformed(exc):
            raise LLMOutputError(
                f"the LLM at {endpoint} sent a response that could not be read "
                f"({type(exc).__name__}: {_one_line(exc)}); {OFFLINE_HINT}"
            ) from exc
        if _from_a_client_library(exc):  # any other error of the client libraries: still one clear line
            raise LLMError(
                f"the LLM at {endpoint} failed ({type(exc).__name__}: {_one_line(exc)}); {OFFLINE_HINT}"
            ) from exc
        raise


_CLIENT_LIBRARIES = ("openai", "httpx", "httpcore", "langchain_openai", "langchain_ollama", "ollama")


def _from_a_client_library(exc: BaseException) -> bool:
    root = (type(exc).__module__ or "").split(".", 1)[0]
    return root in _CLIENT_LIBRARIES or root.rstrip("0123456789") in _CLIENT_LIBRARIES
