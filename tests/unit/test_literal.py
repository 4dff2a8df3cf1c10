"""Sheet text shown as typed: the Markdown escape, the plotly escape and the link check.

Streamlit 1.67 renders Markdown with remark (GitHub Flavored Markdown) plus its own extras.
Two kinds of rule are stopped in two ways, and the checks below mirror both:

- syntax rules (emphasis, headings, lists, tables, links, images, HTML, `$` math,
  `:red[...]` directives) only fire on unescaped punctuation: every ASCII punctuation
  character must arrive backslash-escaped;
- text rules run on the text *after* escapes are undone: GitHub's autolinks (the regexes
  below are the ones in Streamlit's StreamlitMarkdown bundle), `:material/x:` icons (Streamlit
  rewrites ":material/" in the source before parsing), `:emoji:` shortcodes and typographic
  arrows ("->" to "→", checked in Chromium); those must not match the unescaped text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.domain.literal import WORD_JOINER, hover, shown, tel_url, text, web_url

HOSTILE = [
    "![x](https://evil.example/b.png)",
    "[src](https://evil.example/phish)",
    "[a](javascript:alert(1))",
    "**b** __u__ *i* _j_ ~s~ ~~t~~ `code`",
    "# h",
    "> q",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "$x$ $$y$$ $x^2$",
    ":red[x] :blue-background[y] :small[z] :green-badge[ok]",
    ":material/home: :smile: :streamlit: :+1:",
    "http://evil.example/x https://evil.example www.evil.example WWW.EVIL.EXAMPLE awww.evil.example",
    "me@evil.example mailto:me@evil.example xmpp:me@evil.example",
    "Data Analyst\n===\n- item\n1. one\n* star\n+ plus",
    "<img src=https://evil.example/i.png> <b>bold</b> <a href='https://evil.example'>x</a> <script>alert(1)</script>",
    '=HYPERLINK("http://evil.example","Click me")',
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "back\\slash \\* \\\\ ends with \\",
    "emoji 🎉 and RTL \u202eevil\u202c \u200f",
    "&amp; &copy; &#x41; &#65;",
    "    four spaces first\n\tand a tab",
    "[ref]\n\n[ref]: https://evil.example",
    "- [ ] task\n- [x] done",
    "<https://evil.example/auto>",
    "line1\r\nline2\rline3\n\n\nline6",
    "[^1]\n\n[^1]: footnote",
    "---",
    "```\nfenced\n```",
    "~~~\nfenced\n~~~",
]

# Streamlit 1.67's GFM autolink literal patterns (mdast-util-gfm-autolink-literal).
URL_AUTOLINK = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
EMAIL_AUTOLINK = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)
EMOJI_SHORTCODE = re.compile(r":[\w+-][\w_+-]*:")
ARROWS = ("->", "<-", "--", ">=", "<=", "~=")
PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
SHEET_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\u00a0\u2060\u2068\u2069"), max_size=60)
ASCII_TEXT = st.text(st.characters(min_codepoint=9, max_codepoint=126), max_size=60)


def unescaped(markdown: str) -> str:
    """The text remark sees once backslash escapes are undone (word joiners kept)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown.replace("\\\n", "\n"))


def assert_inert(markdown: str) -> None:
    """Fail unless no Markdown rule of Streamlit's can fire on `markdown`."""
    i = 0
    while i < len(markdown):
        char = markdown[i]
        if char == "\\":
            assert i + 1 < len(markdown) and (markdown[i + 1] in PUNCTUATION or markdown[i + 1] == "\n"), markdown
            i += 2
            continue
        assert char not in PUNCTUATION, f"unescaped {char!r} at {i} in {markdown!r}"
        i += 1
    for line in markdown.split("\n"):
        assert line[:1] not in (" ", "\t"), f"indented line {line!r}"
    plain = unescaped(markdown)
    assert not URL_AUTOLINK.search(plain), plain
    assert not EMAIL_AUTOLINK.search(plain), plain
    assert ":material/" not in markdown and ":material/" not in plain
    assert not EMOJI_SHORTCODE.search(plain), plain
    for arrow in ARROWS:
        assert arrow not in plain, (arrow, plain)


def as_typed(value: str) -> str:
    """What a person sees for `value`: one kind of line break, leading tabs as spaces."""
    lines = re.split(r"\r\n|\r|\n|\u2028|\u2029", value)
    return "\n".join(re.sub(r"^[ \t]+", lambda m: m.group(0).expandtabs(4), line) for line in lines)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_is_inert_and_shows_as_typed(value: str) -> None:
    escaped = text(value)
    assert_inert(escaped)
    assert shown(escaped) == as_typed(value)


@given(SHEET_TEXT)
def test_any_text_is_inert_and_shows_as_typed(value: str) -> None:
    escaped = text(value)
    assert_inert(escaped)
    assert shown(escaped) == as_typed(value)


@given(ASCII_TEXT)
def test_any_ascii_text_is_inert_and_shows_as_typed(value: str) -> None:
    escaped = text(value)
    assert_inert(escaped)
    assert shown(escaped) == as_typed(value)


