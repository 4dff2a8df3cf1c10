"""Board: one column per status; a card moves to another status in one click (one cell written)."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.literal import text as md  # sheet text in Markdown, shown as typed
from lib.domain.vocab import Status
from lib.views.board import CLOSED_LANES, Card, Lane, board, moves

K = "board."  # every widget key on this page starts with it
APPLICATIONS_PAGE = "app_pages/applications.py"


def move(card: Card, to: Status) -> None:
    """Write the one cell: the card's Status, checked against the value the board showed."""
    base = ui.shown_application(K, card.app_id)
    if base is None:
        return
    ui.write(
        lambda: ui.store().update_application(card.app_id, {"Status": to.value}, base),
        f"Moved {card.company or 'the application'} to {to.value}",
    )


# Cards are narrow: small move buttons, so two or three fit side by side. Style only; takes no room.
# The card's own box is the vertical block with its key: its buttons' keys start the same way,
# and padding on them would push each button onto a line of its own.
CARD = '[data-testid="stVerticalBlock"][class*="st-key-board-card-"]'
CARD_CSS = f"""<style>
{CARD} button {{ min-height: 1.6rem; padding: 0.05rem 0.4rem; }}
{CARD} button p {{ font-size: 0.78rem; }}
{CARD} {{ gap: 0.4rem; padding: 0.6rem; }}
{CARD} [data-testid="stHorizontalBlock"], {CARD} .stHorizontalBlock {{ gap: 0.3rem; }}
</style>"""


def card_box(card: Card) -> None:
    key = f"{K}card.{card.app_id}"
    with st.container(border=True, key=key):
        lines = [f"**{md(card.company or 'No company')}**", md(card.job_title or "no job title"), f":small[:gray[{card.contact_text}]]"]
        if card.next_step:
            step = md(card.next_step)
            lines.append(f":small[:red[**{step}**]]" if card.overdue else f":small[{step}]")
        st.markdown("  \n".join(lines))
        first, rest = moves(card.status)
        with st.container(horizontal=True, gap="small"):
            for to in first:
                if st.button(to.value, key=f"{key}.to.{to.name}", type="secondary"):
                    move(card, to)
            with st.popover("Other…", type="tertiary", help="Move to another status", key=f"{key}.more"):
                for to in rest:
                    if st.button(to.value, key=f"{key}.to.{to.name}", use_container_width=True):
                        move(card, to)
            if st.button("Open", key=f"{key}.open", type="tertiary", icon=":material/arrow_forward:",
                         help="Its page: the timeline, the next step, the interviewer, the edit form"):
                st.switch_page(APPLICATIONS_PAGE, query_params={"open": card.app_id})


def lanes_row(lanes: list[Lane]) -> None:
    for column, lane in zip(st.columns(len(lanes)), lanes):
        with column, st.container(key=f"{K}lane.{lane.status.replace(' ', '_') or 'other'}"):
            st.markdown(f"**{md(lane.title)}**")
            if not lane.cards:
                st.caption("None here.")
            for card in lane.cards:
                card_box(card)


def main() -> None:
    st.title("Board")
    data = ui.dataset()
    if data.applications.empty:
        st.info("No applications yet. Add one on Today or in Applications, and it shows here.", icon=":material/view_kanban:")
        st.page_link(APPLICATIONS_PAGE, label="Go to Applications", icon=":material/work:")
        return
    lanes = board(data.applications, data.followups, ui.plan(data), ui.today())
    closed_words = {s.value for s in CLOSED_LANES}
    open_lanes = [lane for lane in lanes if lane.status not in closed_words]
    closed = [lane for lane in lanes if lane.status in closed_words]
    st.html(CARD_CSS)
    st.caption("Click a status under a card to move it there (Other… for the rest); Open shows its page. The table is in Applications.")
    lanes_row(open_lanes)
    count = sum(len(lane.cards) for lane in closed)
    with st.expander(f"Closed ({count})", icon=":material/archive:"):
        lanes_row(closed)
    ui.remember_shown(K, data)  # the next click acts on what the person sees now


main()
