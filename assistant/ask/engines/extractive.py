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
from assistant.corpus.keywords import terms
from assistant.domain.sentences import is_subheading, plain_sentence, split_sentences

MAX_SENTENCES = 6  # at most this many quoted sentences in a search answer
PER_CHUNK = 2  # at most this many sentences from one chunk
SENTENCE_RATIO = 0.5  # a chunk's second sentence must cover at least this share of what its best one covers
# An outcome document states a figure or a launch in its key issues, again among its achievements and
# again among its tangible outcomes. A sentence at least this share of whose content terms are already
# in the sentences the answer quotes of its session says nothing new: it is passed over and the next
# one quoted in its place (above 1: never). Chosen with evals/fit_repeat_share.py on dev and field
# (keyword recall, ties to the shorter answers): 1.01/0.9/0.8/0.7 give the same keyword recall on dev
# (0.899), field (0.917) and the held-out evals/ask-heldout (0.587) and the same refusals; mean answer
# length dev 897/897/897/895, field 1291/1291/1288/1281, held out 1006/1000/1000/987 characters.
REPEAT_SHARE = 0.7
# how a session came to carry the Action Line or SDG a question asked for (assistant/corpus/tags.py)
TAG_SOURCE_NOTES = {"stated": ", tag stated in the document", "inferred": ", tag inferred from its text"}
_END = re.compile(r"^(.*?)([\s.!?…;:,]*)$", re.DOTALL)


def cite(sentence: str, n: int) -> str:
    """A sentence as plain text with its citation marker before the final punctuation: "… in 2027 [3]."
    (Markdown emphasis and a leading list mark are taken out: the answer is plain text)."""
    body, tail = _END.match(plain_sentence(sentence)).groups()  # type: ignore[union-attr]
    end = "?" if "?" in tail else "!" if "!" in tail else "."
    return f"{body} [{n}]{end}"


def quotable_sentences(text: str) -> list[str]:
    """The sentences of a passage an answer may quote: cut at sentence ends and also at list marks,
    list items' line breaks and sub-headings (a passage may hold a bulleted list run together), the
    bare sub-headings left out; the whole passage when nothing else is left."""
    sentences = [s for s in split_sentences(text, lists=True) if not is_subheading(s)]
    return sentences or [text.strip()]


def content_terms(sentence: str) -> set[str]:
    """The stemmed content words and figures of a sentence (what it says, for telling repeats)."""
    return set(terms(plain_sentence(sentence)))


def repeats(sentence: str, said: set[str], share: float | None = None) -> bool:
    """Does the sentence only say again what `said` (the content terms already quoted) holds: at least
    `share` (default REPEAT_SHARE) of its content terms are among them?"""
    own = content_terms(sentence)
    return bool(own) and len(own & said) >= (REPEAT_SHARE if share is None else share) * len(own)


def ranked_sentences(hit: Hit, request: AnswerRequest) -> list[tuple[float, int, str]]:
    """The chunk's quotable sentences as (relevance, position, text), most relevant first."""
    sentences = quotable_sentences(hit.text)
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
        said: dict[str, set[str]] = {}  # per session, the content terms of the sentences quoted
        for hit, sentences in ranked:
            picked = _fresh_sentences(sentences, said.setdefault(hit.doc_id, set()))
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
        """One line per matching session: its name, section and its one or two best sentences, with
        the count first.

        A session may come with more than one passage (the shown one, then one holding the sentence
        that covers most of the question). The shown passage's best sentence is always quoted (what
        retrieval chose); the best other sentence of the session's passages is quoted too when it
        covers at least SENTENCE_RATIO of what the first covers. Only the passages quoted are cited.
        """
        sessions: dict[str, list[Hit]] = {}
        for hit in request.hits:
            sessions.setdefault(hit.doc_id, []).append(hit)
        if not sessions:
            return [], {}
        sources: dict[int, Hit] = {}
        numbers: dict[str, int] = {}
        lines: list[str] = []
        for hits in sessions.values():
            quoted = _session_sentences(hits, request)
            label = request.label(quoted[0][0])
            cited: list[str] = []
            for i, (hit, text) in enumerate(quoted):
                if hit.chunk_id not in numbers:
                    numbers[hit.chunk_id] = len(sources) + 1
                    sources[numbers[hit.chunk_id]] = hit
                section = request.label(hit)  # a sentence of another section says which
                lead = "" if i == 0 or section == label else f"{section}: "
                cited.append(lead + cite(text, numbers[hit.chunk_id]))
            name = session_line_name(hits[0], request.show)
            source = TAG_SOURCE_NOTES.get(str(hits[0].metadata.get("tag_source", "")), "")
            lines.append(f"- {name}{source}, {label}: " + " ".join(cited))
        markers = "".join(f"[{n}]" for n in sources)
        count = max(request.total, len(sessions))
        noun = "session" if count == 1 else "sessions"
        verb = "addresses" if count == 1 else "address"
        listed = len(sessions)
        shown = f"; the {listed} with the strongest evidence are listed" if count > listed else ""
        return ["\n".join([f"{count} {noun} in the corpus {verb} this{shown} {markers}.", *lines])], sources


