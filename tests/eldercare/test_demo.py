"""The elder-care demo through ``seed_demo`` (300 residents, on 29 November 2026): the
seed's stations and table, devices against the target, and a second run that creates
nothing. Then the two workbooks, from the report builder and the command alike."""

import datetime as dt
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from eldercare import demo
from eldercare.models import (
    Acceptance,
    AllowanceBracket,
    DeviceTarget,
    Enrolment,
    Installation,
    Pairing,
    Station,
)
from eldercare.services.devices import device_progress
from eldercare.workbooks import allowance_workbook, stations_workbook
from portal.events.models import Event, EventKind
from tests.assistance.conftest import at

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        time_machine.travel(at(TODAY), tick=False),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", force=True, residents=300, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_data, db):
    with time_machine.travel(at(TODAY, 11), tick=False):
        yield demo_data


def test_the_seed_plan_is_there(seeded):
    accepted = set(
        Station.objects.filter(acceptance=Acceptance.ACCEPTED).values_list(
            "community__name", flat=True
        )
    )
    assert accepted == {"东莺", "雅苑"}
    assert set(
        Station.objects.filter(acceptance=Acceptance.BUILDING).values_list(
            "community__name", flat=True
        )
    ) == {"东南", "世纪"}
    assert sorted(AllowanceBracket.objects.values_list("min_age", "amount")) == [
        (80, Decimal("100.00")),
        (90, Decimal("500.00")),
        (100, Decimal("800.00")),
    ]
    assert DeviceTarget.objects.get(year=2026).households == 100
    progress = device_progress(2026)
    # up to 68 installed (a 300-resident registry may have fewer who qualify)
    assert 0 < progress["installed"] <= 68 and progress["target"] == 100
    assert Installation.objects.count() == progress["installed"]
    assert Pairing.objects.exists() and Enrolment.objects.exists()
    assert Event.objects.filter(kind=EventKind.ELDERCARE, organiser_app="eldercare").count() >= 3


def test_a_second_run_creates_nothing(seeded):
    assert demo.seed_eldercare() == 0


def test_the_workbooks_from_the_command_match_the_builders(seeded, tmp_path):
    month = dt.date(2026, 10, 1)
    content, count = stations_workbook(month)
    sheet = load_workbook(BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    total = rows[-1]
    assert total[0] == "合计" or total[0] == "Total"
    served = {row[1]: row[3] for row in rows[1:-1]}
    assert served.get("东莺", 0) + served.get("雅苑", 0) == total[3] > 0
    out = tmp_path / "stations.xlsx"
    call_command("eldercare_stations", "2026-10", out=out, stdout=StringIO())
    again = list(load_workbook(out).active.iter_rows(values_only=True))
    assert again == rows
    content, count = allowance_workbook(dt.date(2026, 11, 1))
    assert count == Enrolment.objects.filter(died_on=None).count() > 0
    out = tmp_path / "allowance.xlsx"
    call_command("eldercare_allowance", "2026-11", out=out, stdout=StringIO())
    assert list(load_workbook(out).active.iter_rows(values_only=True)) == list(
        load_workbook(BytesIO(content)).active.iter_rows(values_only=True)
    )
