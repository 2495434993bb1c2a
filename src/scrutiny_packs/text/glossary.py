"""Finding the glossary's terms in text: the one place that decides what counts as a use of a term.

A term is used where one of its forms (the term, its other spellings, what it stands for) occurs
as whole words. Abbreviations (a form with a capital after its first letter, e.g. 'SCR', 'A&E',
'DfE', 'GPs') match only as written, so 'cin' or 'Cp' in a sentence are not terms; every other
form matches in any case ('Early help', 'early help'). Where forms overlap the longest wins:
'child protection conference' is one term, not 'child protection' and a word.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from markupsafe import Markup

from scrutiny_packs.model import Term

_WORD = "A-Za-z0-9"
_APOSTROPHES = "'\u2019"
_RUN = re.compile(f"[{_WORD}]+")
# The only characters outside ASCII that a case-insensitive ASCII letter matches (long s, Kelvin sign,
# dotted and dotless i): a text holding one is read with the one pattern, where they count.
_FOLDS_TO_ASCII = re.compile("[\u017f\u212a\u0130\u0131]")


def is_abbreviation(form: str) -> bool:
    """True for a form written with a capital after its first letter: 'SCR', 'A&E', 'DfE', 'GPs'."""
    return any(ch.isupper() for word in form.split() for ch in word[1:])


def _pattern(form: str) -> str:
    parts = []
    for word in form.split():
        parts.append("".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word))
    body = r"\s+".join(parts)
    return body if is_abbreviation(form) else f"(?i:{body})"


def _first(form: str) -> str:
    """A pattern for the first character of a form, in either case (a form's own pattern then decides)."""
    ch = form[0].lower()
    return f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else f"(?i:{re.escape(ch)})"


@dataclass(frozen=True, slots=True)
class Use:
    """One place a term is used in a text."""

    start: int
    end: int
    term: Term

    def text(self, source: str) -> str:
        return source[self.start : self.end]


class Glossary:
    """The terms, compiled once into one pattern; ``uses`` and ``terms_in`` read any text."""

    def __init__(self, terms: Iterable[Term]):
        self.terms = list(terms)
        forms: dict[str, Term] = {}
        for term in self.terms:
            for form in term.forms:
                form = " ".join(form.split())
                if form and form not in forms:
                    forms[form] = term
        # Longest first, so that at any place the longest form is the one found.
        self._forms = sorted(forms.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        self._found: dict[str, tuple[Use, ...]] = {}

    def forms(self) -> list[tuple[str, Term]]:
        """Each form a use can take, with its term, longest first (as a use is found): for the browser's copy."""
        return list(self._forms)

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        if not self._forms:
            return None
        # One branch per first character, each holding that character's forms longest first: where a
        # word starts, the engine tests a character or two instead of trying every form in turn.
        branches: dict[str, list[str]] = {}
        for i, (form, _) in enumerate(self._forms):
            branches.setdefault(_first(form), []).append(f"(?P<f{i}>{_pattern(form)})")
        alternatives = "|".join(f"(?={first})(?:{'|'.join(forms)})" for first, forms in branches.items())
        return re.compile(f"(?<![{_WORD}])(?:{alternatives})(?![{_WORD}])")

    @cached_property
    def _by_first_word(self) -> dict[str, re.Pattern[str]]:
        """Each form's first run of letters and digits (lowercased) -> one pattern of the forms starting so.

        A form can only match where a run of letters and digits starts (the pattern's look-behind),
        and only where that whole run is its own first run (the character after the run in the form
        is not a letter or digit, and the text must hold it). So reading the text's runs and trying
        only the forms keyed by a run finds what ``_regex`` finds, in the same order, much sooner.
        Forms starting otherwise, such as '(S)ENCo', are left to ``_others``."""
        keyed: dict[str, list[str]] = {}
        for i, (form, _) in enumerate(self._forms):  # longest first, as in _regex
            run = _RUN.match(form)
            if run is not None:
                keyed.setdefault(run.group().lower(), []).append(f"(?P<f{i}>{_pattern(form)})")
        return {key: re.compile(f"(?:{'|'.join(forms)})(?![{_WORD}])") for key, forms in keyed.items()}

    @cached_property
    def _others(self) -> re.Pattern[str] | None:
        """One pattern of the forms that do not start with a letter or digit ('(S)ENCo'), or None: there
        are few, so searching the text for them is quick, and they cannot start where a run does."""
        forms = [f"(?P<f{i}>{_pattern(form)})" for i, (form, _) in enumerate(self._forms) if not _RUN.match(form)]
        return re.compile(f"(?<![{_WORD}])(?:{'|'.join(forms)})(?![{_WORD}])") if forms else None

    def _scan(self, text: str) -> Iterable[re.Match[str]]:
        if _FOLDS_TO_ASCII.search(text):
            yield from self._regex.finditer(text)  # type: ignore[union-attr]
            return
        by_first_word, others = self._by_first_word, self._others
        end = 0
        other = others.search(text) if others else None

        def others_before(place: int) -> Iterable[re.Match[str]]:
            # The forms starting with punctuation found before ``place``, none overlapping a use found.
            nonlocal end, other
            while other is not None and other.start() < place:
                if other.start() >= end:
                    end = other.end()
                    yield other
                other = others.search(text, end)  # type: ignore[union-attr]

        for run in _RUN.finditer(text):
            start = run.start()
            yield from others_before(start)
            if start < end:
                continue
            pattern = by_first_word.get(run.group().lower())
            if pattern is not None and (found := pattern.match(text, start)) is not None:
                end = found.end()
                yield found
        yield from others_before(len(text) + 1)

    def uses(self, text: str) -> tuple[Use, ...]:
        """Every use of a term in ``text``, in order, none overlapping."""
        if self._regex is None:
            return ()
        found = self._found.get(text)
        if found is None:
            # A question's text is read for its page, its area's and audiences' lists and every pack.
            if len(self._found) > 50_000:
                self._found.clear()
            found = self._found[text] = tuple(
                Use(m.start(), m.end(), self._forms[int(m.lastgroup[1:])][1])  # type: ignore[index]
                for m in self._scan(text)
            )
        return found

    def terms_in(self, *texts: str) -> list[Term]:
        """The terms the texts use, each once, in the order they first appear."""
        seen: dict[str, Term] = {}
        for text in texts:
            for use in self.uses(text):
                seen.setdefault(use.term.id, use.term)
        return list(seen.values())

    def mark_up(
        self, text: str, escape: Callable[[str], str] = html.escape, note_id: Callable[[Term], str] | None = None
    ) -> Markup:
        """``text`` escaped, each abbreviation of a term with an expansion as <abbr title="...">.

        Only an abbreviation is marked ('SCRs', not 'serious case reviews', which says what it
        is), and only its first use, as style guides advise. ``escape`` escapes the text between
        (HTML by default; ``md_escape`` inside Markdown). With ``note_id``, the id of an element on the
        same page saying what a term stands for, each abbreviation is reachable by keyboard (its
        expansion then shows on focus as on hover) and described by that element; never inside a link."""
        out, pos, marked = [], 0, set()
        for use in self.uses(text):
            written = use.text(text)
            if not use.term.expansion or use.term.id in marked or not is_abbreviation(written):
                continue
            marked.add(use.term.id)
            out.append(escape(text[pos : use.start]))
            tab = f' tabindex="0" aria-describedby="{attribute(note_id(use.term))}"' if note_id else ""
            out.append(f'<abbr title="{attribute(use.term.expansion)}"{tab}>{escape(written)}</abbr>')
            pos = use.end
        out.append(escape(text[pos:]))
        return Markup("".join(str(piece) for piece in out))


@lru_cache(maxsize=8)
def glossary_of(terms: tuple[Term, ...]) -> Glossary:
    """The compiled glossary for these terms, made once however many packs read it."""
    return Glossary(terms)


# Characters that HTML or Markdown would read as markup, written as character references (in
# one pass, so no reference is escaped again): an attribute made here stays as written in HTML
# and inside Markdown alike.
_ATTRIBUTE_REFERENCES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"'\\`*_{}[]()#+-.!|"}


def attribute(text: str) -> str:
    """Plain text as the value of a double-quoted HTML attribute, also safe inside Markdown."""
    return " ".join(text.split()).translate(_ATTRIBUTE_REFERENCES)
