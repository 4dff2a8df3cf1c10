"""Sheet text is shown exactly as typed on every page, however hostile.

Every text column of every application, and of its history, holds a string from a corpus of
hostile Markdown (images, disguised links, autolinks, headings after a line break, math,
colours, icons, HTML...). Each page is rendered under AppTest in each state that shows the
application, and every string Streamlit renders as Markdown (element bodies, widget, button,
expander and tab labels, help texts, metric values, radio and segmented-control options,
toasts) is checked: none may hold Markdown syntax that did not come from the app itself, and
the application's text must be there in its escaped form. Plotly figures are checked for
HTML from the sheet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from lib.domain.literal import hover, text, web_url
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, Kind
from lib.io.store.local import LocalStore
from tests.conftest import no_exceptions
from tests.unit.test_literal import HOSTILE

EVIL_LINK = "https://evil.example/job?ref=1"  # a real web address in a link field: a link, as intended
TEXT_COLUMNS = [c.name for c in APPLICATIONS.columns if c.kind is Kind.TEXT and c.name != "ID"]
# The strings Streamlit renders as Markdown, by proto field name. Selectbox and multiselect
# options, text input values and st.code are plain text and not listed.
MARKDOWN_FIELDS = {"body", "label", "help", "content"}
MARKDOWN_OPTIONS = {"Radio"}  # widgets whose `options` are Markdown too
NOT_MARKDOWN = {"Code", "Json", "Exception", "Html", "PlotlyChart", "Arrow", "ArrowNamedDataSet"}

# What the app itself writes in Markdown: "required" marks, bold, its own icons and directives.
APP_MARKUP = re.compile(r" \*$|\*\*|:material/[a-z_]+:|:(?:small|gray|grey|red|orange|green|blue|violet|primary)\[|\]")
APP_BREAK, GONE = "\x01", "\x00"  # stand-ins for the app's own hard breaks, and for what was checked
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~\n]")
# Markdown syntax that must not reach the screen from the sheet.
RAW_SYNTAX = re.compile(
    r"[\[<>!$|`~#=*_&\\]"  # links, images, HTML, entities, math, tables, code, strikethrough, headings, emphasis
    r"|https?:|www\.|mailto:|javascript:|evil\.example"  # (auto)links
    r"|--|-(?=[>=])"  # dashes and arrows
    r"|[\w.+-]@[\w-]"  # e-mail autolinks
    r"|:[a-z_+-]+[:\[/]"  # emoji shortcodes, directives, icons
    r"|(?m:^\s*(?:[-+]\s|\d+[.)]\s|>))"  # lists and quotes at a line start
    r"|(?<!\x01)\n|\t|(?m:^ {4})",  # a line break that is not the app's own may start any block
    re.IGNORECASE,
)


def hostile_records(today: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (applications, history): one application per hostile string, in every text column.

    The applications are spread over the states the pages show differently: a follow-up
    due, a thank-you due after an interview, an offer, a rejection; link fields hold a real
    web address on some and the hostile string on others; one has hostile choices too.
    """
    apps: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for n, value in enumerate(HOSTILE):
        app_id = f"A-h{n:02d}"
        app: dict[str, Any] = {"ID": app_id, **{name: value for name in TEXT_COLUMNS}}
        app["Job Link"] = EVIL_LINK if n % 2 else value
        app["Interviewer LinkedIn"] = value if n % 2 else "https://www.linkedin.com/in/x?y=(1)"
        if n % 3 == 0:
            app["Interviewer Email"] = "dana@example.com?bcc=evil@evil.example"
        kind = n % 4
        app["Applied On"] = today - timedelta(days=9 + n)
        app["Status"] = ("Applied", "Interviewing", "Offer", "Rejected")[kind]
        if kind == 1:
            app["Interview On"] = datetime.combine(today - timedelta(days=1), datetime.min.time()).replace(hour=10)
        if kind == 3:
            app["Response On"] = datetime.combine(today - timedelta(days=2), datetime.min.time()).replace(hour=9)
        apps.append(app)
        history.append({
            "ID": f"F-h{n:02d}a", "Application ID": app_id, "Company": value, "Job Title": value,
            "Date": datetime.combine(today - timedelta(days=5), datetime.min.time()).replace(hour=8),
            "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up", "Subject": value, "Message": value,
        })
        if kind < 2:
            continue  # no reply yet: something to do shows on Today
        history.append({
            "ID": f"F-h{n:02d}b", "Application ID": app_id, "Company": value, "Job Title": value,
            "Date": datetime.combine(today - timedelta(days=3), datetime.min.time()).replace(hour=8),
            "Direction": "Received", "Medium": "Email", "Kind": "Reply", "Subject": value, "Message": value,
        })
    # Choices typed by hand are kept as typed; this one's are hostile too.
    odd = "**b** [m](https://evil.example) :red[x]"
    apps.append({
        "ID": "A-choice", **{name: odd for name in TEXT_COLUMNS}, "Status": odd, "Follow-Up Medium": odd,
        "Applied On": today - timedelta(days=20), "Last Follow-Up On": datetime.combine(today - timedelta(days=12), datetime.min.time()),
        "Follow-Ups Sent": 1,
    })
    history.append({
        "ID": "F-choice", "Application ID": "A-choice", "Company": odd, "Job Title": odd,
        "Date": datetime.combine(today - timedelta(days=12), datetime.min.time()),
        "Direction": odd, "Medium": odd, "Kind": odd, "Subject": odd, "Message": odd,
    })
    assert set(history[0]) == set(FOLLOWUPS.headers)
    return apps, history


