"""Job-search follow-up dashboard: navigation and the shared sidebar, nothing else."""

import streamlit as st

from lib import state

st.set_page_config(page_title="Job search follow-ups", page_icon=":material/mark_email_read:", layout="wide")

PAGES = [
    st.Page("pages/today.py", title="Today", icon=":material/today:", default=True),
    st.Page("pages/applications.py", title="Applications", icon=":material/work:"),
    st.Page("pages/follow_up.py", title="Follow-up", icon=":material/edit_note:"),
    st.Page("pages/pipeline.py", title="Pipeline", icon=":material/insights:"),
    st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
]


def sidebar() -> None:
    with st.sidebar:
        source = state.store()
        st.caption(f"Data: {source.describe()}")
        if st.button("Refresh", icon=":material/refresh:", key="sidebar.refresh", help="Read the data again now"):
            state.refresh()
            st.rerun()
        data = state.dataset()
        if data.is_demo:
            st.info("You are looking at **demo data**. Clear it in Settings to start your own search.", icon=":material/science:")
        reason = state.read_only_reason()
        if reason:
            st.warning(f"Showing the last data read; changes are off until the source is back. {reason}")
        problems = [i for i in data.issues if i.severity != "info"]
        if problems:
            st.page_link("pages/applications.py", label=f"{len(problems)} data issue(s) to fix", icon=":material/report:")


navigation = st.navigation(PAGES)
sidebar()
state.show_flash()
navigation.run()
