"""Saving a job posting from any job board: the bookmarklet, and what quick add is filled with.

The bookmarklet is a bookmark whose address is a little script: clicked on a job posting, it
opens the app's quick add with the posting's address and title in the URL
(``/applications?add_url=...&add_title=...``); nothing is sent anywhere else. The app guesses the
company and the job title from the page's title the way the common job boards write it, and
from the boards' own web addresses (``jobs.lever.co/<company>/...``); what cannot be told is
left for the person. Nothing here is trusted: the address is kept only when it is an http(s)
link (`lib.domain.literal.web_url`), and the texts are plain text for the quick-add inputs.

Pure functions, no streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit

from lib.domain.literal import web_url

ADD_URL, ADD_TITLE = "add_url", "add_title"  # the query parameters the bookmarklet sends
QUICK_ADD_PAGE = "applications"  # the page the bookmarklet opens: its quick add is always in view
MAX_TEXT = 200  # a longer company or job title is not a title: cut, so a pasted page cannot fill the form
MAX_PAGE_TITLE = 500
MAX_LINK = 2048  # a longer address is no link to keep (browsers and sheets cut or refuse such links)

# Characters left as they are in the bookmarklet's address; every other one (% among them) is
# percent-encoded, which the browser undoes before running the script.
_SCRIPT_SAFE = "()+'=:/?&._-~!*,;"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
_SPACES = re.compile(r"\s+")
_COUNTER = re.compile(r"^\(\d+\+?\)\s*")  # "(3) Data Analyst | Acme | LinkedIn": unread notifications
# Words that name a careers or listing page rather than a job ("Careers at Acme", "Acme Jobs").
_NOT_A_JOB = frozenset({"careers", "career", "jobs", "job", "job openings", "open positions", "open roles", "vacancies",
                        "home", "apply", "work", "working", "life", "join us", "join our team", "openings",
                        "current openings", "job opportunities", "career opportunities", "opportunities",
                        "careers page", "jobs page", "job board", "all jobs", "all open positions", "work with us",
                        "careers home", "team"})


@dataclass(frozen=True)
class Posting:
    """What quick add is filled with from a saved posting: the link (None when the address was not
    an http(s) one), the guessed company and job title ("" when they cannot be told), the board
    the guess came from ("" when unknown) and the page's title as received (cleaned of controls)."""

    link: str | None
    company: str
    job_title: str
    board: str
    page_title: str


def clean(value: object, limit: int = MAX_TEXT) -> str:
    """Return `value` as one line of plain text: controls and invisible marks dropped, spaces collapsed, cut at `limit`."""
    if value is None:
        return ""
    one_line = _SPACES.sub(" ", _CONTROL.sub(" ", str(value))).strip()
    return one_line[:limit].rstrip()


# --- the boards' web addresses ------------------------------------------------------------------


@dataclass(frozen=True)
class _FromAddress:
    board: str
    company: str  # as the address has it: a slug ("acme-corp"), "" when it does not say
    job_title: str  # likewise


def _slug_text(slug: str) -> str:
    """Return a slug from an address as words: "acme-corp" -> "Acme Corp"; "" for a number or a code."""
    words = clean(unquote(slug).replace("-", " ").replace("_", " ").replace("+", " "))
    if not words or not re.search(r"[A-Za-z]", words) or re.fullmatch(r"[0-9a-f ]{8,}", words.lower()):
        return ""
    return words.title() if words == words.lower() else words


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _first(path: str) -> str:
    parts = _segments(path)
    return parts[0] if parts else ""


def _after(path: str, marker: str) -> str:
    parts = _segments(path)
    return parts[parts.index(marker) + 1] if marker in parts[:-1] else ""


def _workday_title(path: str) -> str:
    # .../job/London/Senior-Data-Analyst_R12345 or .../details/Senior-Data-Analyst_JR-0042
    parts = _segments(path)
    for marker in ("job", "details"):
        if marker in parts[:-1]:
            return re.sub(r"_[A-Za-z]*-?\d[\w-]*$", "", parts[-1])
    return ""


