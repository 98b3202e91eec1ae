"""Lists, numbers, dates and times in the current language, by CLDR (through Babel):
'Mon, Wed and Fri', 'lun., mié. y vie.', '1,5', '6 déc. 2026'. Counted words
('1 session', '2 sessions') are ``ngettext`` messages (base.language)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .language import current

if TYPE_CHECKING:
    from babel import Locale


ENGLISH = "en_150"
"""CLDR's English for English with no country: the English used in Europe (3 March,
07:30, 'Mon, Wed and Fri'), as the workbook writes it; ``en_US`` or ``en_GB`` choose
their own."""


@lru_cache(maxsize=32)
def _cldr(code: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    for candidate in (code, code.split("_")[0], ENGLISH):
        try:
            return Locale.parse(ENGLISH if candidate == "en" else candidate)
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("CLDR always has English")


def cldr_locale() -> Locale:
    """Babel's locale for the current language (its language alone, or English, when
    CLDR does not know the whole code; ``ENGLISH`` for English with no country)."""
    return _cldr(current().code)


def own_name(code: str) -> str:
    """``code``'s language in its own words (CLDR): 'español', 'Deutsch', 'français';
    the code itself when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code


def joined(words: Sequence[str], style: str = "standard") -> str:
    """'Mon', 'Mon and Fri', 'Mon, Wed and Fri' in the current language
    (``style="or"`` for 'Mon or Fri')."""
    from babel.lists import format_list

    return format_list(list(words), style=style, locale=cldr_locale())


def number(value: float, digits: int = 1) -> str:
    """``value`` with the current language's decimal sign, at most ``digits`` decimals."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=cldr_locale())


def day(date: dt.date, form: str = "medium") -> str:
    """A date as people write it: 'Dec 6, 2026', '6 dic 2026', '06.12.2026' (``form``:
    short, medium, long, full)."""
    from babel.dates import format_date

    return format_date(date, format=form, locale=cldr_locale())


def day_pattern(date: dt.date, skeleton: str) -> str:
    """A date by a CLDR skeleton (``MMMd`` for 'Dec 6', ``EEEEd`` for 'Sunday 6')."""
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, date, locale=cldr_locale())


def clock(moment: dt.time | dt.datetime, form: str = "short") -> str:
    """A time of day: '7:30 PM', '19:30'."""
    from babel.dates import format_time

    return format_time(moment, format=form, locale=cldr_locale())


def weekday_names(width: str = "abbreviated") -> tuple[str, ...]:
    """Monday to Sunday in the current language (``width``: wide, abbreviated, short)."""
    days = cldr_locale().days["format"][width]
    return tuple(days[i] for i in range(7))

