"""Job-search follow-up dashboard: navigation and the shared sidebar, nothing else."""

from pathlib import Path

import streamlit as st

from lib import ui
from lib.access import AccessSettingsError, Verdict, decide, policy_from
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.io.config import SecretsFileError
from lib.views.posting import ADD_URL

# The tab's icon ships with the app: a Material icon there would be fetched from a font server at load time.
ICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title="Job search follow-ups", page_icon=str(ICON), layout="wide")

PAGES = [
    st.Page("app_pages/today.py", title="Today", icon=":material/today:", default=True),
    st.Page("app_pages/applications.py", title="Applications", icon=":material/work:"),
    st.Page("app_pages/board.py", title="Board", icon=":material/view_kanban:"),
    st.Page("app_pages/follow_up.py", title="Follow-up", icon=":material/edit_note:"),
    st.Page("app_pages/pipeline.py", title="Pipeline", icon=":material/insights:"),
    st.Page("app_pages/import_data.py", title="Import", icon=":material/upload_file:"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:"),
]


# Runs in the visitor's browser, in the app's own page. Streamlit 1.67 cannot send X-Frame-Options or a CSP
# frame-ancestors header, so the page checks for itself: inside a page of another site it covers itself at
# once (so no click reaches a button under it) and tells the app, which then serves nothing. A frame of the
# app's own origin is fine (Streamlit Community Cloud shows apps that way). The proxy header is the real
# defence (README, Deploy); this is for when there is none.
FRAME_GUARD_JS = """
export default function ({ setStateValue }) {
  let foreign = false;
  try {
    for (let w = window; w !== w.top; w = w.parent) {
      if (w.parent.location.origin !== window.location.origin) { foreign = true; break; }
    }
  } catch (e) {
    foreign = true;  // a parent of another origin cannot even be read
  }
  if (!foreign) return;
  const cover = document.createElement("div");
  cover.textContent = "This dashboard cannot be shown inside another site. Open it in its own tab.";
  cover.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:#fff;color:#111;padding:2rem;font:16px sans-serif";
  document.body.appendChild(cover);
  setStateValue("framed", true);
}
"""


def framed_by_other_site() -> bool:
    """True once the browser has reported this page inside a page of another site."""
    # Style-only HTML takes no room; it keeps the guard's empty box from leaving a gap above every page.
    st.html("<style>.st-key-access-frame_guard { display: none; }</style>")
    guard = st.components.v2.component("jobsearch.frame_guard", js=FRAME_GUARD_JS)
    return guard(key="access.frame_guard", on_framed_change=lambda: None, height=0).get("framed") is True


def access_verdict() -> tuple[Verdict, str]:
    """Return the verdict for this visitor, and the reason when the settings cannot be read."""
    headers = st.context.headers
    ip = st.context.ip_address  # None when the connection is from this computer (or there is none)
    try:
        policy = policy_from(
            ui.secrets(),
            st.get_option("server.address"),
            [(name, value) for name in headers for value in headers.get_all(name)],  # repeated headers too
            ip if isinstance(ip, str) else None,  # under AppTest the connection is a stand-in with no address
            st.context.url,
            framed_by_other_site(),
        )
    except (SecretsFileError, AccessSettingsError) as exc:
        st.set_option("client.showErrorDetails", "none")
        return Verdict.MISCONFIGURED, str(exc)
    if not policy.local_only:
        # Reachable from elsewhere: visitors see a generic message; details go to the server log.
        st.set_option("client.showErrorDetails", "none")
    return decide(policy, st.user.to_dict()), ""


def sidebar(signed_in: bool) -> None:
    with st.sidebar:
        if signed_in:
            st.caption(f"Signed in as {md(st.user.get('email', ''))}")
            st.button("Sign out", key="sidebar.sign_out", on_click=st.logout, icon=":material/logout:")
        where = st.empty()
        if st.button("Refresh", icon=":material/refresh:", key="sidebar.refresh", help="Read the data again now"):
            ui.refresh()
            st.rerun()
        data = ui.dataset()
        where.caption(f"Data: {md(ui.store().describe())}")  # after the read: a sheet's title is known then
        if data.is_demo:
            st.info("You are looking at **demo data**. Clear it in Settings to start your own search.", icon=":material/science:")
        reason = ui.read_only_reason()
        if reason:
            st.warning(f"Showing the last data read; changes are off until the source is back. {md(reason)}")
        problems = [i for i in data.issues if i.severity != "info"]
        if problems:
            st.page_link("app_pages/applications.py", label=f"{len(problems)} data issue(s) to fix", icon=":material/report:")


def gate(verdict: Verdict, reason: str) -> None:
    """The only page a visitor sees until access is decided: no data is read here."""
    st.title("Job search follow-ups")
    if verdict is Verdict.MISCONFIGURED:
        st.error(f"The app cannot start: {reason}", icon=":material/lock:")
        st.caption("No value from the secrets is shown. Fix the file and reload this page.")
    elif verdict is Verdict.FRAMED:
        st.error("This dashboard cannot be shown inside another site. Open it in its own tab.", icon=":material/lock:")
    elif verdict is Verdict.SIGN_IN:
        st.write("This dashboard is private. Sign in to continue.")
        if ADD_URL in st.query_params:  # sign-in starts a new session on the app's first page (Streamlit 1.67)
            st.caption("After signing in, click your bookmark on the job posting again to save it.")
        st.button("Sign in", type="primary", key="gate.sign_in", on_click=st.login)
    elif verdict is Verdict.REFUSED:
        st.warning(f"Sorry, {md(st.user.get('email', 'this account'))} is not on this dashboard's list of allowed accounts.")
        st.caption("If this is your dashboard, add your email to allowed_emails under [access] in .streamlit/secrets.toml. "
                   "Only an email your sign-in provider reports as verified gets in.")
        st.button("Sign out", key="gate.sign_out", on_click=st.logout)
    else:
        st.warning(
            "This app is reachable from other computers, but no sign-in is set up, so it shows no data. "
            "Set up sign-in ([auth] and [access] in .streamlit/secrets.toml; see the README's Deploy section), "
            "or run it on this computer only (server.address = \"localhost\")."
        )


verdict, reason = access_verdict()
if verdict in (Verdict.OPEN, Verdict.ALLOWED):
    navigation = st.navigation(PAGES)
    sidebar(signed_in=verdict is Verdict.ALLOWED)
    ui.show_flash()
else:
    navigation = st.navigation([st.Page(lambda: gate(verdict, reason), title="Sign in", url_path="sign-in")])
navigation.run()
