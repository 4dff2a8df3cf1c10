"""A composed message laid out for its medium: email, LinkedIn or text message, letter, or a
call script with a voicemail."""

# The sentences of a message are kept whole, one formal/friendly pair per line, so they read
# (and compare with the golden files) as the person will see them.
# ruff: noqa: E501

from __future__ import annotations

from lib.domain.fields import AppCol
from lib.domain.text import letter_date
from lib.domain.vocab import Scenario
from lib.messages.anatomy import Part, optional_parts
from lib.messages.context import Context
from lib.messages.media import EMAIL
from lib.messages.placeholders import TOKEN
from lib.messages.scenarios import concern_part


def _signature(c: Context) -> str:
    lines = [f"{c.profile.signoff or 'Best regards'},", c.your_name]
    if c.medium == EMAIL:
        lines += [c.your_phone, c.your_email]
        if c.profile.linkedin:
            lines.append(c.profile.linkedin)
    return "\n".join(lines)


def render_email(c: Context, paragraphs: list[str]) -> str:
    return "\n\n".join([c.greeting, *paragraphs, _signature(c)])


def render_short(c: Context, paragraphs: list[str]) -> str:
    # One paragraph of a few sentences reads best in a chat window.
    return "\n\n".join([c.greeting, " ".join(paragraphs), _signature(c)])


def render_letter(c: Context, paragraphs: list[str]) -> str:
    sender = [c.your_name, c.your_phone, c.your_email, *([c.profile.linkedin] if c.profile.linkedin else [])]
    recipient = [
        "Hiring Manager" if c.unnamed_ok else c.recipient,
        *([c.interviewer_title] if c.interviewer_title and len(c.people) <= 1 else []),
        c.company,
        *([c.location] if c.location else []),
    ]
    dated = letter_date(c.today)
    closing = f"{c.profile.signoff or 'Best regards'},\n\n\n{c.your_name}"
    # Under a formal address block a letter always opens formally, whatever the tone.
    return "\n\n".join(["\n".join(sender), dated, "\n".join(recipient), c.formal_greeting, *paragraphs, closing])


# What the call is for, said aloud, and a shorter line for the voicemail.
def _spoken_ask(c: Context) -> tuple[str, str]:
    s = c.scenario
    if s is Scenario.COMPETING_OFFER:
        deadline = c.x("offer_deadline")
        return (
            c.t(
                f"I have received another offer and need to answer by {deadline}. Before I do, could you tell me where things stand with the {c.job} role? I would understand if it is too early to say.",
                f"I've had another offer and need to answer by {deadline}. Before I decide, could you tell me where things stand with the {c.job} role? No problem if it's too early to say.",
            ),
            f"I have another offer to answer by {deadline}, and I would love to hear where things stand with your role before I do.",
        )
    if s is Scenario.FINAL_FOLLOW_UP:
        return (
            c.t(
                "I wanted to check in one last time. If the position has been filled, I completely understand, and I would be glad to be considered for future roles.",
                "I wanted to check in one last time. If the role's been filled, no problem at all; I'd love to hear about future openings.",
            ),
            "I wanted to check in one last time; if the position has been filled, I completely understand, and I would be glad to hear about future roles.",
        )
    if s is Scenario.CHECK_IN:
        return (
            c.t(
                "I know these decisions take time; I am calling to check in and ask whether there is any news on the role.",
                "I know these things take time; I'm just checking in to see if there's any news on the role.",
            ),
            "I am checking in to see whether there is any news on the role.",
        )
    if s is Scenario.AFTER_FINAL_INTERVIEW:
        return (
            c.t(
                f"I wanted to thank you for the {c.round} and ask what the next steps and timeline look like.",
                f"I wanted to say thanks for the {c.round} and ask what the next steps look like.",
            ),
            f"I wanted to thank you for the {c.round} and ask about the next steps.",
        )
    if c.deadline and not c.deadline_passed:
        timeline = f" I know you expect to decide by {c.deadline}."
    else:
        timeline = f" You mentioned you hoped to decide by {c.deadline}." if c.deadline else ""
    return (
        c.t(
            f"I am calling to ask whether there is any update on the timeline for a decision.{timeline}",
            f"I'm calling to see if there's any news on the timeline.{timeline}",
        ),
        "I am calling to ask whether there is any update on the timeline for a decision.",
    )


