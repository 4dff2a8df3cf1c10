"""Demo data: a realistic job search relative to today, and larger generated searches.

The demo is what a new user sees on first start; every date is counted back from today so
the Today page always has something due, something waiting and something to close.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

# The demo person's own settings: labelled as demo, with a profile so demo messages are ready.
DEMO_SETTINGS = {
    "demo": "true",
    "profile.name": "Alex Morgan",
    "profile.email": "alex.morgan@example.com",
    "profile.phone": "+1 555 0100",
    "profile.linkedin": "https://www.linkedin.com/in/alex-morgan-example",
}

# One entry per application. Day offsets count back from today (applied=30 -> 30 days ago);
# "interview" is (days ago, hour); "expect" is days after the interview that they said
# they would decide; followups are (days ago, medium, kind); "reply" is days ago. The employer's
# words: "offer_by" (Offer Deadline) and "contact_after" count days ahead, "closed" (Posting
# Closed On) days ago, so the demo shows the competing-offer nudge, a held-back follow-up and an
# early one.
_DEMO: list[dict[str, Any]] = [
    dict(company="Northwind Analytics", title="Senior Data Analyst", loc="Remote", src="LinkedIn", status="Interviewing",
         applied=16, interview=(1, 10), round="First", who="Dana Lee", who_title="Analytics Manager", email="dana.lee@northwind.example",
         topics="their move from dashboards to self-serve analytics", concerns="limited dbt experience", expect=10),
    dict(company="Bluebird Health", title="Product Analyst", loc="Boston, MA", src="Company site", status="Interviewing",
         applied=25, interview=(9, 14), round="Second", who="Dr. Priya Raman", who_title="Director of Product", email="p.raman@bluebird.example",
         phone="+1 617 555 0142", topics="reducing patient no-shows with reminders", thank=20, expect=5,
         followups=[(17, "Email", "Follow-up")]),
    dict(company="Copperleaf Energy", title="Data Engineer", loc="Denver, CO", src="Referral", status="Interviewing",
         applied=30, interview=(12, 11), round="First", who="Marcus Hill", who_title="Engineering Lead", email="marcus.hill@copperleaf.example",
         linkedin="https://www.linkedin.com/in/marcus-hill-example", topics="streaming meter data into the warehouse", thank=18,
         followups=[(20, "Email", "Follow-up")]),
    dict(company="Harbor & Finch", title="BI Developer", loc="Remote", src="Recruiter", status="Interviewing",
         applied=40, interview=(22, 15), round="Final", who="Ms. Olivia Grant", who_title="Head of Finance Systems", email="ogrant@harborfinch.example",
         topics="month-end reporting in Power BI", concerns="no banking background", thank=20, followups=[(12, "Email", "Follow-up")],
         reply=(9, "Decision delayed: they expect to decide by the end of next week"), expect=21),
    dict(company="Lumen Robotics", title="Analytics Engineer", loc="Pittsburgh, PA", src="LinkedIn", status="Interviewing",
         applied=50, interview=(35, 13), round="First", who="Sam Ortiz", who_title="Data Platform Manager", email="sam.ortiz@lumen.example",
         linkedin="https://www.linkedin.com/in/sam-ortiz-example", topics="test coverage for dbt models", thank=24,
         followups=[(26, "Email", "Follow-up"), (15, "Email", "Check-in")]),
    dict(company="Greenway Logistics", title="Operations Analyst", loc="Chicago, IL", src="Job board", status="Interviewing",
         applied=60, interview=(45, 10), round="First", who="Mr. Tom Becker", who_title="Operations Director", email="tbecker@greenway.example",
         topics="route planning with real-time traffic", thank=20,
         followups=[(36, "Email", "Follow-up"), (24, "Phone", "Final")]),
    dict(company="Quill Publishing", title="Data Analyst", loc="New York, NY", src="Company site", status="Applied", applied=12),
    dict(company="Orbit Finance", title="Analytics Lead", loc="Remote", src="LinkedIn", status="Applied", applied=18, contact_after=5,
         notes="Recruiter: please don't chase before the shortlist is out"),
    dict(company="Pinecrest Schools", title="Reporting Analyst", loc="Portland, OR", src="Job board", status="Applied", applied=4),
    dict(company="Atlas Retail", title="Pricing Analyst", loc="Seattle, WA", src="Recruiter", status="Applied", applied=27,
         followups=[(14, "Email", "Follow-up")]),
    dict(company="Tidewater Labs", title="Data Scientist", loc="San Diego, CA", src="Referral", status="Applied", applied=7),
    dict(company="Riverbend Insurance", title="Actuarial Data Analyst", loc="Hartford, CT", src="Company site", status="Applied", applied=35,
         followups=[(22, "Email", "Follow-up"), (11, "Email", "Check-in")]),
    dict(company="Maple & Stone", title="Marketing Analyst", loc="Remote", src="LinkedIn", status="Applied", applied=2),
    dict(company="Summit Outdoor", title="E-commerce Analyst", loc="Salt Lake City, UT", src="Job board", status="Wishlist"),
    dict(company="Vertex Games", title="Player Insights Analyst", loc="Austin, TX", src="LinkedIn", status="Wishlist"),
    dict(company="Clearwater Bank", title="Risk Data Analyst", loc="Charlotte, NC", src="Company site", status="Wishlist"),
    dict(company="Brightside Media", title="Audience Analyst", loc="Los Angeles, CA", src="Recruiter", status="Offer",
         applied=45, interview=(10, 11), round="Final", who="Jordan Kim", who_title="VP Audience", email="jordan.kim@brightside.example",
         topics="subscriber churn model", thank=22, expect=5, followups=[(4, "Email", "Follow-up")],
         reply=(2, "Offer: verbal, written offer to follow")),
    dict(company="Ironclad Security", title="Security Data Analyst", loc="Remote", src="Referral", status="Offer",
         applied=38, interview=(14, 15), round="Second", who="Ms. Rachel Adams", who_title="CISO", email="radams@ironclad.example",
         topics="alert fatigue in the SOC", thank=20, reply=(4, "Offer received; decision needed within a week"), offer_by=3),
    dict(company="Fable Studios", title="Data Analyst", loc="Remote", src="LinkedIn", status="Accepted",
         applied=90, interview=(70, 10), round="Final", who="Chris Novak", who_title="Head of Data", email="chris@fable.example",
         thank=20, expect=5, followups=[(63, "Email", "Follow-up")], reply=(60, "Accepted the offer")),
    dict(company="Granite Health", title="Healthcare Data Analyst", loc="Nashville, TN", src="Job board", status="Rejected",
         applied=33, interview=(20, 9), round="First", who="Dr. Alan Perez", who_title="Clinical Informatics Lead", email="aperez@granite.example",
         topics="readmission dashboards", thank=22, followups=[(11, "Email", "Follow-up")],
         reply=(3, "Rejected: went with an internal candidate")),
    dict(company="Sparrow Travel", title="Revenue Analyst", loc="Miami, FL", src="Company site", status="Rejected",
         applied=29, reply=(20, "Rejected after screening")),
    dict(company="Nimbus Cloud", title="Data Analyst II", loc="Remote", src="LinkedIn", status="Rejected",
         applied=70, interview=(55, 14), round="Second", who="Lena Fischer", who_title="Analytics Manager", email="lena.fischer@nimbus.example",
         thank=20, followups=[(47, "Email", "Follow-up")], reply=(40, "Rejected; shared feedback on SQL test"), feedback_asked=38),
    dict(company="Keystone Manufacturing", title="Supply Chain Analyst", loc="Cleveland, OH", src="Recruiter", status="Withdrawn",
         applied=48, notes="Withdrew: role moved on-site five days a week"),
    dict(company="Oakridge Partners", title="Financial Analyst", loc="Dallas, TX", src="Job board", status="No Response",
         applied=85, followups=[(70, "Email", "Follow-up"), (58, "Email", "Final")]),
    dict(company="Willow Bio", title="Lab Data Analyst", loc="Cambridge, MA", src="Company site", status="No Response",
         applied=75, interview=(60, 11), round="First", who="Grace Liu", who_title="Lab Operations Manager", email="grace.liu@willow.example",
         thank=20, followups=[(50, "Email", "Follow-up"), (38, "Email", "Final")]),
    dict(company="Cobalt Insights", title="Customer Analytics Analyst", loc="Remote", src="LinkedIn", status="Interviewing",
         applied=20, interview=(0, 9), round="First", who="Ana Souza", who_title="Customer Insights Lead", email="ana.souza@cobalt.example",
         topics="segmenting customers by lifetime value"),
    dict(company="Meridian Transit", title="Transportation Data Analyst", loc="Minneapolis, MN", src="Company site", status="Interviewing",
         applied=24, interview=(6, 13), round="First", who="Ms. Hannah Cole", who_title="Planning Manager", email="hcole@meridian.example",
         topics="ridership recovery after fare changes", thank=21, expect=12),
    dict(company="Beacon Nonprofit", title="Impact Analyst", loc="Washington, DC", src="Referral", status="Applied", applied=20,
         followups=[(10, "Email", "Follow-up")], reply=(3, "Invited to schedule a first interview")),
    dict(company="Starling Apps", title="Growth Analyst", loc="San Francisco, CA", src="Recruiter", status="Interviewing",
         applied=21, interview=(8, 16), round="First", who="Leo Martin", who_title="Growth Lead", email="leo@starling.example",
         topics="activation funnel experiments", followups=[(14, "Email", "Follow-up")]),
    dict(company="Redwood Civic Tech", title="Data Analyst", loc="Oakland, CA", src="LinkedIn", status="Applied", applied=6,
         closed=2, notes="Posting was taken down this week"),
]

_INTERVIEW_HOUR_DEFAULT = 10


def _at(today: date, days_ago: int, hour: int = 9) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(hour, 0))


def demo_records(today: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (applications, follow-ups) of the demo job search, dated relative to `today`."""
    apps: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for n, spec in enumerate(_DEMO, start=1):
        app_id = f"A-demo{n:02d}"
        app: dict[str, Any] = {
            "ID": app_id,
            "Company": spec["company"],
            "Job Title": spec["title"],
            "Location": spec.get("loc", ""),
            "Job Link": f"https://jobs.example/{spec['company'].split()[0].lower()}/{n}",
            "Source": spec.get("src", ""),
            "Status": spec["status"],
            "Notes": spec.get("notes", ""),
        }
        if "applied" in spec:
            app["Applied On"] = today - timedelta(days=spec["applied"])
        if "offer_by" in spec:
            app["Offer Deadline"] = today + timedelta(days=spec["offer_by"])
        if "contact_after" in spec:
            app["Contact After"] = today + timedelta(days=spec["contact_after"])
        if "closed" in spec:
            app["Posting Closed On"] = today - timedelta(days=spec["closed"])
        def log(when: datetime, direction: str, medium: str, kind: str, subject: str = "",
                app_id: str = app_id, spec: dict[str, Any] = spec) -> None:  # bound now, not at call time
            history.append({
                "ID": f"F-demo{len(history) + 1:03d}", "Application ID": app_id, "Company": spec["company"],
                "Job Title": spec["title"], "Date": when, "Direction": direction, "Medium": medium, "Kind": kind,
                "Subject": subject, "Message": "",
            })
        if "interview" in spec:
            days, hour = spec["interview"]
            interview = _at(today, days, hour)
            app.update({
                "Interview On": interview,
                "Interview Round": spec.get("round", ""),
                "Interviewer": spec.get("who", ""),
                "Interviewer Title": spec.get("who_title", ""),
                "Interviewer Email": spec.get("email", ""),
                "Interviewer Phone": spec.get("phone", ""),
                "Interviewer LinkedIn": spec.get("linkedin", ""),
                "Topics Discussed": spec.get("topics", ""),
                "Concerns Raised": spec.get("concerns", ""),
            })
            if "expect" in spec:
                app["Response Expected By"] = (interview + timedelta(days=spec["expect"])).date()
            # The invitation to interview is the employer's first reply.
            invited = max(interview - timedelta(days=5), _at(today, spec["applied"] - 1, 16))
            app.update({"Response On": invited, "Outcome": f"Invited to a {spec.get('round', 'first').lower()} interview"})
            log(invited, "Received", "Email", "Reply", "Invitation to interview")
            if "thank" in spec:
                sent = interview + timedelta(hours=spec["thank"])
                app["Thank-You Sent On"] = sent
                log(sent, "Sent", "Email", "Thank-you", f"Thank you - {spec['title']} interview")
        sent_count = 0
        for days, medium, kind in spec.get("followups", []):
            when = _at(today, days, 10)
            sent_count += 1
            app.update({"Last Follow-Up On": when, "Follow-Up Medium": medium})
            log(when, "Sent", medium, kind, f"Following up - {spec['title']}")
        app["Follow-Ups Sent"] = sent_count
        if "reply" in spec:
            days, outcome = spec["reply"]
            when = _at(today, days, 15)
            app.update({"Response On": when, "Outcome": outcome})
            log(when, "Received", "Email", "Reply", outcome)
        if "feedback_asked" in spec:
            log(_at(today, spec["feedback_asked"], 11), "Sent", "Email", "Feedback request", "Thank you - and a request for feedback")
        apps.append(app)
    return apps, history


