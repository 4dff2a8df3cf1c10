"""Who sends the messages: the person's `Profile`, the signature under every message,
stored as "profile.*" settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from lib.domain.text import clean


@dataclass(frozen=True)
class Profile:
    """Who sends the messages: the signature under every message.

    Each field's metadata holds a "label" and a "help" text, so a settings form can be
    rendered from `dataclasses.fields(Profile)` without knowing the fields by name.
    """

    name: str = field(default="", metadata={"label": "Your name", "help": "As you sign your messages, e.g. Jo Smith."})
    phone: str = field(
        default="", metadata={"label": "Phone", "help": "Shown in your signature and left on voicemails."}
    )
    email: str = field(default="", metadata={"label": "Email", "help": "Shown in your signature."})
    linkedin: str = field(
        default="",
        metadata={"label": "LinkedIn profile", "help": "Optional; added to your signature when filled in."},
    )
    signoff: str = field(
        default="Best regards",
        metadata={"label": "Sign-off", "help": "The closing line before your name: Best regards, Sincerely, Best."},
    )

    PREFIX = "profile."

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> Profile:
        """Return the profile stored under "profile.*" keys; blanks fall back to defaults."""
        values: dict[str, str] = {}
        for f in fields(cls):
            raw = settings.get(cls.PREFIX + f.name)
            text = clean(raw)
            if text:
                values[f.name] = text
        return cls(**values)

    def to_settings(self) -> dict[str, str]:
        """Return the profile as flat "profile.*" settings."""
        return {self.PREFIX + f.name: str(getattr(self, f.name)) for f in fields(self)}
