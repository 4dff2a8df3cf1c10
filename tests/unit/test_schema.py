"""The sheet layout: header matching by name, aliases, vocabularies."""

import pytest

from lib.domain.schema import APPLICATIONS, FOLLOWUPS, STATUSES, canonical_choice, column_letter, match_headers


def test_exact_headers_map_in_any_order():
    headers = list(reversed(APPLICATIONS.headers))
    match = match_headers(APPLICATIONS, headers)
    assert match.missing == ()
    assert match.positions["ID"] == len(headers) - 1


@pytest.mark.parametrize(
    "typed, meant, is_alias",
    [
        ("Position", "Job Title", True),
        ("role", "Job Title", True),
        ("Date Applied", "Applied On", True),
        ("STAGE", "Status", True),
        ("  job   title ", "Job Title", False),
        ("job_title", "Job Title", False),
        ("Follow-ups sent", "Follow-Ups Sent", False),
        ("thank you sent", "Thank-You Sent On", True),
    ],
)
def test_alternative_headers_are_recognised(typed, meant, is_alias):
    match = match_headers(APPLICATIONS, ["Company", typed])
    assert match.positions[meant] == 1
    assert (meant in match.aliased) is is_alias


def test_exact_name_wins_over_alias_and_alias_is_kept_as_extra():
    match = match_headers(APPLICATIONS, ["Position", "Job Title", "Company"])
    assert match.positions["Job Title"] == 1
    assert (0, "Position") in match.extra


def test_user_columns_duplicates_and_blanks():
    match = match_headers(APPLICATIONS, ["Company", "", "Salary", "company", "Job Title"])
    assert match.extra == ((2, "Salary"),)
    assert match.duplicates == ((3, "company"),)
    assert "Company" not in match.missing and "Job Title" not in match.missing


@pytest.mark.parametrize(
    "typed, status",
    [("applied", "Applied"), ("NO RESPONSE", "No Response"), ("no-response", "No Response"), ("ghosted", "No Response"),
     ("Interview", "Interviewing"), ("wish list", "Wishlist"), ("maybe", None), ("", None)],
)
def test_status_words(typed, status):
    assert canonical_choice(APPLICATIONS.column("Status"), typed) == status


def test_vocabularies_and_tabs():
    assert set(STATUSES) >= {"Wishlist", "Applied", "Interviewing", "Offer", "Accepted", "Rejected", "Withdrawn", "No Response"}
    assert FOLLOWUPS.headers[:2] == ["ID", "Application ID"]
    assert canonical_choice(FOLLOWUPS.column("Medium"), "e-mail") == "Email"


@pytest.mark.parametrize("index, letters", [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(index, letters):
    assert column_letter(index) == letters
