"""Reading saved email (.eml files, an .mbox file) into plain records, for logging replies and sent messages.

Only the standard library's `email` package (policy.default) reads the bytes; nothing is
fetched or sent anywhere. HTML mail is turned into its text. A forwarded message (attached,
or quoted inline under "Forwarded message") is read as the message that was forwarded.
"""

from __future__ import annotations

import html
import mailbox
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

EXTENSIONS = ("eml", "mbox")


class UnreadableMailError(ValueError):
    """A file that holds no message the app can read."""


@dataclass(frozen=True)
class Mail:
    """One message as read: who, when, what.

    Addresses are lower case. `when` is naive local time (None when the message has no
    readable date). `text` is the message's text (HTML turned into text). `forwarded_by` is
    the address that forwarded it, when the message was read out of a forward.
    """

    message_id: str
    sender: str
    sender_name: str
    recipients: tuple[str, ...]
    when: datetime | None
    subject: str
    text: str
    attachments: tuple[str, ...] = ()
    forwarded_by: str = ""
    source: str = ""  # the file it came from, for the person
    problems: tuple[str, ...] = field(default=())

    @property
    def sender_domain(self) -> str:
        return domain_of(self.sender)


def domain_of(address: str) -> str:
    """Return the domain of an email address, lower case ("" when there is none)."""
    return address.rpartition("@")[2].strip().lower().rstrip(".") if "@" in address else ""


def read_mail_file(name: str, data: bytes) -> list[Mail]:
    """Return the messages in one file: one for an .eml file, each message of an .mbox file.

    Raises UnreadableMailError when the file is of another kind or holds no message.
    """
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind == "eml":
        message = BytesParser(policy=policy.default).parsebytes(data)
        if not (message.keys() or message.get_payload()):
            raise UnreadableMailError(f"'{name}' holds no message.")
        return [read_message(message, source=name)]
    if kind == "mbox":
        mails = read_mbox(data, source=name)
        if not mails:
            raise UnreadableMailError(f"'{name}' holds no message (an .mbox file starts each message with a 'From ' line).")
        return mails
    raise UnreadableMailError(f"'{name}' is not an .eml or .mbox file.")


def read_mbox(data: bytes, *, source: str = "") -> list[Mail]:
    """Return every message of an mbox file's bytes, in file order."""
    # mailbox reads only from a path; the copy stays on this computer and is removed at once.
    fd, path = tempfile.mkstemp(suffix=".mbox")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        box = mailbox.mbox(path, create=False)
        parser = BytesParser(policy=policy.default)
        try:
            return [read_message(parser.parsebytes(box.get_bytes(key)), source=f"{source} #{i + 1}") for i, key in enumerate(box.keys())]
        finally:
            box.close()
    finally:
        os.unlink(path)


def read_message(message: Message, *, source: str = "") -> Mail:
    """Return one parsed message as a Mail; a forward is read as the message forwarded."""
    problems: list[str] = []
    sender_name, sender = _address(message.get("From", ""))
    recipients = _addresses(message, "To", "Cc")
    subject = _header_text(message.get("Subject", ""))
    when = _date(message.get("Date", ""))
    if when is None:
        problems.append("The message has no date the app can read.")
    text, attachments, attached = _content(message)
    mail = Mail(
        message_id=_header_text(message.get("Message-ID", "")).strip(),
        sender=sender, sender_name=sender_name, recipients=recipients, when=when, subject=subject,
        text=text, attachments=tuple(attachments), source=source, problems=tuple(problems),
    )
    if _FORWARD_SUBJECT.match(subject):
        if attached is not None:
            inner = read_message(attached, source=source)
            return _as_forward(inner, mail)
        inline = _inline_forward(text)
        if inline is not None:
            return _as_forward(inline, mail)
    return mail


_FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|fw|wg|tr)\s*:", re.IGNORECASE)
_FORWARD_MARK = re.compile(r"^-{2,}\s*(forwarded message|original message|begin forwarded message)\s*-*\s*:?\s*$",
                           re.IGNORECASE | re.MULTILINE)
_QUOTED_HEADER = re.compile(r"^\s*(from|date|sent|subject|to|cc)\s*:\s*(.*)$", re.IGNORECASE)


def _as_forward(inner: Mail, outer: Mail) -> Mail:
    """Return the forwarded message, remembering who forwarded it and keeping its own ID when it has one."""
    return Mail(
        message_id=inner.message_id or outer.message_id,
        sender=inner.sender or outer.sender, sender_name=inner.sender_name or outer.sender_name,
        recipients=inner.recipients or outer.recipients, when=inner.when or outer.when,
        subject=inner.subject or _FORWARD_SUBJECT.sub("", outer.subject).strip(),
        text=inner.text, attachments=inner.attachments or outer.attachments,
        forwarded_by=outer.sender, source=outer.source,
        problems=() if (inner.when or outer.when) else outer.problems,
    )


