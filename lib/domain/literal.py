"""Text from the sheet, shown exactly as typed: never as Markdown, links, images or HTML.

Anything in the sheet may have been pasted from a job posting, an email or a recruiter's
message, so it is untrusted. Streamlit renders the body of st.markdown, st.caption,
st.toast, st.error/warning/info/success, st.write of a string, and every widget, expander
and tab label as Markdown with extras (GitHub autolinks, :material/x: icons, :red[...]
directives, $ math, emoji shortcodes); plotly renders a small HTML subset in hover texts,
tick labels and legend names. The functions here are the one way sheet text reaches those:

- `text` for anything Streamlit reads as Markdown;
- `hover` for plotly text;
- `web_url` for the only links the app makes from the sheet (Job Link, Interviewer
  LinkedIn): http(s) only, percent-encoded. mailto: links come from lib.messages.mailto;
- `tel_url` for a phone number typed in the sheet: a tel: link only when the cell holds
  nothing but a phone number's characters.

Pure functions, no streamlit.
"""

from __future__ import annotations

import html
import re
import string
from urllib.parse import quote, urlsplit

# Invisible, and no Markdown rule or autolink pattern matches across it (see `text`).
WORD_JOINER = "\u2060"
# First-strong isolate ... pop directional isolate: keeps bidi controls typed in a cell
# from reordering the app's own text around it.
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PUNCTUATION = frozenset(string.punctuation)  # CommonMark lets each of these be backslash-escaped
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_LEADING_SPACE = re.compile(r"^[ \t]+")
_WWW = re.compile(r"(?i)www(?=\.)")
_ARROW_PARTS = frozenset("-<>=~")
_URL_SAFE = "/:@!$&'*+,;=?#[]%~-._"  # RFC 3986 reserved and unreserved, kept; "()" are encoded


def _escape_line(line: str) -> str:
    # Leading spaces would make an indented code block: no-break spaces keep the look.
    line = _LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), line)
    # GitHub autolinks (www., http://, a@b.c) are found in the text *after* backslash escapes
    # are undone, and Streamlit rewrites ":material/" before parsing; a word joiner after
    # every ":" and "@" and inside "www." breaks those patterns where escapes cannot.
    line = _WWW.sub(lambda m: m.group(0) + WORD_JOINER, line)
    out: list[str] = []
    for char, after in zip(line, line[1:] + " "):
        if char in _PUNCTUATION:
            out.append("\\" + char)
            # Streamlit turns "->", "<-", "--", ">=", "<=", "~=" into arrows and dashes in the
            # unescaped text too: a word joiner splits each such pair.
            if char in ":@" or (char in _ARROW_PARTS and after in _ARROW_PARTS):
                out.append(WORD_JOINER)
        else:
            out.append(char)
    return "".join(out)


def text(value: object) -> str:
    """Return Markdown that Streamlit shows as `value` exactly as typed.

    Every ASCII punctuation character is backslash-escaped (no emphasis, headings, lists,
    quotes, tables, links, images, HTML, entities, `$` math or `:red[...]` directives), a
    word joiner (U+2060, invisible) breaks what escapes do not stop (autolinks of
    `http://`, `www.` and e-mail addresses; `:material/x:` icons and `:emoji:` shortcodes;
    typographic arrows), line breaks become hard line breaks inside one paragraph, and
    leading spaces become no-break spaces. Text holding bidi controls is wrapped in a bidi
    isolate. None gives "". Safe inside the app's own `**...**` or
    `:gray[...]`, and in widget labels.
    """
    if value is None:
        return ""
    raw = str(value)
    escaped = "\\\n".join(_escape_line(line) for line in _LINE_BREAK.split(raw))
    if _BIDI_CONTROLS.intersection(raw):
        escaped = ISOLATE_START + escaped + ISOLATE_END
    return escaped


def shown(markdown: str) -> str:
    """Return what `text(x)` displays as plain text (its inverse): for tests and checks.

    Undoes the backslash escapes and hard breaks, and drops the word joiners, isolates and
    the no-break spaces that stand for leading spaces.
    """
    body = markdown
    if body.startswith(ISOLATE_START) and body.endswith(ISOLATE_END):
        body = body[1:-1]
    body = body.replace("\\\n", "\n").replace(WORD_JOINER, "")
    body = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", body)
    return "\n".join(re.sub(r"^\u00a0+", lambda m: " " * len(m.group(0)), line) for line in body.split("\n"))


def hover(value: object) -> str:
    """Return `value` for a plotly hover text, tick label or legend name, shown as typed.

    Plotly reads a small HTML subset there (`<a href>`, `<b>`, `<br>`, entities); "&", "<"
    and ">" are written as entities, which plotly shows as the characters. Line breaks
    become <br>, the app's own markup.
    """
    if value is None:
        return ""
    return "<br>".join(html.escape(line, quote=False) for line in _LINE_BREAK.split(str(value)))


def web_url(value: object) -> str | None:
    """Return `value` as an http(s) URL fit for a link, or None when it is not one.

    Accepted: an absolute http:// or https:// URL with a host and a valid port, without
    a user name or password (``https://good.example@evil.example`` reads as the first
    host but goes to the second), a backslash (browsers read it as "/"), spaces or
    control characters. Characters outside RFC 3986, and "(", ")", quotes, "<", ">", are
    percent-encoded, so the URL is safe in a Markdown link or an HTML attribute.
    """
    if value is None:
        return None
    url = str(value).strip()
    if not url or "\\" in url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


_PHONE_CHARS = frozenset("0123456789+ -.()")
MIN_PHONE_DIGITS = 3  # fewer is no number anyone can call (and "()" or "-" alone is no number)
_TRUNK_AFTER_COUNTRY = re.compile(r"^((?:\+|00)\d{1,3})[\s.-]*\(0\)")
MAX_PHONE_DIGITS = 20  # E.164 allows 15; extensions and national prefixes take a few more


def tel_url(value: object) -> str | None:
    """Return a `tel:` URL for a phone number as typed in the sheet, or None when it is not one.

    Accepted: digits, "+", spaces, dashes, dots and parentheses only, with a "+" (if any) only
    as the first character and 3 to 20 digits. The link holds the digits (and a leading "+")
    alone, so nothing typed around them can reach the phone's dialler (no ";ext=", no "," pauses,
    no "#" or "*" codes). Anything else (letters, "ext. 12", "ask for Sam") gives None: the cell
    is then shown as plain text.
    """
    if value is None:
        return None
    number = str(value).strip()
    if not number or not set(number) <= _PHONE_CHARS or "+" in number[1:]:
        return None
    # "+44 (0)20 ..." : the (0) is the trunk prefix dialled only from inside the country; after a
    # country code it must go, or the number dialled does not exist.
    number = _TRUNK_AFTER_COUNTRY.sub(r"\1", number)
    digits = "".join(ch for ch in number if ch.isdigit())
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        return None
    return "tel:" + ("+" if number.startswith("+") else "") + digits
