"""Name rules: how workshop, role and wave names are cleaned and compared."""

from __future__ import annotations

import unicodedata

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.names import MAX_NAME_LENGTH, clean_name, name_key


@pytest.mark.parametrize("variant", ["Nurses", "nurses", "NURSES", "  nurses ", "\tNurses\n"])
def test_name_key_ignores_case_and_surrounding_space(variant: str) -> None:
    assert name_key(variant) == name_key("Nurses")


def test_name_key_collapses_inner_whitespace() -> None:
    assert name_key("Case   managers") == name_key("case managers")
    assert name_key("Case\u00a0managers") == name_key("case managers")


def test_name_key_treats_composed_and_decomposed_accents_alike() -> None:
    composed = unicodedata.normalize("NFC", "Médecins")
    decomposed = unicodedata.normalize("NFD", "Médecins")
    assert composed != decomposed
    assert name_key(composed) == name_key(decomposed) == name_key("MÉDECINS")


def test_name_key_folds_case_beyond_ascii() -> None:
    assert name_key("Straße") == name_key("STRASSE")


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("Nurse") != name_key("Nurses")
    assert name_key("Médecins") != name_key("Medecins")


def test_clean_name_trims_and_collapses_spaces() -> None:
    assert clean_name("  Case   managers ", "role name") == "Case managers"


def test_clean_name_keeps_case_and_accents() -> None:
    assert clean_name("Médecins de garde", "role name") == "Médecins de garde"


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_clean_name_rejects_empty_names(blank: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_name(blank, "role name")
    assert caught.value.field == "role name"
    assert "cannot be empty" in str(caught.value)


def test_clean_name_accepts_the_longest_allowed_name() -> None:
    longest = "x" * MAX_NAME_LENGTH
    assert clean_name(longest, "title") == longest


def test_clean_name_rejects_an_overlong_name() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_name("x" * (MAX_NAME_LENGTH + 1), "title")
    assert caught.value.field == "title"
    assert str(MAX_NAME_LENGTH) in str(caught.value)


def test_length_is_measured_after_collapsing_spaces() -> None:
    padded = "a" + " " * (MAX_NAME_LENGTH * 2) + "b"
    assert clean_name(padded, "title") == "a b"
