"""The grounding verdict: is a claim supported by its evidence?

Supported means close in meaning to the evidence (embedding similarity) AND no fact test fails (see
`facts`). Embeddings alone cannot see a swapped number or a dropped "not" (they score such near-copies
higher than a true paraphrase), so the fact tests are what catch hallucinated facts. The verdict is a
pure function of the claim and the evidence texts: it changes nothing on any item.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.config import GroundingThresholds
from assistant.domain.sentences import split_sentences
from assistant.drafting.checks.alignment import (
    AlignedClauses,
    EvidenceUnit,
    Part,
    absent_kind,
    claim_clauses,
    clauses,
    credits_unit_speaker,
    modality_parts,
    negated,
    polarity_agrees,
    polarity_parts,
    speaker_parts,
    structure_parts,
    without_credit,
    without_negation,
)
from assistant.drafting.checks.change import change_clash
from assistant.drafting.checks.condition import condition_clash
from assistant.drafting.checks.facts import anchors, is_conflict, missing_facts
from assistant.drafting.checks.figures import short_of_clashes
from assistant.drafting.checks.measures import unit_clashes
from assistant.drafting.checks.polarity import NAME_WORD, stems
from assistant.drafting.checks.rank import rank_clash
from assistant.drafting.checks.reach import level_clash, reach_clash
from assistant.drafting.checks.scales import scale_clash
from assistant.drafting.checks.stage import stage_clash
from assistant.drafting.checks.text import prepare
from assistant.drafting.checks.vocabulary import spelled_out
from assistant.drafting.checks.weights import CheckerWeights, load_weights

if TYPE_CHECKING:
    from assistant.corpus.embeddings import Embedder


SIMILARITY_FLOOR = GroundingThresholds().similarity_floor  # the default, for reports and tests
CACHE_SIZE = 20_000

VERDICT_CACHE = 20_000  # verdicts a checker remembers (`check_units`) before it starts afresh


@dataclass
class GroundingVerdict:
    """Whether a claim is supported by its evidence, how similar they are, and what is missing."""

    supported: bool
    similarity: float
    missing: list[str] = field(default_factory=list)
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        data = asdict(self)
        data["similarity"] = round(float(self.similarity), 3)
        return data


class GroundingChecker:
    """Checks claims against evidence: similarity plus figures, dates, names and negations."""

    def __init__(self, embedder: Embedder, thresholds: GroundingThresholds | None = None) -> None:
        self.embedder = embedder
        self.thresholds = thresholds or GroundingThresholds()
        self.threshold = self.thresholds.similarity_floor
        self.weights: CheckerWeights = load_weights()
        self._cache: dict[str, np.ndarray] = {}
        self._verdicts: dict[tuple[str, str, tuple[tuple[str, str], ...]], GroundingVerdict] = {}
        self._lock = threading.Lock()

    # -- public API ---------------------------------------------------------------------------
    def check(self, claim: str, evidence: list[str]) -> GroundingVerdict:
        """Is `claim` supported by the `evidence` texts? (one claim; see `check_many` for batches)."""
        return self.check_many([(claim, evidence)])[0]

    def check_many(self, pairs: list[tuple[str, list[str]]]) -> list[GroundingVerdict]:
        """Check many (claim, evidence texts) pairs with few embedding batches (speakers unknown)."""
        return self.check_units([(claim, [EvidenceUnit(e) for e in evidence]) for claim, evidence in pairs])

    def check_units(self, pairs: list[tuple[str, list[EvidenceUnit]]]) -> list[GroundingVerdict]:
        """Check many (claim, evidence units) pairs; a unit may carry the speaker the notes give it.

        A verdict depends only on the claim and its units, so each is computed once per checker:
        the drafter's self-check and the draft's final check ask for the same items
        (`drafting.self_check`). Each call gets its own copies.
        """
        # floors and weights are part of the key: fitting them re-checks the same pairs (fit_checker)
        setting = f"{self.threshold!r} {self.thresholds!r} {self.weights!r}"
        keys = [(setting, claim, tuple((u.text, u.speaker) for u in units)) for claim, units in pairs]
        with self._lock:
            known = {key: self._verdicts[key] for key in keys if key in self._verdicts}
        todo = list(dict.fromkeys(key for key in keys if key not in known))
        if todo:
            fresh = self._check_units([pairs[keys.index(key)] for key in todo])
            with self._lock:
                if len(self._verdicts) > VERDICT_CACHE:
                    self._verdicts.clear()
                for key, verdict in zip(todo, fresh, strict=True):
                    self._verdicts[key] = verdict
                    known[key] = verdict
        return [replace(known[key], missing=list(known[key].missing)) for key in keys]

    def _check_units(self, pairs: list[tuple[str, list[EvidenceUnit]]]) -> list[GroundingVerdict]:
        """`check_units` without its memory of verdicts.

        Claims are first compared with their whole evidence texts; only pairs that fall short are
        compared again with the single sentences of their evidence (a short claim drawn from a long
        line is closer to its own sentence than to the whole line). The clauses of the evidence that
        say what the claim says are then found by meaning, for the alignment of polarity, modality
        and speaker (`alignment`).
        """
        prepared = [
            (prepare(claim), [prepare(u.text) for u in units if u.text and u.text.strip()])
            for claim, units in pairs
        ]
        first: list[str] = []
        for claim, evidence in prepared:
            first.append(claim)
            first.extend(evidence)
            if len(evidence) > 1:
                first.append(" ".join(evidence))
        vectors = self._embed(first)
        sims = []
        for claim, evidence in prepared:
            options = evidence + ([" ".join(evidence)] if len(evidence) > 1 else [])
            sims.append(max((float(vectors[claim] @ vectors[e]) for e in options), default=0.0))
        retry = [i for i, sim in enumerate(sims) if 0 < sim < self.threshold]
        pieces = {i: [p for e in prepared[i][1] for p in _evidence_sentences(e)] for i in retry}
        vectors.update(self._embed([p for group in pieces.values() for p in group]))
        for i, group in pieces.items():
            claim_vector = vectors[prepared[i][0]]
            if group:
                sims[i] = max([sims[i]] + [float(claim_vector @ vectors[p]) for p in group])
        aligned = self._aligned_clauses(pairs, prepared)
        verdicts = []
        for (claim, units), (_, usable), sim, found in zip(pairs, prepared, sims, aligned, strict=True):
            if not usable:
                verdicts.append(GroundingVerdict(False, 0.0, [], "no evidence"))
            else:
                verdicts.append(self._verdict(claim, units, sim, found))
        return verdicts

    def _aligned_clauses(
        self, pairs: list[tuple[str, list[EvidenceUnit]]], prepared: list[tuple[str, list[str]]],
    ) -> list[AlignedClauses]:
        """For each pair, the evidence clauses closest in meaning to the claim, and its polarity shift."""
        weights = self.weights
        per_pair: list[list[tuple[int, str]]] = []
        for (_, units), _ in zip(pairs, prepared, strict=True):
            found = [
                (n, prepare(c)) for n, unit in enumerate(units) if unit.text and unit.text.strip()
                for c in clauses(unit.text)
            ]
            per_pair.append(found)
        vectors = self._embed([c for found in per_pair for _, c in found])
        results: list[AlignedClauses] = []
        # (pair, claim clause, its variant, evidence clause, its variant)
        variants: list[tuple[int, str, str, str, str]] = []
        for i, ((claim, _), found) in enumerate(zip(prepared, per_pair, strict=True)):
            if not found:
                results.append(AlignedClauses())
                continue
            parts = claim_clauses(claim)
            # each part is aligned by what it says, not by the name it credits (a label line naming
            # that speaker would otherwise outrank the clause that states the point)
            said = {part: without_credit(part) for part in parts}
            part_vectors = self._embed(list(said.values()))
            result = AlignedClauses(every=[c for _, c in found])
            # the unit that says what the claim says is found without the name it credits, or the
            # line that only names that person would win on the name alone
            content = without_credit(claim)
            overall = self._embed([content])[content]
            scored = [(float(overall @ vectors[c]), n, c) for n, c in found]
            result.unit = max(scored)[1]
            for part in parts:
                scored = [(float(part_vectors[said[part]] @ vectors[c]), n, c) for n, c in found]
                best = max(scored)
                chosen = [c for sim, _, c in scored if sim >= best[0] - weights.clause_margin]
                chosen += [c for c in _most_shared(part, [c for _, c in found]) if c not in chosen]
                result.pairs.append((part, chosen))
                result.clauses += [c for c in chosen if c not in result.clauses]
                if negated(part) != negated(best[2]):
                    if negated(part):
                        variants.append((i, part, without_negation(part), best[2], best[2]))
                    else:
                        variants.append((i, part, part, best[2], without_negation(best[2])))
            results.append(result)
        if variants:
            vectors = self._embed([t for _, *texts in variants for t in texts])
            for i, part, part_variant, clause, clause_variant in variants:
                before = float(vectors[part] @ vectors[clause])
                after = float(vectors[part_variant] @ vectors[clause_variant])
                results[i].polarity_shift = max(results[i].polarity_shift, after - before)
        return results

    def similarities(self, claim: str, texts: list[str]) -> list[float]:
        """Embedding similarity of a claim to each text (as the verdict compares them), one batch."""
        prepared = [prepare(t) for t in texts]
        vectors = self._embed([prepare(claim), *prepared])
        claim_vector = vectors[prepare(claim)]
        return [float(claim_vector @ vectors[t]) for t in prepared]

    def _embed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors of the texts: cached ones reused, the others embedded in one batch.

        Each text is embedded with its acronyms written out (`SG (Secretary-General)`): the model
        reads "SG" as two letters, and terse notes then sit further from their own sentence than an
        unrelated one does.
        """
        wanted = list(dict.fromkeys(texts))
        with self._lock:
            found = {t: self._cache[t] for t in wanted if t in self._cache}
        new = [t for t in wanted if t not in found]
        if new:
            vectors = self.embedder.encode([spelled_out(t) for t in new])
            fresh = dict(zip(new, vectors, strict=True))
            found.update(fresh)
            with self._lock:
                if len(self._cache) + len(new) > CACHE_SIZE:
                    self._cache.clear()
                self._cache.update(fresh)
        return found

    def verdict(self, claim: str, evidence: list[str], similarity: float) -> GroundingVerdict:
        """Combine a precomputed similarity with the fact tests into a verdict (no clause alignment)."""
        return self._verdict(claim, [EvidenceUnit(e) for e in evidence], similarity, AlignedClauses())

    def _verdict(
        self, claim: str, units: list[EvidenceUnit], similarity: float, aligned: AlignedClauses,
    ) -> GroundingVerdict:
        """Supported when every checkable part of the claim aligns and the rest is close in meaning."""
        if any(quoted_whole(claim, u.text) for u in units if u.text):
            # a claim that copies a whole statement of its evidence word for word says what it says
            return GroundingVerdict(supported=True, similarity=max(similarity, 1.0), reason="supported")
        # a unit whose speaker the notes know is read as the notes' own `Speaker: text` line, so the
        # name and speaker tests see who said it even when the evidence is a bullet under a heading
        joined = " \n ".join(_labelled(u) for u in units if u.text)
        missing = missing_facts(claim, joined, self.weights)
        claim_p, joined_p = prepare(claim), prepare(joined)
        if polarity_agrees(aligned):
            # each clause of the claim is negated exactly where the clauses it aligns with are, each
            # negator read within its segment ("did not reach a shared view" / "no consensus", "missed"
            # / "failed to meet"): the whole-text negation test saying otherwise is wrong
            missing = [m for m in missing if m not in {"negation", "the evidence's negation"}]
        parts = structure_parts(aligned)
        parts += [p for p in polarity_parts(claim_p, aligned, self.weights.polarity_margin)
                  if not (p.kind == "polarity" and any(q.kind == "polarity" for q in parts))]
        if not any(m.startswith("status:") for m in missing):
            parts += modality_parts(claim_p, aligned, joined_p)
        if not any(p.kind == "modality" for p in parts) and not any(m.startswith("status:") for m in missing):
            staged = stage_clash(claim_p, aligned.every or [joined_p])
            if staged:
                parts.append(Part("modality", *staged))
        if not any(p.kind in {"modality", "extent"} for p in parts):
            claim_parts = [part for part, _ in aligned.pairs] or [claim_p]
            restricted = reach_clash(claim_parts, aligned.every or [joined_p]) or level_clash(
                claim_parts, aligned.every or [joined_p])
            if restricted:
                parts.append(Part("extent", *restricted))
        if not any(p.kind == "modality" for p in parts) and not any(m.startswith("status:") for m in missing):
            conditional = condition_clash(claim_p, aligned.pairs or [(claim_p, aligned.every or [joined_p])])
            if conditional:
                parts.append(Part("condition", *conditional))
        parts += [Part("figure", *clash) for clash in unit_clashes(claim_p, joined_p)]
        parts += [Part("figure", *clash) for clash in short_of_clashes(claim_p, joined_p)]
        for claim_part, chosen in aligned.pairs or [(claim_p, [joined_p])]:
            scaled = scale_clash(claim_part, chosen or [joined_p])
            if scaled:
                parts.append(Part(*scaled))
                break
        changed = change_clash(claim_p, joined_p)
        if changed and not any(p.kind == "polarity" for p in parts):
            parts.append(Part("polarity", *changed))
        ranked = rank_clash(claim_p, joined_p)
        if ranked:
            parts.append(Part("rank", *ranked))
        if credits_unit_speaker(claim, units, aligned):
            # the notes reader says who spoke the unit the claim aligns with, and the claim credits
            # them: a guess from the evidence's labels saying otherwise is overruled
            missing = [m for m in missing if not m.startswith("speaker:")]
        elif not any(m.startswith("speaker:") for m in missing):
            parts += speaker_parts(claim, units, aligned)
        missing += [p.describe() for p in parts if p.describe() not in missing]
        floor = self.threshold
        if not missing and anchors(claim, joined) >= self.thresholds.anchors_for_lower_floor:
            floor = min(floor, self.thresholds.anchored_floor)
        reasons = []
        if similarity < floor:
            reasons.append(f"similarity {similarity:.2f} below {floor:.2f}")
        absent = [m for m in missing if not is_conflict(m)]
        conflicts = [m for m in missing if is_conflict(m)]
        if absent:
            reasons.append("not in the evidence: " + ", ".join(f"{absent_kind(m)} {m}" for m in absent))
        if conflicts:
            reasons.append("contradicts the evidence: " + ", ".join(conflicts))
        supported = not reasons
        return GroundingVerdict(
            supported=supported,
            similarity=similarity,
            missing=missing,
            reason="supported" if supported else "; ".join(reasons),
        )