def _session_sentences(hits: list[Hit], request: AnswerRequest) -> list[tuple[Hit, str]]:
    """What a whole-corpus answer quotes of one session, as (passage, sentence) in the order of the
    passages: the shown passage's (`hits[0]`) best sentence, and the best other sentence of all the
    session's passages when it covers at least SENTENCE_RATIO of what the first covers."""
    own = ranked_sentences(hits[0], request)
    if not own:
        return [(hits[0], hits[0].text)]
    top, position, sentence = own[0]
    rest = sorted(((score, j, pos, hit, text) for j, hit in enumerate(hits)
                   for score, pos, text in (own[1:] if j == 0 else ranked_sentences(hit, request))
                   if text.strip() != sentence.strip()),
                  key=lambda item: (-item[0], item[1], item[2]))
    quoted = [(0, position, hits[0], sentence)]
    said = content_terms(sentence)
    rest = [item for item in rest if not repeats(item[4], said)]  # a repeat of the first says nothing new
    if rest and rest[0][0] > 0 and rest[0][0] >= SENTENCE_RATIO * top:
        quoted.append(rest[0][1:])
    quoted.sort(key=lambda item: (item[0], item[1]))
    return [(hit, text) for _j, _pos, hit, text in quoted]


def _fresh_sentences(sentences: list[tuple[float, int, str]], said: set[str]) -> list[tuple[int, str]]:
    """What a search answer quotes of one chunk, as (position, text): its best sentence, and its second
    best when it covers at least SENTENCE_RATIO of what the best covers, passing over the sentences
    that repeat what is already quoted of the session (`said`, updated with what is picked). A chunk
    whose best sentence is passed over gives nothing unless a sentence left covers some of the question."""
    picked: list[tuple[int, str]] = []
    top = 0.0
    passed = False
    for score, pos, text in sentences:
        if len(picked) == PER_CHUNK:
            break
        if repeats(text, said):
            passed = True
            continue
        if not picked:
            if passed and score <= 0:
                break
            top = score
        elif not (top > 0 and score >= SENTENCE_RATIO * top):
            break
        picked.append((pos, text))
        said |= content_terms(text)
    return picked


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
        # the focus sentence was cut without regard to lists: the quotable pieces it holds stand for it
        pieces = set(quotable_sentences(sentence)) if sentence.strip() else set()
        held = [item for item in sentences if item[2] in pieces] or [(top, -1, sentence)]
        # the best of them takes the top score; the others keep their own
        stated = [(top, *held[0][1:]), *held[1:]]
        rest = [item for item in sentences if item[2] not in pieces and item[2] != sentence]
        by_id[hit.chunk_id] = (chunk_hit, [*stated, *rest])
        if hit.chunk_id not in front:
            front.append(hit.chunk_id)
    order = front + [hit.chunk_id for hit, _ in ranked if hit.chunk_id not in front]
    return [by_id[c] for c in order]
