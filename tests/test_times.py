"""Times and durations as messages show them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from integrations.core import duration, global_time, parse_time


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-04-22T07:12:29Z", datetime(2024, 4, 22, 7, 12, 29, tzinfo=UTC)),
        ("2024-04-22T09:12:29.123+02:00", datetime(2024, 4, 22, 7, 12, 29, 123000, tzinfo=UTC)),
        ("2024-04-22 07:12:29", datetime(2024, 4, 22, 7, 12, 29, tzinfo=UTC)),
        (1713769949, datetime(2024, 4, 22, 7, 12, 29, tzinfo=UTC)),
        (1713769949000, datetime(2024, 4, 22, 7, 12, 29, tzinfo=UTC)),
        ("1713769949", datetime(2024, 4, 22, 7, 12, 29, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (10**30, None),
        ("1713766657asdasd383", None),
    ],
)
def test_parse_time_reads_iso_text_and_unix_times(given: object, expected: datetime | None) -> None:
    assert parse_time(given) == expected


def test_global_time_is_utc_whatever_the_zone() -> None:
    east = datetime(2024, 4, 22, 9, 12, 29, 500, tzinfo=timezone(timedelta(hours=2)))
    assert global_time(east) == "<time:2024-04-22T07:12:29Z>"
    assert global_time(datetime(2024, 4, 22, 7, 12, 29)) == "<time:2024-04-22T07:12:29Z>"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "0 s"), (59.9, "59 s"), (183, "3 min 3 s"), (7500, "2 h 5 min"), (90061, "1 d 1 h"),
     (-5, "0 s"), (3600, "1 h")],
)  # fmt: skip
def test_duration_gives_the_two_largest_units(seconds: float, expected: str) -> None:
    assert duration(seconds) == expected
