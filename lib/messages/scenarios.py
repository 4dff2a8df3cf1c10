"""The ten scenario writers: each writes its sentences as paragraphs of (part, text), and
`compose` keeps the optional parts that are switched on."""

# The sentences of a message are kept whole, one formal/friendly pair per line, so they read
# (and compare with the golden files) as the person will see them.
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Callable

from lib.domain.fields import AppCol
from lib.domain.text import clean
from lib.domain.vocab import Scenario
from lib.messages.anatomy import Part, optional_parts
from lib.messages.context import Context
from lib.messages.notes import concern_phrase
from lib.messages.phrasing import phrase, sentence
from lib.messages.placeholders import TOKEN

# Each scenario writes its sentences as paragraphs of (part, text); the builder keeps the
# optional parts that are switched on, and always keeps the others (the scenario's core).
Paragraphs = list[list[tuple[Part, str]]]


def _reference(c: Context) -> str:
    """The last contact and the role: "my interview on Tuesday for the Analyst role at Acme"."""
    if c.interviewed:
        return c.t(f"my interview {c.day} for {c.role}", f"our conversation {c.day} about {c.role}")
    return f"the application I sent {c.applied_day} for {c.role}"


def _detail(c: Context, formal: str, friendly: str) -> tuple[Part, str]:
    # Without an interview and without notes there was no conversation to recall.
    if not c.interviewed and c.topic == TOKEN[AppCol.TOPICS_DISCUSSED]:
        return (Part.SPECIFIC_DETAIL, "")
    return (Part.SPECIFIC_DETAIL, c.t(formal, friendly).format(topic=c.topic))


def _qualification(c: Context) -> tuple[Part, str]:
    return (Part.QUALIFICATION, c.t("I would also add one thing that fits the role well:", "One more thing that fits the role:") + " " + c.qualification)


def concern_part(c: Context, lead: str = "", *, required: bool = False) -> tuple[Part, str]:
    """The concern they raised and the person's answer. Where the answer is the point of the
    message it must be written (placeholder); elsewhere an honest general line stands in."""
    typed = sentence(clean(c.extra.get("concern_response")))
    if typed:
        answer = typed
    elif required:
        answer = TOKEN["extra.concern_response"]
    elif c.short:
        answer = c.t("I would be glad to talk through how I would approach it.", "Happy to talk through how I'd tackle it.")
    else:
        answer = c.t(
            "I have given it more thought since, and I would welcome the chance to talk through how I would approach it.",
            "I've thought about it more since, and I'd be glad to talk through how I'd tackle it.",
        )
    # `c.concern` is "about …" or "that …", whichever holds the note as it was typed.
    opener = lead or f"You mentioned a concern {c.concern}."
    return (Part.CONCERN, f"{opener} {answer}")


def _more_info(c: Context) -> tuple[Part, str]:
    if c.short:
        return (Part.MORE_INFO, c.t("I would be glad to send anything else you need.", "Happy to send anything else you need."))
    return (
        Part.MORE_INFO,
        c.t(
            "If it would help to see anything else, such as references or examples of my work, I would be glad to send it.",
            "If anything else would help, like references or examples of my work, just let me know.",
        ),
    )


def _referral(c: Context) -> tuple[Part, str]:
    return (
        Part.REFERRAL,
        c.t(
            "And if you know of another team or company looking for someone with my background, an introduction would mean a great deal.",
            "And if you hear of another team looking for someone like me, I'd be grateful for an introduction.",
        ),
    )


def _thank_you(c: Context) -> Paragraphs:
    if c.short:
        return [[
            (Part.REINTRODUCE, c.t(f"Thank you for meeting with me {c.day} about {c.role}.", f"Thanks for taking the time to talk {c.day} about {c.role}.")),
            _detail(c, "I especially enjoyed our conversation about {topic}.", "I really enjoyed hearing about {topic}."),
            (Part.INTEREST, c.t("It left me even more interested in joining your team.", "It made me even keener to join the team.")),
            _qualification(c), concern_part(c), _more_info(c),
            (Part.ASK, c.t("I look forward to hearing about the next steps.", "Looking forward to hearing about next steps.")),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, c.t(f"Thank you for taking the time to meet with me {c.day} to talk about {c.role}.", f"Thanks so much for taking the time to talk with me {c.day} about {c.role}.")),
            _detail(c, "I especially enjoyed our conversation about {topic}.", "I really enjoyed our conversation about {topic}."),
            (Part.INTEREST, c.t("It left me even more interested in the role and in joining your team.", "It made me even more excited about the role and the team.")),
        ],
        [_qualification(c)],
        [concern_part(c)],
        [
            (Part.ASK, c.t("I look forward to hearing about the next steps.", "I'm looking forward to hearing about next steps.")),
            _more_info(c),
        ],
        [(Part.THANKS, c.t("Thank you again for your time.", "Thanks again for your time."))],
    ]  # fmt: skip


