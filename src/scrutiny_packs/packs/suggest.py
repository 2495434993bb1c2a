"""Which of the bank's questions fit an agenda item: its title (and any text) in, questions ranked out.

The vocabulary is the glossary's: every way of writing a term (the term, its other spellings, what
it stands for, its current name and its search words) counts as that one term, so an item called
"MASH performance" finds questions about the front door, and "Domestic abuse" finds those written
"domestic violence". Words are compared after a light stemming, so "referrals" meets "referral".

Each question is read with its areas (their names and descriptions, and their parents' names) and
tags, so an item that names an area finds the area's questions even where their own words differ.
The score is BM25 over those weighted fields; ties keep the bank's order.

One module, so that anything else that ranks questions for words (the site's search) can read the
same ``tokens`` and the same weights.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from scrutiny_packs.model import Bank, Question, Term
from scrutiny_packs.text.glossary import Glossary, is_abbreviation

CONCEPT = "~"  # prefix of a glossary term's token, e.g. "~front-door"
K1, B = 1.2, 0.6
# How much a match in each part of a question counts.
WEIGHTS = {"text": 1.0, "area": 2.5, "parent": 0.5, "area_description": 0.5, "tags": 1.0, "listen_for": 0.0}
QUERY_CONCEPT_WEIGHT = 2.0  # a glossary term in the item's title counts twice a plain word
IN_TERM_WEIGHT = 0.4  # a word inside a glossary term in the title, e.g. 'social' in "children's social care"
RELATED_WEIGHT = 0.5  # a term's search words, and the terms they name, count half

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "report",
        "reports",
        "the",
        "their",
        "this",
        "to",
        "update",
        "with",
        "what",
        "which",
        "who",
        "will",
        "you",
        "your",
        "we",
        "us",
        "item",
        "items",
        "annual",
        "review",
        "council",
        "councils",
        "local",
        "authority",
        "authority's",
        "borough",
        "county",
        "city",
        "panel",
        "committee",
        "scrutiny",
        "meeting",
        "report's",
        "progress",
        "overview",
        "position",
        "paper",
        "verbal",
        "briefing",
        "presentation",
    ]
)
_WORDS = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """A word's stem, enough to meet its plural or verb form: 'referrals' -> 'referral'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The text's words, lower-cased, stemmed, without the words every agenda uses."""
    text = text.replace("\u2019", "'").lower().replace("'s", "")
    return [stem(w) for w in _WORDS.findall(text) if w not in STOPWORDS and len(w) > 1]


def _search_glossary(terms: tuple[Term, ...]) -> Glossary:
    """The glossary with every form a reader might type for a term: its own forms, its current name
    and its search words, each standing for the term."""
    extra = []
    for term in terms:
        more = list(term.search_terms) + ([term.now_called.term] if term.now_called else [])
        extra += [replace(term, term=form, also_written=(), stands_for="") for form in more if form.strip()]
    return Glossary(list(terms) + extra)


@dataclass(frozen=True, slots=True)
class Suggestion:
    question: Question
    score: float
    matched: tuple[str, ...]  # what the item and the question share: words and glossary terms


class Suggester:
    """The bank's questions indexed once; ``rank`` answers any number of agenda items."""

    def __init__(self, bank: Bank):
        self.bank = bank
        self.glossary = _search_glossary(tuple(bank.glossary.values()))
        self.docs: list[tuple[Question, dict[str, float]]] = []
        for q in bank.questions.values():
            if not q.retired:
                self.docs.append((q, self._question_tokens(q)))
        self.length = {q.id: sum(tf.values()) for q, tf in self.docs}
        self.average = (sum(self.length.values()) / len(self.length)) if self.length else 1.0
        df: Counter[str] = Counter()
        for _, tf in self.docs:
            df.update(tf.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def tokens(self, text: str) -> Counter[str]:
        """A text's tokens: its stemmed words, and each glossary term it uses as one concept token."""
        out = Counter(words(text))
        for use in self.glossary.uses(text):
            out[CONCEPT + use.term.id] += 1
        return out

    def _question_tokens(self, q: Question) -> dict[str, float]:
        weighted: dict[str, float] = {}

        def add(text: str, weight: float) -> None:
            if not weight:
                return
            for token, count in self.tokens(text).items():
                weighted[token] = weighted.get(token, 0.0) + count * weight

        add(q.text, WEIGHTS["text"])
        for area_id in q.areas:
            area = self.bank.areas.get(area_id)
            if area is None:
                continue
            add(area.name, WEIGHTS["area"])
            add(area.description or "", WEIGHTS["area_description"])
            for parent in self.bank.area_trail(area_id)[:-1]:
                add(parent.name, WEIGHTS["parent"])
        add(" ".join(t.replace("-", " ") for t in q.tags), WEIGHTS["tags"])
        add(" ".join(q.listen_for), WEIGHTS["listen_for"])
        return weighted

    def query_weights(self, text: str) -> dict[str, float]:
        """What an item's words ask for, and how much each counts: its words, its glossary terms
        (double), and each term's search words and the terms they name (half: related, not the same)."""
        weights: dict[str, float] = {}
        uses = self.glossary.uses(text)
        inside = Counter(w for use in uses for w in words(use.text(text)))
        for token in self.tokens(text):
            if token.startswith(CONCEPT):
                weights[token] = QUERY_CONCEPT_WEIGHT
            else:  # a word that is part of a term counts less: the term already counts it
                weights[token] = IN_TERM_WEIGHT if token in inside else 1.0
        for token in list(weights):
            term = self.bank.glossary.get(token[len(CONCEPT) :]) if token.startswith(CONCEPT) else None
            for related in term.search_terms if term else ():
                for extra in self.tokens(related):
                    weights.setdefault(extra, RELATED_WEIGHT)
        return weights

    def rank(self, text: str, audience: str | None = None, n: int = 5) -> list[Suggestion]:
        """The ``n`` questions that best fit ``text`` (for ``audience``, if given), best first.
        A question sharing nothing with the text is never suggested."""
        weights = self.query_weights(text)
        scored = []
        for position, (q, tf) in enumerate(self.docs):
            if audience and audience not in q.audiences:
                continue
            score, matched = 0.0, []
            norm = K1 * (1 - B + B * self.length[q.id] / self.average)
            for token, weight in weights.items():
                f = tf.get(token)
                if not f:
                    continue
                score += weight * self.idf[token] * f * (K1 + 1) / (f + norm)
                matched.append(token)
            if score > 0:
                scored.append((-score, position, Suggestion(q, score, tuple(matched))))
        scored.sort(key=lambda s: (s[0], s[1]))
        return [s for _, _, s in scored[: max(n, 0)]]

    def browser_data(self) -> dict:
        """What the browser needs to rank as ``rank`` does (overrides/assets/javascripts/plan/suggest.js):
        the words left out, the glossary's forms longest first (with whether each is an abbreviation,
        matched only as written), each term's related tokens, and each question's weighted tokens with
        the index's idf and lengths. The rule stays here; the browser only repeats the arithmetic."""
        related: dict[str, list[str]] = {}
        for term_id, term in self.bank.glossary.items():
            extra = [t for r in term.search_terms for t in self.tokens(r)]
            if extra:
                related[term_id] = list(dict.fromkeys(extra))
        return {
            "concept": CONCEPT,
            "k1": K1,
            "b": B,
            "queryConceptWeight": QUERY_CONCEPT_WEIGHT,
            "inTermWeight": IN_TERM_WEIGHT,
            "relatedWeight": RELATED_WEIGHT,
            "stopwords": sorted(STOPWORDS),
            "forms": [[form, term.id, 1 if is_abbreviation(form) else 0] for form, term in self.glossary.forms()],
            "related": related,
            "idf": self.idf,
            "average": self.average,
            "docs": [
                {"id": q.id, "audiences": list(q.audiences), "length": self.length[q.id], "tf": tf}
                for q, tf in self.docs
            ],
        }


_last: list[Suggester] = []  # the last bank's index (it holds the bank, so its id stays its own)


def suggester(bank: Bank) -> Suggester:
    """The index for this bank, made once (a bank is not changed once loaded)."""
    if not _last or _last[0].bank is not bank:
        _last[:] = [Suggester(bank)]
    return _last[0]


def suggest(bank: Bank, text: str, audience: str | None = None, n: int = 5) -> list[Suggestion]:
    """The ``n`` questions that best fit an agenda item's title and text, best first."""
    return suggester(bank).rank(text, audience, n)
