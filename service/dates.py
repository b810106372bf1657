"""Partial ISO 8601 dates (YYYY, YYYY-MM, YYYY-MM-DD) as the table writes them."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to year, month or day precision.

    >>> d = PartialDate.parse("2016-07")
    >>> d.first, d.last, str(d)
    (datetime.date(2016, 7, 1), datetime.date(2016, 7, 31), '2016-07')
    """

    first: dt.date
    last: dt.date
    text: str

    @classmethod
    def parse(cls, value: object) -> "PartialDate":
        """Read a table value; raise ValueError with the offending text."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value, value, value.isoformat())
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        match = _PARTIAL.match(text or "")
        if not match:
            raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day is not None:
                first = last = dt.date(year, month, day)
            elif month is not None:
                first = dt.date(year, month, 1)
                last = dt.date(year, month, calendar.monthrange(year, month)[1])
            else:
                first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        except ValueError:
            raise ValueError(f"{text!r} is not a date") from None
        return cls(first, last, text)

    def __str__(self) -> str:
        return self.text


def within(day: dt.date, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether day falls in [start, end], open where a bound is missing."""
    return (start is None or start.first <= day) and (end is None or day <= end.last)