def _inline_forward(text: str) -> Mail | None:
    """Return the message quoted under a "Forwarded message" line of a forward's text, or None."""
    mark = _FORWARD_MARK.search(text)
    if mark is None:
        return None
    lines = text[mark.end():].lstrip("\n").splitlines()
    headers: dict[str, str] = {}
    body_start = len(lines)
    for i, line in enumerate(lines):
        found = _QUOTED_HEADER.match(line)
        if found:
            headers.setdefault(found.group(1).lower(), found.group(2).strip())
        elif line.strip() or headers:
            body_start = i  # the first line after the quoted headers
            break
    if "from" not in headers:
        return None
    name, sender = _address(headers["from"])
    when = _date(headers.get("date", headers.get("sent", "")))
    to = tuple(a.lower() for _n, a in getaddresses([headers.get("to", ""), headers.get("cc", "")]) if a)
    return Mail("", sender, name, to, when, headers.get("subject", ""), "\n".join(lines[body_start:]).strip())


def _address(value: str) -> tuple[str, str]:
    name, address = parseaddr(str(value))
    return _header_text(name), address.strip().lower()


def _addresses(message: Message, *names: str) -> tuple[str, ...]:
    values = [str(v) for n in names for v in message.get_all(n, [])]
    return tuple(dict.fromkeys(a.strip().lower() for _n, a in getaddresses(values) if a and "@" in a))


_C1 = re.compile("[\x80-\x9f]")


def _c1_as_windows(text: str) -> str:
    """Return text labelled ISO-8859-1 as its writer meant it: Windows-1252 (“”–€) in the C1 range.

    Mail programs label Windows-1252 text as ISO-8859-1; C1 control characters never occur in real text.
    """
    def windows(found: re.Match[str]) -> str:
        try:
            return found.group(0).encode("latin-1").decode("cp1252")
        except UnicodeDecodeError:
            return found.group(0)
    return _C1.sub(windows, text)


def _header_text(value: object) -> str:
    """Return a header's text; policy.default has decoded encoded words (=?ISO-8859-1?Q?...?=)."""
    return " ".join(_c1_as_windows(str(value or "")).split())


def _date(value: object) -> datetime | None:
    """Return a Date header as naive local time, or None when it cannot be read."""
    text = str(value or "").strip()
    if not text:
        return None
    moment: datetime | None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = _loose_date(text)
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _loose_date(text: str) -> datetime | None:
    """Read the dates mail programs write in a quoted forward ("Mon, 2 Nov 2026 at 10:05")."""
    cleaned = re.sub(r"\bat\b", " ", text.replace(",", " "))
    cleaned = " ".join(cleaned.split())
    for shape in ("%a %d %b %Y %H:%M", "%a %b %d %Y %H:%M", "%d %b %Y %H:%M", "%A %B %d %Y %I:%M %p",
                  "%a %b %d %Y %I:%M %p", "%A %d %B %Y %H:%M", "%d %B %Y %H:%M"):
        try:
            return datetime.strptime(cleaned, shape)
        except ValueError:
            continue
    return None


def _content(message: Message) -> tuple[str, list[str], Message | None]:
    """Return (the message's text, the names of its attachments, an attached forwarded message or None)."""
    attachments: list[str] = []
    attached: Message | None = None
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if attached is None and isinstance(inner, Message):
                attached = inner
        elif part.get_content_disposition() == "attachment" or (part.get_filename() and not part.is_multipart()):
            attachments.append(part.get_filename() or part.get_content_type())
    body = _body_part(message)
    if body is None:
        return "", attachments, attached
    text = _c1_as_windows(_part_text(body))
    if body.get_content_type() == "text/html":
        text = html_to_text(text)
    return _tidy(text), attachments, attached


def _body_part(message: Message) -> Message | None:
    """Return the part holding the message's own text: plain text preferred, else HTML."""
    if isinstance(message, EmailMessage):
        try:
            return message.get_body(preferencelist=("plain", "html"))
        except (KeyError, TypeError):
            return None
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html") and part.get_content_disposition() != "attachment":
            return part
    return None


def _part_text(part: Message) -> str:
    """Return a text part decoded (quoted-printable, base64; its charset, or a readable fallback)."""
    if isinstance(part, EmailMessage):
        try:
            return str(part.get_content())
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong charset: decode the bytes below
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return str(part.get_payload())
    charset = part.get_content_charset() or "utf-8"
    for encoding in (charset, "utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextOfHtml(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                         "blockquote", "hr", "section", "article", "header", "footer"})
    _SKIPPED = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Return the text a reader sees in an HTML message: no tags, scripts or styles; blocks on their own lines."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
