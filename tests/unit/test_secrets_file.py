"""A secrets file that exists but cannot be read: the message names the file, the line and what is wrong, never a value."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lib.io.config import SecretsFileError, unreadable_secrets

SECRET = "s3cr3t-VALUE-9f8e7d"

# (file text, the line the message must name); every text holds SECRET on or near the broken line.
BROKEN = [
    (f'[auth]\ncookie_secret = "{SECRET}\nclient_id = "x"\n', 2),  # unterminated string
    (f'[auth]\nredirect_uri = "https://me.example/oauth2callback"\ncookie_secret: "{SECRET}"\n', 3),  # ":" for "="
    (f'[auth]\ncookie_secret = "{SECRET}"\ncookie_secret = "{SECRET}"\n', 3),  # the same key twice
    (f'[access]\nallowed_emails = ["me@example.com"\n[auth]\ncookie_secret = "{SECRET}"\n', 3),  # unclosed list
    (f'[auth]\ncookie_secret = {SECRET}\n', 2),  # a value that is not quoted
    (f'[auth]\ncookie_secret = "{SECRET}" trailing\n', 2),
    (f'cookie_secret = "{SECRET}"\n[auth\n', 2),
    (f'[auth]\ncookie_secret = "{SECRET}\\q"\n', 2),  # a bad escape
    (f'[auth]\n{SECRET} = "x"\n[auth]\n', 3),  # a table declared twice
    (f'[auth]\ncookie_secret = "\x01{SECRET}"\n', 2),  # a control character in a string
]


def message_for(text: str, path: str = "/srv/app/.streamlit/secrets.toml") -> str:
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    error = unreadable_secrets(raised.value, path)
    assert isinstance(error, SecretsFileError)
    return str(error)


@pytest.mark.parametrize("text, line", BROKEN)
def test_a_parse_error_names_the_file_and_line_and_never_a_value(text, line):
    message = message_for(text)
    assert "/srv/app/.streamlit/secrets.toml" in message
    assert f"line {line}" in message
    assert SECRET not in message
    for fragment in ("s3cr3t", "9f8e7d", "VALUE", "trailing", "\x01"):
        assert fragment not in message


def test_a_character_the_parser_would_quote_is_not_repeated():
    message = message_for('[auth]\ncookie_secret = "ok"\nZ@ = "x"\n')
    assert "line 3" in message and "@" not in message and "Z" not in message


def test_the_home_folder_is_written_as_a_tilde():
    home = str(Path.home())
    message = message_for("a = \n", f"{home}/.streamlit/secrets.toml")
    assert "~/.streamlit/secrets.toml" in message and home + "/" not in message


def test_a_file_that_is_not_utf8_text_names_its_line(tmp_path: Path):
    path = tmp_path / "secrets.toml"
    path.write_bytes(f'[auth]\ncookie_secret = "{SECRET}"\nclient_secret = "\xff\xfe{SECRET}"\n'.encode("latin-1"))
    with pytest.raises(UnicodeDecodeError) as raised:
        path.read_text(encoding="utf-8")
    message = str(unreadable_secrets(raised.value, None, [str(tmp_path / "missing.toml"), str(path)]))
    assert str(path) in message and "line 3" in message and "UTF-8" in message
    assert SECRET not in message and "0xff" not in message


def test_a_file_that_cannot_be_opened_says_so(tmp_path: Path):
    folder = tmp_path / "secrets.toml"
    folder.mkdir()
    with pytest.raises(OSError) as raised:
        folder.read_text()
    message = str(unreadable_secrets(raised.value, str(folder)))
    assert str(folder) in message and "cannot be opened" in message


def test_an_error_at_the_end_of_the_file_names_its_last_line(tmp_path: Path):
    path = tmp_path / "secrets.toml"
    path.write_text(f'[auth]\ncookie_secret = "{SECRET}"\nallowed = ["a",\n')
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(path.read_text())
    assert "end of document" in str(raised.value)
    message = str(unreadable_secrets(raised.value, str(path)))
    assert "line 3" in message and SECRET not in message


def test_with_no_file_named_the_message_still_reads_well():
    assert str(unreadable_secrets(None, None)).startswith("a secrets file cannot be read")
