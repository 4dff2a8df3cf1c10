"""Saving a posting: company and job title guessed from the page's title and address, and the bookmarklet."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from lib.views.posting import (
    ADD_TITLE,
    ADD_URL,
    MAX_LINK,
    MAX_TEXT,
    app_base_url,
    bookmarklet,
    guess_posting,
    posting_from_query,
)

# (address, page title, company, job title, board): titles as the boards write them.
CORPUS = [
    ("https://www.linkedin.com/jobs/view/3912345678/", "Data Analyst | Acme Corp | LinkedIn",
     "Acme Corp", "Data Analyst", "LinkedIn"),
    ("https://www.linkedin.com/jobs/view/3912345678/", "(3) Senior Data Analyst | Acme Corp | LinkedIn",
     "Acme Corp", "Senior Data Analyst", "LinkedIn"),
    ("https://uk.linkedin.com/jobs/view/data-analyst-at-acme-3912345678",
     "Acme Corp hiring Data Analyst in London, England, United Kingdom | LinkedIn",
     "Acme Corp", "Data Analyst", "LinkedIn"),
    ("https://www.linkedin.com/jobs/view/1", "Bright Path hiring Product Manager | LinkedIn",
     "Bright Path", "Product Manager", "LinkedIn"),
    ("https://www.linkedin.com/jobs/view/1", "Acme hiring Software Engineer in Test in Berlin, Germany | LinkedIn",
     "Acme", "Software Engineer in Test", "LinkedIn"),
    ("https://www.indeed.com/viewjob?jk=abc123", "Data Analyst - Acme Corp - Austin, TX - Indeed.com",
     "Acme Corp", "Data Analyst", "Indeed"),
    ("https://uk.indeed.com/viewjob?jk=abc123", "Junior Developer - Quill Publishing - Leeds LS1 | Indeed.com",
     "Quill Publishing", "Junior Developer", "Indeed"),
    ("https://www.indeed.com/viewjob?jk=abc123", "Data Analyst - Remote | Indeed.com", "", "Data Analyst", "Indeed"),
    # Indeed writes job title - company - place: the job title may hold " - " itself.
    ("https://www.indeed.com/viewjob?jk=abc123", "Senior Manager - Data - Acme - New York, NY - Indeed.com",
     "Acme", "Senior Manager - Data", "Indeed"),
    ("https://uk.indeed.com/viewjob?jk=abc123", "Analyst - Risk - Credit - Quill Publishing - Leeds LS1 | Indeed.com",
     "Quill Publishing", "Analyst - Risk - Credit", "Indeed"),
    ("https://www.indeed.com/viewjob?jk=abc123", "Nurse – ICU – Bright Path – Austin, TX – Indeed",
     "Bright Path", "Nurse - ICU", "Indeed"),
    ("https://boards.greenhouse.io/acmecorp/jobs/4012345", "Job Application for Data Analyst at Acme Corp",
     "Acme Corp", "Data Analyst", "Greenhouse"),
    ("https://job-boards.greenhouse.io/brightpath/jobs/77", "Job Application for Staff Engineer, Payments at Bright Path",
     "Bright Path", "Staff Engineer, Payments", "Greenhouse"),
    ("https://boards.greenhouse.io/brightpath/jobs/77", "Bright Path", "Bright Path", "", "Greenhouse"),
    ("https://boards.greenhouse.io/embed/job_app?for=brightpath&token=77", "", "Brightpath", "", "Greenhouse"),
    ("https://jobs.lever.co/acme/0d6f1b6a-1234-4cde-9abc-1234567890ab", "Acme - Senior Backend Engineer",
     "Acme", "Senior Backend Engineer", "Lever"),
    ("https://jobs.lever.co/acme/0d6f1b6a-1234-4cde-9abc-1234567890ab", "Senior Backend Engineer - Acme",
     "Acme", "Senior Backend Engineer", "Lever"),
    ("https://jobs.eu.lever.co/quill-publishing/0d6f1b6a", "", "Quill Publishing", "", "Lever"),
    ("https://acme.wd5.myworkdayjobs.com/en-US/External/job/London/Senior-Data-Analyst_R12345",
     "Senior Data Analyst", "Acme", "Senior Data Analyst", "Workday"),
    ("https://acme.wd1.myworkdayjobs.com/Careers/job/Remote-USA/Payroll-Specialist_JR-0042", "Careers",
     "Acme", "Payroll Specialist", "Workday"),
    ("https://www.glassdoor.com/job-listing/data-analyst-acme-corp-JV_IC1132348_KO0,12_KE13,22.htm?jl=1009",
     "Acme Corp Data Analyst Job in London | Glassdoor", "Acme Corp", "Data Analyst", "Glassdoor"),
    ("https://www.glassdoor.co.uk/job-listing/x-JV.htm", "Acme Corp hiring Data Analyst Job in London, England | Glassdoor",
     "Acme Corp", "Data Analyst", "Glassdoor"),
    ("https://www.glassdoor.com/job-listing/x-JV.htm", "Acme hiring Software Engineer in Test Job in Leeds | Glassdoor",
     "Acme", "Software Engineer in Test", "Glassdoor"),
    ("https://www.glassdoor.com/Job/index.htm", "Acme Corp Data Analyst Job in London | Glassdoor", "", "", "Glassdoor"),
    ("https://wellfound.com/company/acme-robotics/jobs/2912345-robotics-engineer",
     "Robotics Engineer at Acme Robotics • Wellfound", "Acme Robotics", "Robotics Engineer", "Wellfound"),
    ("https://wellfound.com/jobs/2912345", "Robotics Engineer at Acme Robotics | AngelList Talent",
     "Acme Robotics", "Robotics Engineer", "Wellfound"),
    ("https://app.otta.com/jobs/abc123", "Product Designer at Bright Path | Otta", "Bright Path", "Product Designer", "Otta"),
    ("https://www.welcometothejungle.com/en/companies/bright-path/jobs/data-analyst_paris",
     "Data Analyst - Bright Path | Welcome to the Jungle", "Bright Path", "Data Analyst", "Welcome to the Jungle"),
    ("https://www.welcometothejungle.com/en/companies/bright-path/jobs/data-analyst_paris", "Welcome to the Jungle",
     "Bright Path", "Data Analyst", "Welcome to the Jungle"),
    ("https://jobs.ashbyhq.com/acme/4f1c2b3a-1111-2222-3333-444455556666", "Founding Engineer @ Acme",
     "Acme", "Founding Engineer", "Ashby"),
    ("https://wd3.myworkdaysite.com/recruiting/quill/External/job/Leeds/Copy-Editor_R-77", "Quill Careers",
     "Quill", "Copy Editor", "Workday"),
    ("https://apply.workable.com/quill/j/ABC123DEF/", "Copy Editor - Quill", "Quill", "Copy Editor", "Workable"),
    ("https://jobs.smartrecruiters.com/AcmeCorp/743999123-senior-data-analyst", "",
     "AcmeCorp", "Senior Data Analyst", "SmartRecruiters"),
    ("https://careers.acme.example/jobs/42", "Senior Data Analyst at Acme", "Acme", "Senior Data Analyst", ""),
    ("https://careers.acme.example/", "Careers at Acme", "", "", ""),
    ("https://careers.acme.example/", "Life at Acme", "", "", ""),
    ("https://careers.acme.example/", "We're hiring engineers!", "", "", ""),
    ("https://boards.greenhouse.io/scaleco/jobs/9", "Job Application for Engineer at Scale at ScaleCo",
     "ScaleCo", "Engineer at Scale", "Greenhouse"),
    ("https://jobs.lever.co/acmecorp/1", "Senior Engineer - Acme Corp", "Acme Corp", "Senior Engineer", "Lever"),
    ("https://acme.example/jobs/42", "Senior Data Analyst", "", "", ""),
    # A careers or listing page names no job, whatever board hosts it (the company from the address is fine).
    ("https://boards.greenhouse.io/acme", "Careers at Acme", "Acme", "", "Greenhouse"),
    ("https://boards.greenhouse.io/acme", "Jobs at Acme Corp", "Acme", "", "Greenhouse"),
    ("https://jobs.ashbyhq.com/acme", "Life at Acme", "Acme", "", "Ashby"),
    ("https://jobs.ashbyhq.com/acme", "Acme Jobs", "Acme", "", "Ashby"),
    ("https://jobs.ashbyhq.com/bright-path", "Bright Path Careers", "Bright Path", "", "Ashby"),
    ("https://acme.bamboohr.com/careers", "Acme Careers", "Acme", "", "BambooHR"),
    ("https://acme.teamtailor.com/jobs", "Open positions at Acme", "Acme", "", "Teamtailor"),
    ("https://jobs.lever.co/acme", "Acme - Jobs", "Acme", "", "Lever"),
    ("https://jobs.lever.co/acme", "Acme Careers - Current Openings", "Acme", "", "Lever"),
    ("https://acme.jobs.personio.de/", "Work at Acme", "Acme", "", "Personio"),
    ("https://careers.acme.example/", "Acme Careers", "", "", ""),
    # ... but a job whose title holds such a word is still a job.
    ("https://jobs.ashbyhq.com/acme/4f1c2b3a", "Careers Advisor", "Acme", "Careers Advisor", "Ashby"),
    ("https://jobs.lever.co/acme/1", "Acme - Head of Careers", "Acme", "Head of Careers", "Lever"),
    ("https://acme.example/jobs/42", "", "", "", ""),
]


@pytest.mark.parametrize(("address", "title", "company", "job_title", "board"), CORPUS)
def test_company_and_job_title_are_guessed_where_the_board_says(address, title, company, job_title, board) -> None:
    got = guess_posting(address, title)
    assert (got.company, got.job_title, got.board) == (company, job_title, board)
    assert got.link == address


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "https://good.example@evil.example/jobs/1",
        "https://acme.example/jobs/1\nSet-Cookie: x",
        "vbscript:msgbox(1)",
        "",
    ],
)
def test_only_web_addresses_become_the_link(address) -> None:
    assert guess_posting(address, "Data Analyst | Acme | LinkedIn").link is None


@pytest.mark.parametrize(
    ("title", "company", "job_title"),
    [
        # Markdown, HTML and links stay text: the quick-add inputs show them as typed.
        ("**Boss** | [Evil](javascript:alert(1)) | LinkedIn", "[Evil](javascript:alert(1))", "**Boss**"),
        ("<img src=x onerror=alert(1)> | <b>Acme</b> | LinkedIn", "<b>Acme</b>", "<img src=x onerror=alert(1)>"),
        ("Data\nAnalyst\t| Acme\u202e Corp\u0000 | LinkedIn", "Acme Corp", "Data Analyst"),
        (":material/warning: Analyst | :red[Acme] | LinkedIn", ":red[Acme]", ":material/warning: Analyst"),
    ],
)
def test_hostile_titles_stay_plain_text_on_one_line(title, company, job_title) -> None:
    got = guess_posting("https://www.linkedin.com/jobs/view/1", title)
    assert (got.company, got.job_title) == (company, job_title)


@pytest.mark.parametrize(
    ("address", "link"),
    [
        ("https://jobs.lever.co/acme/1?x=" + "a" * (MAX_LINK - 31), "https://jobs.lever.co/acme/1?x=" + "a" * (MAX_LINK - 31)),
        # Too long: a cut address is a wrong one; without its query (tracking, mostly) it may still lead there.
        ("https://jobs.lever.co/acme/1?x=" + "a" * MAX_LINK, "https://jobs.lever.co/acme/1"),
        ("https://jobs.lever.co/acme/1#" + "a" * 100_000, "https://jobs.lever.co/acme/1"),
        ("https://jobs.lever.co/acme/" + "a" * MAX_LINK, None),
        ("https://jobs.lever.co/acme/" + "a" * MAX_LINK + "?x=1", None),
        ("https://acme.example/" + "é" * (MAX_LINK // 6 + 1), None),  # the limit is on the link as saved (encoded)
    ],
)
def test_a_link_over_the_limit_is_not_cut(address, link) -> None:
    got = guess_posting(address, "Acme - Analyst")
    assert got.link == link and (got.link is None or len(got.link) <= MAX_LINK)


def test_a_huge_title_is_cut() -> None:
    got = guess_posting("https://www.linkedin.com/jobs/view/1", "A" * 5000 + " | " + "B" * 5000 + " | LinkedIn")
    assert len(got.company) <= MAX_TEXT and len(got.job_title) <= MAX_TEXT and len(got.page_title) <= 500


def test_query_parameters_give_the_posting() -> None:
    got = posting_from_query({ADD_URL: "https://jobs.lever.co/acme/1", ADD_TITLE: "Acme - Analyst", "other": "x"})
    assert got is not None and (got.company, got.job_title, got.link) == ("Acme", "Analyst", "https://jobs.lever.co/acme/1")
    assert posting_from_query({"app": "A-1"}) is None
    assert posting_from_query({ADD_TITLE: ["first", "Acme - Analyst"]}) is not None


@pytest.mark.parametrize(
    ("page_url", "base_path", "address", "port", "expected"),
    [
        ("http://localhost:8501/settings", "", None, 8501, "http://localhost:8501"),
        ("https://jobs.example.org/tracker/settings?x=1", "tracker", None, 443, "https://jobs.example.org/tracker"),
        (None, "", None, 8501, "http://localhost:8501"),
        (None, "/sub/", "0.0.0.0", 8600, "http://localhost:8600/sub"),
        (None, "", "127.0.0.1", 8501, "http://127.0.0.1:8501"),
        (None, "", "::1", 8501, "http://[::1]:8501"),
        ("javascript:alert(1)", "", None, 8501, "http://localhost:8501"),
    ],
)
def test_the_apps_own_address(page_url, base_path, address, port, expected) -> None:
    assert app_base_url(page_url, base_path, address, port) == expected


def test_the_bookmarklet_opens_quick_add_with_the_pages_address_and_title() -> None:
    mark = bookmarklet("http://localhost:8501")
    assert mark.startswith("javascript:")
    script = unquote(mark.removeprefix("javascript:"))
    assert "encodeURIComponent(location.href)" in script and "encodeURIComponent(document.title)" in script
    assert script.startswith("void(window.open('http://localhost:8501/applications?add_url='+")
    assert "'&add_title='+" in script and script.endswith(",'_blank','noopener'))")
    # Nothing in it needs quoting in an HTML attribute or breaks when pasted as a bookmark's address.
    assert not set(mark) & set(' "<>\\\n%')


def test_the_bookmarklet_keeps_a_hostile_base_inside_its_string() -> None:
    script = unquote(bookmarklet("http://localhost:8501/a'+alert(1)+'").removeprefix("javascript:"))
    assert "alert(1)+'" not in script.split("encodeURIComponent")[0].replace("%27", "")
    with pytest.raises(ValueError):
        bookmarklet("javascript:alert(1)")


_URI_COMPONENT_SAFE = "-_.!~*'()"  # what JavaScript's encodeURIComponent leaves as it is
_SCRIPT = re.compile(r"void\(window\.open\('(?P<target>[^'\\]*)'\+encodeURIComponent\(location\.href\)"
                     r"\+'&add_title='\+encodeURIComponent\(document\.title\),'_blank','noopener'\)\)")


def _opened_by(mark: str, page_address: str, page_title: str) -> str:
    """Return the address the bookmarklet `mark` opens on a page at `page_address` titled `page_title`:
    what the browser computes from its script (which must be exactly the expected one)."""
    script = _SCRIPT.fullmatch(unquote(mark.removeprefix("javascript:")))
    assert script is not None, mark
    return (f"{script['target']}{quote(page_address, safe=_URI_COMPONENT_SAFE)}"
            f"&{ADD_TITLE}={quote(page_title, safe=_URI_COMPONENT_SAFE)}")


@pytest.mark.parametrize(
    ("app_url", "opens"),
    [
        ("http://localhost:8501", "http://localhost:8501/applications"),
        ("http://localhost:8501/", "http://localhost:8501/applications"),
        ("https://jobs.example.org/tracker/?x=1#top", "https://jobs.example.org/tracker/applications"),
        ("http://localhost:8501/a'b", "http://localhost:8501/a%27b/applications"),
    ],
)
def test_the_address_the_bookmarklet_opens_round_trips_to_the_posting(app_url, opens) -> None:
    target = _opened_by(bookmarklet(app_url), "https://jobs.lever.co/acme/1?lever-source=x&y=2#apply", "Acme – Analyst & Co")
    parts = urlsplit(target)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == opens
    query = parse_qs(parts.query)
    assert set(query) == {ADD_URL, ADD_TITLE}
    got = posting_from_query({k: v[0] for k, v in query.items()})
    assert got is not None and got.link == "https://jobs.lever.co/acme/1?lever-source=x&y=2#apply"
    assert (got.company, got.job_title) == ("Acme", "Analyst & Co")
