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
    """The to-do and the reviews (the 先行救助 line is tested in test_prior.py)."""
    (panel,) = staff_panels(user)
    return [line.count for line in panel.lines[:3]]


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


# --- the registry's resident and household pages -------------------------------------------------


def _queries(client, url: str) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.text


def test_the_household_and_resident_pages_list_the_cases_in_one_query(
    client, programmes, zhang_household, staff_a, doctor_a
):
    """The panel costs one query however many cases the household has; a doctor, who has
    no need to know that a household receives assistance, sees no panel at all."""
    head = zhang_household.members.order_by("pk").first()
    household_url = reverse("registry:household-detail", args=[zhang_household.pk])
    resident_url = reverse("registry:resident-detail", args=[head.pk])
    client.force_login(staff_a)

    def submit(code: str) -> None:
        services.application_submit(
            household=zhang_household, programme=programmes[code], by=staff_a, reason="困难"
        )

    submit("dibao-urban")
    one_household, page = _queries(client, household_url)
    assert page.count("城市低保") == 1 and "本户社会救助" in page
    one_resident, _page = _queries(client, resident_url)
    submit("temporary-emergency")
    submit("student")
    three_household, page = _queries(client, household_url)
    assert "临时救助" in page
    three_resident, _page = _queries(client, resident_url)
    assert (three_household, three_resident) == (one_household, one_resident)

    client.force_login(doctor_a)
    page = client.get(household_url).text
    assert "本户社会救助" not in page and "城市低保" not in page
