"""The template builder: the follow-up messages and their checks."""
