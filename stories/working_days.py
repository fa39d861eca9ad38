"""Working days, as the thanks page counts them when it promises a reply.

The thanks page tells the person they will hear within INFOSTORY_REPLY_WORKING_DAYS
working days. A working day is Monday to Friday and not a bank holiday in England and
Wales (the `holidays` package, UK calendar, England subdivision: England and Wales share
their bank holidays). The admin queue shows each open story's working days waiting and
marks those past the promise.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=64)
def bank_holidays(year):
    """The England and Wales bank holidays of one year, as a frozenset of dates."""
    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


def is_working_day(day):
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end <= start).

    A story sent on a Monday has waited 1 working day on the Tuesday, 5 on the next
    Monday; one sent on a Saturday has waited 1 working day on the Monday.
    """
    if end <= start:
        return 0
    days = (end - start).days
    # Whole weeks have five weekdays each; only the bank holidays in them are looked up.
    whole_weeks, rest = divmod(days, 7)
    count = whole_weeks * 5
    day = start + datetime.timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    for year in range(start.year, end.year + 1):
        count -= sum(
            1 for holiday in bank_holidays(year) if start < holiday <= end and holiday.weekday() < 5
        )
    return count


def reply_working_days():
    """The promise the thanks page makes: a reply within this many working days."""
    return settings.INFOSTORY_REPLY_WORKING_DAYS


def local_day(moment):
    """The calendar day (UK time) of an aware datetime."""
    return timezone.localdate(moment)


def working_days_waiting(submitted_at, today=None):
    """Working days a story sent at `submitted_at` has waited by `today` (UK time)."""
    return working_days_between(local_day(submitted_at), today or timezone.localdate())


def is_overdue(submitted_at, today=None):
    """Past the promised reply: more working days waiting than the thanks page promises."""
    return working_days_waiting(submitted_at, today) > reply_working_days()


def overdue_before(today=None):
    """The moment before which an open story is overdue (aware, UK midnight).

    A story is overdue once more than INFOSTORY_REPLY_WORKING_DAYS working days have
    passed since the day it was sent, so every story sent before the start of the day
    after `last_overdue_day` is overdue: one indexed comparison in a query.
    """
    today = today or timezone.localdate()
    promised = reply_working_days()
    day = today
    counted = 0
    # Walk back over working days until the promise is broken for a story sent that day.
    while counted <= promised:
        if is_working_day(day):
            counted += 1
        day -= datetime.timedelta(days=1)
    last_overdue_day = day
    start_of_next = last_overdue_day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(start_of_next, datetime.time.min))