_COMPANY_WORDS = ("Acme", "Blue", "Cedar", "Delta", "Echo", "Falcon", "Globe", "Helix", "Indigo", "Juniper", "Kite",
                  "Lattice", "Mosaic", "Nova", "Orchid", "Prism", "Quartz", "Raven", "Sierra", "Tango", "Umber",
                  "Vista", "Willow", "Xenon", "Yarrow", "Zephyr")
_COMPANY_SUFFIX = ("Labs", "Systems", "Health", "Analytics", "Group", "Partners", "Works", "Bank", "Media", "Logistics")
_TITLES = ("Data Analyst", "Senior Data Analyst", "Analytics Engineer", "Data Scientist", "BI Developer",
           "Product Analyst", "Operations Analyst", "Data Engineer", "Marketing Analyst", "Financial Analyst")
_SOURCES = ("LinkedIn", "Company site", "Referral", "Recruiter", "Job board")
_FIRST = ("Alex", "Sam", "Jordan", "Priya", "Dana", "Chris", "Maria", "Wei", "Fatima", "Tom", "Lena", "Omar")
_LAST = ("Lee", "Patel", "Garcia", "Kim", "Novak", "Smith", "Okafor", "Chen", "Rossi", "Murphy")


# Statuses that heard back from the employer, and the days an application of each status needs
# behind it for its story (follow-ups, a reply, an interview, a decision) to have happened by today.
_HEARD_BACK = ("Interviewing", "Offer", "Accepted", "Rejected")
_MIN_AGE = {"Interviewing": 24, "Offer": 45, "Accepted": 45, "Rejected": 45, "No Response": 30, "Withdrawn": 7}
# How often the person followed up a week or two after applying. Polite follow-ups get more
# replies (the career advice the app is built on), so the applications that heard back were
# followed up more often than the ones that never did: about half of the followed-up ones got a
# reply after the follow-up, against about a third without.
_FOLLOWED_UP = {"heard back": 0.6, "Applied": 0.35, "No Response": 0.75, "Withdrawn": 0.2}


