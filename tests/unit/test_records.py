"""The typed Application record: one reader for a frame and for a single row."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.model import applications_frame
from lib.domain.records import Application, read_application, read_applications
from lib.io.demo import demo_records, generate


def test_a_row_reads_as_its_frame_reads() -> None:
    for records in (demo_records(date(2026, 11, 16))[0], generate(200, date(2026, 11, 16))[0]):
        frame = applications_frame(records)
        assert read_applications(frame) == [read_application(row) for row in frame.to_dict("records")]


def test_sparse_and_hand_typed_cells() -> None:
    app = read_application({"ID": " A-1 ", "Status": None, "Applied On": "2026-10-01", "Interview On": float("nan"),
                            "Follow-Ups Sent": "x", "Topics Discussed": "None"})
    assert app.app_id == "A-1" and app.status == "" and app.applied_on == date(2026, 10, 1)
    assert app.interview_on is None and app.follow_ups_sent == 0 and app.topics_discussed == "None"
    assert read_application(app) is app


def test_dates_keep_their_time_of_day() -> None:
    frame = applications_frame([{"Applied On": "2026-10-01", "Interview On": datetime(2026, 11, 3, 10, 30)}])
    (app,) = read_applications(frame)
    assert isinstance(app, Application)
    assert app.applied_on == date(2026, 10, 1) and app.interview_on == datetime(2026, 11, 3, 10, 30)
