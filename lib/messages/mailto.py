"""mailto: links (RFC 6068) that open the person's mail program with a message filled in."""

from __future__ import annotations

import re
from urllib.parse import quote

_ANGLE = re.compile(r"<([^<>]*)>")
_SEPARATORS = re.compile(r"[,;]")


def _addresses(to: str) -> list[str]:
    """Return the bare addresses in `to`: display names dropped ("Sam Lee <sam@x.org>" ->
    "sam@x.org"), several addresses split on commas or semicolons, blanks skipped."""
    found: list[str] = []
    for piece in _SEPARATORS.split(to or ""):
        piece = piece.strip()
        inside = _ANGLE.search(piece)
        if inside:
            piece = inside.group(1).strip()
        if piece.lower().startswith("mailto:"):
            piece = piece[len("mailto:") :]
        if piece:
            found.append(piece)
    return found


def _crlf(text: str) -> str:
    # Mail bodies use CRLF line breaks; RFC 6068 asks for them encoded as %0D%0A.
    return re.sub(r"\r\n|\r|\n", "\r\n", text)


def mailto_link(to: str, subject: str, body: str) -> str:
    """Return a mailto: URI for `to` with `subject` and `body`, percent-encoded per RFC 6068.

    Every character outside the URI's unreserved set is encoded as UTF-8 percent escapes
    (so "&", "?", "#", "+", "%", spaces and non-ASCII letters are all escaped); "@" stays
    literal in addresses, and several addresses are joined with ",". Line breaks in the body
    become %0D%0A; the subject is one line. Empty subject or body are left out.
    """
    addresses = ",".join(quote(a, safe="@") for a in _addresses(to))
    fields: list[str] = []
    subject_line = " ".join((subject or "").split())
    if subject_line:
        fields.append("subject=" + quote(subject_line, safe=""))
    if body:
        fields.append("body=" + quote(_crlf(body), safe=""))
    return "mailto:" + addresses + ("?" + "&".join(fields) if fields else "")
