"""Realistic survey-tool exports, built here (no vendor text copied), and the scores the
method gives for their answers, computed independently of rcdesk's scoring code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from statistics import mean

ITEMS = ("frequent", "timely", "accurate", "problem_solving", "shared_goals",
         "shared_knowledge", "mutual_respect")
ROLES = ("Nurses", "Physicians")
#: Our own question wording (not any licensed survey's), one key word per item.
QUESTIONS = {
    "frequent": "How often do people in these groups communicate with you about patients?",
    "timely": "Is their communication with you timely?",
    "accurate": "Is their communication with you accurate?",
    "problem_solving": "When a problem comes up, do they help solve it or blame others?",
    "shared_goals": "Do they share your goals for this work?",
    "shared_knowledge": "How much knowledge do they have of your work?",
    "mutual_respect": "Do they respect the work you do?",
}
FREQUENCY_WORDS = ("Never", "Rarely", "Occasionally", "Often", "Always")
AMOUNT_WORDS = ("Not at all", "A little", "Somewhat", "A lot", "Completely")
SUFFICIENCY_WORDS = ("Not nearly enough", "Not enough", "Just the right amount", "Too often",
                     "Much too often")
#: respondent → (own role, {rated role: seven answers, None = not answered}).
ANSWERS: dict[str, tuple[str, dict[str, tuple[int | None, ...]]]] = {
    "R1": ("Nurses", {"Nurses": (4, 4, 5, 3, 4, 4, 5), "Physicians": (2, 3, 3, 2, 3, 3, 4)}),
    "R2": ("Nurses", {"Nurses": (3, 2, 3, 3, 2, 3, 4), "Physicians": (3, 3, None, 2, 4, 3, 3)}),
    "R3": ("Nurses", {"Nurses": (5, 5, None, 4, 5, None, 5), "Physicians": (1, 2, 2, 1, 3, 2, 2)}),
    "R4": ("Physicians", {"Nurses": (4, 5, 4, 4, 5, 4, 5), "Physicians": (5, 5, 5, 4, 5, 5, 5)}),
    "R5": ("Physicians", {"Nurses": (3, 4, 4, 3, 4, 4, 4), "Physicians": (4, 4, 4, 4, 4, 4, 4)}),
    "R6": ("Physicians", {"Nurses": (4, 3, 4, None, 4, 3, 4),
                          "Physicians": (5, 4, 4, 4, 5, 4, 5)}),
}


def expected_ties(answers: dict[str, tuple[str, dict[str, tuple[int | None, ...]]]] = ANSWERS,
                  frequency: dict[int, int] | None = None
                  ) -> dict[tuple[str, str], dict[str, float]]:
    """(rater, rated) → rc, communication, relationship and each item, respondent-first
    (domain.md §2), with `frequency` recoding the first item's answers if given."""
    per_tie: dict[tuple[str, str], list[tuple[int | None, ...]]] = {}
    for role, rated in answers.values():
        for target, values in rated.items():
            if frequency and values[0] is not None:
                values = (frequency[values[0]], *values[1:])
            per_tie.setdefault((role, target), []).append(values)
    out: dict[tuple[str, str], dict[str, float]] = {}
    for tie, rows in per_tie.items():
        def answered(row: tuple[int | None, ...], part: slice) -> list[int]:
            return [v for v in row[part] if v is not None]
        scores = {
            "rc": mean(mean(answered(r, slice(0, 7))) for r in rows),
            "communication": mean(mean(answered(r, slice(0, 4))) for r in rows),
            "relationship": mean(mean(answered(r, slice(4, 7))) for r in rows),
        }
        for index, item in enumerate(ITEMS):
            scores[item] = mean(r[index] for r in rows if r[index] is not None)
        out[tie] = scores
    return out


def cell(value: int | None, words: tuple[str, ...] | None = None, blank: str = "") -> str:
    if value is None:
        return blank
    return words[value - 1] if words else str(value)


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def qualtrics(path: Path) -> Path:
    """Numeric export: column ids, then question texts ("… - Nurses"), then import ids."""
    ids = ["StartDate", "EndDate", "Status", "Progress", "Finished", "ResponseId", "Q1"]
    texts = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID",
             "What is your role? - Selected Choice"]
    imports = ['{"ImportId":"startDate","timeZone":"Europe/Berlin"}',
               '{"ImportId":"endDate","timeZone":"Europe/Berlin"}', '{"ImportId":"status"}',
               '{"ImportId":"progress"}', '{"ImportId":"finished"}', '{"ImportId":"_recordId"}',
               '{"ImportId":"QID1"}']
    for q, item in enumerate(ITEMS, start=2):
        for r, role in enumerate(ROLES, start=1):
            ids.append(f"Q{q}_{r}")
            texts.append(f"{QUESTIONS[item]} - {role}")
            imports.append(json.dumps({"ImportId": f"QID{q}_{r}"}))
    rows = [ids, texts, imports]
    for respondent, (role, rated) in ANSWERS.items():
        row = ["2026-05-04 09:00:00", "2026-05-04 09:06:00", "0", "100", "1", respondent, role]
        row += [cell(rated[target][i]) for i in range(7) for target in ROLES]
        rows.append(row)
    rows.append(["2026-05-04 10:00:00", "", "0", "10", "0", "R_unfinished", ""]
                + [""] * (7 * len(ROLES)))
    path.write_bytes(csv_bytes(rows))
    return path


