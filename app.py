"""Job-search follow-up dashboard: navigation and the shared sidebar, nothing else."""

import streamlit as st

from lib import ui
from lib.access import Verdict, decide, policy_from
from lib.views.literal import text as md  # sheet text in Markdown, shown as typed

st.set_page_config(page_title="Job search follow-ups", page_icon=":material/mark_email_read:", layout="wide")

PAGES = [
    st.Page("app_pages/today.py", title="Today", icon=":material/today:", default=True),
    st.Page("app_pages/applications.py", title="Applications", icon=":material/work:"),
    st.Page("app_pages/follow_up.py", title="Follow-up", icon=":material/edit_note:"),
    st.Page("app_pages/pipeline.py", title="Pipeline", icon=":material/insights:"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:"),
]


def access_verdict() -> Verdict:
    policy = policy_from(ui.secrets(), st.get_option("server.address"), st.context.headers)
    if not policy.local_only:
        # Reachable from elsewhere: visitors see a generic message; details go to the server log.
        st.set_option("client.showErrorDetails", "none")
    return decide(policy, st.user.to_dict())


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


def gate(verdict: Verdict) -> None:
    """The only page a visitor sees until access is decided: no data is read here."""
    st.title("Job search follow-ups")
    if verdict is Verdict.SIGN_IN:
        st.write("This dashboard is private. Sign in to continue.")
        st.button("Sign in", type="primary", key="gate.sign_in", on_click=st.login)
    elif verdict is Verdict.REFUSED:
        st.warning(f"Sorry, {md(st.user.get('email', 'this account'))} is not on this dashboard's list of allowed accounts.")
        st.caption("If this is your dashboard, add your email to allowed_emails under [access] in .streamlit/secrets.toml.")
        st.button("Sign out", key="gate.sign_out", on_click=st.logout)
    else:
        st.warning(
            "This app is reachable from other computers, but no sign-in is set up, so it shows no data. "
            "Set up sign-in ([auth] and [access] in .streamlit/secrets.toml; see the README's Deploy section), "
            "or run it on this computer only (server.address = \"localhost\")."
        )


verdict = access_verdict()
if verdict in (Verdict.OPEN, Verdict.ALLOWED):
    navigation = st.navigation(PAGES)
    sidebar(signed_in=verdict is Verdict.ALLOWED)
    ui.show_flash()
else:
    navigation = st.navigation([st.Page(lambda: gate(verdict), title="Sign in", url_path="sign-in")])
navigation.run()
