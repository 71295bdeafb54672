"""Community scoping (ASVS 5.0 8.2.2, 8.4.1): ``visible_to`` and ``get_visible_or_404`` on every
model that holds a community's records.

The table of scoped models and their rows is assembled like the URL walk's: the kernel's
models are listed here, and each app with scoped models contributes a
``tests/<app>/scoping.py`` that defines
  SCOPED_MODELS: its scoped models (read at collection time, for the parametrization);
  scoped_world(resident_a, resident_b, issuer) -> {model: (row in A, row in B)}.
A new app adds its own file without editing this one; the meta-test below fails when a
scoped model has no rows.
"""

import datetime as dt
import importlib
import logging
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from portal.accounts.models import Role
from portal.accounts.scoping import CommunityScopedQuerySet, get_visible_or_404
from portal.events.models import Event, HourCertificate, Registration
from portal.notices.models import Notice
from portal.registry.models import Community, Compound, Household, RegistryImport, Resident
from portal.reports.models import ReportJob
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.notices.factories import NoticeFactory

TESTS = Path(__file__).resolve().parent.parent
PORTAL = TESTS.parent / "portal"


def contributions() -> list[ModuleType]:
    """Every ``tests/<app>/scoping.py`` module: kernel apps first, then chapter apps, each
    in name order (a chapter app's rows may use the kernel's: assistance's objection needs
    the 公示)."""
    folders = [path.parent.name for path in TESTS.glob("*/scoping.py")]
    folders.sort(key=lambda name: (not (PORTAL / name).is_dir(), name))
    return [importlib.import_module(f"tests.{name}.scoping") for name in folders]


KERNEL_MODELS = [
    Community,
    Compound,
    Household,
    Resident,
    Notice,
    Event,
    Registration,
    HourCertificate,
    ReportJob,
    RegistryImport,
]

SCOPED_MODELS = KERNEL_MODELS + [
    model for module in contributions() for model in module.SCOPED_MODELS
]


def test_the_table_lists_every_scoped_model(world):
    scoped = {
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), CommunityScopedQuerySet)
    }
    assert set(world) == scoped
    assert set(SCOPED_MODELS) == scoped
    assert len(SCOPED_MODELS) == len(scoped), "a model is listed twice"


@pytest.fixture
def world(resident_a, resident_b, compound_a, compound_b):
    """One record of each scoped model in each of communities A and B: the kernel's, then
    every app's ``scoped_world``."""
    community_a, community_b = resident_a.community, resident_b.community
    events = (EventFactory(community=community_a), EventFactory(community=community_b))
    issuer = UserFactory(role=Role.SUBDISTRICT_STAFF)
    rows = {
        Community: (community_a, community_b),
        Compound: (compound_a, compound_b),
        Household: (resident_a.household, resident_b.household),
        Resident: (resident_a, resident_b),
        Notice: (NoticeFactory(community=community_a), NoticeFactory(community=community_b)),
        Event: events,
        Registration: tuple(
            Registration.objects.create(event=event, resident=resident, status="confirmed")
            for event, resident in zip(events, (resident_a, resident_b), strict=True)
        ),
        HourCertificate: tuple(
            HourCertificate.objects.create(
                number=f"ZYFW-TEST-{resident.pk:06d}",
                resident=resident,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 6, 30),
                total_hours=3,
                issuer="居委会",
                issued_by=issuer,
            )
            for resident in (resident_a, resident_b)
        ),
        ReportJob: tuple(
            ReportJob.objects.create(kind="community_statistics", title="统计", community=c)
            for c in (community_a, community_b)
        ),
        RegistryImport: tuple(
            RegistryImport.objects.create(original_name="台账.xlsx", community=c)
            for c in (community_a, community_b)
        ),
    }
    for module in contributions():
        contributed = module.scoped_world(resident_a, resident_b, issuer)
        if twice := rows.keys() & contributed.keys():
            raise ValueError(f"{sorted(m._meta.label for m in twice)} given twice ({module})")
        if contributed.keys() != set(module.SCOPED_MODELS):
            raise ValueError(f"{module.__name__}: scoped_world and SCOPED_MODELS differ")
        rows |= contributed
    return rows


