"""Working days waiting, as the thanks page promises a reply (England and Wales)."""

import datetime
import zoneinfo

import pytest

from stories.working_days import (
    is_overdue,
    is_working_day,
    overdue_before,
    working_days_between,
    working_days_waiting,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
day = datetime.date


def test_weekends_do_not_count():
    monday, friday = day(2026, 3, 2), day(2026, 3, 6)
    assert working_days_between(monday, friday) == 4
    assert working_days_between(friday, day(2026, 3, 9)) == 1  # to the Monday
    assert working_days_between(day(2026, 3, 7), day(2026, 3, 9)) == 1  # Saturday to Monday


def test_england_and_wales_bank_holidays_do_not_count():
    # Good Friday 3 April and Easter Monday 6 April 2026.
    assert not is_working_day(day(2026, 4, 3))
    assert not is_working_day(day(2026, 4, 6))
    assert working_days_between(day(2026, 4, 2), day(2026, 4, 7)) == 1
    # Christmas and Boxing Day (substitute Monday 28 December 2026).
    assert working_days_between(day(2026, 12, 24), day(2027, 1, 4)) == 4


def test_scottish_only_holidays_are_working_days():
    assert is_working_day(day(2026, 1, 2))  # a bank holiday in Scotland only
    assert is_working_day(day(2026, 11, 30))  # St Andrew's Day


def test_no_time_has_passed_on_the_day_itself_or_before():
    assert working_days_between(day(2026, 3, 2), day(2026, 3, 2)) == 0
    assert working_days_between(day(2026, 3, 9), day(2026, 3, 2)) == 0


@pytest.mark.parametrize("weeks", [1, 2, 5, 53])
def test_whole_weeks_count_five_days_less_holidays(weeks):
    start = day(2026, 6, 1)  # no bank holiday in June
    end = start + datetime.timedelta(weeks=weeks)
    by_hand = sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + datetime.timedelta(days=offset))
    )
    assert working_days_between(start, end) == by_hand


def test_overdue_after_ten_working_days(settings):
    settings.INFOSTORY_REPLY_WORKING_DAYS = 10
    sent = datetime.datetime(2026, 3, 2, 16, 0, tzinfo=LONDON)  # Monday
    assert working_days_waiting(sent, today=day(2026, 3, 16)) == 10
    assert not is_overdue(sent, today=day(2026, 3, 16))
    assert is_overdue(sent, today=day(2026, 3, 17))


def test_overdue_before_agrees_with_is_overdue_day_by_day(settings):
    settings.INFOSTORY_REPLY_WORKING_DAYS = 10
    for today in [day(2026, 4, 9), day(2026, 4, 13), day(2026, 12, 29), day(2027, 1, 4)]:
        cutoff = overdue_before(today)
        for back in range(0, 40):
            sent_day = today - datetime.timedelta(days=back)
            sent = datetime.datetime.combine(sent_day, datetime.time(12), tzinfo=LONDON)
            assert (sent < cutoff) == is_overdue(sent, today=today), (today, sent_day)


def test_the_promise_is_a_setting(settings):
    settings.INFOSTORY_REPLY_WORKING_DAYS = 3
    sent = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
    assert not is_overdue(sent, today=day(2026, 3, 5))
    assert is_overdue(sent, today=day(2026, 3, 6))
