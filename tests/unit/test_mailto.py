"""mailto: links: RFC 6068 encoding, and a round trip through urllib.parse."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from lib.messages.mailto import mailto_link


def _decode(link: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query)).items()}
    return unquote(parts.path), fields


def test_round_trip_with_non_ascii_ampersands_and_line_breaks() -> None:
    subject = "Thank you – Data & Analytics interview (Q&A #2, 100% + more?)"
    body = "Dear Dr. Müller,\n\nThanks for the chat about R&D = fun; a+b?\nBest,\nZoë Ångström"
    to, fields = _decode(mailto_link("Zoë Müller <zoë.müller@exämple.org>", subject, body))
    assert to == "zoë.müller@exämple.org"
    assert fields["subject"] == subject
    assert fields["body"] == body.replace("\n", "\r\n")


@pytest.mark.parametrize("char", [" ", "&", "?", "#", "+", "%", "=", "\n", "é", "–"])
def test_reserved_and_non_ascii_characters_are_escaped(char: str) -> None:
    query = mailto_link("a@b.org", f"x{char}y", f"x{char}y").split("?", 1)[1]
    assert query.count("&") == 1 and query.count("?") == 0
    for value in (kv.split("=", 1)[1] for kv in query.split("&")):
        assert re.fullmatch(r"(?:[A-Za-z0-9_.~-]|%[0-9A-F]{2})*", value)
        assert unquote(value) in (f"x{char}y", f"x{char}y".replace("\n", "\r\n"), "x y")


def test_line_breaks_become_crlf_escapes() -> None:
    link = mailto_link("a@b.org", "", "one\ntwo\r\nthree\rfour")
    assert link == "mailto:a@b.org?body=one%0D%0Atwo%0D%0Athree%0D%0Afour"


def test_address_part_is_encoded_and_several_addresses_are_joined() -> None:
    link = mailto_link("Sam <sam+jobs@x.org>; dana%lee@y.org, ", "Hi", "")
    assert link == "mailto:sam%2Bjobs@x.org,dana%25lee@y.org?subject=Hi"


@pytest.mark.parametrize(
    ("to", "subject", "body", "expected"),
    [
        ("", "", "", "mailto:"),
        ("", "Hello there", "", "mailto:?subject=Hello%20there"),
        ("a@b.org", "Two\nlines", "", "mailto:a@b.org?subject=Two%20lines"),
    ],
)
def test_blank_parts_are_left_out(to: str, subject: str, body: str, expected: str) -> None:
    assert mailto_link(to, subject, body) == expected