def visible(model, user) -> set:
    return set(model.objects.visible_to(user))


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_their_own_community_only(model, world, staff_a, doctor_a):
    a, _ = world[model]
    assert visible(model, staff_a) == {a}
    assert visible(model, doctor_a) == {a}


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_subdistrict_staff_see_every_community(model, world, subdistrict_user, admin_user):
    assert visible(model, subdistrict_user) == set(world[model])
    assert visible(model, admin_user) == set(world[model])


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_residents_visitors_and_inactive_accounts_see_nothing(
    model, world, resident_user, staff_a, subdistrict_user
):
    assert visible(model, resident_user) == set()
    assert visible(model, AnonymousUser()) == set()
    assert visible(model, None) == set()
    for user in (staff_a, subdistrict_user):
        user.is_active = False
        assert visible(model, user) == set()


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_a_community_role_without_a_community_sees_nothing(model, world):
    # Invalid (User.clean refuses it), but an account edited straight in the database must
    # fail closed rather than see everything.
    orphan = UserFactory(role=Role.CARE_STATION_OPERATOR, community=None)
    assert visible(model, orphan) == set()


def test_in_community_is_a_plain_filter(world, community_a):
    assert set(Resident.objects.in_community(community_a.pk)) == {world[Resident][0]}


def test_sub_district_wide_events_are_shared_with_every_community(world, staff_a, staff_b):
    shared = EventFactory(community=None)
    assert shared in visible(Event, staff_a) and shared in visible(Event, staff_b)


def test_a_sign_up_is_seen_by_the_event_community_and_the_persons(
    world, staff_a, staff_b, resident_b
):
    """B's resident at A's event: A's staff run the event, B's staff look after the person."""
    event_a = world[Event][0]
    crossing = Registration.objects.create(event=event_a, resident=resident_b, status="confirmed")
    assert crossing in visible(Registration, staff_a)
    assert crossing in visible(Registration, staff_b)


def test_sub_district_wide_notices_stay_with_the_sub_district(world, staff_a, subdistrict_user):
    shared = NoticeFactory(community=None)
    assert shared not in visible(Notice, staff_a)
    assert shared in visible(Notice, subdistrict_user)


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_get_visible_or_404_refuses_an_outsider_and_logs_it(model, world, staff_b, caplog):
    a, b = world[model]
    assert get_visible_or_404(model.objects.all(), staff_b, pk=b.pk) == b
    caplog.set_level(logging.WARNING, logger="portal.security")
    with pytest.raises(Http404):
        get_visible_or_404(model.objects.all(), staff_b, pk=a.pk)
    [record] = [r for r in caplog.records if r.name == "portal.security"]
    message = record.getMessage()
    assert message.startswith("access refused:")
    assert f"user={staff_b.pk}" in message
    assert model._meta.label in message
    assert f"'pk': '{a.pk}'" in message


def test_get_visible_or_404_logs_nothing_for_a_missing_object(world, staff_b, caplog):
    caplog.set_level(logging.WARNING, logger="portal.security")
    with pytest.raises(Http404):
        get_visible_or_404(Resident.objects.all(), staff_b, pk=987654)
    assert not [r for r in caplog.records if r.name == "portal.security"]


def test_moving_staff_to_another_community_takes_effect_on_the_next_request(
    client, resident_a, staff_a, community_b
):
    url = reverse("registry:resident-detail", args=[resident_a.pk])
    client.force_login(staff_a)
    assert client.get(url).status_code == 200
    staff_a.community = community_b
    staff_a.save()
    assert client.get(url).status_code == 404


def test_deactivating_staff_takes_effect_on_the_next_request(client, resident_a, staff_a):
    url = reverse("registry:resident-detail", args=[resident_a.pk])
    client.force_login(staff_a)
    assert client.get(url).status_code == 200
    staff_a.is_active = False
    staff_a.save()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