def _status_ask(c: Context) -> str:
    if c.deadline and not c.deadline_passed:
        # Asked before the day they gave: the day is still to come, so it is not "hoped".
        return c.t(
            f"I understand you expect to reach a decision by {c.deadline}. In the meantime, is there any update you can share?",
            f"I know you're planning to decide by {c.deadline}. Is there any news you can share in the meantime?",
        )
    if c.deadline:
        return c.t(
            f"I understand you hoped to reach a decision by {c.deadline}. Is there any update you can share on the timeline?",
            f"I know you were hoping to decide by {c.deadline}. Is there any news on the timeline?",
        )
    return c.t(
        "Could you let me know whether there is any update on the timeline for a decision?",
        "Is there any news you can share on the timeline?",
    )


def _status_inquiry(c: Context) -> Paragraphs:
    if c.short:
        return [[
            (Part.REINTRODUCE, c.t(f"I hope you are well. I am following up on {_reference(c)}.", f"Hope you're well! Just following up on {_reference(c)}.")),
            _detail(c, "I have kept thinking about our conversation about {topic}.", "I've kept thinking about {topic} since we spoke."),
            (Part.INTEREST, c.t("I remain very interested in the position.", "I'm still very keen on the role.")),
            _qualification(c), concern_part(c),
            (Part.ASK, _status_ask(c)), _more_info(c),
            (Part.THANKS, c.t("Thank you.", "Thanks!")),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, c.t(f"I hope you are well. I am writing to follow up on {_reference(c)}.", f"I hope you're well. I wanted to follow up on {_reference(c)}.")),
            _detail(c, "Our conversation about {topic} has stayed with me since.", "I've kept thinking about {topic} since we spoke."),
            (Part.INTEREST, c.t("I remain very interested in the position and in the work your team is doing.", "I'm still very keen on the role and the work your team is doing.")),
        ],
        [_qualification(c)],
        [concern_part(c)],
        [(Part.ASK, _status_ask(c)), _more_info(c)],
        [(Part.THANKS, c.t("Thank you for your time.", "Thanks so much."))],
    ]  # fmt: skip


def _address_concern(c: Context) -> Paragraphs:
    lead = c.t(
        f"You mentioned a concern {c.concern}, and I wanted to come back to it.",
        f"You mentioned a concern {c.concern}, and I've been thinking about it since.",
    )
    return [
        [
            (Part.REINTRODUCE, c.t(f"Thank you again for speaking with me {c.day} about {c.role}.", f"Thanks again for talking with me {c.day} about {c.role}.")),
            _detail(c, "I enjoyed hearing about {topic}.", "I really enjoyed hearing about {topic}."),
        ],
        [concern_part(c, lead, required=True)],
        [
            (Part.INTEREST, c.t("I am very interested in the role and confident I could contribute from the start.", "I'm really interested in the role and sure I could hit the ground running.")),
            _qualification(c),
        ],
        [
            (Part.ASK, c.t("I am happy to discuss this further, and I look forward to hearing about the next steps.", "I'd be happy to talk it through, and I'm looking forward to hearing about next steps.")),
            _more_info(c),
        ],
        [(Part.THANKS, c.t("Thank you for your time and consideration.", "Thanks so much for your time."))],
    ]  # fmt: skip


def _after_final_interest(c: Context, *, short: bool) -> str:
    # "Meeting more of the team" is only true after a later round; a blank or first round says less.
    if c.later_round:
        return c.t("Meeting more of the team has only strengthened my interest" + ("." if short else " in the role."), "Meeting more of the team made me even keener to join.")
    return c.t("Our conversation has only strengthened my interest" + ("." if short else " in the role."), "Our conversation made me even keener to join.")