def test_plain_words_are_left_alone() -> None:
    assert text("Northwind Analytics") == "Northwind Analytics"
    assert text("Zoë Ångström 🎉") == "Zoë Ångström 🎉"
    assert text(None) == ""
    assert text("") == ""


def test_line_breaks_stay_inside_one_paragraph() -> None:
    # A blank line would end the paragraph (and let the next line start a block): each
    # break is a backslash hard break, so even an empty line is not blank.
    assert text("a\n\nb") == "a\\\n\\\nb"
    assert "\n\n" not in text("a\n\n\n\nb")


def test_leading_spaces_cannot_start_a_code_block() -> None:
    assert text("    x") == "\u00a0" * 4 + "x"


def test_bidi_controls_are_isolated_from_the_text_around() -> None:
    escaped = text("abc\u202eevil")
    assert escaped.startswith("\u2068") and escaped.endswith("\u2069")
    assert text("abc") == "abc"


def test_word_joiner_breaks_autolinks() -> None:
    assert text("www.a.com") == f"www{WORD_JOINER}\\.a\\.com"
    assert text("a@b.c") == f"a\\@{WORD_JOINER}b\\.c"


# --- plotly ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ('<a href="https://evil.example">x</a>', '&lt;a href="https://evil.example"&gt;x&lt;/a&gt;'),
        ("R&D", "R&amp;D"),
        ("&lt;", "&amp;lt;"),
        ("one\ntwo", "one<br>two"),
        ("Acme", "Acme"),
        (None, ""),
    ],
)
def test_hover_text_shows_as_typed(value: str | None, expected: str) -> None:
    assert hover(value) == expected


@given(SHEET_TEXT)
def test_hover_text_has_no_tags_of_its_own(value: str) -> None:
    assert "<" not in hover(value).replace("<br>", "")


# --- links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "https://jobs.example/1",
        "http://jobs.example/a?b=c&d=e#top",
        "HTTPS://Jobs.Example:8443/x",
        "https://www.linkedin.com/in/dana-lee/",
    ],
)
def test_web_addresses_are_links(value: str) -> None:
    assert web_url(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:me@evil.example",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "//evil.example/x",
        "evil.example/x",
        "/relative",
        "https://",
        "https://good.example@evil.example/",
        "https://user:pass@evil.example/",
        "https://evil.example/a b",
        "https://evil.example/\nx",
        "https://evil.example\\@good.example/",
        "https://evil.example:99999/",
        "[x](https://evil.example)",
        "",
        None,
    ],
)
def test_other_values_are_not_links(value: str | None) -> None:
    assert web_url(value) is None


def test_link_text_is_percent_encoded_for_markdown_and_html() -> None:
    url = web_url('https://jobs.example/a(b)"c"<d>é')
    assert url == "https://jobs.example/a%28b%29%22c%22%3Cd%3E%C3%A9"


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), max_size=30))
def test_a_link_keeps_its_host_and_has_nothing_markdown_or_html_breaks_on(path: str) -> None:
    url = web_url("https://jobs.example/" + path)
    if url is None:
        return
    assert urlsplit(url).hostname == "jobs.example"
    assert not set(url) & set(' ()<>"\\`')
    assert all(32 < ord(c) < 127 for c in url)


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("020 7946 0958", "tel:02079460958"),  # the leading zero is kept
        ("(555) 123-4567", "tel:5551234567"),
        ("555.123.4567", "tel:5551234567"),
        ("  +1 (555) 010-9999 ", "tel:+15550109999"),
        ("+49-30-1234567", "tel:+49301234567"),
        ("112", "tel:112"),
        ("+44 (0)20 7946 0958", "tel:+442079460958"),  # the trunk (0) after a country code is not dialled
        ("+44 (0) 20 7946 0958", "tel:+442079460958"),
        ("0049 (0) 30 1234567", "tel:0049301234567"),
        ("(0)20 7946 0958", "tel:02079460958"),  # no country code: the 0 is dialled
    ],
)
def test_phone_numbers_become_tel_links_of_their_digits(typed: str, link: str) -> None:
    assert tel_url(typed) == link


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "   ",
        "ask for Sam",
        "+44 20 7946 0958 ext. 12",
        "555-1234;ext=9",  # a dialler parameter
        "555,,1234",  # pauses
        "*67 555 1234",  # a service code
        "#31#5551234",
        "12",  # too few digits to call
        "1" * 21,
        "()-.",
        "44+20 7946",  # "+" only at the start
        "++44 20 7946",
        "+44 20\n7946 0958",  # a line break is not a space
        "+44\t20 7946",
        "0２0 7946 0958",  # full-width digits
        "<a href=x>555 1234</a>",
        "javascript:alert(1)",
        "tel:5551234",
    ],
)
def test_anything_else_is_no_tel_link(typed: str | None) -> None:
    assert tel_url(typed) is None


@given(st.text(max_size=40))
def test_a_tel_link_holds_only_a_plus_and_digits(value: str) -> None:
    link = tel_url(value)
    if link is not None:
        assert re.fullmatch(r"tel:\+?[0-9]{3,20}", link), link
