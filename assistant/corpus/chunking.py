"""Cuts an `OutcomeDocument` into chunks: one per item, long items split by sentence.

The text that is embedded carries the session title and the section name so that a chunk
stands alone in a search; what is stored and cited is the item text itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.domain.document import OutcomeDocument
from assistant.domain.sentences import split_sentences
from assistant.domain.template import Template, load_template

# bump when parsing or chunking changes, so ingest re-reads every file (3: dates read from busy header lines;
# 4: sentences cut by the shared splitter, which spares abbreviations such as "H.E." and initials)
CHUNKER_VERSION = "4"


@dataclass
class Chunk:
    """One indexable piece of an outcome document with its metadata."""

    id: str
    text: str
    embed_text: str
    metadata: dict[str, str | int | float] = field(default_factory=dict)


def chunk_id(doc_id: str, doc_hash: str, n: int) -> str:
    """The id of a document's n-th chunk: `doc-id::hash12::0007`."""
    return f"{doc_id}::{doc_hash[:12]}::{n:04d}"


def sibling_chunk_id(of: str, n: int) -> str:
    """The id of the n-th chunk of the same document (and version) as the chunk `of`."""
    return f"{of.rsplit('::', 1)[0]}::{n:04d}"


def _pack(sentences: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Greedily join sentences into pieces that each fit the token budget.

    Token counts grow with the text, so an item that fits whole is one piece without trying each
    sentence, and a candidate that fitted is not counted again (tokenizing is most of chunking's time).
    """
    if not sentences:
        return []
    whole = " ".join(sentences)
    if fits(whole):
        return [whole]
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        candidate = f"{current} {sentence}".strip()
        if current and fits(candidate):
            current = candidate
            continue
        if current:
            pieces.append(current)
            current = sentence
        else:
            current = candidate
        while not fits(current):  # a single sentence over the budget: cut by words
            words = current.split()
            cut = max(1, len(words) // 2)
            while cut > 1 and not fits(" ".join(words[:cut])):
                cut //= 2
            pieces.append(" ".join(words[:cut]))
            current = " ".join(words[cut:])
    if current:
        pieces.append(current)
    return pieces


def chunk_document(
    doc: OutcomeDocument,
    doc_hash: str,
    count_tokens: Callable[[str], int],
    *,
    max_tokens: int = 250,
    template: Template | None = None,
) -> list[Chunk]:
    """Chunks of a parsed document; ids are `doc_id::hash::n`, so versions never collide."""
    template = template or load_template(doc.template_id)
    title = doc.header.title or doc.doc_id
    base_meta: dict[str, str | int | float] = {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "title": doc.header.title,
        "organisers": doc.header.organisers,
        "date": doc.header.date,
        "url": doc.header.url,
        "year": doc.year or 0,
        "sections": ",".join(doc.section_ids),
        "doc_hash": doc_hash,
    }
    chunks: list[Chunk] = []
    prefix_tokens: dict[str, int] = {}
    for section in doc.sections:
        spec = template.section(section.id)
        for item_no, item in enumerate(section.items):
            part = spec.part(item.part) if item.part else None
            label = f"{spec.short} – {part.heading}" if part else spec.short
            prefix = f"{title}. {label}: "
            if prefix not in prefix_tokens:
                prefix_tokens[prefix] = count_tokens(prefix)
            budget = max(32, max_tokens - prefix_tokens[prefix])

            def fits(text: str, limit: int = budget) -> bool:
                return count_tokens(text) <= limit

            pieces = _pack(split_sentences(item.text), fits)
            for piece_no, piece in enumerate(pieces):
                meta = dict(base_meta)
                meta.update(section=section.id, part=item.part or "", item=item_no, piece=piece_no)
                chunks.append(Chunk(id="", text=piece, embed_text=prefix + piece, metadata=meta))
    for n, chunk in enumerate(chunks):
        chunk.id = chunk_id(doc.doc_id, doc_hash, n)
        chunk.metadata["n_chunks"] = len(chunks)
    return chunks