def _after_final(c: Context) -> Paragraphs:
    if c.deadline and not c.deadline_passed:
        ask = c.t(f"I understand you expect to decide by {c.deadline}, and I look forward to hearing from you.", f"I know you're hoping to decide by {c.deadline}, and I'm looking forward to hearing from you.")
    elif c.deadline:
        ask = c.t(f"I understand you hoped to reach a decision by {c.deadline}. Is there any update you can share on the decision or the next steps?", f"I know you were hoping to decide by {c.deadline}. Is there any news on next steps?")
    else:
        ask = c.t("Is there any update you can share on the decision or the next steps?", "Is there any news you can share on next steps?")
    meet = c.t(f"I hope you are well, and thank you again for the {c.round} {c.day} about {c.role}.", f"I hope you're well, and thanks again for having me in {c.day} for the {c.round} about {c.role}.")
    if c.short:
        meet = c.t(f"Thank you again for the {c.round} {c.day} about {c.role}.", f"Thanks again for the {c.round} {c.day} about {c.role}.")
    if c.short:
        return [[
            (Part.REINTRODUCE, meet),
            _detail(c, "Hearing more about {topic} was especially useful.", "I especially enjoyed hearing more about {topic}."),
            (Part.INTEREST, _after_final_interest(c, short=True)),
            _qualification(c), concern_part(c), (Part.ASK, ask), _more_info(c),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, meet),
            _detail(c, "Hearing more about {topic} was especially useful.", "I especially enjoyed hearing more about {topic}."),
            (Part.INTEREST, _after_final_interest(c, short=False)),
        ],
        [_qualification(c)],
        [concern_part(c)],
        [(Part.ASK, ask), _more_info(c)],
        [(Part.THANKS, c.t("Thank you for your time and consideration.", "Thanks so much for your time."))],
    ]  # fmt: skip


def _check_in(c: Context) -> Paragraphs:
    if c.interviewed:
        intro = c.t(f"I wanted to check in on {c.role}, which we discussed {c.day}.", f"I'm just checking in on {c.role}; we spoke {c.day}.")
    else:
        intro = c.t(f"I wanted to check in on my application for {c.role}, sent {c.applied_day}.", f"I'm just checking in on my application for {c.role}, sent {c.applied_day}.")
    patience = c.t("I know these decisions take time, especially with many people involved.", "I know these decisions take time and there's a lot going on.")
    ask = c.t("Is there any update you can share on where things stand?", "Is there any news you can share on where things stand?")
    if c.short:
        return [[
            (Part.REINTRODUCE, intro), _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic}."),
            (Part.INTEREST, c.t("I am still very interested in the position.", "I'm still very keen on the role.")),
            _qualification(c), (Part.ASK, f"{patience} {ask}"), _more_info(c),
            (Part.THANKS, c.t("Thank you for your time.", "Thanks so much.")),
        ]]  # fmt: skip
    return [
        [
            (Part.REINTRODUCE, intro),
            _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic} since we spoke."),
            (Part.INTEREST, c.t("I am still very interested in the position.", "I'm still very keen on the role.")),
        ],
        [_qualification(c)],
        [(Part.ASK, f"{patience} {ask}"), _more_info(c)],
        [(Part.THANKS, c.t("Thank you for your time.", "Thanks so much."))],
    ]  # fmt: skip


