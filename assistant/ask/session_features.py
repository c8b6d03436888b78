"""The answerability model's features for every (question, session) pair, computed in a few array passes.

For a question (or a whole-corpus question's subject) and the sessions the filters allow, this reads
the per-chunk evidence arrays the retriever already keeps (cosine similarity, keyword coverage,
BM25), takes each session's best, adds session-wide coverage from the keyword postings, and, for the
few best sessions of a question that asks for a detail, how well the session's sentences state it
(`answerability.check_details`). See `answerability_model.FEATURES` for what each column means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from assistant.ask.answerability import (
    AskedDetail,
    asked_details,
    common_words,
    detail_words,
    stating_clauses,
    years_in,
)
from assistant.ask.answerability_model import FEATURES
from assistant.ask.detail_kinds import asking_phrases, kind_reader
from assistant.ask.name_forms import close_spellings, country_forms, fold, is_acronym, name_runs, spelt_in
from assistant.ask.owners import Rare, names_together, owner_runs, owner_unaligned, without_names
from assistant.ask.questions import Concept, compound_parts, identifiers, subject_concepts, topic
from assistant.ask.said_of import STEM, named_words, said_of
from assistant.domain.sentences import split_sentences

if TYPE_CHECKING:
    from assistant.ask.search import Hit, Retriever, SearchFilters

COLUMN = {name: i for i, name in enumerate(FEATURES)}
DETAIL_CANDIDATES = 3  # sentences per asked detail and session compared with the question by cosine
NOT_READ = (0.0, 1.0, 0.0, 0.0, 0.0)  # detail features of a session not read for details


def session_context(hit: Hit) -> str:
    """What a chunk's sentences are implicitly about: its session's title, organisers and date."""
    meta = hit.metadata
    return " ".join(str(meta.get(k) or "") for k in ("title", "organisers", "date"))


@dataclass
class SessionScores:
    """Features of each allowed session for one question, best evidence first.

    `rows[i]` are the feature values of `doc_ids[i]`; `best_rows[i]` is the snapshot row of its best
    chunk. `details` are the details the question asks for (empty for a whole-corpus question).
    """

    doc_ids: list[str]
    rows: np.ndarray
    best_rows: list[int]
    details: list[AskedDetail] = field(default_factory=list)

    def column(self, name: str) -> np.ndarray:
        """One feature's values, session by session."""
        return self.rows[:, COLUMN[name]] if len(self.rows) else np.zeros(0)


