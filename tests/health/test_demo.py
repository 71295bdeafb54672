"""The health demo, played through the services after the kernel's and assistance's
demos (``seed_demo``): teams, slots, key-group contracts, a year of follow-ups with
some overdue, children with partly completed plans; a second run creates nothing."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from health import demo
from health.models import ChildPlan, Contract, FollowUp, Patient, Slot, Team
from health.services import records
from portal.core.dates import local_datetime
from portal.events.models import Event
from portal.guide.models import ServiceEntry

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def test_demo_is_believable_and_idempotent():
    with time_machine.travel(local_datetime(TODAY, dt.time(9)), tick=False):
        out = StringIO()
        call_command("seed_demo", force=True, residents=200, stdout=out)
        assert Team.objects.unscoped().count() == 2
        for team in Team.objects.unscoped():
            assert team.missing_roles() == []
        assert Slot.objects.unscoped().count() > 0
        assert Contract.objects.unscoped().in_force().count() > 0
        assert FollowUp.objects.unscoped().count() >= 10
        today = timezone.localdate()
        managed = Patient.objects.unscoped().managed()
        assert managed.filter(next_due__lt=today).exists()  # some overdue
        assert managed.filter(next_due__gte=today).exists()
        states = set()
        for plan in ChildPlan.objects.unscoped():
            states |= {line.state for line in records.plan_lines(plan, today)}
        assert {"given", "overdue"} <= states
        talks = Event.objects.filter(organiser_app="health", kind="health")
        assert talks.count() == 2 * 4  # per community: three monthly talks and a clinic
        booking = ServiceEntry.objects.get(slug="fenshiduan-yuyue")
        assert (booking.online_path, booking.app) == ("/health/book/", "health")
        assert demo.seed_health() == 0