def _final_follow_up(c: Context) -> Paragraphs:
    if c.interviewed:
        intro = c.t(f"I am writing one last time about {c.role}, following our interview {c.day}.", f"I wanted to follow up one last time on {c.role}, since we spoke {c.day}.")
    else:
        intro = c.t(f"I am writing one last time about my application for {c.role}, sent {c.applied_day}.", f"I wanted to follow up one last time on my application for {c.role}, sent {c.applied_day}.")
    ask = c.t("If the position has been filled, I completely understand, and a short note either way would be much appreciated.", "If the role has been filled, I completely understand; a quick note either way would be great.")
    interest = c.t(f"I enjoyed learning about {c.company}, and I would be glad to be considered for other roles on your team in the future.", f"I really enjoyed getting to know {c.company}, and I'd love to stay in touch about future roles.")
    if c.short:
        return [[
            (Part.REINTRODUCE, intro), _detail(c, "I still think back on our conversation about {topic}.", "I still think back on our chat about {topic}."),
            (Part.ASK, ask), (Part.INTEREST, interest), _referral(c),
            (Part.THANKS, c.t("Thank you again for your time.", "Thanks again, and all the best.")),
        ]]  # fmt: skip
    return [
        [(Part.REINTRODUCE, intro), _detail(c, "I still think back on our conversation about {topic}.", "I still think back on our chat about {topic}.")],
        [(Part.ASK, ask)],
        [(Part.INTEREST, interest), _referral(c)],
        [(Part.THANKS, c.t("Thank you again for your time and consideration.", "Thanks again for your time, and all the best."))],
    ]  # fmt: skip