def _smartrecruiters_title(path: str) -> str:
    parts = _segments(path)  # /Acme/743999-senior-data-analyst
    return re.sub(r"^\d+-", "", parts[1]) if len(parts) > 1 and re.match(r"^\d+-", parts[1]) else ""


def _wttj_title(path: str) -> str:
    slug = _after(path, "jobs")  # /en/companies/acme/jobs/data-analyst_paris
    return re.sub(r"_[^_]*$", "", slug) if "_" in slug else slug


# (board, host pattern, company from host match and path, job title slug from path)
_HOSTS: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str], str], str], Callable[[str], str]], ...] = (
    ("Greenhouse", re.compile(r"^(?:job-)?boards(?:\.eu)?\.greenhouse\.io$"), lambda m, p: _first(p), lambda p: ""),
    ("Lever", re.compile(r"^jobs(?:\.eu)?\.lever\.co$"), lambda m, p: _first(p), lambda p: ""),
    ("Workday", re.compile(r"^(?P<c>[a-z0-9-]+)\.wd\d+\.myworkdayjobs\.com$"), lambda m, p: m["c"], _workday_title),
    ("Workday", re.compile(r"^wd\d+\.myworkdaysite\.com$"), lambda m, p: _after(p, "recruiting"), _workday_title),
    ("Ashby", re.compile(r"^jobs\.ashbyhq\.com$"), lambda m, p: _first(p), lambda p: ""),
    ("Workable", re.compile(r"^apply\.workable\.com$"), lambda m, p: _first(p), lambda p: ""),
    ("SmartRecruiters", re.compile(r"^jobs\.smartrecruiters\.com$"), lambda m, p: _first(p), _smartrecruiters_title),
    ("Jobvite", re.compile(r"^jobs\.jobvite\.com$"), lambda m, p: _first(p), lambda p: ""),
    ("Recruitee", re.compile(r"^(?P<c>[a-z0-9-]+)\.recruitee\.com$"), lambda m, p: m["c"], lambda p: _after(p, "o")),
    ("BambooHR", re.compile(r"^(?P<c>[a-z0-9-]+)\.bamboohr\.com$"), lambda m, p: m["c"], lambda p: ""),
    ("Teamtailor", re.compile(r"^(?P<c>[a-z0-9-]+)\.teamtailor\.com$"), lambda m, p: m["c"], lambda p: ""),
    ("Personio", re.compile(r"^(?P<c>[a-z0-9-]+)\.jobs\.personio\.(?:de|com)$"), lambda m, p: m["c"], lambda p: ""),
    ("iCIMS", re.compile(r"^careers-(?P<c>[a-z0-9-]+)\.icims\.com$"), lambda m, p: m["c"], lambda p: ""),
    ("Wellfound", re.compile(r"^(?:www\.)?(?:wellfound\.com|angel\.co)$"), lambda m, p: _after(p, "company"), lambda p: ""),
    ("Welcome to the Jungle", re.compile(r"^(?:www\.)?welcometothejungle\.com$"), lambda m, p: _after(p, "companies"), _wttj_title),
    ("Otta", re.compile(r"^(?:app\.)?otta\.com$"), lambda m, p: "", lambda p: ""),
    ("LinkedIn", re.compile(r"^(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com$"), lambda m, p: "", lambda p: ""),
    ("Indeed", re.compile(r"^(?:[a-z]{2,3}\.)?(?:www\.)?indeed\.(?:com|co\.[a-z]{2}|[a-z]{2})$"), lambda m, p: "", lambda p: ""),
    ("Glassdoor", re.compile(r"^(?:www\.)?glassdoor\.(?:com|co\.[a-z]{2}|[a-z]{2}|com\.[a-z]{2})$"), lambda m, p: "", lambda p: ""),
)


def _from_address(link: str | None) -> _FromAddress:
    if link is None:
        return _FromAddress("", "", "")
    parts = urlsplit(link)
    host, path = (parts.hostname or "").lower(), parts.path
    for board, pattern, company, title in _HOSTS:
        match = pattern.match(host)
        if match:
            named = company(match, path)
            if board == "Greenhouse" and named == "embed":  # boards.greenhouse.io/embed/job_app?for=acme&token=1
                named = parse_qs(parts.query).get("for", [""])[0]
            return _FromAddress(board, named, title(path))
    return _FromAddress("", "", "")


