"""The Ask service: answers staff questions across every indexed session, each claim cited.

One question goes through five steps: made standalone against the chat history (LLM condense
prompt, or the offline subject carry-over of `questions.standalone`), a follow-up keeping the
sessions of the previous answer; classified as a whole-corpus question (answered from every
session, or from metadata alone for organisers, dates and years) or an ordinary one; checked for
evidence (below the calibrated threshold, or when the passages share only an incidental name or
lack an exact identifier of the question, the answer is a refusal naming the closest sessions);
checked for the details it asks for (`answerability`: an amount, a count, a year… that the
sessions covering the subject do not state makes a refusal that says so, with `not_stated`);
answered by an engine (`extractive` offline, or `llm`) from the retrieved chunks, with `[n]`
markers that resolve to `Citation`s.

The thresholds below were cross-validated on the dev and field question sets; rerun
`python evals/calibrate_answerability.py` after changing retrieval, the corpus or the detectors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.ask.answerability import (
    AskedDetail,
    DetailCheck,
    asked_details,
    check_details,
    detail_words,
    not_stated_sentence,
    years_in,
)
from assistant.ask.answerability_model import (
    WEIGHTS_FILE,
    AnswerabilityModel,
    load_model,
    weights_file_for,
)
from assistant.ask.detail_kinds import kind_reader
from assistant.ask.engines import ANSWER_ENGINES, AnswerEngineContext
from assistant.ask.engines.base import AnswerEngine, AnswerRequest, EngineResult, session_name
from assistant.ask.engines.extractive import cite, quotable_sentences
from assistant.ask.language import (
    CrossLingualScorer,
    lead_line,
    not_stated_in,
    question_language,
    refusal_text,
    with_english_names,
)
from assistant.ask.questions import (
    asks_of_sessions,
    asks_organisers,
    compound_parts,
    core_topic,
    dangling_reference,
    date_range,
    identifiers,
    is_aggregate,
    leans_on_previous,
    narrows_previous,
    other_language,
    required_names,
    section_hint,
    session_year,
    single_year,
    subject_concepts,
    topic,
    without_year,
    year_set_in,
)
from assistant.ask.search import Hit, Retriever, SearchFilters
from assistant.ask.session_features import (
    NAME_EDGES,
    SessionScores,
    edition_years,
    name_holders,
    name_unheld,
    session_context,
    session_features,
)
from assistant.ask.session_listing import ListingModel, decide_sessions, listing_for
from assistant.config import Settings
from assistant.corpus.keywords import terms
from assistant.domain.sentences import split_sentences
from assistant.errors import InputError, NotFoundError

REFUSAL_OPENINGS = ("No outcome document in the corpus covers", "The corpus is empty",
                    "This reads as a follow-up")


if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.corpus.store import CorpusIndex
    from assistant.domain.language import Language

# A question is answered only when some chunk's evidence score (cosine similarity + keyword
# coverage, see Retriever.evidence) reaches settings.ask.refusal; below it the answer is a refusal.
# Near misses (the subject is covered, the detail is not) are the answerability check's job
# (settings.ask.detail_score and detail_session_gap). The numbers and how they were fitted:
# `AskThresholds` in assistant/config.py.
# A retrieved chunk whose evidence is below this share of the best chunk's does not speak.
HIT_RATIO = 0.6
# The note of a whole-corpus question's plan that lists no session (no session states its subject)
NONE_LISTED = "none_listed"
# A whole-corpus answer counts every matching session but lists (and cites) at most this many.
MAX_LISTED_SESSIONS = 50
# A sentence states an asked detail (an amount, a count, a year…) only when it is about the question's
# subject: its keyword coverage of the subject (read with its session's title, organisers and date,
# the detail's own words left out) plus its chunk's cosine similarity reaches settings.ask.detail_score.
# The sessions read are those of the answer's best hits (at most DETAIL_SESSIONS) whose evidence is
# within settings.ask.detail_session_gap of the best session's.
DETAIL_SESSIONS = 3
# An ordinary question's model verdict reads this many sessions (the best by evidence).
CANDIDATE_SESSIONS = 8
# A refusal says which detail is not stated when the closest session holds at least this share of the
# question's words, weighted by rarity (else the subject itself is not covered).
SUBJECT_COVERED = 0.5
QUESTION_MARKS = ("?", "？", "؟")  # a text that ends on one asks a question (Latin, full-width, Arabic)
# A whole-corpus answer shows a session by its passage in the section the question points at when that
# passage has at least this share of the session's best evidence.
SECTION_SHARE = 0.8
MAX_QUESTION_CHARS = 2000
MAX_K = 50
# An answer to a search question also quotes, for this many of its first sessions, the passage whose
# stored vector is closest to the question when retrieval did not return it, in the place of the
# lowest-ranked hit of another session (an answer draws on at most k passages). Chosen on keyword
# recall over the five written sets with each held out in turn (evals/fit_session_passages.py --fit
# dev,field,fresh,nearmiss,ofwhat): 1 whichever set is held out; held out, 0 -> 1: dev 0.878 -> 0.885,
# field 0.919 -> 0.909, fresh 0.691 -> 0.704, nearmiss 0.615 -> 0.692, ofwhat 0.853 -> 0.882.
CLOSEST_PASSAGE_SESSIONS = 1
# how much the embedder's similarity to the question weighs beside keyword coverage when a search
# answer in English picks its sentences (data: fitted by evals/fit_sentence_meaning.py)
SENTENCE_CHOICE_FILE = Path(__file__).parent / "data" / "sentence_choice.json"


def sentence_meaning_weight(path: Path = SENTENCE_CHOICE_FILE) -> float:
    """The fitted weight of meaning in a search answer's choice of sentences (0..1)."""
    return float(json.loads(path.read_text(encoding="utf-8"))["meaning_weight"])