MIN_SHARED_WORDS = 3  # content words a clause must share with a claim clause to align by its words


def _most_shared(part: str, texts: list[str]) -> list[str]:
    """The evidence clauses sharing the most content words with a claim clause (at least
    MIN_SHARED_WORDS, names left out): the clause that restates the claim word for word aligns with
    it even where the embedding ranks another clause of the line first (`portal English-only; local
    content absent` for a claim about local content on the portal)."""
    rest = part.split(None, 1)[1:]  # a sentence's first word is capitalised whatever it is
    said = stems(part) - stems(" ".join(NAME_WORD.findall(rest[0] if rest else "")))
    shared = [(len(stems(t) & said), t) for t in texts]
    most = max((n for n, _ in shared), default=0)
    return [t for n, t in shared if n == most] if most >= MIN_SHARED_WORDS else []


def _labelled(unit: EvidenceUnit) -> str:
    """The unit's text, after its speaker's name when the notes know one the text does not state."""
    text = unit.text.strip()
    if not unit.speaker or unit.speaker.split("(")[0].strip() in text:
        return text
    return f"{unit.speaker}: {text.lstrip('-*• ')}"


def _evidence_sentences(text: str) -> list[str]:
    """The sentences of an evidence line, so a claim made from one of them is compared with it alone."""
    parts = [p.removesuffix(";") for p in split_sentences(text, lowercase_starts=True, semicolons="always")]
    parts = [p for p in parts if len(p.split()) >= 3]
    return parts if len(parts) > 1 else []


QUOTE_MIN_WORDS = 6  # a shorter run of the evidence's words may be a fragment that changes its sense
# where a statement of the evidence starts or ends: its edges, a sentence's end, a label's colon, a
# bullet, a semicolon
STATEMENT_EDGE = re.compile(r"(?:^|[.!?:;\n•*]|\s[-–—]\s)\s*$")
STATEMENT_END = re.compile(r"^\s*(?:$|[.!?;\n])")


def _plain(text: str) -> str:
    """Lower case, one space, one kind of quote mark, no citation marks (`[3]`)."""
    text = re.sub(r"\s*\[\d+(?:[,\s]+\d+)*\]", "", text)
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def quoted_whole(claim: str, evidence: str) -> bool:
    """Does the claim copy, word for word, whole statements of the evidence (starting and ending where
    statements do, so no negation or condition around them is dropped)?"""
    said = _plain(claim).rstrip(" .!;")
    if len(said.split()) < QUOTE_MIN_WORDS:
        return False
    text = _plain(evidence)
    start = text.find(said)
    while start >= 0:
        if STATEMENT_EDGE.search(text[:start]) and STATEMENT_END.search(text[start + len(said):]):
            return True
        start = text.find(said, start + 1)
    return False

