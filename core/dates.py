"""The dates Byline accepts from files and forms: 1970 to 2100. Anything else is a typo or a hostile file, and a
stored year 1 or 9999 breaks calendars, iCal exports and charts later, far from where it came in."""

from __future__ import annotations

from datetime import date, datetime

from core.errors import ValidationFailed

EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)


def check_supported(moment: date | datetime, what: str = "the date") -> None:
    """ValueError (for per-row problems) unless the date lies between 1970 and 2100."""
    day = moment.date() if isinstance(moment, datetime) else moment
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{what} {day.isoformat()} is outside {EARLIEST.year}-{LATEST.year}")


def supported_or_refused(moment: date | datetime, what: str = "The date") -> None:
    """ValidationFailed (for forms and service calls) unless the date lies between 1970 and 2100."""
    try:
        check_supported(moment, what)
    except ValueError as exc:
        raise ValidationFailed(f"{exc}.") from None
