"""Reading saved email: plain, HTML, attachments, forwards, odd encodings, and an .mbox of a week's mail.

The messages are built here the way mail programs save them; `mail_bytes` and friends are
shared with the matching tests and the page test.
"""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from lib.io.mail import UnreadableMailError, html_to_text, read_mail_file

ME = "jo.smith@example.org"


def local(*args: int) -> datetime:
    """The naive local time of a UTC moment (how the reader reports dates)."""
    return datetime(*args, tzinfo=UTC).astimezone().replace(tzinfo=None)  # type: ignore[misc]


def mail_bytes(*, sender: str, to: str = ME, subject: str, body: str = "", html: str = "", when: datetime | None = None,
               message_id: str | None = "", attach: tuple[str, bytes] | None = None, cc: str = "") -> bytes:
    """Return a message as a mail program saves it (.eml)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    if when is not None:
        msg["Date"] = format_datetime(when)
    if message_id is not None:
        msg["Message-ID"] = message_id or make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
    if body:
        msg.set_content(body)
    if html:
        if body:
            msg.add_alternative(html, subtype="html")
        else:
            msg.set_content(html, subtype="html")
    if attach:
        msg.add_attachment(attach[1], maintype="application", subtype="pdf", filename=attach[0])
    return msg.as_bytes()


INVITE = mail_bytes(
    sender="Sam Lee <sam.lee@acme-analytics.com>", subject="Re: Data Analyst application",
    body="Hi Jo,\n\nThanks for your time. We'd like to invite you to a second interview next week.\n\n"
         "Best,\nSam\n\nOn Mon, 2 Nov 2026 at 09:00, Jo Smith <jo.smith@example.org> wrote:\n> Dear Sam, following up.",
    when=datetime(2026, 11, 3, 15, 30, tzinfo=UTC), message_id="<invite-1@acme-analytics.com>",
)
REJECTION_HTML = mail_bytes(
    sender="Brill Recruiting <recruiting@careers.brill.co.uk>", subject="Your application for Product Manager",
    html="<html><head><style>p {color: red}</style><title>x</title></head><body><p>Dear Jo,</p>"
         "<p>Thank you for interviewing with us. Unfortunately, we have decided to move forward with other candidates "
         "&amp; we wish you well.</p><script>alert(1)</script><div>Brill&nbsp;Ltd</div></body></html>",
    when=datetime(2026, 11, 4, 8, 0, tzinfo=UTC), message_id="<rej-7@brill.co.uk>",
)
OFFER_WITH_ATTACHMENT = mail_bytes(
    sender="Delta HR <hr@delta.io>", subject="Offer - Designer",
    body="Hi Jo, we are delighted to extend an offer for the Designer role. The offer letter is attached.",
    html="<p>Hi Jo, we are <b>delighted</b> to extend an offer for the Designer role.</p>",
    when=datetime(2026, 11, 5, 12, 0, tzinfo=UTC), attach=("offer.pdf", b"%PDF-1.4 fake"),
)
FORWARD_INLINE = mail_bytes(
    sender=f"Jo Smith <{ME}>", to=ME, subject="Fwd: Your application to Cobalt",
    body="FYI\n\n---------- Forwarded message ---------\nFrom: Cobalt Talent <talent@cobalt.dev>\n"
         "Date: Mon, 9 Nov 2026 at 10:05\nSubject: Your application to Cobalt\nTo: <jo.smith@example.org>\n\n"
         "Hi Jo, could you share your availability for a call with the team?\n",
    when=datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
)

# Hand-written the way older programs save them: ISO-8859-1 encoded words, quoted-printable and base64 bodies.
LATIN1_QP = (
    b"From: =?ISO-8859-1?Q?Ren=E9_M=FCller?= <rene@soleil-conseil.fr>\r\n"
    b"To: jo.smith@example.org\r\n"
    b"Subject: =?ISO-8859-1?Q?Entretien_chez_Soleil_Conseil_=96_=E9tape_suivante?=\r\n"
    b"Date: Wed, 11 Nov 2026 14:00:00 +0100\r\n"
    b"Message-ID: <qp-1@soleil-conseil.fr>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=ISO-8859-1\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Bonjour Jo,\r\n\r\nNous aimerions vous inviter =E0 un entretien pour le poste de Consultant=\r\n"
    b" Junior. Merci de nous indiquer vos disponibilit=E9s.\r\n"
)
BASE64_UTF8 = (
    b"From: noreply@greenhouse.io\r\nTo: jo.smith@example.org\r\nSubject: Thank you for applying to Cobalt\r\n"
    b"Date: Thu, 12 Nov 2026 09:15:00 -0500\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    + __import__("base64").encodebytes("Thanks for applying to Cobalt \u2014 Backend Engineer. We\u2019ll be in touch.".encode())
)


def forward_attached() -> bytes:
    """A forward that attaches the original message (message/rfc822), as Outlook and Thunderbird do."""
    original = EmailMessage()
    original["From"] = "Nia Park <nia@northwind.example>"
    original["To"] = ME
    original["Subject"] = "Interview schedule"
    original["Date"] = format_datetime(datetime(2026, 11, 6, 16, 45, tzinfo=UTC))
    original["Message-ID"] = "<orig-42@northwind.example>"
    original.set_content("Hi Jo, we would like to schedule your onsite interview for Friday.")
    outer = EmailMessage()
    outer["From"] = ME
    outer["To"] = "me-too@example.org"
    outer["Subject"] = "Fw: Interview schedule"
    outer["Date"] = format_datetime(datetime(2026, 11, 7, 8, 0, tzinfo=UTC))
    outer["Message-ID"] = "<outer-1@example.org>"
    outer.set_content("See below.")
    outer.add_attachment(original)
    return outer.as_bytes()


def week_mbox(path: Path) -> Path:
    """An .mbox of a week's mail: replies, a newsletter, a message sent by the person, one without a Message-ID."""
    box = mailbox.mbox(str(path))
    for data in (
        INVITE, REJECTION_HTML,
        mail_bytes(sender="Weekly Jobs <news@jobsletter.example>", subject="10 new jobs for you",
                   body="From the desk of the editor: ten jobs.\nFrom here on, more.", when=datetime(2026, 11, 4, 6, 0, tzinfo=UTC)),
        mail_bytes(sender=f"Jo Smith <{ME}>", to="Sam Lee <sam.lee@acme-analytics.com>", subject="Thank you - Data Analyst interview",
                   body="Dear Sam, thank you for the interview today.", when=datetime(2026, 11, 5, 18, 0, tzinfo=UTC)),
        mail_bytes(sender="hr@delta.io", subject="Quick question", body="Are you still interested in the Designer role?",
                   when=datetime(2026, 11, 6, 10, 0, tzinfo=UTC), message_id=None),
    ):
        box.add(mailbox.mboxMessage(data))
    box.flush()
    box.close()
    return path