def generate(count: int, today: date, *, seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (applications, follow-ups) for a generated search of `count` applications.

    One to six history rows per application; statuses, interviews, follow-ups and replies in
    realistic proportions, spread over the last year, each application's dates in the order
    its story needs (a follow-up a week or two after applying, the reply after it, the
    interview after the invitation, the decision after the interview). Deterministic for a
    given seed.
    """
    rng = random.Random(seed)
    apps: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for n in range(1, count + 1):
        app_id = f"A-g{n:06d}"
        company = f"{rng.choice(_COMPANY_WORDS)} {rng.choice(_COMPANY_SUFFIX)}"
        title = rng.choice(_TITLES)
        roll = rng.random()
        status = ("Wishlist" if roll < 0.05 else "Applied" if roll < 0.45 else "Interviewing" if roll < 0.6 else
                  "Rejected" if roll < 0.8 else "No Response" if roll < 0.9 else "Offer" if roll < 0.94 else
                  "Accepted" if roll < 0.96 else "Withdrawn")
        applied_days = rng.randint(_MIN_AGE.get(status, 0), 365)
        applied = datetime.combine(today - timedelta(days=applied_days), time(9))
        app: dict[str, Any] = {"ID": app_id, "Company": company, "Job Title": title, "Source": rng.choice(_SOURCES),
                               "Status": status, "Location": "Remote", "Follow-Ups Sent": 0}
        if status == "Wishlist":
            apps.append(app)
            continue
        app["Applied On"] = applied.date()

        def log(when: datetime, direction: str, medium: str, kind: str,
                app_id: str = app_id, company: str = company, title: str = title) -> None:  # bound now, not at call time
            history.append({"ID": f"F-g{len(history) + 1:07d}", "Application ID": app_id, "Company": company,
                            "Job Title": title, "Date": when, "Direction": direction, "Medium": medium, "Kind": kind,
                            "Subject": "", "Message": ""})

        def follow_up(when: datetime, kind: str, app: dict[str, Any] = app) -> None:
            app.update({"Last Follow-Up On": when, "Follow-Up Medium": "Email", "Follow-Ups Sent": app["Follow-Ups Sent"] + 1})
            log(when, "Sent", "Email", kind)

        def reply(when: datetime, outcome: str, app: dict[str, Any] = app) -> None:
            app.update({"Response On": when, "Outcome": outcome})
            log(when, "Received", "Email", "Reply")

        log(applied, "Sent", "Email", "Other")
        heard_back = status in _HEARD_BACK
        first_follow_up = applied + timedelta(days=rng.randint(7, 14), hours=1)
        if rng.random() < _FOLLOWED_UP["heard back" if heard_back else status] and first_follow_up.date() < today:
            follow_up(first_follow_up, "Follow-up")
            # Their first answer (an invitation or a rejection) came a few days after it.
            first_answer = first_follow_up + timedelta(days=rng.randint(1, 7), hours=5)
            if not heard_back and status != "Withdrawn" and rng.random() < 0.5:
                second = first_follow_up + timedelta(days=rng.randint(7, 14))
                if second.date() < today:
                    follow_up(second, "Check-in")
        else:
            first_answer = applied + timedelta(days=rng.randint(2, 20), hours=7)
        if not heard_back:
            apps.append(app)
            continue
        interviewed = status != "Rejected" or rng.random() < 0.5
        if not interviewed:
            reply(first_answer, "Rejected")
            apps.append(app)
            continue
        reply(first_answer, "Invited to interview")
        interview = datetime.combine(first_answer.date() + timedelta(days=rng.randint(2, 7)), time(rng.choice((9, 11, 14, 16))))
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        app.update({"Interview On": interview, "Interview Round": rng.choice(("First", "Second", "Final")),
                    "Interviewer": f"{first} {last}", "Interviewer Email": f"{first.lower()}.{last.lower()}@example.com",
                    "Topics Discussed": "the team's roadmap"})
        thanked = interview + timedelta(hours=rng.randint(2, 30))
        if rng.random() < 0.8 and thanked.date() < today:
            app["Thank-You Sent On"] = thanked
            log(thanked, "Sent", "Email", "Thank-you")
        if status == "Interviewing":
            after = interview + timedelta(days=rng.randint(7, 12), hours=1)
            if rng.random() < 0.3 and after.date() < today:
                follow_up(after, "Follow-up")  # still waiting for their decision
        else:
            reply(interview + timedelta(days=rng.randint(3, 14), hours=2), status)
        apps.append(app)
    return apps, history