IDS = [f"A-h{n:02d}" for n in range(len(HOSTILE))] + ["A-choice"]


@pytest.fixture
def hostile_store(tmp_path: Path) -> LocalStore:
    """A local store holding the hostile applications, in a folder whose name is hostile too
    (the sidebar and Settings name the folder)."""
    store = LocalStore(tmp_path / "**b** [x](https://evil.example) $x$ #h")
    apps, history = hostile_records(date.today())
    store.replace_all(apps, history, {"profile.name": "Sam <b>Ortiz</b> [me](https://evil.example)"})
    return store


# --- what the app rendered ------------------------------------------------------------------


def _strings(message: Message, owner: str) -> Iterator[tuple[str, str, str]]:
    """Yield (element type, field, text) for the Markdown strings in one element's proto."""
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                yield from _strings(item, owner)
            elif isinstance(item, str) and (field.name in MARKDOWN_FIELDS or (field.name == "options" and owner in MARKDOWN_OPTIONS)):
                yield owner, field.name, item


def markdown_strings(at: AppTest) -> list[tuple[str, str, str]]:
    """Return (element type, field, text) for every string the app gives Streamlit as Markdown."""
    found: list[tuple[str, str, str]] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        owner = type(proto).__name__ if proto is not None else ""
        if isinstance(proto, Message) and owner not in NOT_MARKDOWN:
            found.extend(_strings(proto, owner))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    found.extend(("Toast", "body", t.value) for t in at.toast)
    return found


def raw_syntax(markdown: str) -> list[str]:
    """Return the Markdown syntax in `markdown` that is neither escaped nor the app's own."""
    rest = ESCAPED.sub(GONE, markdown).replace("  \n", APP_BREAK + "\n")
    rest = APP_MARKUP.sub(GONE, rest)
    return [m.group(0) for m in RAW_SYNTAX.finditer(rest)]


def assert_literal(at: AppTest, where: str) -> str:
    """Fail if any Markdown string holds syntax from the sheet; return all of them joined."""
    no_exceptions(at)
    strings = markdown_strings(at)
    bad = [(owner, field, body, raw_syntax(body)) for owner, field, body in strings if raw_syntax(body)]
    assert not bad, f"{where}: Markdown from the sheet would render:\n" + "\n".join(map(repr, bad[:10]))
    return "\n".join(body for _, _, body in strings)


def assert_shown(shown: str, values: list[str], where: str) -> None:
    """Fail unless each value appears in the rendered Markdown in its escaped form."""
    missing = [v for v in values if text(v) not in shown]
    assert not missing, f"{where}: not shown as typed: {missing}"


def link_buttons(at: AppTest) -> list[str]:
    return [e.proto.url for e in at.get("link_button")]


# --- each page, each state ------------------------------------------------------------------


def test_the_checker_catches_sheet_markdown() -> None:
    # The check itself: unescaped sheet text fails it, escaped text and the app's markup pass.
    for value in HOSTILE:
        if "🎉" not in value:
            assert raw_syntax(f"**{value}**"), value
        assert not raw_syntax(f"**{text(value)}** · :small[:gray[{text(value)}]]  \n:material/today: Due"), value


def test_today_cards_and_their_forms(app_on, hostile_store) -> None:
    at = app_on(hostile_store)
    shown = assert_literal(at, "Today")
    cards = {b.key.split(".")[2] for b in at.button if b.key and b.key.endswith(".reply")}
    assert len(cards) > len(HOSTILE) // 2
    assert_shown(shown, [HOSTILE[IDS.index(i)].strip() for i in cards if i != "A-choice"], "Today")
    for key in [b.key for b in at.button if b.key and b.key.endswith((".sent", ".reply"))][:6]:
        at.button(key=key).click().run()
        assert_literal(at, f"Today, form opened by {key}")


