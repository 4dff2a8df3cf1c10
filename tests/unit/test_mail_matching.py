"""Matching saved email to applications, suggesting a status, and logging each message once, as by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.io.mail import Mail, read_mail_file
from lib.io.store.local import LocalStore
from lib.views.actions import record_reply, record_sent
from lib.views.mail_match import (
    OWN_EMAIL_KEY,
    already_logged,
    excerpt,
    history_message,
    log_mail,
    match_message,
    propose,
    propose_all,
    registrable_name,
    sent_kind,
    suggested_status,
)
from tests.unit.test_mail_reading import (
    BASE64_UTF8,
    FORWARD_INLINE,
    INVITE,
    LATIN1_QP,
    ME,
    OFFER_WITH_ATTACHMENT,
    REJECTION_HTML,
    forward_attached,
    mail_bytes,
    week_mbox,
)

TODAY = date(2026, 11, 20)
APPS = [
    {"ID": "A-acme1", "Company": "Acme Analytics", "Job Title": "Data Analyst", "Status": "Interviewing",
     "Interviewer": "Sam Lee", "Interviewer Email": "Sam.Lee@acme-analytics.com"},
    {"ID": "A-acme2", "Company": "Acme Analytics", "Job Title": "Data Engineer", "Status": "Applied"},
    {"ID": "A-brill", "Company": "Brill Ltd", "Job Title": "Product Manager", "Status": "Interviewing",
     "Job Link": "https://www.brill.co.uk/careers/pm-123"},
    {"ID": "A-cobalt", "Company": "Cobalt", "Job Title": "Backend Engineer", "Status": "Applied",
     "Job Link": "https://boards.greenhouse.io/cobalt/jobs/99"},
    {"ID": "A-delta", "Company": "Delta Inc.", "Job Title": "Designer", "Status": "Interviewing"},
    {"ID": "A-nw", "Company": "Northwind Traders", "Job Title": "Buyer", "Status": "Applied",
     "Job Link": "https://jobs.northwind.example/buyer"},
    {"ID": "A-soleil", "Company": "Soleil Conseil", "Job Title": "Consultant Junior", "Status": "Applied"},
    {"ID": "A-gh", "Company": "Greenhouse", "Job Title": "Support", "Status": "Applied"},  # also a hiring platform's name
]
SETTINGS = {OWN_EMAIL_KEY: ME}


@pytest.fixture
def apps():
    return applications_frame(APPS)


def one(name: str, data: bytes) -> Mail:
    return read_mail_file(name, data)[0]


# Each fixture message and the application it is about; the matcher is scored on all of them.
EXPECTED = [
    ("invite.eml", INVITE, "A-acme1"),
    ("rejection.eml", REJECTION_HTML, "A-brill"),
    ("offer.eml", OFFER_WITH_ATTACHMENT, "A-delta"),
    ("fwd.eml", FORWARD_INLINE, "A-cobalt"),
    ("fwd2.eml", forward_attached(), "A-nw"),
    ("qp.eml", LATIN1_QP, "A-soleil"),
    ("b64.eml", BASE64_UTF8, "A-cobalt"),
    ("engineer.eml", mail_bytes(sender="Kim <kim@acme-analytics.com>", subject="Data Engineer: next steps", body="Hello",
                                when=datetime(2026, 11, 8, tzinfo=UTC)), "A-acme2"),
    ("sent.eml", mail_bytes(sender=ME, to="Sam Lee <sam.lee@acme-analytics.com>", subject="Following up",
                            body="Hi Sam, just checking in.", when=datetime(2026, 11, 9, tzinfo=UTC)), "A-acme1"),
]


def test_every_fixture_message_has_its_application_first(apps):
    right = 0
    for name, data, expected in EXPECTED:
        found = match_message(one(name, data), apps, ME)
        right += bool(found) and found[0].app_id == expected
    assert right == len(EXPECTED), f"{right}/{len(EXPECTED)} matched"


def test_the_interviewers_email_is_the_strongest_reason(apps):
    [first, *rest] = match_message(one("invite.eml", INVITE), apps, ME)
    assert first.app_id == "A-acme1"
    assert "the interviewer's email (sam.lee@acme-analytics.com)" in first.reasons
    assert [c.app_id for c in rest] == ["A-acme2"]  # the other role at the same company is offered too, lower
    assert first.score > rest[0].score


def test_domain_against_company_and_against_job_link(apps):
    brill = match_message(one("rejection.eml", REJECTION_HTML), apps, ME)[0]
    assert brill.app_id == "A-brill"
    assert any("careers.brill.co.uk is the company's name" in r for r in brill.reasons)
    assert any("job link (brill.co.uk)" in r for r in brill.reasons)
    nw = match_message(one("x.eml", mail_bytes(sender="hr@northwind.example", subject="Hello", body="Hi",
                                               when=datetime(2026, 11, 1, tzinfo=UTC))), apps, ME)
    assert nw[0].app_id == "A-nw"


def test_hiring_platform_and_mail_provider_domains_say_nothing(apps):
    found = match_message(one("b64.eml", BASE64_UTF8), apps, ME)
    assert [c.app_id for c in found] == ["A-cobalt"]  # named in the subject; greenhouse.io is not "Greenhouse"
    assert not any("domain" in r for r in found[0].reasons)
    private = mail_bytes(sender="someone@gmail.com", subject="Coffee?", body="Are you free?", when=datetime(2026, 11, 1, tzinfo=UTC))
    assert match_message(one("p.eml", private), apps, ME) == []


def test_a_job_title_alone_matches_nothing(apps):
    mail = one("t.eml", mail_bytes(sender="x@unknown.example", subject="Designer roles in your area", body="Designer",
                                   when=datetime(2026, 11, 1, tzinfo=UTC)))
    assert match_message(mail, apps, ME) == []


def test_no_applications_no_candidates():
    assert match_message(one("invite.eml", INVITE), applications_frame([]), ME) == []


def test_a_message_the_person_sent_is_matched_by_its_recipients(apps):
    sent = one("sent.eml", EXPECTED[-1][1])
    proposal = propose(sent, apps, followups_frame([]), SETTINGS)
    assert proposal.sent and proposal.kind == "Follow-up" and proposal.status is None
    assert proposal.candidates[0].app_id == "A-acme1"
    without_profile = propose(sent, apps, followups_frame([]), {})
    assert not without_profile.sent


@pytest.mark.parametrize("registered, host", [
    ("acme", "acme.com"), ("brill", "careers.brill.co.uk"), ("example", "mail.example.org"), ("x", "x"), ("delta", "delta.io"),
])
def test_registrable_name(registered, host):
    assert registrable_name(host) == registered


@pytest.mark.parametrize("data, current, status", [
    (INVITE, "Applied", "Interviewing"),
    (REJECTION_HTML, "Interviewing", "Rejected"),  # mentions the interview, says no
    (OFFER_WITH_ATTACHMENT, "Interviewing", "Offer"),
    (LATIN1_QP, "Applied", None),  # French: not understood, so nothing is suggested
    (BASE64_UTF8, "Applied", None),  # an acknowledgement
    (INVITE, "Offer", None),  # never moves an application back
    (INVITE, "Interviewing", None),  # already there
    (REJECTION_HTML, "Accepted", None),
    (REJECTION_HTML, "Offer", "Rejected"),
])
def test_suggested_status_only_when_the_text_clearly_says_so(data, current, status):
    found = suggested_status(one("m.eml", data), current)
    assert (found[0] if found else None) == status


def test_rescheduling_is_not_a_rejection():
    mail = one("r.eml", mail_bytes(sender="a@acme-analytics.com", subject="Rescheduling",
                                   body="Unfortunately I have to move our interview to Thursday.", when=datetime(2026, 11, 1, tzinfo=UTC)))
    assert suggested_status(mail, "Interviewing") is None


def test_quoted_earlier_messages_do_not_suggest_a_status():
    body = "Thanks Jo, noted.\n\nOn Tue, 3 Nov 2026, HR wrote:\n> Unfortunately, we have decided to move forward with other candidates."
    mail = one("q.eml", mail_bytes(sender="hr@delta.io", subject="Re: feedback", body=body, when=datetime(2026, 11, 1, tzinfo=UTC)))
    assert suggested_status(mail, "Interviewing") is None
    assert excerpt(mail.text) == "Thanks Jo, noted."


def test_a_sent_thank_you_is_a_thank_you():
    thanks = one("t.eml", mail_bytes(sender=ME, to="sam.lee@acme-analytics.com", subject="Thank you",
                                     body="Thank you for the interview today.", when=datetime(2026, 11, 1, tzinfo=UTC)))
    assert sent_kind(thanks) == "Thank-you"


def test_excerpt_is_short_and_on_one_line():
    text = ("word " * 200).strip()
    short = excerpt(text)
    assert len(short) <= 300 and short.endswith("…") and "\n" not in short


# --- logging, through the store ----------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    s = LocalStore(tmp_path / "data")
    s.replace_all(APPS, [], SETTINGS)
    return s


def _log(store, name, data, **kw):
    loaded = store.load(TODAY)
    proposal = propose(one(name, data), loaded.applications, loaded.followups, loaded.settings)
    app = loaded.application(proposal.candidates[0].app_id)
    return log_mail(store, app, proposal, **kw), proposal


def test_a_reply_is_logged_as_logging_it_by_hand_would(store, tmp_path):
    entry_id, proposal = _log(store, "invite.eml", INVITE, new_status=None)
    data = store.load(TODAY)
    app = data.application("A-acme1")
    row = data.followups.set_index("ID").loc[entry_id]
    assert (row["Direction"], row["Medium"], row["Kind"], row["Subject"]) == ("Received", "Email", "Reply", "Re: Data Analyst application")
    assert row["Message"].endswith("Message-ID: <invite-1@acme-analytics.com>")
    assert "second interview" in row["Message"] and "> Dear Sam" not in row["Message"]
    # The same reply typed by hand on a twin store changes the application in the same way.
    twin = LocalStore(tmp_path / "twin")
    twin.replace_all(APPS, [], SETTINGS)
    record_reply(twin, twin.load(TODAY).application("A-acme1"), when=proposal.mail.when, outcome=proposal.mail.subject,
                 medium="Email", message=history_message(proposal.mail))
    by_hand = twin.load(TODAY).application("A-acme1")
    assert {k: app[k] for k in app if k != "_row"} == {k: by_hand[k] for k in by_hand if k != "_row"}
    assert app["Response On"] == proposal.mail.when and app["Status"] == "Interviewing"


def test_a_confirmed_status_is_set(store):
    _log(store, "rejection.eml", REJECTION_HTML, new_status="Rejected", outcome="Rejected after the interview")
    app = store.load(TODAY).application("A-brill")
    assert app["Status"] == "Rejected" and app["Outcome"] == "Rejected after the interview"


def test_a_sent_message_updates_the_follow_up_fields(store, tmp_path):
    entry_id, proposal = _log(store, "sent.eml", EXPECTED[-1][1])
    data = store.load(TODAY)
    app = data.application("A-acme1")
    assert (app["Last Follow-Up On"], app["Follow-Up Medium"], app["Follow-Ups Sent"]) == (proposal.mail.when, "Email", 1)
    row = data.followups.set_index("ID").loc[entry_id]
    assert (row["Direction"], row["Kind"], row["Subject"]) == ("Sent", "Follow-up", "Following up")
    twin = LocalStore(tmp_path / "twin")
    twin.replace_all(APPS, [], SETTINGS)
    record_sent(twin, twin.load(TODAY).application("A-acme1"), medium="Email", when=proposal.mail.when, kind="Follow-up")
    by_hand = twin.load(TODAY).application("A-acme1")
    assert {k: app[k] for k in app if k != "_row"} == {k: by_hand[k] for k in by_hand if k != "_row"}


def test_a_logged_message_is_recognised_when_dropped_again(store, tmp_path):
    entry_id, _ = _log(store, "invite.eml", INVITE)
    data = store.load(TODAY)
    again = propose(one("invite.eml", INVITE), data.applications, data.followups, data.settings)
    assert again.logged_as == entry_id


def test_a_message_logged_by_hand_with_its_date_and_subject_is_recognised(store):
    mail = one("invite.eml", INVITE)
    data = store.load(TODAY)
    entry_id = record_reply(store, data.application("A-acme1"), when=mail.when.replace(second=0), outcome=mail.subject)
    assert already_logged(mail, store.load(TODAY).followups) == entry_id


def test_without_a_message_id_the_same_date_and_subject_is_recognised(store, tmp_path):
    mails = read_mail_file("week.mbox", week_mbox(tmp_path / "week.mbox").read_bytes())
    undated_id = next(m for m in mails if not m.message_id)
    data = store.load(TODAY)
    proposal = propose(undated_id, data.applications, data.followups, data.settings)
    assert proposal.logged_as == "" and proposal.candidates[0].app_id == "A-delta"
    sent_as = log_mail(store, data.application("A-delta"), proposal, outcome="")  # the subject is the outcome
    data = store.load(TODAY)
    assert already_logged(undated_id, data.followups) == sent_as


def test_the_week_is_proposed_oldest_first_and_the_newsletter_matches_nothing(store, tmp_path):
    mails = read_mail_file("week.mbox", week_mbox(tmp_path / "week.mbox").read_bytes())
    data = store.load(TODAY)
    proposals = propose_all(list(reversed(mails)), data.applications, data.followups, data.settings)
    assert [p.mail.when for p in proposals] == sorted(p.mail.when for p in proposals)
    by_subject = {p.mail.subject: p for p in proposals}
    assert by_subject["10 new jobs for you"].candidates == ()
    thanks = by_subject["Thank you - Data Analyst interview"]
    assert thanks.sent and thanks.kind == "Thank-you" and thanks.candidates[0].app_id == "A-acme1"
    assert by_subject["Your application for Product Manager"].status == "Rejected"