def one(name: str, data: bytes):
    [mail] = read_mail_file(name, data)
    return mail


def test_plain_message_gives_sender_recipients_date_subject_text():
    mail = one("invite.eml", INVITE)
    assert (mail.sender, mail.sender_name, mail.sender_domain) == ("sam.lee@acme-analytics.com", "Sam Lee", "acme-analytics.com")
    assert mail.recipients == (ME,)
    assert mail.when == local(2026, 11, 3, 15, 30)
    assert mail.subject == "Re: Data Analyst application"
    assert "second interview" in mail.text
    assert mail.message_id == "<invite-1@acme-analytics.com>"
    assert mail.problems == ()


def test_html_mail_is_shown_as_its_text():
    mail = one("rejection.eml", REJECTION_HTML)
    assert "<p>" not in mail.text and "color: red" not in mail.text and "alert(1)" not in mail.text
    assert "other candidates & we wish you well." in mail.text
    assert mail.text.splitlines()[0] == "Dear Jo,"
    assert "Brill\xa0Ltd" in mail.text or "Brill Ltd" in mail.text


def test_multipart_prefers_plain_text_and_names_attachments():
    mail = one("offer.eml", OFFER_WITH_ATTACHMENT)
    assert mail.text.startswith("Hi Jo, we are delighted to extend an offer")
    assert "<b>" not in mail.text
    assert mail.attachments == ("offer.pdf",)


def test_inline_forward_is_read_as_the_forwarded_message():
    mail = one("fwd.eml", FORWARD_INLINE)
    assert mail.sender == "talent@cobalt.dev" and mail.sender_name == "Cobalt Talent"
    assert mail.forwarded_by == ME
    assert mail.subject == "Your application to Cobalt"
    assert mail.when == datetime(2026, 11, 9, 10, 5)
    assert mail.text.startswith("Hi Jo, could you share your availability")


def test_attached_forward_is_read_as_the_original():
    mail = one("fwd2.eml", forward_attached())
    assert mail.sender == "nia@northwind.example"
    assert mail.subject == "Interview schedule"
    assert mail.message_id == "<orig-42@northwind.example>"
    assert mail.when == local(2026, 11, 6, 16, 45)
    assert "onsite interview" in mail.text
    assert mail.forwarded_by == ME


def test_iso_8859_1_headers_and_quoted_printable_body():
    mail = one("qp.eml", LATIN1_QP)
    assert mail.sender_name == "René Müller"
    assert mail.subject == "Entretien chez Soleil Conseil – étape suivante"
    assert "inviter à un entretien pour le poste de Consultant Junior" in mail.text
    assert "disponibilités" in mail.text
    assert mail.when == local(2026, 11, 11, 13, 0)


def test_base64_body():
    mail = one("b64.eml", BASE64_UTF8)
    assert mail.text == "Thanks for applying to Cobalt \u2014 Backend Engineer. We\u2019ll be in touch."
    assert mail.when == local(2026, 11, 12, 14, 15)


def test_mbox_of_a_week_gives_every_message_in_order(tmp_path):
    data = week_mbox(tmp_path / "week.mbox").read_bytes()
    mails = read_mail_file("week.mbox", data)
    assert [m.subject for m in mails] == [
        "Re: Data Analyst application", "Your application for Product Manager", "10 new jobs for you",
        "Thank you - Data Analyst interview", "Quick question",
    ]
    assert "From the desk of the editor" in mails[2].text  # a body line starting "From " is not a new message
    assert mails[4].message_id == ""
    assert all(m.source.startswith("week.mbox #") for m in mails)


def test_a_message_without_a_date_says_so():
    mail = one("nodate.eml", mail_bytes(sender="a@b.example", subject="Hi", body="x"))
    assert mail.when is None
    assert mail.problems


@pytest.mark.parametrize("name, data", [("notes.txt", b"hello"), ("empty.mbox", b""), ("empty.eml", b"")])
def test_files_that_hold_no_message_are_refused(name, data):
    with pytest.raises(UnreadableMailError):
        read_mail_file(name, data)


def test_html_to_text_keeps_blocks_apart_and_drops_markup():
    assert html_to_text("<div>One</div><div>Two &lt;3</div><br>Three") == "One\nTwo <3\nThree"
