"""The embedding backends: the plain-torch BERT must give sentence-transformers' vectors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import load_settings
from assistant.corpus.embeddings import BertEncoder, Embedder, SentenceTransformerEncoder, length_batches
from assistant.errors import ConfigError

TEXTS = [
    "",
    "Digital skills for older persons",
    "Community networks in rural Kenya were funded by a universal service fund.",
    "Les réseaux communautaires — financement, régulation et spectre ; 数字技能 🌍",
    "AI governance " * 200,  # far beyond 256 word-pieces: truncated the same way
    "[CLS] [SEP] [PAD] tokens written in the text",
    "e-waste take-back schemes; 5x faster growth than documented recycling (2024)",
] + [f"Session {n}: broadband mapping and open data for small island states." for n in range(12)]


@pytest.fixture(scope="module")
def model_path() -> Path:
    return load_settings().model_path()


def encode_all(encoder: object, texts: list[str]) -> np.ndarray:
    out = np.empty((len(texts), 384), dtype=np.float32)
    for rows in length_batches(texts, 8):
        out[rows] = encoder.encode_batch([texts[i] for i in rows])  # type: ignore[attr-defined]
    return out


def test_plain_torch_bert_matches_sentence_transformers(model_path: Path) -> None:
    assert BertEncoder.supports(model_path)
    ours = encode_all(BertEncoder(model_path), TEXTS)
    reference = encode_all(SentenceTransformerEncoder(model_path), TEXTS)
    assert np.abs(ours - reference).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # padding must not leak into a text's vector: alone or in a batch, the same vector
    alone = BertEncoder(model_path).encode_batch([TEXTS[2]])[0]
    assert np.abs(alone - ours[2]).max() < 1e-5


def test_auto_backend_is_torch_for_the_shipped_model(model_path: Path) -> None:
    assert isinstance(Embedder(model_path, backend="auto").encoder, BertEncoder)
    assert isinstance(Embedder(model_path, backend="sentence-transformers").encoder,
                      SentenceTransformerEncoder)


def test_other_models_fall_back_to_sentence_transformers(model_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cls-pooled"
    shutil.copytree(model_path, folder)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    assert not BertEncoder.supports(folder)
    assert isinstance(Embedder(folder).encoder, SentenceTransformerEncoder)
    with pytest.raises(RuntimeError, match="EMBEDDING_BACKEND=sentence-transformers"):
        _ = Embedder(folder, backend="torch").encoder


def test_unknown_backend_is_refused(model_path: Path) -> None:
    with pytest.raises(ConfigError, match="auto, torch, sentence-transformers"):
        Embedder(model_path, backend="onnxx")


def test_embedding_a_query_does_not_import_sentence_transformers(model_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom assistant.corpus.embeddings import Embedder\n"
        f"Embedder(Path({str(model_path)!r})).encode_one('digital skills')\n"
        "print(sorted(m for m in ('sentence_transformers', 'transformers', 'sklearn') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_tail_is_read_from_the_same_pass_and_reads_like_the_text_alone(model_path: Path) -> None:
    embedder = Embedder(model_path)
    prefix = "Opening ceremony of the final week. Key issues discussed: "
    body = "Around 3 billion people still need to be connected to the internet."
    full, tails = embedder.encode_with_tails([prefix + body, body], [len(prefix), 0])
    alone = embedder.encode([body])[0]
    assert np.allclose(full[1], alone, atol=1e-5) and np.allclose(tails[1], alone, atol=1e-5)  # no prefix
    assert np.allclose(full[0], embedder.encode([prefix + body])[0], atol=1e-5)  # the indexed vector
    assert float(tails[0] @ alone) > float(full[0] @ alone) + 0.05  # the tail reads like the text alone
    assert abs(float(np.linalg.norm(tails[0])) - 1.0) < 1e-5


def test_other_encoders_embed_tails_as_texts_of_their_own(model_path: Path) -> None:
    embedder = Embedder(model_path, backend="sentence-transformers")
    full, tails = embedder.encode_with_tails(["Title. Section: digital skills"], [len("Title. Section: ")])
    assert np.allclose(tails[0], embedder.encode(["digital skills"])[0], atol=1e-5)
    assert np.allclose(full[0], embedder.encode(["Title. Section: digital skills"])[0], atol=1e-5)
