"""Removes personal data from a visitor's text: personnummer, phone numbers, e-mail addresses, long numbers.

Pure and dependency-free, so every channel, log and report can use the same function:

    >>> redact("Mitt personnummer är 850709-9805, mejla anna@example.se")
    'Mitt personnummer är [personnummer], mejla [e-post]'

Ordinary years and small numbers ("2019", "mål 7", "SEKOS 2", "2018–2021") are kept.
"""
import re

PERSONNUMMER = "[personnummer]"
PHONE = "[telefon]"
EMAIL = "[e-post]"
NUMBER = "[nummer]"

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# Personnummer / samordningsnummer: (CC)YYMMDD, optional -/+, four digits. The date part is checked below.
_PERSONNUMMER = re.compile(r"(?<![\w+-])(?:(?:19|20)\d{2}|\d{2})(\d{2})(\d{2})([-+ ])?\d{4}(?![\w-])")
# International: +46 70 123 45 67, +44 (0)20 7946 0958, 0046-70-1234567.
_PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}(?:[\s.-]?\(\d{1,4}\))?(?:[\s.-]?\d{1,4}){2,6}(?![\w])")
# Swedish: 070-123 45 67, 0701234567, 0470-41 00 00, 08-123 456 78, (0470) 410 00.
_PHONE_SWEDISH = re.compile(r"(?<![\w+./-])(?:\(0\d{1,3}\)|0\d{1,3})(?:[\s/-]{0,2}\d{1,4}){1,5}(?![\w])")
_LONG_NUMBER = re.compile(r"\d{8,}")


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _plausible_date(month: str, day: str) -> bool:
    # Samordningsnummer add 60 to the day.
    return 1 <= int(month) <= 12 and (1 <= int(day) <= 31 or 61 <= int(day) <= 91)


def _personnummer(match: "re.Match[str]") -> str:
    text = match.group(0)
    if not _plausible_date(match.group(1), match.group(2)):
        return text
    compact = re.sub(r"\D", "", text)
    if match.group(3) in (None, " ") and compact.startswith("0") and len(compact) == 10 and not _luhn(compact):
        return text  # 0701234567: a mobile number, unless the check digit says it is a personnummer
    return PERSONNUMMER


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _phone(match: "re.Match[str]") -> str:
    text = match.group(0)
    return PHONE if 7 <= _digits(text) <= 15 else text


def redact(text: str) -> str:
    """The text with personal data replaced by [personnummer], [telefon], [e-post] and [nummer]."""
    if not text:
        return text or ""
    text = _EMAIL.sub(EMAIL, text)
    text = _PERSONNUMMER.sub(_personnummer, text)
    text = _PHONE_INTERNATIONAL.sub(_phone, text)
    text = _PHONE_SWEDISH.sub(_phone, text)
    return _LONG_NUMBER.sub(NUMBER, text)