def session_features(retriever: Retriever, question: str, filters: SearchFilters | None, *,
                     floor: float, aggregate: bool, limit: int | None = None,
                     detail_sessions: int = 3, read_first: str | None = None,
                     detail_floor: float = 0.0) -> SessionScores:
    """The features of every session the filters allow (the `limit` best by evidence, if given).

    A whole-corpus question is scored on its subject (`questions.topic`) and asks no detail; an
    ordinary question is scored whole, and the `detail_sessions` best sessions are read sentence by
    sentence for the details it asks (the others count as not stating them); `read_first` (a doc
    id) is read for details whatever its rank. A detail counts as stated only by a clause whose
    cosine with the question reaches `detail_floor` (the model's, fitted).
    """
    view = retriever.view()
    query = topic(question) if aggregate else question
    empty = SessionScores([], np.zeros((0, len(FEATURES))), [])
    if not view.row_of:
        return empty
    scores, sims = retriever.evidence(query)
    coverage = scores - sims  # evidence = cosine + keyword coverage (Retriever.evidence)
    bm25 = retriever.keyword_scores(query)
    mask = view.mask(filters)
    rows = np.arange(len(scores)) if mask is None else np.flatnonzero(mask)
    if not len(rows):
        return empty
    codes = view.doc_codes[rows]
    n_docs = len(view.doc_ids)

    def best_of(values: np.ndarray) -> np.ndarray:
        out = np.full(n_docs, -np.inf)
        np.maximum.at(out, codes, values[rows].astype(np.float64))
        return out

    evidence, dense, chunk_coverage, keyword = (best_of(v) for v in (scores, sims, coverage, bm25))
    order = rows[np.lexsort((-scores[rows], codes))]
    ordered_codes = view.doc_codes[order]
    firsts = order[np.concatenate(([True], ordered_codes[1:] != ordered_codes[:-1]))]
    best_row = {int(view.doc_codes[r]): int(r) for r in firsts}
    present = np.array(sorted(best_row, key=lambda c: -evidence[c]), dtype=np.int64)
    session_cov, common_cov, unknown = _session_coverage(retriever, query, rows, n_docs)
    top = float(evidence[present[0]])
    second = float(evidence[present[1]]) if len(present) > 1 else 0.0
    clearing = float(np.mean(evidence[present] >= floor))
    best_keyword = float(keyword[present].max()) if len(present) else 0.0
    missing_ids = _missing_identifiers(retriever, question, filters, n_docs)
    year_off = {} if aggregate else edition_unaligned(retriever, question, best_row)
    if limit is not None:
        present = present[:limit]
    reader = kind_reader(retriever.index.embedder.name, retriever.embed_many)
    details = [] if aggregate else asked_details(question, reader)
    read = [view.doc_ids[c] for c in present[:detail_sessions]]
    if read_first and read_first not in read:
        read.append(read_first)
    support = _detail_support(retriever, question, details, read, sims, detail_floor) if details else {}
    foreign = retriever.cross_lingual(question)
    owners = {} if aggregate or foreign else owner_alignment(retriever, question, details, read)
    unheld = 0.0 if aggregate or foreign else name_unheld(retriever, question)
    whole = best_of(retriever.evidence(question)[1]) if aggregate else dense
    table = np.zeros((len(present), len(FEATURES)))
    for i, code in enumerate(present):
        doc_id = view.doc_ids[code]
        stated, missing, sentence_coverage, sentence_dense, said_of_other = support.get(doc_id, NOT_READ)
        values = {
            "evidence": evidence[code], "dense": dense[code], "coverage": chunk_coverage[code],
            "session_coverage": session_cov[code], "common_coverage": common_cov[best_row[int(code)]],
            "bm25_share": keyword[code] / best_keyword if best_keyword > 0 else 0.0,
            "gap": top - evidence[code], "lead": top - second, "clearing": clearing,
            "asks_detail": 1.0 if details else 0.0, "detail_support": stated,
            "detail_missing": missing if details else 0.0, "detail_sentence_coverage": sentence_coverage,
            "detail_sentence_dense": sentence_dense,
            "question_dense": whole[code], "unknown_share": unknown,
            "identifier_missing": 1.0 if missing_ids[code] else 0.0,
            "detail_said_of_other": said_of_other,
            "year_unaligned": year_off.get(int(code), 0.0),
            "owner_unaligned": owners.get(doc_id, 0.0),
            "name_unheld": unheld,
        }
        table[i] = [values[name] for name in FEATURES]
    return SessionScores([view.doc_ids[c] for c in present], table, [best_row[int(c)] for c in present],
                         details)