CLOSEST_SESSIONS = 3
# A whole-corpus answer also cites, for each session it lists, that session's passage holding the
# sentence that covers most of the question's subject (keyword coverage weighted by rarity) when the
# passage retrieval showed does not hold it, and that sentence covers at least this share of what
# the shown passage's best sentence covers: the line quoting a session then says what of the subject
# it states ("the coaching programme for 46,000 teachers" beside "teacher development"), not only
# the passage nearest in meaning. The engine quotes each session's one or two best sentences.
SESSION_SENTENCE_SHARE = 0.5
# Words that only relate a whole-corpus question to the Action Lines or SDGs it names.
TAG_FRAME_WORDS = frozenset({
    "relate", "related", "relates", "relating", "relevant", "concern", "concerned", "concerns",
    "concerning", "address", "addressed", "addresses", "cover", "covered", "covers", "fall",
    "falls", "under", "tagged", "linked", "link", "contribute", "contributed", "contributes",
    "line", "lines", "goal", "goals", "sdg", "sdgs", "action", "wsis",
})


@dataclass
class Citation:
    """A source an answer cites as `[n]`: the chunk, its session and its section."""

    n: int
    chunk_id: str
    doc_id: str
    source: str
    title: str
    section: str
    part: str
    date: str
    year: int | None
    url: str
    text: str
    organisers: str = ""

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> Citation:
        """The citation numbered `n` for a retrieved chunk."""
        meta = hit.metadata
        return cls(
            n=n, chunk_id=hit.chunk_id, doc_id=hit.doc_id, source=str(meta.get("source", "")),
            title=str(meta.get("title", "")), section=str(meta.get("section", "")),
            part=str(meta.get("part", "")), date=str(meta.get("date", "")),
            year=int(meta.get("year") or 0) or None, url=str(meta.get("url", "")), text=hit.text,
            organisers=str(meta.get("organisers", "")),
        )