def surveymonkey(path: Path) -> Path:
    """Answer text; the question over its first column only, the sub-labels below."""
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "What is your role?"]
    second = ["", "", "", "", "Response"]
    for item in ITEMS:
        for index, role in enumerate(ROLES):
            first.append(QUESTIONS[item] if index == 0 else "")
            second.append(role)
    rows = [first, second]
    for number, (respondent, (role, rated)) in enumerate(ANSWERS.items()):
        row = [respondent, f"43{number}", "05/04/2026", "05/04/2026", role]
        for index in range(len(ITEMS)):
            words = FREQUENCY_WORDS if index < 4 else AMOUNT_WORDS
            row += [cell(rated[target][index], words) for target in ROLES]
        rows.append(row)
    path.write_bytes(csv_bytes(rows))
    return path


def google_forms(path: Path) -> Path:
    """`Question [Role]` headers, answer text, a timestamp and no respondent id."""
    header = ["Timestamp", "Your role"]
    header += [f"{QUESTIONS[item]} [{role}]" for item in ITEMS for role in ROLES]
    rows = [header]
    for number, (role, rated) in enumerate(ANSWERS.values()):
        row = [f"2026/05/04 9:0{number}:00 AM GMT+2", role]
        for index, _ in enumerate(ITEMS):
            words = FREQUENCY_WORDS if index < 4 else AMOUNT_WORDS
            row += [cell(rated[target][index], words) for target in ROLES]
        rows.append(row)
    path.write_bytes(csv_bytes(rows))
    return path


def microsoft_forms_rows() -> list[list[str]]:
    header = ["ID", "Start time", "Completion time", "Email", "Name", "What is your role?"]
    header += [f"{ITEMS_NAMES[item]} - {role}" for item in ITEMS for role in ROLES]
    rows = [header]
    for number, (role, rated) in enumerate(ANSWERS.values(), start=1):
        row = [str(number), "5/4/26 9:00:00", "5/4/26 9:05:00", "anonymous", "", role]
        for index, _ in enumerate(ITEMS):
            words = FREQUENCY_WORDS if index < 4 else AMOUNT_WORDS
            row += [cell(rated[target][index], words) for target in ROLES]
        rows.append(row)
    return rows


ITEMS_NAMES = {"frequent": "Frequent communication", "timely": "Timely communication",
               "accurate": "Accurate communication",
               "problem_solving": "Problem-solving communication",
               "shared_goals": "Shared goals", "shared_knowledge": "Shared knowledge",
               "mutual_respect": "Mutual respect"}


def microsoft_forms_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for row in microsoft_forms_rows():
        sheet.append([int(c) if c.isdigit() else c for c in row])
    book.create_sheet("Notes").append(["exported by the form"])
    book.save(path)
    return path


def microsoft_forms_csv(path: Path) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + csv_bytes(microsoft_forms_rows()))
    return path


def limesurvey(path: Path) -> Path:
    """Question codes with sub-question codes (`RC1[SQ001]`) and answer codes A1–A5."""
    header = ["id", "submitdate", "lastpage", "startlanguage", "role"]
    header += [f"RC{q}[SQ00{r}]" for q in range(1, 8) for r in range(1, len(ROLES) + 1)]
    rows = [header]
    for number, (role, rated) in enumerate(ANSWERS.values(), start=1):
        row = [str(number), "2026-05-04 09:05:00", "3", "en", role]
        row += [cell(rated[target][i], ("A1", "A2", "A3", "A4", "A5")) for i in range(7)
                for target in ROLES]
        rows.append(row)
    path.write_bytes(csv_bytes(rows))
    return path


LIMESURVEY_MAPPING = {"format": "rcdesk-survey-mapping", "version": 1,
                      "role_codes": {"SQ001": "Nurses", "SQ002": "Physicians"},
                      "frequency_scale": "monotonic"}


def redcap(path: Path) -> Path:
    """Variable names `nurses_timely`, numeric codes, 99 = not applicable."""
    header = ["record_id", "redcap_survey_identifier", "role"]
    header += [f"{role.lower()}_{item}" for role in ROLES for item in ITEMS]
    header.append("rc_survey_complete")
    rows = [header]
    for number, (role, rated) in enumerate(ANSWERS.values(), start=1):
        row = [str(number), "", role]
        row += [cell(rated[target][i], blank="99") for target in ROLES for i in range(7)]
        rows.append([*row, "2"])
    path.write_bytes(csv_bytes(rows))
    return path


def plain_wide(path: Path) -> Path:
    header = ["respondent", "role"] + [f"{role}_{item}" for role in ROLES for item in ITEMS]
    rows = [header]
    for respondent, (role, rated) in ANSWERS.items():
        rows.append([respondent, role] + [cell(rated[t][i]) for t in ROLES for i in range(7)])
    path.write_bytes(csv_bytes(rows))
    return path