def _rejection_reply(c: Context) -> Paragraphs:
    # The subject already thanks them "for letting me know"; the body says it in other words.
    intro = c.t(f"I appreciate you taking the time to tell me your decision about {c.role}.", f"Thanks for taking the time to tell me your decision on {c.role}.")
    detail = _detail(c, "I enjoyed meeting the team and learning about {topic}.", "I really enjoyed meeting the team and hearing about {topic}.") if c.interviewed else None
    interest = c.t(f"I am of course disappointed, but I remain very interested in {c.company} and would be glad to be considered for future openings.", f"I'm disappointed, of course, but I'd still love to work with {c.company} one day, so please keep me in mind for future roles.")
    ask = c.t(f"If you have a moment, I would be grateful for any feedback on my {c.occasion} that could help me improve.", f"If you have a moment, I'd really appreciate any feedback on my {c.occasion} that could help me improve.")
    thanks = c.t("Thank you again for your time and for considering me.", "Thanks again for your time and for considering me.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), *([detail] if detail else []), (Part.INTEREST, interest), (Part.ASK, ask), _referral(c), (Part.THANKS, thanks)]]
    return [
        [(Part.REINTRODUCE, intro), *([detail] if detail else [])],
        [(Part.INTEREST, interest)],
        [(Part.ASK, ask), _referral(c)],
        [(Part.THANKS, thanks)],
    ]


def _feedback_thanks(c: Context) -> Paragraphs:
    intro = c.t(f"Thank you for taking the time to share feedback on my {c.occasion} for the {c.job} role.", f"Thanks so much for the feedback on my {c.occasion} for the {c.job} role.")
    # Feedback is typed as a phrase or as what they said ("I should go deeper into trade-offs"):
    # "Your point about …" or "Your point that …", as a concern is placed.
    typed = clean(c.extra.get("feedback"))
    point = concern_phrase(typed).text if typed else f"about {c.x('feedback')}"
    detail = c.t(f"Your point {point} is especially helpful, and I am already working on it.", f"Your point {point} was really helpful, and I'm already working on it.")
    interest = c.t(f"I would still welcome the chance to work with {c.company}, and I hope you will keep me in mind for future roles.", f"I'd still love to work with {c.company} one day, so please do keep me in mind.")
    thanks = c.t("Thank you again for your honesty and your time.", "Thanks again; it was good of you to take the time.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, detail), (Part.INTEREST, interest), _referral(c), (Part.THANKS, thanks)]]
    return [
        [(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, detail)],
        [(Part.INTEREST, interest), _referral(c)],
        [(Part.THANKS, thanks)],
    ]


def _correction(c: Context) -> Paragraphs:
    intro = c.t(f"I noticed a mistake in my earlier message about {c.role} and wanted to correct it.", f"A quick fix to what I sent you earlier about {c.role}.")
    mistake, right = phrase(c.x("mistake")) or c.x("mistake"), phrase(c.x("correction")) or c.x("correction")
    fix = c.t(f"I wrote {mistake}; it should have read {right}. I apologise for any confusion.", f"I wrote {mistake}, but it should have been {right}. Sorry for any confusion!")
    thanks = c.t("Thank you for your understanding.", "Thanks for understanding.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, fix), _more_info(c), (Part.THANKS, thanks)]]
    return [[(Part.REINTRODUCE, intro), (Part.SPECIFIC_DETAIL, fix)], [_more_info(c)], [(Part.THANKS, thanks)]]


def _competing_offer(c: Context) -> Paragraphs:
    if c.interviewed:
        intro = c.t(f"I hope you are well. I very much enjoyed our conversation {c.day} about {c.role}.", f"I hope you're well! I really enjoyed our conversation {c.day} about {c.role}.")
    else:
        intro = c.t(f"I hope you are well. I applied {c.applied_day} for {c.role}.", f"I hope you're well! I applied {c.applied_day} for {c.role}.")
    deadline = c.x("offer_deadline")
    ask = c.t(
        f"I have since received another offer and need to give my answer by {deadline}. Before I do, I wanted to ask whether you could share where things stand on your side. I completely understand if that is not possible yet.",
        f"I've since had another offer and need to reply by {deadline}. Before I decide, could you tell me where things stand on your side? Totally understand if it's too early to say.",
    )
    interest = c.t("I remain very interested in joining your team.", "I'm still really keen to join the team.")
    thanks = c.t("Thank you for any guidance you can give.", "Thanks so much for any pointers.")
    if c.short:
        return [[(Part.REINTRODUCE, intro), _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic}."), (Part.INTEREST, interest), _qualification(c), (Part.ASK, ask), (Part.THANKS, thanks)]]
    return [
        [(Part.REINTRODUCE, intro), _detail(c, "Our conversation about {topic} has stayed with me.", "I've kept thinking about {topic} since we spoke."), (Part.INTEREST, interest)],
        [_qualification(c)],
        [(Part.ASK, ask)],
        [(Part.THANKS, thanks)],
    ]  # fmt: skip


_WRITERS: dict[Scenario, Callable[[Context], Paragraphs]] = {
    Scenario.THANK_YOU: _thank_you,
    Scenario.STATUS_INQUIRY: _status_inquiry,
    Scenario.ADDRESS_CONCERN: _address_concern,
    Scenario.AFTER_FINAL_INTERVIEW: _after_final,
    Scenario.CHECK_IN: _check_in,
    Scenario.FINAL_FOLLOW_UP: _final_follow_up,
    Scenario.REJECTION_REPLY: _rejection_reply,
    Scenario.FEEDBACK_THANKS: _feedback_thanks,
    Scenario.CORRECTION: _correction,
    Scenario.COMPETING_OFFER: _competing_offer,
}


def subject_line(c: Context) -> str:
    """Purpose + job title, with the interview date or the sender's name where it helps."""
    on = f", {c.subject_day}" if c.subject_day else ""
    name = f" – {c.profile.name}" if c.profile.name else ""
    job = c.job
    return {
        Scenario.THANK_YOU: f"Thank you – {job} interview{on}",
        Scenario.STATUS_INQUIRY: (
            f"Following up – {job} interview{on}" if c.interviewed else f"Following up on my application – {job}{name}"
        ),
        Scenario.ADDRESS_CONCERN: f"Following up on our conversation – {job}",
        Scenario.AFTER_FINAL_INTERVIEW: f"Following up – {c.round} for {job}" if c.round != "interview" else f"Following up – {job} interview{on}",
        Scenario.CHECK_IN: f"Checking in – {job}{name}",
        Scenario.FINAL_FOLLOW_UP: f"Closing the loop – {job}{name}",
        Scenario.REJECTION_REPLY: f"Thank you for letting me know – {job}",
        Scenario.FEEDBACK_THANKS: f"Thank you for the feedback – {job}",
        Scenario.CORRECTION: f"Correction to my earlier message – {job}",
        Scenario.COMPETING_OFFER: f"Question about timing – {job}{name}",
    }[c.scenario]


def compose(c: Context, enabled: frozenset[Part]) -> list[str]:
    """Return the body paragraphs with only the enabled optional parts."""
    offered = set(optional_parts(c.scenario))
    out: list[str] = []
    for paragraph in _WRITERS[c.scenario](c):
        # A part the scenario does not offer as optional is its core and always written.
        kept = [text for part, text in paragraph if text and (part not in offered or part in enabled)]
        if kept:
            out.append(" ".join(kept))
    return out