def _glassdoor_split(words: str, link: str | None) -> tuple[str, str]:
    """Split Glassdoor's "Acme Data Analyst" with its address, which marks where the employer is.

    A Glassdoor listing's address is ``/job-listing/data-analyst-acme-JV_IC123_KO0,12_KE13,17.htm``:
    KO is the job title's span of the slug, KE the employer's.
    """
    if link is None:
        return "", ""
    path = urlsplit(link).path
    match = re.search(r"/([^/]+)-JV_[^/]*?KO(\d+),(\d+)_KE(\d+),(\d+)", path)
    if not match:
        return "", ""
    slug = match[1]
    employer = slug[int(match[4]):int(match[5])]
    tokens = words.split(" ")
    for cut in range(1, len(tokens)):
        company, title = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        if _slugged(company) == employer:
            return company, title
        if _slugged(title) == employer:  # "Data Analyst Acme": the title first
            return title, company
    return "", ""


def _slugged(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


# --- the boards' page titles --------------------------------------------------------------------

# Each board's name as it ends the page title, and the board it means.
_SUFFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*[|\-–]\s*LinkedIn$", re.I), "LinkedIn"),
    (re.compile(r"\s*[|\-–]\s*Indeed(?:\.[a-z.]+)?$", re.I), "Indeed"),
    (re.compile(r"\s*[|\-–]\s*Glassdoor(?:\.[a-z.]+)?$", re.I), "Glassdoor"),
    (re.compile(r"\s*[|•·\-–]\s*Wellfound(?: \(formerly AngelList Talent\))?$", re.I), "Wellfound"),
    (re.compile(r"\s*[|•·\-–]\s*AngelList(?: Talent)?$", re.I), "Wellfound"),
    (re.compile(r"\s*[|•·\-–]\s*Otta$", re.I), "Otta"),
    (re.compile(r"\s*[|•·\-–]\s*Welcome to the Jungle$", re.I), "Welcome to the Jungle"),
    (re.compile(r"\s*[|•·\-–]\s*Workday$", re.I), "Workday"),
    (re.compile(r"\s*[|•·\-–]\s*SmartRecruiters$", re.I), "SmartRecruiters"),
    (re.compile(r"\s*[|•·\-–]\s*Workable$", re.I), "Workable"),
)
# The company is after the last " at ": a job title may hold one ("Engineer at Scale").
_GREENHOUSE = re.compile(r"^Job Application for (?P<title>.+) at (?P<company>.+)$", re.I)
# The place is after the last " in ": a job title may hold one ("Software Engineer in Test").
_HIRING_IN = re.compile(r"^(?P<company>.+?) (?:is )?hiring (?:a |an )?(?P<title>.+) in (?P<place>.+)$")
_HIRING = re.compile(r"^(?P<company>.+?) (?:is )?hiring (?:a |an )?(?P<title>.+)$")
_GLASSDOOR_HIRING = re.compile(r"^(?P<company>.+?) hiring (?P<title>.+) Job in .+$", re.I)
_GLASSDOOR_JOB_IN = re.compile(r"^(?P<both>.+) Job in .+$", re.I)
_AT = re.compile(r"^(?P<title>.+) (?:at|@) (?P<company>.+)$")
_DASH = re.compile(r"\s+[-–—]\s+")
_PIPE = re.compile(r"\s+[|•·]\s+")


def _split(pattern: re.Pattern[str], text: str) -> list[str]:
    return [p for p in (s.strip() for s in pattern.split(text)) if p]


