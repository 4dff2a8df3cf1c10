"""The sheet's headers as names in code: the one place a header is spelled.

`lib.domain.schema` builds its tabs from these, and the rest of the app names a column
through them (`AppCol.APPLIED_ON`, never the text "Applied On"), so a renamed header is one
change here.
"""

from __future__ import annotations

from typing import Final


class AppCol:
    """The Applications tab's headers."""

    ID: Final = "ID"
    COMPANY: Final = "Company"
    JOB_TITLE: Final = "Job Title"
    LOCATION: Final = "Location"
    JOB_LINK: Final = "Job Link"
    SOURCE: Final = "Source"
    STATUS: Final = "Status"
    APPLIED_ON: Final = "Applied On"
    INTERVIEW_ON: Final = "Interview On"
    INTERVIEW_ROUND: Final = "Interview Round"
    INTERVIEWER: Final = "Interviewer"
    INTERVIEWER_TITLE: Final = "Interviewer Title"
    INTERVIEWER_EMAIL: Final = "Interviewer Email"
    INTERVIEWER_PHONE: Final = "Interviewer Phone"
    INTERVIEWER_LINKEDIN: Final = "Interviewer LinkedIn"
    RESPONSE_EXPECTED_BY: Final = "Response Expected By"
    TOPICS_DISCUSSED: Final = "Topics Discussed"
    CONCERNS_RAISED: Final = "Concerns Raised"
    THANK_YOU_SENT_ON: Final = "Thank-You Sent On"
    LAST_FOLLOW_UP_ON: Final = "Last Follow-Up On"
    FOLLOW_UP_MEDIUM: Final = "Follow-Up Medium"
    FOLLOW_UPS_SENT: Final = "Follow-Ups Sent"
    RESPONSE_ON: Final = "Response On"
    OUTCOME: Final = "Outcome"
    OFFER_DEADLINE: Final = "Offer Deadline"
    CONTACT_AFTER: Final = "Contact After"
    POSTING_CLOSED_ON: Final = "Posting Closed On"
    NOTES: Final = "Notes"


class HistCol:
    """The Follow-ups tab's headers."""

    ID: Final = "ID"
    APPLICATION_ID: Final = "Application ID"
    COMPANY: Final = "Company"
    JOB_TITLE: Final = "Job Title"
    DATE: Final = "Date"
    DIRECTION: Final = "Direction"
    MEDIUM: Final = "Medium"
    KIND: Final = "Kind"
    SUBJECT: Final = "Subject"
    MESSAGE: Final = "Message"


class SettingsCol:
    """The Settings tab's headers."""

    KEY: Final = "Key"
    VALUE: Final = "Value"