@pytest.mark.parametrize("app_id", IDS)
def test_applications_detail(app_on, hostile_store, app_id) -> None:
    at = app_on(hostile_store, "app_pages/applications.py")
    assert_literal(at, "Applications")
    at.selectbox(key="applications.open").set_value(app_id).run()
    shown = assert_literal(at, f"Applications, {app_id} open")
    app = hostile_store.load(date.today()).application(app_id)
    assert app is not None
    fields = ["Company", "Job Title", "Status", "Source", "Location", "Notes", "Interviewer Title", "Interviewer Email", "Interviewer Phone"]
    assert_shown(shown, [app[f] for f in fields] + [app["Interviewer"].strip()], f"Applications, {app_id} open")
    for url in link_buttons(at):
        assert url.startswith(("https://", "mailto:")), url
        if url.startswith("mailto:"):
            assert "?" not in url and "&" not in url, url  # the address cannot add recipients or fields
    links = {web_url(app["Job Link"]), web_url(app["Interviewer LinkedIn"])} - {None}
    assert {u for u in link_buttons(at) if u.startswith("https://")} == links  # only from the link fields
    at.button(key=f"applications.delete.{app_id}").click().run()
    assert_literal(at, f"Applications, {app_id} delete asked")


def test_applications_toast_warnings_and_errors(app_on, hostile_store) -> None:
    app_id = "A-h00"
    at = app_on(hostile_store, "app_pages/applications.py")
    at.selectbox(key="applications.open").set_value(app_id).run()
    assert at.warning  # the hostile cells the form would refuse are named, quoting them
    assert_literal(at, "Applications, hand-typed cells named")
    at.text_area(key=f"applications.edit.{app_id}.Notes").input("changed")
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    assert_literal(at, "Applications, after saving around them")
    assert [t.value for t in at.toast] == [f"Saved {text(HOSTILE[0])}"], [e.value for e in at.error]
    at.text_input(key=f"applications.edit.{app_id}.Job Link").input(HOSTILE[1])  # a change the form refuses
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    assert_literal(at, "Applications, a field refused")  # the error quotes the hostile text
    assert at.error


@pytest.mark.parametrize("app_id", IDS)
def test_follow_up_page(app_on, hostile_store, app_id) -> None:
    at = app_on(hostile_store, "app_pages/follow_up.py")
    at.selectbox(key="follow_up.app").set_value(app_id).run()
    assert_literal(at, f"Follow-up, {app_id}")
    for url in link_buttons(at):
        if url.startswith("mailto:"):
            to = url.removeprefix("mailto:").split("?", 1)
            assert "&" not in to[0] and "?" not in to[0], url
            assert all(part.split("=", 1)[0] in ("subject", "body") for part in (to[1].split("&") if len(to) > 1 else []))
        else:
            assert url.startswith("https://"), url


def _figure_strings(spec: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(spec, dict):
        for key, value in spec.items():
            yield from _figure_strings(value, f"{path}.{key}")
    elif isinstance(spec, list):
        for value in spec:
            yield from _figure_strings(value, path)
    elif isinstance(spec, str):
        yield path, spec


def test_pipeline_charts(app_on, hostile_store) -> None:
    at = app_on(hostile_store, "app_pages/pipeline.py")
    assert_literal(at, "Pipeline")
    charts = at.get("plotly_chart")
    assert charts
    texts: list[str] = []
    for chart in charts:
        figure = json.loads(chart.proto.spec)
        for path, value in _figure_strings(figure.get("data", [])):
            if "template" in path:  # hovertemplate, texttemplate: the app's own markup
                continue
            tags = re.sub(r"<br>|</?b>", "", value)
            assert "<" not in tags and ">" not in tags, (path, value)
            texts.append(value)
    joined = "\n".join(texts)
    assert "<b>bold</b>" not in joined and "&lt;b&gt;bold&lt;/b&gt;" in joined
    assert hover("R&D") == "R&amp;D"


def test_settings_and_sidebar(app_on, hostile_store) -> None:
    at = app_on(hostile_store, "app_pages/settings.py")
    shown = assert_literal(at, "Settings")
    assert text(str(hostile_store.data_dir)) in shown


def test_board_cards_and_a_move(app_on, hostile_store) -> None:
    at = app_on(hostile_store, "app_pages/board.py")
    shown = assert_literal(at, "Board")
    apps = hostile_store.load(date.today()).applications
    assert_shown(shown, [c.strip() for c in apps["Company"] if c.strip()], "Board")
    app_id = IDS[0]
    moves = [b.key for b in at.button if b.key and b.key.startswith(f"board.card.{app_id}.to.")]
    at.button(key=moves[0]).click().run()
    assert_literal(at, "Board, after a move")
    assert [t.value for t in at.toast] and all(t.value.startswith("Moved ") for t in at.toast)


def test_quick_add_and_the_table(app_on, hostile_store) -> None:
    at = app_on(hostile_store, "app_pages/applications.py")
    at.text_input(key="applications.quick.company").input(HOSTILE[0])
    at.text_input(key="applications.quick.title").input(HOSTILE[1])
    at.text_input(key="applications.quick.extra").input(HOSTILE[2])
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    assert_literal(at, "Applications, quick add")
    table = at.dataframe(key="applications.table").value
    for url in table["Job Link"]:
        assert url == "" or web_url(url) == url, url  # only web addresses are links
