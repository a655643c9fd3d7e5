"""argparse in Swedish: help texts, usage lines and usage errors without its English words.

argparse wraps its own words in gettext, which only translates for the
user's locale and from compiled catalogues. Instead, a parser subclass sets
the words it builds itself (the group titles, `-h`), a formatter sets the
usage prefix, and `error` translates each message argparse raises by
matching it against argparse's own message ids (the strings a gettext
catalogue would translate), so nothing outside this module changes.
"""

from __future__ import annotations

import argparse
import re
import sys

USAGE = "användning: "
HELP = "visa den här hjälpen och avsluta"
POSITIONALS, OPTIONALS = "positionsargument", "flaggor"

# argparse's message ids (Python 3.11's argparse.py) -> Swedish; `%s`/`%r` are named `arg`.
MESSAGES = {
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "följande måste anges: %(arg)s",
    "unrecognized arguments: %s": "okända flaggor eller värden: %(arg)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)s (välj bland %(choices)s)",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)s (ska vara %(type)s)",
    "expected one argument": "ett värde krävs",
    "expected at most one argument": "högst ett värde får anges",
    "expected at least one argument": "minst ett värde krävs",
    "expected %s argument": "%(arg)s värde krävs",
    "expected %s arguments": "%(arg)s värden krävs",
    "ambiguous option: %(option)s could match %(matches)s": "flaggan %(option)s är tvetydig: den kan vara %(matches)s",
    "not allowed with argument %s": "får inte användas tillsammans med %(arg)s",
    "ignored explicit argument %r": "flaggan tar inget värde, men fick %(arg)s",
    "one of the arguments %s is required": "ett av följande måste anges: %(arg)s",
    "unexpected option string: %s": "oväntad flagga: %(arg)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "okänt kommando %(parser_name)s (välj bland %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
}
TYPE_NAMES = {"int": "ett heltal", "float": "ett tal"}
_PLACEHOLDER_RE = re.compile(r"%\\\((\w+)\\\)[sr]|%[sr]")


def _pattern(message_id: str) -> re.Pattern[str]:
    return re.compile(_PLACEHOLDER_RE.sub(lambda m: f"(?P<{m.group(1) or 'arg'}>.+?)", re.escape(message_id)),
                      re.DOTALL)


_PATTERNS = [(_pattern(message_id), swedish) for message_id, swedish in MESSAGES.items()]


def translate(message: str) -> str:
    """argparse's English message in Swedish; a nested message (`argument X: …`) is translated too."""
    for pattern, swedish in _PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            parts = match.groupdict()
            if "message" in parts:
                parts["message"] = translate(parts["message"])
            if "type" in parts:
                parts["type"] = TYPE_NAMES.get(parts["type"], parts["type"])
            return swedish % parts
    return message


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions as written (they hold examples), and a Swedish usage prefix."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Swedish; subcommands' parsers are of this class too."""

    def __init__(self, *args, add_help: bool = True, formatter_class=HelpFormatter, **kwargs):
        super().__init__(*args, add_help=False, formatter_class=formatter_class, **kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {translate(message)}\n")
