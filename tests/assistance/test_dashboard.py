"""The staff home's assistance panel: the user's to-do and the reviews due, in scope."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from assistance.dashboard import staff_panels
from assistance.services import applications as services
from tests.assistance.conftest import add_income, at, walk_to_publicity

pytestmark = pytest.mark.django_db


def counts(user):
    (panel,) = staff_panels(user)
    return [line.count for line in panel.lines]


def test_panel_counts_the_to_do_and_the_reviews_in_scope(
    programmes, zhang_household, staff_a, staff_b, subdistrict_user, doctor_a
):
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=zhang_household,
            programme=programmes["dibao-urban"],
            by=staff_a,
            reason="困难",
        )
        assert counts(staff_a) == [1, 0, 0]
        assert counts(staff_b) == [0, 0, 0]  # another community's case
    assert staff_panels(doctor_a) == []  # not a caseworker
    add_income(application, "6000")
    walk_to_publicity(application, staff_a, dt.date(2026, 1, 8))
    with time_machine.travel(at(dt.date(2026, 1, 16)), tick=False):
        assert counts(subdistrict_user)[0] == 1  # waiting for confirmation
        services.application_advance(application=application, to="confirmed", by=subdistrict_user)
    services.payments_start(dt.date(2026, 2, 1))
    # Category C: reviewed 6 months after the confirmation of 16 January, on 16 July.
    with time_machine.travel(at(dt.date(2026, 7, 5)), tick=False):
        assert counts(staff_a) == [0, 1, 0]
    with time_machine.travel(at(dt.date(2026, 7, 17)), tick=False):
        assert counts(staff_a) == [0, 0, 1]


def test_staff_home_shows_the_panel(client, staff_a):
    client.force_login(staff_a)
    response = client.get(reverse("core:staff-home"))
    assert reverse("assistance:review-list") in response.text
