"""Short extractive summaries of session notes or of an indexed outcome document, with evidence.

A summary sentence is always a sentence of the source (cleaned when it comes from notes), chosen
for being central to the whole text and carrying facts, with maximal marginal relevance so the
sentences do not repeat. Each comes back as an `Item` with its evidence: the note line, or for a
document the item it came from (its section id is in `part`, its item number in the evidence line).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from assistant.domain.document import Item, OutcomeDocument
from assistant.domain.sentences import split_sentences
from assistant.drafting.checks import is_placeholder
from assistant.drafting.evidence import document_evidence, sentence_evidence
from assistant.drafting.mmr import marginal_relevance
from assistant.drafting.notes import read_notes
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.corpus.embeddings import Embedder

MMR_LAMBDA = 0.7
MAX_SENTENCES = 30


def _default_embedder() -> Embedder:
    from assistant.config import load_settings
    from assistant.corpus.embeddings import embedder_for

    return embedder_for(load_settings())


def _check_count(sentences: int) -> int:
    if not 1 <= sentences <= MAX_SENTENCES:
        raise InputError(f"ask for 1 to {MAX_SENTENCES} summary sentences, not {sentences}")
    return sentences


def _pick(vectors: np.ndarray, bonus: np.ndarray, n: int) -> list[int]:
    """Rows chosen by MMR over centrality (similarity to the centroid) plus a fact bonus."""
    if len(vectors) == 0:
        return []
    centre = vectors.mean(axis=0)
    centre /= float(np.linalg.norm(centre)) or 1.0
    relevance = vectors @ centre + bonus
    chosen: list[int] = []
    remaining = list(range(len(vectors)))
    while remaining and len(chosen) < n:
        if chosen:
            redundancy = (vectors[remaining] @ vectors[chosen].T).max(axis=1)
            scores = marginal_relevance(relevance[remaining], redundancy, MMR_LAMBDA)
        else:
            scores = relevance[remaining]
        best = remaining[int(np.argmax(scores))]
        chosen.append(best)
        remaining.remove(best)
    return chosen


def _fact_bonus(texts: list[str]) -> np.ndarray:
    return np.array(
        [0.03 * min(len(re.findall(r"\d+", t)), 3) + (0.0 if len(t.split()) >= 7 else -0.1) for t in texts],
        dtype=np.float32,
    )


def summarise_notes(text: str, sentences: int = 5, embedder: Embedder | None = None) -> list[Item]:
    """The `sentences` most central content sentences of the notes, in note order, with their lines."""
    from assistant.drafting.engines.extractive import bullet_from_sentence

    count = _check_count(sentences)
    notes = read_notes(text)
    # a speaker whose introduction was noise is named as the sentence's own line writes them (`as_citable`)
    pool = [notes.as_citable(s) for s in notes.sentences if len(re.findall(r"[A-Za-z]{2,}|\d+", s.text)) >= 4]
    if not pool:
        return []
    embedder = embedder or _default_embedder()
    vectors = embedder.encode([s.text for s in pool])
    texts = [bullet_from_sentence(s, s.explicit_speaker) for s in pool]
    picked = sorted(_pick(vectors, _fact_bonus([s.text for s in pool]), count), key=lambda i: pool[i].id)
    return [
        Item(text=texts[i][0], evidence=sentence_evidence(notes, pool[i], texts[i][1]), grounded=True)
        for i in picked
    ]


def summarise_document(
    doc: OutcomeDocument, sentences: int = 5, embedder: Embedder | None = None,
) -> list[Item]:
    """The `sentences` most central sentences of a document; `part` names the section they come from."""
    count = _check_count(sentences)
    units: list[tuple[str, str, int, str]] = []  # sentence, section id, item number, item text
    for section in doc.sections:
        for number, item in enumerate(section.items, 1):
            if is_placeholder(item):
                continue
            for sentence in split_sentences(item.text):
                if len(sentence.split()) >= 4:
                    units.append((sentence, section.id, number, item.text))
    if not units:
        return []
    embedder = embedder or _default_embedder()
    vectors = embedder.encode([u[0] for u in units])
    picked = sorted(_pick(vectors, _fact_bonus([u[0] for u in units]), count))
    return [
        Item(
            text=units[i][0], part=units[i][1], grounded=True,
            evidence=[document_evidence(units[i][2], units[i][3])],
        )
        for i in picked
    ]