def _session_coverage(retriever: Retriever, query: str, rows: np.ndarray,
                      n_docs: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Per session: the share (by rarity) of the query's concepts found anywhere in it; per chunk: the
    share of its common (not proper-noun) concepts the chunk holds (1 when it has none); and the
    share of the query's concepts the whole corpus never uses."""
    view = retriever.view()
    allowed = np.zeros(len(view.row_of), dtype=bool)
    allowed[rows] = True
    found = np.zeros(n_docs)
    common_rows = np.zeros(len(view.row_of))
    total = total_common = unknown = 0.0
    for concept in subject_concepts(query):
        postings, idf = view.postings(concept)
        total += idf
        if not len(postings):
            unknown += idf
        if not concept.proper:
            total_common += idf
            common_rows[postings] += idf
        if len(postings):
            held = np.unique(view.doc_codes[postings[allowed[postings]]])
            found[held] += idf
    share = found / total if total else found
    common = common_rows / total_common if total_common else np.ones(len(view.row_of))
    return share, common, unknown / total if total else 0.0


def edition_years(retriever: Retriever, question: str) -> set[int]:
    """The years a question names that can be an edition's (a session's year): within a year of the
    corpus's first and last session years. A target year ("by 2030") lies beyond them."""
    years = retriever.view().years
    dated = years[years > 0]
    if not len(dated):
        return set()
    first, last = int(dated.min()), int(dated.max())
    return {y for y in years_in(question) if first - 1 <= y <= last + 1}


def edition_unaligned(retriever: Retriever, question: str, best_row: dict[int, int]) -> dict[int, float]:
    """Per session of `best_row` (doc code -> its best chunk's row for the question): 1 when it is of
    another edition than the one asked, else 0.

    A session is of another edition when the question names edition years (`edition_years`) of
    which none is the session's year and none is written in the session's best passage for the
    question: "the 2024 meeting on X" answered from the 2022 one. (A year whose sessions cover the
    question has already become a filter, and left the question, in `AskService.prepare`.) The
    passage, not the whole session: most outcome documents name the next edition's year in passing
    ("suggestions for the WSIS Forum 2023"), while a passage answering a question about a year
    ("adopted in 2021") holds it."""
    asked_years = edition_years(retriever, question)
    if not asked_years:
        return {}
    view = retriever.view()
    metas, texts = view.snapshot.metadatas, view.snapshot.texts
    off: dict[int, float] = {}
    for code, row in best_row.items():
        written = years_in(f"{texts[row]} {metas[row].get('title', '')}")
        off[code] = 0.0 if int(view.years[row]) in asked_years or asked_years & written else 1.0
    return off


NAME_EDGES = "’'-.?,;:!\"()"  # punctuation around a name as written in a question


def name_holders(retriever: Retriever, question: str) -> dict[str, np.ndarray]:
    """The question's names (capitalised words and acronyms of three letters or more, as written in
    the question), each with the sessions (a mask over doc codes) that hold it anywhere: text, title
    or organisers. A name is read as a proper noun ("Mexican" is held by "Mexico"), a hyphenated one
    by any of its parts; one no session holds so is looked for in its other forms (`name_forms`:
    unaccented, another form of the same country, the words its acronym spells, a close spelling).
    A refusal names those its closest sessions never hold (`AskService`).

    (As a feature of the model, the share of these names a *session* never holds was fitted and
    measured held out in issue 23's round 11: it changed no decision on any set. What is one since
    round 12 is `name_unheld`: a name no session of the whole index holds.)"""
    keys = {n for n in named_words(question) if len(n) > 2}
    bare = {w.strip(NAME_EDGES): None for w in question.split()}
    written = {w.lower().removesuffix("’s").removesuffix("'s"): w.removesuffix("’s").removesuffix("'s")
               for w in bare}
    holders: dict[str, np.ndarray] = {}
    for key in sorted(keys):
        if not subject_concepts(key):
            continue
        held = _held_as_written(retriever, key)
        if not held.any():
            held = _held_in_another_form(retriever, key, written.get(key, key))
        holders[written.get(key, key)] = held
    return holders


def _held_as_written(retriever: Retriever, key: str) -> np.ndarray:
    """The sessions (a mask over doc codes) holding a name word as a proper noun, by its stem."""
    view = retriever.view()
    held = np.zeros(len(view.doc_ids), dtype=bool)
    for concept in subject_concepts(key):
        rows, _ = view.postings(Concept(concept.alternatives, proper=True))
        held[np.unique(view.doc_codes[rows])] = True
    if len(key) > STEM and key.isalpha():  # "Mexican" is held by "Mexico", "Slovenian" by "Slovenia"
        for term in _terms_beginning(retriever, key[:STEM]):
            held[np.unique(view.doc_codes[view.term_rows(term)])] = True
    return held


def _held_in_another_form(retriever: Retriever, key: str, written: str) -> np.ndarray:
    """The sessions holding a name no session holds as written in another form (`name_forms`): without
    its accents, as another form of the same country, as the words an acronym spells, or spelt a
    little otherwise. Each is tried only while none holds it, in that order."""
    view = retriever.view()
    held = np.zeros(len(view.doc_ids), dtype=bool)
    folded = fold(key)
    if folded != key and subject_concepts(folded):
        held |= _held_as_written(retriever, folded)
    for form in sorted(country_forms(folded) - {folded}):  # a name of two words is held by both
        words = [w for w in form.split() if subject_concepts(w)]
        if words:
            held |= np.logical_and.reduce([_held_as_written(retriever, w) for w in words])
    if not held.any() and is_acronym(written):
        for runs, code in _runs_by_session(retriever):
            if spelt_in(folded, runs):
                held[code] = True
    if not held.any():
        vocabulary = retriever.view().snapshot.bm25
        for term in close_spellings(folded, vocabulary.vocab_dict if vocabulary is not None else ()):
            held[np.unique(view.doc_codes[view.term_rows(term)])] = True
    return held


_RUNS: dict[int, tuple[object, list[tuple[list[tuple[str, ...]], int]]]] = {}


def _runs_by_session(retriever: Retriever) -> list[tuple[list[tuple[str, ...]], int]]:
    """Per session (its doc code): the runs of capitalised words (`name_forms.name_runs`) of its text,
    title and organisers, where an acronym's words are looked for. Read once per index snapshot."""
    view = retriever.view()
    cached = _RUNS.get(id(retriever))
    if cached is not None and cached[0] is view.snapshot:
        return cached[1]
    texts: dict[int, list[str]] = {}
    snapshot = view.snapshot
    for row, text in enumerate(snapshot.texts):
        code = int(view.doc_codes[row])
        if code not in texts:
            meta = snapshot.metadatas[row]
            texts[code] = [str(meta.get("title") or ""), str(meta.get("organisers") or "")]
        texts[code].append(text)
    found = [(sorted({run for text in parts for run in name_runs(text) if len(run) > 1}), code)
             for code, parts in texts.items()]
    _RUNS.clear()
    _RUNS[id(retriever)] = (snapshot, found)
    return found


_COMMON: dict[int, tuple[object, frozenset[str]]] = {}


def corpus_common_words(retriever: Retriever) -> frozenset[str]:
    """The words the index's passages write in lower case (`answerability.common_words`): a run of
    capitalised words holding one names a thing, not a person or a place. Read once per snapshot."""
    snapshot = retriever.view().snapshot
    cached = _COMMON.get(id(retriever))
    if cached is not None and cached[0] is snapshot:
        return cached[1]
    found = common_words(snapshot.texts)
    _COMMON.clear()
    _COMMON[id(retriever)] = (snapshot, found)
    return found


SHORT_CLAUSE = 4  # a stating clause of fewer words is read with its sentence (what the figure is of)


def asking_segments(question: str) -> list[str]:
    """The parts of a question asking more than one thing, one per asking phrase
    (`detail_kinds.asking_phrases`: from one interrogative to the next, the joining "and" left out);
    empty for a question with one asking phrase."""
    phrases = asking_phrases(question)
    if len(phrases) < 2:
        return []
    segments = [re.sub(r"(?:[\s,;:]+(?:and|or|but|then))?[\s,;:?]*$", "", p.segment) for p in phrases]
    return [s for s in segments if s]


OWNER_SENTENCES = 3  # sentences per session read for whose detail they state
RARE_SHARE = 0.5  # a name held by more sessions than this share names no one detail's owner


def name_rarity(retriever: Retriever) -> Rare:
    """Whether a name word (a key of `owners.name_runs`) is rare in the index: held (as a proper noun,
    anywhere in a session) by at most RARE_SHARE of its sessions, none included. The Forum's own
    names and its convener's are held by most sessions and tell no owner from another."""
    view = retriever.view()
    n_docs = max(1, len(view.doc_ids))
    known: dict[str, bool] = {}

    def rare(key: str) -> bool:
        if key not in known:
            concepts = subject_concepts(key)
            if not concepts:
                known[key] = False
                return False
            held: set[int] | None = None
            for concept in concepts:
                rows, _ = view.postings(Concept(concept.alternatives, proper=True))
                codes = set(np.unique(view.doc_codes[rows]).tolist()) if len(rows) else set()
                held = codes if held is None else held & codes
            known[key] = len(held or set()) / n_docs <= RARE_SHARE
        return known[key]

    return rare


def owner_alignment(retriever: Retriever, question: str, details: list[AskedDetail],
                    sessions: list[str]) -> dict[str, float]:
    """Per session read for details: `owners.owner_unaligned` of the OWNER_SENTENCES sentences that
    best speak of the question's subject (keyword coverage of the question without its owner names
    and asked-detail words), the least unaligned of them: a session is marked only when none of its
    sentences closest to the subject speaks of the owner asked, and none speaks of the asked owners
    together (`owners.names_together`). 0 when the question names no owner."""
    rare = name_rarity(retriever)
    owners = owner_runs(question, rare)
    if not owners or not sessions:
        return {}
    unwanted = detail_words(question, details) if details else set()
    subject = " ".join(w for w in question.split() if w.lower().strip("?,.;:'’") not in unwanted)
    scorer = retriever.text_scorer(without_names(subject, owners))
    scored: dict[str, list[tuple[float, str]]] = {}
    titles: dict[str, str] = {}
    together: set[str] = set()  # sessions with a sentence speaking of every asked owner, whatever its subject
    for chunk in retriever.session_chunks(sessions):
        title = titles.setdefault(chunk.doc_id, str(chunk.metadata.get("title") or ""))
        for sentence in split_sentences(chunk.text) or [chunk.text]:
            score = scorer(sentence)
            if score > 0:
                scored.setdefault(chunk.doc_id, []).append((score, sentence))
            if chunk.doc_id not in together and names_together(owners, sentence, rare, title):
                together.add(chunk.doc_id)
    return {doc: 0.0 if doc in together
            else min(owner_unaligned(owners, sentence, rare, titles[doc])
                     for _, sentence in sorted(values, key=lambda v: -v[0])[:OWNER_SENTENCES])
            for doc, values in scored.items()}


def name_unheld(retriever: Retriever, question: str) -> float:
    """1 when the question names something (a capitalised word or acronym of three letters or more,
    read by its stem and parts as `name_holders` reads it) that no indexed session holds at all."""
    return 1.0 if any(not held.any() for held in name_holders(retriever, question).values()) else 0.0


def _terms_beginning(retriever: Retriever, prefix: str) -> list[str]:
    """The keyword index's terms that begin with a prefix (a name's stem, `said_of.STEM` letters)."""
    bm25 = retriever.view().snapshot.bm25
    return [t for t in (bm25.vocab_dict if bm25 is not None else {}) if t.startswith(prefix)]


def _missing_identifiers(retriever: Retriever, question: str, filters: SearchFilters | None,
                         n_docs: int) -> np.ndarray:
    """Per session: True when the question names an exact identifier ("C5", "5G") it never mentions."""
    missing = np.zeros(n_docs, dtype=bool)
    view = retriever.view()
    for name in identifiers(question):
        concepts = subject_concepts(name)
        if not concepts:
            continue
        having = set(retriever.sessions_with(concepts[:1], filters))
        missing |= np.array([doc not in having for doc in view.doc_ids], dtype=bool)
    return missing


def _detail_support(retriever: Retriever, question: str, details: list[AskedDetail], sessions: list[str],
                    sims: np.ndarray, floor: float = 0.0
                    ) -> dict[str, tuple[float, float, float, float, float]]:
    """Per session, averaged over the details the question asks (a question stating one of two
    details is half answered, not unanswered): each detail's best sentence score (subject coverage
    of the sentence with its session's context, plus its chunk's cosine; 0 when no sentence states
    it), the share of details no sentence states, the best sentence's own coverage of the subject,
    and the best cosine between the question and a clause holding the detail in one of its
    DETAIL_CANDIDATES best sentences (embedded in one batch): what the figure, date or name is said
    of, not the whole sentence around it. A sentence states a detail only in a clause about the
    asked years (`stating_clauses`), and only when that cosine reaches `floor`: a figure said of
    something else than what is asked (online participants for the in-person week) is not the
    asked detail. The last is the share of the asked details whose every stating sentence is said of
    another named thing than the question's (`said_of.names_other`)."""
    view = retriever.view()
    reader = kind_reader(retriever.index.embedder.name, retriever.embed_many)
    unwanted = detail_words(question, details)
    subject = " ".join(w for w in question.split() if w.lower().strip("?,.;:'’") not in unwanted)
    scorer = retriever.text_scorer(subject)
    asked_years = years_in(question)
    read_value = said_of(question)
    foreign = retriever.cross_lingual(question)
    common = corpus_common_words(retriever)
    context: dict[str, str] = {}
    found: dict[tuple[str, AskedDetail], list[tuple[float, str, list[str]]]] = {}
    timed = any(d.kind == "time" for d in details)
    for chunk in retriever.session_chunks(sessions):
        about = session_context(chunk)
        sentences = split_sentences(chunk.text) or [chunk.text]
        if timed and chunk.doc_id not in context:  # a time of day is most often on the date line
            sentences.append(f"{chunk.metadata.get('title') or ''} ({chunk.metadata.get('date') or ''})")
        context.setdefault(chunk.doc_id, about)
        similarity = float(sims[view.row_of[chunk.chunk_id]])
        session_year = int(chunk.metadata.get("year") or 0) or None
        for sentence in sentences:
            # the clauses holding a token of the detail's kind, for the years asked about
            # (a detail the learned reader found, in a wording the rules do not know, is read with its
            # sentence as well: "80% of them" says what it counts only with the clause before it)
            # (so is a clause of a few words, the figure or date alone: "2022–2032" in brackets says
            # what it is of only with the words around it)
            stating = {d: spans + ([sentence] if (d.part or any(len(s.split()) < SHORT_CLAUSE for s in spans))
                                   and sentence not in spans else []) for d in details
                       if (spans := stating_clauses(d, sentence, asked_years, session_year, common))}
            if not stating:
                continue
            score = scorer(f"{sentence} {about}") + similarity
            for detail, spans in stating.items():
                found.setdefault((chunk.doc_id, detail), []).append((score, sentence, spans))
    best = {key: sorted(values, key=lambda v: -v[0])[:DETAIL_CANDIDATES] for key, values in found.items()}
    # what each candidate figure, date or name is about: its clause, compared with the question
    texts = list(dict.fromkeys(span for values in best.values() for _, _, spans in values for span in spans))
    # a question in two parts asks each detail in one part: a clause answering that part is compared
    # with it too ("…, and how large was its pool of learners?" read against "12,000 learners")
    # (and a detail the learned reader found is compared with the part it was read in); a question
    # asking more than one thing without the break `compound_parts` reads (", and over what period?",
    # "… and on which day …") is split at its asking phrases (`asking_segments`) alike
    parts = list(dict.fromkeys([*(compound_parts(question) or ()), *asking_segments(question)]))
    kinds_of = {p: {a.kind for a in asked_details(p, reader)} for p in parts}
    asking = {d: list(dict.fromkeys([question] + [p for p in parts if d.kind in kinds_of[p]]
                                    + ([d.part] if d.part and d.part != question else [])))
              for d in details}
    cosine: dict[tuple[AskedDetail, str], float] = {}
    if texts:
        asked_texts = list(dict.fromkeys(t for ts in asking.values() for t in ts))
        vectors = retriever.index.embedder.encode(texts + asked_texts[1:])
        span_vectors, part_vectors = vectors[:len(texts)], vectors[len(texts):]
        asked = {question: np.asarray(retriever.embed(question), dtype=np.float32),
                 **dict(zip(asked_texts[1:], part_vectors, strict=True))}
        cosine = {(d, t): max(float(v @ asked[a]) for a in asking[d])
                  for d in details for t, v in zip(texts, span_vectors, strict=True)}
    aligned = {key: values for key, values in best.items()
               if max(cosine[(key[1], t)] for _, _, spans in values for t in spans) >= floor}
    support: dict[str, tuple[float, float, float, float, float]] = {}
    for doc_id in sessions:
        per_detail = [aligned.get((doc_id, d), []) for d in details]
        # a detail is said of another named thing only when each sentence stating it is (names are
        # compared as written: a question in another language names things in its own words)
        other = [bool(v) and not foreign and all(read_value(sentence, context.get(doc_id, ""))
                                                 for _, sentence, _ in v)
                 for v in per_detail]
        support[doc_id] = (
            float(np.mean([v[0][0] if v else 0.0 for v in per_detail])),
            float(np.mean([0.0 if v else 1.0 for v in per_detail])),
            float(np.mean([scorer(v[0][1]) if v else 0.0 for v in per_detail])),
            float(np.mean([max(cosine[(d, t)] for _, _, spans in v for t in spans) if v else 0.0
                           for d, v in zip(details, per_detail, strict=True)])),
            float(np.mean(other)),
        )
    return support