@dataclass
class Answer:
    """An answer with its citations; `kind` is "search", "aggregate" or "refusal"."""

    question: str
    standalone_question: str
    answer: str
    refused: bool
    citations: list[Citation]
    kind: str
    engine: str
    removed_citations: int = 0
    not_stated: list[str] = field(default_factory=list)

    @property
    def uncited(self) -> bool:
        """An answer (not a refusal) that cites no source: nothing in it can be traced or trusted."""
        return not self.refused and not self.citations

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data (what `rapporteur ask --json` prints)."""
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.answer,
            "refused": self.refused,
            "kind": self.kind,
            "engine": self.engine,
            "removed_citations": self.removed_citations,
            "uncited": self.uncited,
            "not_stated": self.not_stated,
            "citations": [asdict(c) for c in self.citations],
        }


@dataclass
class Judged:
    """The answerability model's verdict on a question's candidate sessions: their features and,
    session by session, the probability that the session states what the question asks."""

    features: SessionScores
    probability: np.ndarray

    def qualifying(self, threshold: float) -> dict[str, float]:
        """The sessions whose probability reaches the threshold, with that probability."""
        return {doc: float(p) for doc, p in zip(self.features.doc_ids, self.probability, strict=True)
                if p >= threshold}


@dataclass
class _Plan:
    """What retrieval decided: the kind of answer and the sources to answer from."""

    kind: str
    hits: list[Hit] = field(default_factory=list)
    query: str = ""
    total: int = 0
    note: str = ""
    show: tuple[str, ...] = ()
    check: DetailCheck | None = None
    filters: SearchFilters | None = None  # what a search plan's retrieval was limited to (a
    # whole-corpus plan's: what the passages quoted beside the shown ones are limited to)


class AskService:
    """Answers questions over one corpus index with the extractive or the llm engine."""

    def __init__(self, index: CorpusIndex, settings: Settings) -> None:
        self.index = index
        # issue 27: Ask's thresholds are the index's, fitted to its embedder's similarity scale
        self.settings = settings.model_copy(update={"ask": index.settings.ask})
        self.retriever = Retriever(index)
        # how many of an answer's first sessions also get their passage read closest to the question
        self.session_passages = CLOSEST_PASSAGE_SESSIONS
        # how much meaning weighs beside keyword coverage in a search answer's choice of sentences
        self.sentence_meaning = sentence_meaning_weight()
        self._engines: dict[tuple[str, str], AnswerEngine] = {}

    # -- public -------------------------------------------------------------------------------
    def ask(self, question: str, *, history: Sequence[tuple[str, str]] | None = None,
            filters: SearchFilters | None = None, k: int = 5, engine: str | None = None,
            model: str | None = None, chat_model: BaseChatModel | None = None) -> Answer:
        """Answer a question (see `stream` for the arguments)."""
        answer: Answer | None = None
        for item in self.stream(question, history=history, filters=filters, k=k, engine=engine,
                                model=model, chat_model=chat_model):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def stream(self, question: str, *, history: Sequence[tuple[str, str]] | None = None,
               filters: SearchFilters | None = None, k: int = 5, engine: str | None = None,
               model: str | None = None, chat_model: BaseChatModel | None = None) -> Iterator[str | Answer]:
        """Answer a question piece by piece: text pieces, then the final `Answer` as the last element.

        `history` holds earlier (question, answer) pairs, oldest first. `engine` is "extractive" or
        "llm" (default: settings.engine, or "llm" when `chat_model` is given); `model` is an
        `init_chat_model` spec for the llm engine, `chat_model` a ready LangChain chat model.
        Raises ValueError for an empty or overlong question or bad options, and LLMError
        subclasses when the llm engine fails.
        """
        question = self._check(question, filters, k)
        # -- issue 27: a question in French, Spanish or Arabic read by a multilingual embedder ----
        asked = question
        lang = question_language(question, self.index.embedder.spec.multilingual)
        if lang is not None:
            question = with_english_names(question, lang)
        # -- end issue 27 ---------------------------------------------------------------------
        name = ANSWER_ENGINES.resolve(engine or ("llm" if chat_model is not None else None),
                                      self.settings.engine)
        past = [(str(q), str(a)) for q, a in (history or [])]
        answerer = self._engine(name, model, chat_model)
        reference = None if past else dangling_reference(question)
        if reference:  # "and which of them were in 2024?" as the first question: ask what it means
            text = (f"This reads as a follow-up (“{reference}”), but there is no earlier question in this "
                    "conversation for it to refer to. Which sessions or which subject do you mean? Ask the "
                    "question in full, e.g. “Which sessions on digital skills were held in 2024?”.")
            yield text
            yield Answer(question, question, text, True, [], "clarification", name)
            return
        standalone = answerer.condense(question, past)
        filters, narrowed = self._with_session(question, past, filters or SearchFilters())
        plan = self._plan(standalone, filters, k, narrowed)
        plan, part_note, part_missing = self._compound(standalone, plan, filters, k, narrowed)
        missing = [d.label for d in plan.check.missing] if plan.check else []
        missing += [label for label in part_missing if label not in missing]
        if plan.kind == "refusal":
            text, sources = self._refusal(plan)
            language = other_language(question)
            if lang is not None and plan.note != "empty":  # issue 27: the refusal in its language
                text = self._refusal_in(lang, plan, sources, text)
            elif language and plan.note != "empty":
                text += (f" The question reads as {language}: the outcome documents are in English and the "
                         "search reads English, so ask it in English.")
            yield text
            yield Answer(asked, standalone, text, True,
                         [Citation.from_hit(n, h) for n, h in sources.items()], "refusal", name,
                         not_stated=missing)
            return
        focus = [(hit, sentence) for found in (plan.check.found.values() if plan.check else [])
                 if found for _score, hit, sentence in [found]]
        hits = list(plan.hits)  # a passage stating an asked detail is always a source
        for hit, _sentence in focus:
            if all(h.chunk_id != hit.chunk_id for h in hits):
                hits.append(hit)
        if plan.kind == "search" and plan.filters is not None and self.session_passages and lang is None:
            hits = self._with_closest_passages(plan.query, hits, plan.filters, k=max(k, len(hits)),
                                               keep={hit.chunk_id for hit, _sentence in focus})
        relevance: Callable[[str], float] = self.retriever.text_scorer(plan.query)
        if plan.kind == "aggregate" and plan.filters is not None and lang is None:
            # a listing of sessions by subject or metadata (not by tag, not an organisers line)
            hits = self._with_covering_passages(hits, relevance, plan.filters)
        lead = ""
        if lang is None and plan.kind == "search" and self.sentence_meaning > 0:
            # the sentence that answers may share few words with the question ("what prompted X?" -
            # "the immediate trigger was …"): its closeness in meaning counts too
            meaning = CrossLingualScorer(plan.query, self.index.embedder, relevance, self.sentence_meaning)
            meaning.prime(s for hit in hits for s in quotable_sentences(hit.text))
            relevance = meaning
        if lang is not None:  # issue 27: sentences chosen by meaning too; a lead line in its language
            scorer = CrossLingualScorer(plan.query, self.index.embedder, relevance)
            scorer.prime(s for hit in hits for s in quotable_sentences(hit.text))
            relevance, lead = scorer, lead_line(lang) + "\n\n"
            yield lead
        request = AnswerRequest(
            question=standalone, kind=plan.kind, hits=hits,
            relevance=relevance, label=self.label, total=plan.total,
            focus=focus, show=plan.show, not_stated=[] if lang is not None else missing,
        )
        result = EngineResult(text="")
        for item in answerer.stream(request):
            if isinstance(item, EngineResult):
                result = item
            else:
                yield item
        if lang is not None and missing and result.text:  # issue 27: what is not stated, in its language
            kinds = {d.label: d.kind for d in (plan.check.missing if plan.check else [])}
            part_note = not_stated_in(lang, [(kinds.get(label, ""), label) for label in missing])
        if part_note and result.text:
            result.text += "\n\n" + part_note
            yield "\n\n" + part_note
        citations = [Citation.from_hit(n, hit) for n, hit in sorted(result.sources.items())]
        yield Answer(asked, standalone, lead + result.text, False, citations, plan.kind, name,
                     result.removed_citations, missing)

    def _with_closest_passages(self, query: str, hits: list[Hit],
                               filters: SearchFilters | None = None, k: int | None = None,
                               keep: set[str] | None = None) -> list[Hit]:
        """The hits with, after each of the first sessions' own, that session's chunk read closest to
        the question (by the stored vectors, within the filters) when retrieval did not return it:
        the answer to "what prompted X?" often sits in another passage of the session than the one
        that names X. At most `k` passages in all (the user's "how many passages an answer draws
        on"): an added passage takes the place of the lowest-ranked hit of another session; the
        hits in `keep` (passages stating an asked detail) and the first sessions' own stay."""
        seen = {h.chunk_id for h in hits}
        sessions = list(dict.fromkeys(h.doc_id for h in hits))[: self.session_passages]
        last = {h.doc_id: i for i, h in enumerate(hits)}
        out: list[Hit] = []
        for i, hit in enumerate(hits):
            out.append(hit)
            if hit.doc_id in sessions and last[hit.doc_id] == i:
                extra = self.retriever.closest_chunk(query, hit.doc_id, seen, filters)
                if extra is not None:
                    out.append(extra)
        if k is None or len(out) <= max(k, len(hits)):
            return out
        limit = max(k, len(hits))
        added = [h for h in out if h.chunk_id not in seen]
        protected = set(keep or ()) | {h.chunk_id for h in added}
        protected |= {h.chunk_id for h in hits if h.doc_id in sessions}
        removable = [h.chunk_id for h in reversed(out) if h.chunk_id not in protected]
        dropped = set(removable[: len(out) - limit])
        dropped |= {h.chunk_id for h in added[::-1][: max(0, len(out) - limit - len(dropped))]}
        return [h for h in out if h.chunk_id not in dropped]

    def _with_covering_passages(self, hits: list[Hit], relevance: Callable[[str], float],
                                filters: SearchFilters | None) -> list[Hit]:
        """A whole-corpus answer's hits (one per session) with, after each, the session's passage
        (within the plan's section, if any) whose sentence covers the most of the question's subject,
        when that passage is not the shown one and its sentence covers at least
        SESSION_SENTENCE_SHARE of the shown passage's best. Nothing is embedded: the coverage is the
        keyword scorer's."""
        section = filters.section if filters is not None else None
        shown = {h.chunk_id for h in hits}
        by_doc: dict[str, list[Hit]] = {}
        for chunk in self.retriever.session_chunks(dict.fromkeys(h.doc_id for h in hits)):
            if chunk.chunk_id not in shown and (not section or chunk.section == section):
                by_doc.setdefault(chunk.doc_id, []).append(chunk)
        out: list[Hit] = []
        for hit in hits:
            out.append(hit)
            own = _best_coverage(hit.text, relevance)
            others = by_doc.pop(hit.doc_id, [])
            scored = [(_best_coverage(c.text, relevance), i, c) for i, c in enumerate(others)]
            if scored:
                best, _i, chunk = max(scored, key=lambda item: (item[0], -item[1]))
                if best > 0 and best >= SESSION_SENTENCE_SHARE * own:
                    out.append(replace(chunk, score=hit.score))
        return out

    def _compound(self, question: str, plan: _Plan, filters: SearchFilters, k: int,
                  narrowed: bool) -> tuple[_Plan, str, list[str]]:
        """A question in two parts ("Which sessions did X organise, and how much did they pledge?"):
        when the whole is refused but its first part (a whole-corpus question) is answered, answer
        that part; when a detail
        the second part asks for is stated by none of the answer's sessions, say so. Returns the
        plan, a closing sentence naming the part not stated ("" if none) and the missing labels."""
        parts = compound_parts(question)
        if parts is None or plan.note == "empty":
            return plan, "", []
        first, second = parts
        quoted = f"the second part of the question (“{second.rstrip('?').strip()}”)"
        if plan.kind == "refusal":
            if not is_aggregate(first):  # a near miss's "which city …, and by which year …?" stays refused
                return plan, "", []
            first_plan = self._plan(first, filters, k, narrowed)
            if first_plan.kind == "refusal":
                return plan, "", []
            labels = [d.label for d in self.asked_details(second)]
            what = f"the {', '.join(labels)}" if labels else "what it asks"
            return first_plan, (f"As for {quoted}: the outcome documents of these sessions do not state "
                                f"{what}."), labels
        details = self.asked_details(second)
        if not details or not plan.hits:
            return plan, "", []
        check = self.detail_check(second, plan.hits)
        if check is None or not check.all_missing:
            return plan, "", []
        noted = {d.label for d in plan.check.missing} if plan.check else set()
        labels = [d.label for d in check.missing if d.label not in noted]
        if not labels:  # the answer already says the sources do not state it
            return plan, "", []
        return plan, (f"As for {quoted}: the outcome documents of these sessions do not state "
                      f"{not_stated_sentence(labels)}."), labels

    def evidence_score(self, question: str, filters: SearchFilters | None = None) -> float:
        """The best evidence any allowed chunk has for a standalone question: the number compared
        with settings.ask.refusal (an organiser named in the question restricts it, as in answers)."""
        return self.retriever.best_evidence(question, self._with_organiser(question, filters))

    def aggregate_candidates(self, question: str, filters: SearchFilters | None = None) -> list[Hit]:
        """Every session's best chunk for a whole-corpus question's subject, with no floor (calibration)."""
        filters = self._with_organiser(question, filters)
        return self.retriever.best_per_session(topic(question), filters, float("-inf"))

    def label(self, hit: Hit) -> str:
        """A chunk's section as people read it: "Tangible outcomes", "Towards WSIS+20 … – Challenges"."""
        return self.section_label(hit.section, str(hit.metadata.get("part") or ""))

    def section_label(self, section_id: str, part_id: str = "") -> str:
        """A section id (and part id) as people read it."""
        try:
            spec = self.index.template.section(section_id)
        except NotFoundError:
            return section_id
        part = spec.part(part_id) if spec.parts and part_id else None
        return f"{spec.short} – {part.heading}" if part else spec.short

    # -- steps --------------------------------------------------------------------------------
    def _check(self, question: str, filters: SearchFilters | None, k: int) -> str:
        text = " ".join(str(question or "").split())
        if not text:
            raise InputError("the question is empty; ask about past sessions, e.g. "
                             "\"Which sessions discussed artificial intelligence?\"")
        if len(text) > MAX_QUESTION_CHARS:
            raise InputError(f"the question is {len(text)} characters long; the limit is "
                             f"{MAX_QUESTION_CHARS}: ask the question itself, without pasted documents")
        if not 1 <= k <= MAX_K:
            raise InputError(f"k must be between 1 and {MAX_K}, not {k}")
        if filters and filters.section:
            try:
                self.index.template.section(filters.section)
            except NotFoundError as exc:
                raise InputError(str(exc)) from exc
        return text

    def _plan(self, question: str, filters: SearchFilters, k: int, narrowed: bool = False) -> _Plan:
        """Decide the kind of answer and gather its sources."""
        prepared = self.prepare(question, filters, narrowed)
        if isinstance(prepared, _Plan):
            return prepared
        question, filters, aggregate, by_metadata = prepared
        query = topic(question) if aggregate else question
        if aggregate and by_metadata:
            return self._plan_aggregate(question, query, filters, None)
        judged = self.judge(question, filters, aggregate=aggregate)
        if aggregate:
            return self._plan_aggregate(question, query, filters, judged)
        if not self._answerable(judged, cross_lingual=self.retriever.cross_lingual(question)):
            return self._refused(question, filters, judged)
        if asks_of_sessions(question) and not filters.doc_id:
            # "what did sessions recommend about X?": answerable as an ordinary question, so answered
            # session by session when the model finds more than one session stating the subject (one
            # session is answered as an ordinary question: its answer quotes more of it)
            listed = self._plan_aggregate(question, topic(question), filters,
                                          self.judge(question, filters, aggregate=True))
            if listed.kind == "aggregate" and listed.total > 1:
                return listed
        hint = None if filters.section else section_hint(question)
        if hint and filters.doc_id:  # one session, one section asked for: answer from that section
            hits = self.retriever.search(question, k=k, filters=replace(filters, section=hint), per_doc_cap=k)
            if hits:
                return self._checked(question, _Plan("search", hits=hits, query=question,
                                                     filters=replace(filters, section=hint)))
        hits = self._speaking_hits(question, filters, k, hint)
        if asks_organisers(question) and hits:  # "who organised the quantum session?": the metadata
            return self._organisers_plan(question, hits)
        return self._checked(question, _Plan("search", hits=hits, query=question, filters=filters))

    def _speaking_hits(self, question: str, filters: SearchFilters, k: int, hint: str | None) -> list[Hit]:
        """The search hits an answer quotes: those with at least HIT_RATIO of the best evidence (at
        least the best session's best chunk)."""
        hits = self.retriever.search(question, k=k, filters=filters, per_doc_cap=2, prefer_section=hint)
        best = self.retriever.best_evidence(question, filters)
        scores, _ = self.retriever.evidence(question)
        row_of = self.retriever.view().row_of
        return [h for h in hits
                if h.chunk_id not in row_of or scores[row_of[h.chunk_id]] >= HIT_RATIO * best] or \
            self.retriever.best_per_session(question, filters, float("-inf"))[:1]

    def prepare(self, question: str, filters: SearchFilters,
                narrowed: bool = False) -> _Plan | tuple[str, SearchFilters, bool, bool]:
        """The question and filters as the answerability model sees them: the organiser, quoted
        section, year, dates and tags it names turned into filters. Returns (question, filters,
        whole-corpus?, answered from metadata?), or a finished plan (empty corpus, a tag listing)."""
        if not self.retriever.view().row_of:
            return _Plan("refusal", note="empty")
        filters = self._with_organiser(question, filters)
        question, filters = self._with_quoted_section(question, filters)
        if narrowed:  # a follow-up on the previous sessions: its year is a filter, not a subject word
            question = without_year(question)
        filters, tag_query = self._with_tags(question, filters)
        if tag_query:  # "which sessions relate to Action Line C5?": the tags answer, not the wording
            sessions = self.retriever.best_per_session(tag_query, filters, float("-inf"))
            # each session shown by the passage its tag was found in, marked stated or inferred
            sessions = self.retriever.tag_evidence(sessions, (*filters.action_lines, *filters.sdgs))
            if sessions:
                return _Plan("aggregate", hits=sessions[:MAX_LISTED_SESSIONS], query=tag_query,
                             total=len(sessions))
        year = session_year(question) if filters.year is None else None
        if year is None and filters.year is None and is_aggregate(question) and date_range(question) is None:
            year = year_set_in(question)  # "In 2023, which sessions discussed gender?"
        if year is not None:  # "the 2023 session on …": that year's sessions, if they have evidence
            dated, undated = replace(filters, year=year), without_year(question)
            listing = is_aggregate(undated) and bool(filters.organisers) and not core_topic(
                undated, filters.organisers)  # "which 2024 sessions did WHO run": the year is a filter
            if listing or self.retriever.best_evidence(undated, dated) >= self.settings.ask.refusal:
                filters, question = dated, undated
        aggregate = is_aggregate(question) or narrowed
        span = date_range(question) if filters.dates is None else None
        if span is not None and years_in(span[1]):
            span = None  # "…at the Forum 2022, and at its March 2023 event?": a comparison, not one span
        if span is not None:  # "sessions held during 13-17 March 2023": sessions of those days
            dated = replace(filters, dates=span[0])
            if aggregate or self.retriever.best_evidence(span[1], dated) >= self.settings.ask.refusal:
                filters, question = dated, span[1]
        # "which sessions did UNDP organise", "which sessions took place in March 2023", "which of
        # them were in 2025" are answered from metadata: no evidence needed
        by_metadata = aggregate and (narrowed or (
            bool(filters.organisers or filters.dates or filters.year)
            and not core_topic(question, filters.organisers)))
        if aggregate:  # both score arrays in one pass over the embeddings
            self.retriever.evidence_many([question, topic(question)])
        return question, filters, aggregate, by_metadata

    def judge(self, question: str, filters: SearchFilters, *, aggregate: bool) -> Judged:
        """The answerability model's verdict on every candidate session of a (prepared) question.

        A question pinned to one session (a follow-up on it, or `--doc`) is judged among all the
        sessions its other filters allow and that session's verdict kept: its gaps and leads then
        mean what they meant in fitting, where no question had a single candidate."""
        model = self.model
        pinned = filters.doc_id
        scope = replace(filters, doc_id=None) if pinned else filters
        features = session_features(
            self.retriever, question, scope, floor=model.floor, aggregate=aggregate,
            limit=None if aggregate or pinned else CANDIDATE_SESSIONS, detail_sessions=DETAIL_SESSIONS,
            read_first=pinned, detail_floor=model.detail_floor)
        # judged among all of them before a pin keeps one: a whole-corpus question's sessions are
        # read relative to each other (`SessionWeights.relative`)
        if aggregate:  # the listing decision, shared with Trends (`session_listing`)
            probability = decide_sessions(self.retriever, model, self.listing, topic(question), scope,
                                          features).probability
        else:
            probability = model.probability(features.rows) if len(features.rows) else np.zeros(0)
        if pinned:
            keep = [i for i, doc in enumerate(features.doc_ids) if doc == pinned]
            features = SessionScores([features.doc_ids[i] for i in keep], features.rows[keep],
                                     [features.best_rows[i] for i in keep], features.details)
            probability = probability[keep]
        return Judged(features, probability)

    @property
    def model(self) -> AnswerabilityModel:
        """The answerability model: settings.ask.answerability_weights when set, else the shipped
        weights fitted on the index's embedder (issue 27: MiniLM's misread E5's cosine scale)."""
        path = self.settings.ask.answerability_weights
        if path:
            return load_model(str(path))
        own = weights_file_for(self.index.embedder.spec.name)
        return load_model(None if own == WEIGHTS_FILE else str(own))

    @property
    def listing(self) -> ListingModel | None:
        """The weights a whole-corpus question's sessions are listed by (`session_listing`): the
        shipped ones fitted on the index's embedder, none when settings.ask.answerability_weights
        names a file (its own `sessions` weights then decide) or none is shipped for the embedder."""
        if self.settings.ask.answerability_weights:
            return None
        return listing_for(self.retriever)

    @property
    def listing_threshold(self) -> float:
        """The probability at which a whole-corpus question lists a session."""
        listing = self.listing
        return listing.threshold if listing is not None else self.model.listing_threshold

    def _answerable(self, judged: Judged, *, cross_lingual: bool = False) -> bool:
        """An ordinary question is answered when some session likely states what it asks and that
        session's best passage holds one of its common words, not only a name it mentions in
        passing ("the capital of Peru" is not answered by a passage on Peru's schools). A question
        in another language read by a multilingual embedder shares only names with English
        passages, so the common-word test cannot apply to it (issue 27)."""
        if not len(judged.probability):
            return False
        likely = judged.probability >= self.model.answer_threshold
        if cross_lingual:
            return bool(np.any(likely))
        return bool(np.any(likely & (judged.features.column("common_coverage") > 0)))

    def _refused(self, question: str, filters: SearchFilters, judged: Judged) -> _Plan:
        """The refusal for an ordinary question the model judged unanswerable: what is not stated when
        the closest sessions cover its subject but not the detail asked, the exact name none of them
        holds, or that nothing covers it."""
        closest = self._closest(question, filters)
        features = judged.features
        edition = self._edition_note(question, features)
        if edition:  # the closest session is of another edition than the one asked about
            return _Plan("refusal", query=question, hits=closest, note=edition)
        coverage = features.column("session_coverage") if len(features.rows) else np.zeros(0)
        covered = bool(len(coverage)) and float(coverage[0]) >= SUBJECT_COVERED
        # the closest session states a value of the asked kind, said of another named thing than the
        # question's: it covers what is asked but for the name, so the refusal says what is not stated
        said_of_other = bool(len(features.rows)) and float(features.column("detail_said_of_other")[0]) > 0
        if features.details and (covered or said_of_other):
            hits = self._speaking_hits(question, filters, 5, None) or closest
            check = self.detail_check(question, hits)
            # the model read the closest session's figures, dates or names as said of something else
            # than what is asked (a clause below its detail floor): those details are not stated
            # (or as said of another named thing than the question's)
            read_missing = said_of_other or (
                bool(len(features.rows)) and float(features.column("detail_missing")[0]) > 0)
            if check is not None and (check.missing or read_missing):
                gone = check.missing or check.details
                check = DetailCheck(check.details, {d: (None if d in gone else f)
                                                    for d, f in check.found.items()})
                return _Plan("refusal", hits=hits, query=question, note="not_stated", check=check)
        # "the Action Line C5 meeting" when some session covers the rest but none says C5; a name is
        # not repeated back when no session covers the question's subject (a stray or injected token),
        # nor is a name no session holds unless the text asks a question (an imperative such as
        # "ignore … and say X" gets no word of its own said back)
        subject_somewhere = bool(len(coverage)) and float(coverage.max()) >= SUBJECT_COVERED
        unknown = self._unnamed_identifier(question, closest) if subject_somewhere else None
        if not unknown and (subject_somewhere or question.rstrip().endswith(QUESTION_MARKS)):
            unknown = self._unheld_names_note(question, closest)
        if unknown:
            return _Plan("refusal", query=question, hits=closest, note=unknown)
        return _Plan("refusal", query=question, hits=closest)

    def _edition_note(self, question: str, features: SessionScores) -> str | None:
        """The edition a refusal names when the model's closest session is of another one
        (`year_unaligned`: "the 2024 edition"); None when it is not marked."""
        if not len(features.rows) or float(features.column("year_unaligned")[0]) <= 0:
            return None
        years = sorted(edition_years(self.retriever, question))
        return f"the {' or '.join(map(str, years))} edition" if years else None

    def _unheld_names_note(self, question: str, hits: Sequence[Hit]) -> str | None:
        """The question's names a refusal says no document speaks of: those none of the closest
        sessions (these hits') holds anywhere (`session_features.name_holders`); None when they
        hold them all. Names written next to each other are one name ("World Bank")."""
        view = self.retriever.view()
        codes = [view.doc_ids.index(h.doc_id) for h in hits if h.doc_id in view.doc_ids]
        if not codes:
            return None
        unheld = {name for name, held in name_holders(self.retriever, question).items()
                  if not held[codes].any()}
        runs: list[list[str]] = [[]]
        for word in question.split():
            bare = word.strip(NAME_EDGES)
            name = bare.removesuffix("’s").removesuffix("'s")
            if name in unheld and all(name not in run for run in runs):
                runs[-1].append(name)
                if name != bare:  # a possessive ends a name
                    runs.append([])
            elif runs[-1]:
                runs.append([])
        names = [" ".join(run) for run in runs if run]
        return " and ".join(names) or None

    def _unnamed_identifier(self, question: str, hits: Sequence[Hit]) -> str | None:
        """An exact name of the question ("C5", "5G", "V.18") that none of these passages (nor their
        sessions' titles) contains: named in a refusal."""
        for name in identifiers(question):
            wanted = subject_concepts(name)
            if not wanted:
                continue
            alternatives = wanted[0].alternatives
            for hit in hits:
                present = set(terms(f"{hit.text} {hit.metadata.get('title', '')}"))
                if any(all(t in present for t in alt) for alt in alternatives):
                    break
            else:
                return name
        return None

    def asked_details(self, question: str) -> list[AskedDetail]:
        """The details the question asks for: the detail rules' reading, and the learned reader's
        (fitted on this index's embedder; the question's phrases are embedded by the retriever)."""
        return asked_details(question, kind_reader(self.index.embedder.name, self.retriever.embed_many))

    def detail_check(self, question: str, hits: Sequence[Hit], min_score: float | None = None,
                     session_gap: float | None = None) -> DetailCheck | None:
        """Which of the details the question asks for (amount, count, year…) the sessions of these hits
        state, reading every chunk of the closest few sessions; None for a question asking no detail.
        The score and gap default to settings.ask (calibration passes other values)."""
        details = self.asked_details(question)
        if not details:
            return None
        min_score = self.settings.ask.detail_score if min_score is None else min_score
        session_gap = self.settings.ask.detail_session_gap if session_gap is None else session_gap
        _scores, sims = self.retriever.evidence(question)
        row_of = self.retriever.view().row_of
        sessions = self._closest_sessions(question, hits, session_gap)
        unwanted = detail_words(question, details)
        subject = " ".join(w for w in question.split() if w.lower().strip("?,.;:'’") not in unwanted)
        return check_details(
            question, details, self.retriever.session_chunks(sessions), self.retriever.text_scorer(subject),
            session_context, lambda chunk: float(sims[row_of[chunk.chunk_id]]), min_score)

    def _closest_sessions(self, question: str, hits: Sequence[Hit], gap: float) -> list[str]:
        """The sessions of these hits (at most DETAIL_SESSIONS, in hit order) whose best evidence for
        the question is within `gap` of the best session's: the sessions the question is about."""
        scores, _sims = self.retriever.evidence(question)
        row_of = self.retriever.view().row_of
        best: dict[str, float] = {}
        for chunk in self.retriever.session_chunks(dict.fromkeys(h.doc_id for h in hits)):
            score = float(scores[row_of[chunk.chunk_id]])
            best[chunk.doc_id] = max(score, best.get(chunk.doc_id, score))
        top = max(best.values(), default=0.0)
        return [d for d in dict.fromkeys(h.doc_id for h in hits)
                if best.get(d, -1.0) >= top - gap][:DETAIL_SESSIONS]

    def _organisers_plan(self, question: str, hits: list[Hit]) -> _Plan:
        """"Who organised the quantum session?": the session(s) it is about, each with its organisers
        line (the metadata answers it) and its best passage."""
        sessions = self._closest_sessions(question, hits, self.settings.ask.detail_session_gap)
        first: dict[str, Hit] = {}
        for hit in hits:
            if hit.doc_id in sessions:
                first.setdefault(hit.doc_id, hit)
        listed = list(first.values())
        return _Plan("aggregate", hits=listed, query=question, total=len(listed), show=("organisers",))

    def _checked(self, question: str, plan: _Plan) -> _Plan:
        """The plan with its detail check: the sentences that state the asked details (quoted first)
        and those not stated (named at the end of the answer). The model has decided to answer."""
        plan.check = self.detail_check(question, plan.hits)
        return plan

    def _with_quoted_section(self, question: str, filters: SearchFilters) -> tuple[str, SearchFilters]:
        """A quoted section heading ("in the 'Actionable plan and key recommendations' sections")
        becomes the section filter and leaves the question (its words are not the subject)."""
        for match in re.finditer(r"[\"“‘']([^\"”’']{6,})[\"”’']", question):
            quoted = " ".join(match.group(1).lower().split())
            for spec in self.index.template.sections:
                names = {" ".join(spec.heading.lower().split()), " ".join(spec.short.lower().split())}
                if any(quoted in n or n.startswith(quoted) for n in names):
                    rest = " ".join((question[:match.start()] + question[match.end():]).split())
                    return rest, filters if filters.section else replace(filters, section=spec.id)
        return question, filters

    def _with_session(self, question: str, history: list[tuple[str, str]],
                      filters: SearchFilters) -> tuple[SearchFilters, bool]:
        """A follow-up keeps to the sessions the previous answer named (one session: that session);
        "and which of them were in 2025?" also takes the year. Returns the filters and whether the
        answer lists those sessions (each of them, from its metadata and best passage)."""
        narrowing = narrows_previous(question)
        if filters.doc_id or not history or not (leans_on_previous(question) or narrowing):
            return filters, False
        previous = history[-1][1]
        if previous.startswith(REFUSAL_OPENINGS):
            return filters, False
        named = self.retriever.sessions_named_in(previous)
        if not named:
            return filters, False
        if narrowing:
            year = single_year(question)
            kept = tuple(d for d in named if d in set(filters.doc_ids or named))
            return replace(filters, doc_ids=kept, year=filters.year if year is None else year), True
        if len(named) == 1:
            return replace(filters, doc_id=named[0]), False
        # "what did they recommend?" after a list of sessions: each of those sessions answers
        return replace(filters, doc_ids=tuple(named)), True

    def _with_tags(self, question: str, filters: SearchFilters) -> tuple[SearchFilters, str]:
        """For a whole-corpus question ("which sessions…") naming Action Lines or SDGs: the filters with
        those tags (when the user set none), and, when the tags are its only subject, the text to pick
        each session's passage by (else ""). Other questions are left alone: "the Action Line C4
        session on …" must find its passages by their words (`--action-line` still filters them)."""
        from assistant.corpus.tags import load_taxonomy, tags_named_in

        if not is_aggregate(question):
            return filters, ""
        lines, goals, rest = tags_named_in(question)
        if not lines and not goals:
            return filters, ""
        filters = replace(filters, action_lines=filters.action_lines or tuple(lines),
                          sdgs=filters.sdgs or tuple(goals))
        subject = [w for w in core_topic(rest, filters.organisers) if w not in TAG_FRAME_WORDS]
        if subject:
            return filters, ""
        taxonomy = load_taxonomy()
        names = [spec.name for t in (*lines, *goals) if (spec := taxonomy.get(t)) is not None]
        return filters, "; ".join(names)

    def _with_organiser(self, question: str, filters: SearchFilters | None) -> SearchFilters:
        """The filters, with the organiser the question names when the user set none."""
        filters = filters or SearchFilters()
        if not filters.organisers:
            organiser = self.retriever.organiser_in(question)
            if organiser:
                return replace(filters, organisers=organiser)
        return filters

    def _plan_aggregate(self, question: str, query: str, filters: SearchFilters,
                        judged: Judged | None) -> _Plan:
        """Every session the model judges to state the question's subject (`judged`; None: every
        session the metadata filters allow), each shown by its best passage; a name the question
        turns on ("Malcolm Johnson", "Action Line C7") must be in the session."""
        names = [] if judged is None else required_names(question, filters.organisers)
        if names:
            having = self.retriever.sessions_with(names, filters)
            if having:
                filters = replace(filters, doc_ids=tuple(having))
            elif name_unheld(self.retriever, question):  # no session holds it in any form: none discussed it
                return _Plan("refusal", query=query, hits=self._closest(query, filters), note=NONE_LISTED)
        show = tuple(f for f, on in (("organisers", bool(filters.organisers)),
                                     ("date", bool(filters.dates or filters.year))) if on)
        sessions = self.retriever.best_per_session(query, filters, float("-inf"))
        if judged is not None:
            likely = judged.qualifying(self.listing_threshold)
            sessions = sorted((h for h in sessions if h.doc_id in likely), key=lambda h: -likely[h.doc_id])
        if not sessions:  # the model found no session on the subject: none is listed, and the answer says so
            return _Plan("refusal", query=query, hits=self._closest(query, filters),
                         note=NONE_LISTED if judged is not None else "")
        hint = None if filters.section else section_hint(question)
        if hint:  # show each session's chunk of that section when it has a relevant one
            in_section = {h.doc_id: h for h in self.retriever.best_per_session(
                query, replace(filters, section=hint), float("-inf"))}
            sessions = [in_section.get(h.doc_id, h) if in_section.get(h.doc_id) and
                        in_section[h.doc_id].score >= SECTION_SHARE * h.score else h for h in sessions]
        # the section the question points at bounds the passages quoted beside the shown ones
        bounds = replace(filters, section=hint) if hint else filters
        return _Plan("aggregate", hits=sessions[:MAX_LISTED_SESSIONS], query=query, total=len(sessions),
                     show=show, filters=bounds)

    def _closest(self, query: str, filters: SearchFilters) -> list[Hit]:
        """The best chunk of the few sessions nearest to a question that could not be answered."""
        return self.retriever.best_per_session(query, filters, float("-inf"))[:CLOSEST_SESSIONS]

    def _refusal(self, plan: _Plan) -> tuple[str, dict[int, Hit]]:
        if plan.note == "empty":
            return ("The corpus is empty: no outcome document has been indexed yet. Add documents with "
                    "`rapporteur ingest PATH`.", {})
        if plan.note == "not_stated" and plan.check is not None:
            return self._not_stated(plan)
        text = "No outcome document in the corpus covers this question."
        if plan.note == NONE_LISTED:  # a whole-corpus question: its listing is empty, the question stands
            text = ("No session in the corpus was found to discuss this subject "
                    f"(searched for: {plan.query}), so no session is listed.")
        elif plan.note:
            text = f"No outcome document in the corpus speaks of {plan.note} as this question asks."
        sources = dict(enumerate(plan.hits, 1))
        if sources:
            names = [f"{session_name(h)} [{n}]" for n, h in sources.items()]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            noun = "session is" if len(names) == 1 else "sessions are"
            text += f" The closest {noun} {listed}, but they do not " + (
                "seem to speak of it." if plan.note == NONE_LISTED else "answer it.")
        return text, sources

    @staticmethod
    def _refusal_in(lang: Language, plan: _Plan, sources: dict[int, Hit], english: str) -> str:
        """Issue 27: a refusal in the question's language. "Not stated" keeps the English quotes of
        what the sessions do say, after a sentence and the lead line in that language."""
        if plan.note == "not_stated":
            quotes = english.rsplit(" But ", 1)[0]  # the English sentence on what is missing is said here
            missing = [(d.kind, d.label) for d in plan.check.missing] if plan.check else []
            said = f" {not_stated_in(lang, missing)}" if missing else ""
            return f"{refusal_text(lang, [], not_stated=True)}{said} {lead_line(lang)}\n\n{quotes}"
        closest = [f"{session_name(h)} [{n}]" for n, h in sources.items()]
        if plan.note and plan.note not in ("empty", NONE_LISTED):  # the name no session speaks of, as asked
            text = lang.say("unnamed").format(name=plan.note)
            return text + (f" {lang.say('closest')} {'; '.join(closest)}." if closest else "")
        return refusal_text(lang, closest)

    def _not_stated(self, plan: _Plan) -> tuple[str, dict[int, Hit]]:
        """The subject is covered, the detail asked for is not: name the sessions that cover the
        subject, quote what they say, and say what they do not state."""
        assert plan.check is not None
        relevance = self.retriever.text_scorer(plan.query)
        first: dict[str, Hit] = {}
        for hit in plan.hits:
            first.setdefault(hit.doc_id, hit)
        sources = dict(enumerate(list(first.values())[:2], 1))
        labels = [d.label for d in plan.check.missing]
        parts = []
        for n, hit in sources.items():
            sentences = sorted(quotable_sentences(hit.text), key=lambda t: -relevance(t))
            parts.append(f"{session_name(hit)} covers this subject: {cite(sentences[0], n)}")
        noun = "its outcome document does" if len(sources) == 1 else "their outcome documents do"
        text = " ".join(parts) + f" But {noun} not state {not_stated_sentence(labels)} asked for."
        return text, sources

    def _engine(self, name: str, model: str | None, chat_model: BaseChatModel | None) -> AnswerEngine:
        """The engine `name`, built once per model spec and reused (a ready chat model is not cached)."""
        context = AnswerEngineContext(self.settings, model, chat_model)
        if chat_model is not None:
            return ANSWER_ENGINES.create(name, context)
        key = (name, model or self.settings.llm_model if name == "llm" else "")
        if key not in self._engines:
            self._engines[key] = ANSWER_ENGINES.create(name, context)
        return self._engines[key]


def _best_coverage(text: str, relevance: Callable[[str], float]) -> float:
    """The highest keyword coverage of the question by one sentence of the text (0 when none)."""
    return max((relevance(s) for s in split_sentences(text) or [text] if s.strip()), default=0.0)
