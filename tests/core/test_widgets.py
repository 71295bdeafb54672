"""The shared widgets of portal/core/forms.py: one date input and one month input for
every form (the browser's pickers, which send ISO values)."""

import datetime as dt

from portal.core.forms import DateInput, MonthInput


def test_the_date_input_is_the_browsers_date_picker_with_an_iso_value():
    html = DateInput().render("day", dt.date(2026, 3, 5))
    assert 'type="date"' in html
    assert 'value="2026-03-05"' in html


def test_the_month_input_shows_a_date_or_a_typed_month_as_yyyy_mm():
    assert 'type="month"' in MonthInput().render("month", "2026-03")
    assert 'value="2026-03"' in MonthInput().render("month", "2026-03")
    assert 'value="2026-03"' in MonthInput().render("month", dt.date(2026, 3, 1))
