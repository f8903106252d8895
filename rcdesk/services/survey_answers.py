"""Reading one answer cell: a number, an answer's text, a code with its label, or "not
applicable" (docs/import-formats.md, "Answers").

Survey tools write the same answer many ways: `4`, `4.0`, `Often`, `4 - Often`,
`Often (4)`, LimeSurvey's `A4`, REDCap's `99` for not applicable. An AnswerReader turns
each into a score 1–5 (or None for blank and not-applicable), and keeps the evidence the
preview needs so no number is silently wrong:
- codes whose labels run the other way (`1 = Always`) are read by the label's meaning
  and counted as `against`, so the user confirms the reversal;
- frequency answers written as sufficiency words tell the frequency scale (`families`).
The label words are generic answer anchors (frequency, amount, agreement, quality,
sufficiency), not any licensed survey's wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: Answer words → (score 1–5, family). A score is the position from weakest to strongest;
#: for the sufficiency family it is the answer's position, recoded later by the scale.
_FAMILIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "frequency": (("never",), ("rarely", "seldom"), ("occasionally", "sometimes"),
                  ("often", "frequently"), ("always", "constantly", "very often")),
    "amount": (("not at all", "none"), ("a little", "slightly", "a bit", "little"),
               ("somewhat", "some", "moderately"), ("a lot", "quite a bit", "very much",
                                                    "mostly", "much"),
               ("completely", "a great deal", "entirely", "extremely", "fully")),
    "agreement": (("strongly disagree",), ("disagree",),
                  ("neither agree nor disagree", "neutral", "undecided"), ("agree",),
                  ("strongly agree",)),
    "quality": (("very poor",), ("poor",), ("fair",), ("good",), ("very good", "excellent")),
    "sufficiency": (("not nearly enough", "far too rarely", "much too rarely"),
                    ("not enough", "too rarely"),
                    ("just the right amount", "about right", "just right",
                     "the right amount"),
                    ("too often", "too much"), ("much too often", "far too often")),
}
LABELS: dict[str, tuple[int, str]] = {
    word: (score, family)
    for family, scores in _FAMILIES.items()
    for score, words in enumerate(scores, start=1) for word in words
}
#: Cells read as "not applicable" (blank) unless a mapping says otherwise.
DEFAULT_NOT_APPLICABLE: tuple[str, ...] = (
    "99", "-99", "n/a", "na", "not applicable", "don't know", "do not know", "dont know",
    "prefer not to say", "no answer", "-77", "-88")
#: Example words for the direction sentence: "5 = the strongest answer, e.g. Always".
STRONGEST_EXAMPLE, WEAKEST_EXAMPLE = "Always", "Never"

_NUMBER = re.compile(r"([1-5])(?:[.,]0+)?")
_LIME_CODE = re.compile(r"a([1-5])")  # LimeSurvey's answer codes A1 … A5
_CODE_FIRST = re.compile(r"(-?\d+)\s*(?:[-=.:)–]|\s)\s*(\D.*)")  # "4 - Often", "1 = Always"
_CODE_LAST = re.compile(r"(\D.*?)\s*[(\[](-?\d+)[)\]]")  # "Often (4)"


def normalise_label(text: str) -> str:
    """Comparison key for answer words: case, spaces, curly quotes and end punctuation."""
    text = text.replace("’", "'").replace("‘", "'").casefold()
    return " ".join(text.split()).strip(" .!;")


class AnswerReader:
    """Scores the cells of one item's column(s); a cache keeps 100,000 cells fast.

    `labels` (answer text → score, from a mapping) win over everything; `reverse`
    turns bare number codes round (6 − code) for files whose codes run 1 = strongest.
    """

    def __init__(self, labels: Mapping[str, int] | None = None,
                 not_applicable: Iterable[str] = DEFAULT_NOT_APPLICABLE,
                 reverse: bool = False) -> None:
        self.labels = {normalise_label(k): v for k, v in (labels or {}).items()}
        self.not_applicable = {normalise_label(t) for t in not_applicable}
        self.reverse = reverse
        self.cache: dict[str, int | None] = {"": None}
        self.families: set[str] = set()  # label families seen (sufficiency tells the scale)
        self.along = 0  # distinct coded labels whose code agrees with the label's meaning
        self.against = 0  # … whose code runs the other way (1 = Always)

    def read(self, text: str) -> int | None:
        """The score of a cell (None: blank or not applicable); ValueError if unreadable."""
        try:
            return self.cache[text]
        except KeyError:
            value = self._interpret(text.strip())
            self.cache[text] = value
            return value

    def _interpret(self, text: str) -> int | None:
        key = normalise_label(text)
        if not key:
            return None
        if key in self.labels:
            return self._checked(self.labels[key])
        if key in self.not_applicable:
            return None
        number = _NUMBER.fullmatch(key) or _LIME_CODE.fullmatch(key)
        if number is not None:
            code = int(number.group(1))
            return 6 - code if self.reverse else code
        meaning = LABELS.get(key)
        if meaning is not None:
            self.families.add(meaning[1])
            return meaning[0]
        return self._coded(key)

    def _coded(self, key: str) -> int | None:
        """ "4 - Often" or "Often (4)": read by the label's meaning when rcdesk knows the
        word (counting whether the code agrees), else by the code."""
        found = _CODE_FIRST.fullmatch(key)
        code_text, label = (found.group(1), found.group(2)) if found else ("", "")
        if found is None and (last := _CODE_LAST.fullmatch(key)) is not None:
            label, code_text = last.group(1), last.group(2)
        if not code_text:
            raise ValueError(key)
        label = normalise_label(label)
        if label in self.not_applicable:
            return None
        meaning = LABELS.get(label)
        code = int(code_text)
        if meaning is None:
            if not 1 <= code <= 5:
                raise ValueError(key)
            return 6 - code if self.reverse else code
        self.families.add(meaning[1])
        if code == meaning[0]:
            self.along += 1
        elif code == 6 - meaning[0]:
            self.against += 1
        return meaning[0]

    @staticmethod
    def _checked(value: int) -> int | None:
        if not 1 <= value <= 5:
            raise ValueError(str(value))
        return value

    def user_labels_reversed(self) -> bool:
        """A mapping gave a known answer word the opposite score (Always = 1)."""
        return any(key in LABELS and value == 6 - LABELS[key][0] != value
                   for key, value in self.labels.items())


def direction_sentence(reversed_: bool) -> str:
    """The scale direction in words, as the preview states it."""
    if reversed_:
        return (f"5 = the strongest answer, e.g. {STRONGEST_EXAMPLE}; the file's codes run "
                f"the other way (1 = {STRONGEST_EXAMPLE}), so they are turned round.")
    return (f"5 = the strongest answer, e.g. {STRONGEST_EXAMPLE}; 1 = the weakest, e.g. "
            f"{WEAKEST_EXAMPLE}.")