def _by_board(board: str, text: str, link: str | None, company_slug: str) -> tuple[str, str]:
    """Return (company, job title) from a page title without the board's name; ("", "") when it does not say."""
    match = _GREENHOUSE.match(text)
    if match:
        return match["company"], match["title"]
    if board == "Glassdoor":
        hiring = _GLASSDOOR_HIRING.match(text)
        if hiring:
            return hiring["company"], hiring["title"]
        job_in = _GLASSDOOR_JOB_IN.match(text)
        return _glassdoor_split(job_in["both"], link) if job_in else ("", "")
    if board == "LinkedIn":
        hiring = _HIRING_IN.match(text) or _HIRING.match(text)
        if hiring:
            return hiring["company"], hiring["title"]
        parts = _split(_PIPE, text)
        if len(parts) >= 2:  # "Data Analyst | Acme"
            return parts[1], parts[0]
        parts = _split(_DASH, text)
        return (parts[1], parts[0]) if len(parts) >= 2 else ("", "")
    if board == "Indeed":
        # "Data Analyst - Acme - London": the place may be missing, the company too, and the job title
        # may hold " - " itself ("Senior Manager - Data - Acme - New York, NY"); the company is before the place.
        parts = _split(_DASH, text)
        if len(parts) >= 3:
            return parts[-2], " - ".join(parts[:-2])
        return "", parts[0] if len(parts) == 2 else ""
    if board == "Lever":
        parts = _split(_DASH, text)  # "Acme - Data Analyst"
        if len(parts) >= 2:
            company, title = parts[0], " - ".join(parts[1:])
            if company_slug and _compact(title) == _compact(company_slug) and _compact(company) != _compact(company_slug):
                return title, company
            return company, title
        return "", ""
    if board in ("Workable", "Welcome to the Jungle", "SmartRecruiters"):
        at = _AT.match(text)
        if at:
            return at["company"], at["title"]
        parts = _split(_DASH, text)  # "Data Analyst - Acme"
        return (parts[1], parts[0]) if len(parts) >= 2 else ("", "")
    # Wellfound, Otta, Ashby ("Data Analyst at Acme", "Data Analyst @ Acme") and any other page; "X hiring Y"
    # only where a board writes it ("We're hiring engineers" names no company).
    at = _AT.match(text)
    if at and at["title"].lower() not in _NOT_A_JOB:
        return at["company"], at["title"]
    hiring = (_HIRING_IN.match(text) or _HIRING.match(text)) if board in ("Wellfound", "Otta") else None
    if hiring:
        return hiring["company"], hiring["title"]
    return "", ""


def _without_name(words: str, names: tuple[str, ...]) -> str:
    """Return `words` without a company in `names` that starts or ends them ("Acme Careers" -> "Careers")."""
    tokens = words.split(" ")
    for name in (_compact(n) for n in names):
        if not name:
            continue
        for cut in range(1, len(tokens) + 1):
            if _compact(" ".join(tokens[:cut])) == name:
                return " ".join(tokens[cut:])
            if _compact(" ".join(tokens[-cut:])) == name:
                return " ".join(tokens[:-cut])
    return words


def _is_listing_page(text: str, names: tuple[str, ...]) -> bool:
    """Tell whether a page title (without the board's name) names a careers or listing page, not a job:
    each part of it is a not-a-job phrase once the company's name is taken off ("Acme Careers - Current
    Openings", "Acme - Jobs"), or it is "X at Company" with X such a phrase ("Life at Acme")."""
    at = _AT.match(text)
    if at and _plain(at["title"]) in _NOT_A_JOB:
        return True
    rest = [_plain(_without_name(part, names)) for piece in _split(_DASH, text) for part in _split(_PIPE, piece)]
    return any(rest) and all(not r or r in _NOT_A_JOB for r in rest)


def _plain(words: str) -> str:
    return " ".join(re.findall(r"[a-z]+", words.lower()))


def _without_board_name(title: str) -> tuple[str, str]:
    """Return the page title without the board's name that ends it, and that board ("" when none)."""
    for pattern, board in _SUFFIXES:
        stripped = pattern.sub("", title)
        if stripped != title:
            return stripped.strip(), board
    return title, ""


