"""The Ask service: answers staff questions across every indexed session, each claim cited.

One question goes through four steps: made standalone against the chat history (LLM condense
prompt, or the offline subject carry-over of `questions.standalone`); classified as a whole-corpus
question or an ordinary one; checked for evidence (below the calibrated threshold the answer is a
refusal naming the closest sessions); answered by an engine (`extractive` offline, or `llm`) from
the retrieved chunks, with `[n]` markers that resolve to `Citation`s.

The thresholds below were calibrated on evals/datasets/questions.jsonl; rerun
`python evals/calibrate_refusal.py` after changing retrieval or the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.ask.engines import ANSWER_ENGINES, AnswerEngineContext
from assistant.ask.engines.base import AnswerEngine, AnswerRequest, EngineResult, session_name
from assistant.ask.questions import (
    core_topic,
    is_aggregate,
    leans_on_previous,
    section_hint,
    session_year,
    topic,
    without_year,
)
from assistant.ask.search import AGGREGATE_FLOOR, Hit, Retriever, SearchFilters
from assistant.config import Settings
from assistant.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.corpus.store import CorpusIndex

# A question is answered only when some chunk's evidence score (cosine similarity + keyword
# coverage, see Retriever.evidence) reaches this threshold; below it the answer is a refusal.
# Calibrated by evals/calibrate_refusal.py: the middle of the gap between the best-scoring
# unanswerable (0.69) and the lowest-scoring answerable (0.95) question of the dev set.
REFUSAL_THRESHOLD = 0.82
# A retrieved chunk whose evidence is below this share of the best chunk's does not speak.
HIT_RATIO = 0.6
# A whole-corpus answer counts every matching session but lists (and cites) at most this many.
MAX_LISTED_SESSIONS = 50
MAX_QUESTION_CHARS = 2000
MAX_K = 50
CLOSEST_SESSIONS = 3


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

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> Citation:
        """The citation numbered `n` for a retrieved chunk."""
        meta = hit.metadata
        return cls(
            n=n, chunk_id=hit.chunk_id, doc_id=hit.doc_id, source=str(meta.get("source", "")),
            title=str(meta.get("title", "")), section=str(meta.get("section", "")),
            part=str(meta.get("part", "")), date=str(meta.get("date", "")),
            year=int(meta.get("year") or 0) or None, url=str(meta.get("url", "")), text=hit.text,
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
            "citations": [asdict(c) for c in self.citations],
        }


@dataclass
class _Plan:
    """What retrieval decided: the kind of answer and the sources to answer from."""

    kind: str
    hits: list[Hit] = field(default_factory=list)
    query: str = ""
    total: int = 0
    note: str = ""


class AskService:
    """Answers questions over one corpus index with the extractive or the llm engine."""

    def __init__(self, index: CorpusIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.retriever = Retriever(index)
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
        name = ANSWER_ENGINES.resolve(engine or ("llm" if chat_model is not None else None),
                                      self.settings.engine)
        past = [(str(q), str(a)) for q, a in (history or [])]
        answerer = self._engine(name, model, chat_model)
        standalone = answerer.condense(question, past)
        plan = self._plan(standalone, self._with_session(question, past, filters or SearchFilters()), k)
        if plan.kind == "refusal":
            text, sources = self._refusal(plan)
            yield text
            yield Answer(question, standalone, text, True,
                         [Citation.from_hit(n, h) for n, h in sources.items()], "refusal", name)
            return
        request = AnswerRequest(
            question=standalone, kind=plan.kind, hits=plan.hits,
            relevance=self.retriever.text_scorer(plan.query), label=self.label, total=plan.total,
        )
        result = EngineResult(text="")
        for item in answerer.stream(request):
            if isinstance(item, EngineResult):
                result = item
            else:
                yield item
        citations = [Citation.from_hit(n, hit) for n, hit in sorted(result.sources.items())]
        yield Answer(question, standalone, result.text, False, citations, plan.kind, name,
                     result.removed_citations)

    def evidence_score(self, question: str, filters: SearchFilters | None = None) -> float:
        """The best evidence any allowed chunk has for a standalone question: the number compared
        with REFUSAL_THRESHOLD (an organiser named in the question restricts it, as in answers)."""
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

    def _plan(self, question: str, filters: SearchFilters, k: int) -> _Plan:
        """Decide the kind of answer and gather its sources."""
        if not self.retriever.view().row_of:
            return _Plan("refusal", note="empty")
        filters = self._with_organiser(question, filters)
        year = session_year(question) if filters.year is None else None
        if year is not None:  # "the 2023 session on …": that year's sessions, if they have evidence
            dated, undated = replace(filters, year=year), without_year(question)
            if self.retriever.best_evidence(undated, dated) >= REFUSAL_THRESHOLD:
                filters, question = dated, undated
        aggregate = is_aggregate(question)
        # "which sessions did UNDP organise" is answered from metadata: no evidence needed
        by_organiser = aggregate and bool(filters.organisers) and not core_topic(question, filters.organisers)
        query = topic(question) if aggregate else question
        if aggregate:  # both score arrays in one pass over the embeddings
            self.retriever.evidence_many([question, query])
        best = self.retriever.best_evidence(question, filters)
        if not by_organiser and best < REFUSAL_THRESHOLD:
            return _Plan("refusal", query=query, hits=self._closest(query, filters))
        if aggregate:
            return self._plan_aggregate(question, query, filters, by_organiser)
        hint = None if filters.section else section_hint(question)
        if hint and filters.doc_id:  # one session, one section asked for: answer from that section
            hits = self.retriever.search(question, k=k, filters=replace(filters, section=hint), per_doc_cap=k)
            if hits:
                return _Plan("search", hits=hits, query=question)
        hits = self.retriever.search(question, k=k, filters=filters, per_doc_cap=2, prefer_section=hint)
        scores, _ = self.retriever.evidence(question)
        row_of = self.retriever.view().row_of
        hits = [h for h in hits
                if h.chunk_id not in row_of or scores[row_of[h.chunk_id]] >= HIT_RATIO * best]
        return _Plan("search", hits=hits, query=question)

    def _with_session(self, question: str, history: list[tuple[str, str]],
                      filters: SearchFilters) -> SearchFilters:
        """A follow-up about the one session the previous answer was about stays on that session."""
        if filters.doc_id or not history or not leans_on_previous(question):
            return filters
        named = self.retriever.sessions_named_in(history[-1][1])
        return replace(filters, doc_id=named[0]) if len(named) == 1 else filters

    def _with_organiser(self, question: str, filters: SearchFilters | None) -> SearchFilters:
        """The filters, with the organiser the question names when the user set none."""
        filters = filters or SearchFilters()
        if not filters.organisers:
            organiser = self.retriever.organiser_in(question)
            if organiser:
                return replace(filters, organisers=organiser)
        return filters

    def _plan_aggregate(self, question: str, query: str, filters: SearchFilters,
                        by_organiser: bool) -> _Plan:
        """Every session with evidence for the question's subject (or every session of the organiser)."""
        floor = float("-inf") if by_organiser else AGGREGATE_FLOOR
        sessions = self.retriever.best_per_session(query, filters, floor)
        if not sessions:
            return _Plan("refusal", query=query, hits=self._closest(query, filters))
        hint = None if filters.section else section_hint(question)
        if hint:  # show each session's chunk of that section when it has a relevant one
            in_section = {h.doc_id: h for h in
                          self.retriever.best_per_session(query, replace(filters, section=hint), floor)}
            sessions = [in_section.get(h.doc_id, h) for h in sessions]
        return _Plan("aggregate", hits=sessions[:MAX_LISTED_SESSIONS], query=query, total=len(sessions))

    def _closest(self, query: str, filters: SearchFilters) -> list[Hit]:
        """The best chunk of the few sessions nearest to a question that could not be answered."""
        return self.retriever.best_per_session(query, filters, float("-inf"))[:CLOSEST_SESSIONS]

    def _refusal(self, plan: _Plan) -> tuple[str, dict[int, Hit]]:
        if plan.note == "empty":
            return ("The corpus is empty: no outcome document has been indexed yet. Add documents with "
                    "`rapporteur ingest PATH`.", {})
        text = "No outcome document in the corpus covers this question."
        sources = dict(enumerate(plan.hits, 1))
        if sources:
            names = [f"{session_name(h)} [{n}]" for n, h in sources.items()]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            noun = "session is" if len(names) == 1 else "sessions are"
            text += f" The closest {noun} {listed}, but they do not answer it."
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
