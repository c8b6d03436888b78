"""The offline answer engine: an answer made only of sentences from the retrieved outcome documents.

Each sentence is quoted from a source chunk and followed by that chunk's citation marker `[n]`, so
no sentence stands without a source. Sentences are chosen by how much of the question they cover
(keyword coverage weighted by rarity, computed on the fly; nothing is embedded per sentence) and
grouped by session. A whole-corpus question gets one line per matching session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.ask.engines.base import (
    AnswerRequest,
    EngineResult,
    not_stated_note,
    session_line_name,
    session_name,
)
from assistant.ask.questions import standalone_from_history
from assistant.ask.search import Hit
from assistant.domain.sentences import split_sentences

MAX_SENTENCES = 6  # at most this many quoted sentences in a search answer
PER_CHUNK = 2  # at most this many sentences from one chunk
SENTENCE_RATIO = 0.5  # a chunk's second sentence must cover at least this share of what its best one covers
# how a session came to carry the Action Line or SDG a question asked for (assistant/corpus/tags.py)
TAG_SOURCE_NOTES = {"stated": ", tag stated in the document", "inferred": ", tag inferred from its text"}
_END = re.compile(r"^(.*?)([\s.!?…;:,]*)$", re.DOTALL)


def cite(sentence: str, n: int) -> str:
    """A sentence with its citation marker before the final punctuation: "… in 2027 [3]."."""
    body, tail = _END.match(sentence.strip()).groups()  # type: ignore[union-attr]
    end = "?" if "?" in tail else "!" if "!" in tail else "."
    return f"{body} [{n}]{end}"


def ranked_sentences(hit: Hit, request: AnswerRequest) -> list[tuple[float, int, str]]:
    """The chunk's sentences as (relevance, position, text), most relevant first."""
    sentences = split_sentences(hit.text) or [hit.text.strip()]
    scored = [(request.relevance(s), i, s) for i, s in enumerate(sentences) if s.strip()]
    return sorted(scored, key=lambda item: (-item[0], item[1]))


class ExtractiveEngine:
    """Composes answers from quoted sentences; works offline, never invents a word of content."""

    name = "extractive"

    def condense(self, question: str, history: list[tuple[str, str]]) -> str:
        """The question made standalone by carrying the previous question's subject (no model)."""
        return standalone_from_history(question, history)

    def stream(self, request: AnswerRequest) -> Iterator[str | EngineResult]:
        """Yield the answer paragraph by paragraph, then the `EngineResult`."""
        if request.kind == "aggregate":
            paragraphs, sources = self._aggregate(request)
        else:
            paragraphs, sources = self._search(request)
            if request.not_stated and paragraphs:
                paragraphs.append(not_stated_note(request.not_stated))
        text = ""
        for i, paragraph in enumerate(paragraphs):
            piece = paragraph if i == 0 else "\n\n" + paragraph
            text += piece
            yield piece
        yield EngineResult(text=text, sources=sources)

    def _search(self, request: AnswerRequest) -> tuple[list[str], dict[int, Hit]]:
        """The best sentence of each hit (a second one if nearly as good), grouped by session in rank order.

        The service has already dropped hits with too little evidence, so every hit speaks.
        """
        ranked = [(hit, ranked_sentences(hit, request)) for hit in request.hits]
        ranked = [(hit, sentences) for hit, sentences in ranked if sentences]
        if request.focus:  # the sentences stating the asked details come first
            ranked = _with_focus(ranked, request)
        if not ranked:
            return [], {}
        chosen: list[tuple[Hit, list[tuple[int, str]]]] = []
        total = 0
        for hit, sentences in ranked:
            top = sentences[0][0]
            picked = [(pos, text) for score, pos, text in sentences[:PER_CHUNK]
                      if pos == sentences[0][1] or (top > 0 and score >= SENTENCE_RATIO * top)]
            picked = sorted(picked)[: MAX_SENTENCES - total]
            if picked:
                chosen.append((hit, picked))
                total += len(picked)
            if total >= MAX_SENTENCES:
                break
        by_doc: dict[str, list[tuple[Hit, list[tuple[int, str]]]]] = {}
        for hit, picked in chosen:
            by_doc.setdefault(hit.doc_id, []).append((hit, picked))
        sources: dict[int, Hit] = {}
        paragraphs = []
        for entries in by_doc.values():
            quoted: list[str] = []
            for hit, picked in entries:
                n = len(sources) + 1
                sources[n] = hit
                quoted.extend(cite(text, n) for _, text in picked)
            paragraphs.append(f"{session_name(entries[0][0])}: " + " ".join(quoted))
        return paragraphs, sources

    def _aggregate(self, request: AnswerRequest) -> tuple[list[str], dict[int, Hit]]:
        """One line per matching session: its name, section and best sentence, with the count first."""
        sources = {n: hit for n, hit in enumerate(request.hits, 1)}
        if not sources:
            return [], {}
        markers = "".join(f"[{n}]" for n in sources)
        count = max(request.total, len(sources))
        noun = "session" if count == 1 else "sessions"
        verb = "addresses" if count == 1 else "address"
        shown = f"; the {len(sources)} with the strongest evidence are listed" if count > len(sources) else ""
        lines = [f"{count} {noun} in the corpus {verb} this{shown} {markers}."]
        for n, hit in sources.items():
            sentences = ranked_sentences(hit, request)
            sentence = sentences[0][2] if sentences else hit.text
            name = session_line_name(hit, request.show)
            source = TAG_SOURCE_NOTES.get(str(hit.metadata.get("tag_source", "")), "")
            lines.append(f"- {name}{source}, {request.label(hit)}: {cite(sentence, n)}")
        return ["\n".join(lines)], sources


def _with_focus(ranked: list[tuple[Hit, list[tuple[float, int, str]]]],
                request: AnswerRequest) -> list[tuple[Hit, list[tuple[float, int, str]]]]:
    """The ranked chunks with each focus sentence first in its chunk, and its chunk first overall
    (a focus chunk that retrieval did not return is added)."""
    by_id = {hit.chunk_id: (hit, list(sentences)) for hit, sentences in ranked}
    front: list[str] = []
    for hit, sentence in request.focus:
        if hit.chunk_id not in by_id:
            by_id[hit.chunk_id] = (hit, ranked_sentences(hit, request))
        chunk_hit, sentences = by_id[hit.chunk_id]
        top = sentences[0][0] if sentences else 1.0
        position = next((pos for _s, pos, text in sentences if text == sentence), -1)
        rest = [item for item in sentences if item[2] != sentence]
        by_id[hit.chunk_id] = (chunk_hit, [(top, position, sentence), *rest])
        if hit.chunk_id not in front:
            front.append(hit.chunk_id)
    order = front + [hit.chunk_id for hit, _ in ranked if hit.chunk_id not in front]
    return [by_id[c] for c in order]