def _posting_link(address: object) -> str | None:
    """Return the posting's address as a link, or None when it is no http(s) address or is too long.

    A cut address leads somewhere else, so a long one is not cut: it is kept without its query and
    fragment (mostly tracking) when that brings it under MAX_LINK, else there is no link.
    """
    # Reading more than this changes nothing: a query-less address that long is over the limit anyway.
    link = web_url(clean(address, 8 * MAX_LINK))
    if link is None or len(link) <= MAX_LINK:
        return link
    parts = urlsplit(link)
    shorter = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return shorter if len(shorter) <= MAX_LINK else None


def guess_posting(address: object, page_title: object) -> Posting:
    """Return what quick add is filled with for the posting at `address` whose page is titled `page_title`.

    The board is told by the address's host, else by the board's name at the end of the title.
    The company and job title come from the title as that board writes it, else from the
    address (a Lever or Workday address names the company), else they are left blank.
    """
    title = clean(page_title, MAX_PAGE_TITLE)
    link = _posting_link(address)
    from_address = _from_address(link)
    text, titled_board = _without_board_name(_COUNTER.sub("", title))
    board = from_address.board or titled_board
    company, job_title = _by_board(board, text, link, from_address.company)
    if _is_listing_page(text, (company, from_address.company)):
        company, job_title = "", ""  # the address may still name them
    elif not job_title and board in ("Workday", "Ashby", "Greenhouse", "Lever", "Personio", "Teamtailor", "BambooHR"):
        # These pages are often titled with the job alone ("Senior Data Analyst").
        alone = _split(_DASH, text)
        if len(alone) == 1 and _compact(alone[0]) == _compact(from_address.company):
            company = company or alone[0]  # the company's name as it writes it ("Bright Path" for /brightpath)
        elif len(alone) == 1 and (
                not from_address.job_title or _compact(alone[0]) == _compact(from_address.job_title)):
            job_title = alone[0]  # when the address names the job too, only a title that agrees with it
    company = clean(company) or _slug_text(from_address.company)
    job_title = clean(job_title) or _slug_text(from_address.job_title)
    return Posting(link=link, company=company, job_title=job_title, board=board, page_title=title)


def posting_from_query(params: Mapping[str, str | list[str]]) -> Posting | None:
    """Return the posting a bookmarklet sent in the query parameters, or None when it sent none."""

    def one(name: str) -> str:
        value = params.get(name, "")
        return value[-1] if isinstance(value, list) and value else value if isinstance(value, str) else ""

    address, title = one(ADD_URL), one(ADD_TITLE)
    if not address and not title:
        return None
    return guess_posting(address, title)


# --- the bookmarklet ----------------------------------------------------------------------------


def app_base_url(page_url: str | None, base_path: str, address: str | None, port: int) -> str:
    """Return the app's own address without a page: from the address the browser opened
    (`page_url`, e.g. "http://localhost:8501/settings"), else the server's address and port.

    `base_path` is Streamlit's server.baseUrlPath (the app served under a folder, "" mostly).
    """
    folder = "/".join(_segments(base_path))
    folder = f"/{folder}" if folder else ""
    parts = urlsplit(page_url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}{folder}"
    host = (address or "").strip() or "localhost"
    if host in ("0.0.0.0", "::"):  # listening everywhere: this computer reaches it as localhost
        host = "localhost"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}{folder}"


def bookmarklet(app_url: str) -> str:
    """Return the bookmarklet: a javascript: address that opens this app's quick add (at `app_url`)
    in a new tab with the current page's address and title.

    Raises ValueError when `app_url` is not an http(s) address.
    """
    base = web_url(app_url)
    if base is None:
        raise ValueError(f"not an http(s) address: {app_url!r}")
    target = f"{base.split('?')[0].split('#')[0].rstrip('/')}/{QUICK_ADD_PAGE}?{ADD_URL}="
    target = target.replace("'", "%27")  # the script's own quote; web_url leaves no backslash or line break
    script = (
        f"void(window.open('{target}'+encodeURIComponent(location.href)"
        f"+'&{ADD_TITLE}='+encodeURIComponent(document.title),'_blank','noopener'))"
    )
    return "javascript:" + quote(script, safe=_SCRIPT_SAFE)