def render_phone(c: Context, enabled: frozenset[Part]) -> str:
    offered = set(optional_parts(c.scenario))

    def on(part: Part) -> bool:
        return part in offered and part in enabled

    hello = c.t("Hello", "Hi")
    # One person answers a phone: with two interviewers, ask for either and greet whoever picks up.
    salute = f"{hello} {c.callee}".strip() if len(c.people) <= 1 else hello
    if c.interviewed:
        who = c.t(f"I interviewed with you {c.day} for the {c.job} role.", f"We spoke {c.day} about the {c.job} role.")
        voicemail_who = f"we spoke {c.day} about the {c.job} role at {c.company}"
    else:
        who = f"I applied {c.applied_day} for the {c.job} role."
        voicemail_who = f"I applied {c.applied_day} for the {c.job} role at {c.company}"
    ask, voicemail_ask = _spoken_ask(c)
    ask_for = " or ".join(f"{p.title} {p.full}".strip() for p in c.people) or c.recipient
    if c.interviewer_title and len(c.people) <= 1:
        ask_for += f" ({c.interviewer_title})"
    steps = [
        f"\"{salute}, this is {c.your_name}. {who} Is now a good moment for a quick question?\"",
    ]
    if c.interviewed:
        steps.append("\"" + c.t("Thank you again for your time; I enjoyed our conversation.", "Thanks again for your time; I really enjoyed our chat.") + "\"")
    if on(Part.SPECIFIC_DETAIL) and (c.interviewed or c.topic != TOKEN[AppCol.TOPICS_DISCUSSED]):
        steps.append("\"" + c.t(f"I have been thinking more about {c.topic} since we spoke.", f"I've been thinking more about {c.topic} since we spoke.") + "\"")
    if c.scenario is not Scenario.FINAL_FOLLOW_UP:
        steps.append("\"" + c.t("I am still very interested in the role.", "I'm still really keen on the role.") + "\"")
    if on(Part.CONCERN):
        steps.append("\"" + concern_part(c)[1] + "\"")
    if on(Part.QUALIFICATION):
        steps.append("\"" + c.t("I would also add one thing that fits the role:", "One more thing that fits the role:") + f" {c.qualification}\"")
    steps.append(f"\"{ask}\"")
    if on(Part.REFERRAL):
        steps.append("\"" + c.t("If you know of another team looking for someone with my background, I would be grateful for an introduction.", "If you hear of another team looking for someone like me, I'd be grateful for an introduction.") + "\"")
    if on(Part.MORE_INFO):
        steps.append("\"" + c.t("If it would help, I would be glad to send references or examples of my work.", "If it helps, I'm happy to send references or examples of my work.") + "\"")
    steps.append(
        "Listen, and note any date they give you. Then: \""
        + c.t("That is very helpful, thank you. I look forward to hearing from you.", "That's really helpful, thanks. I look forward to hearing from you.")
        + "\""
    )
    voicemail = (
        f"\"{salute}, this is {c.your_name}; {voicemail_who}. {voicemail_ask} "
        f"You can reach me on {c.your_phone}. Again, that's {c.your_phone}. Thank you, and have a good day.\""
    )
    return "\n".join(
        [
            f"Call about the {c.job} role at {c.company}",
            f"Ask for: {ask_for}, on {c.interviewer_phone}",
            "Keep it under five minutes. Midweek, late morning or early afternoon, works best; avoid Monday mornings and Friday afternoons.",
            "",
            "If they answer:",
            *(f"{i}. {step}" for i, step in enumerate(steps, start=1)),
            "",
            "If you reach voicemail:",
            voicemail,
        ]
    )
