"""The app contract (portal.core.contract): an app that only subclasses PortalAppConfig and
adds one include() line shows up everywhere the kernel collects hooks.

``tests/contract_app`` is such an app; it is installed here only, with the project's URLs
plus its include (``tests/contract_app/root_urls.py``): no kernel file knows it.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from portal.accounts.models import Role
from portal.celery import app as celery_app
from portal.celery import install_beat_schedule
from portal.core import contract, hooks
from portal.core.jobs import JobStatus
from portal.notifications.models import Notification
from portal.notifications.services import notify
from portal.reports.models import ReportJob
from portal.reports.services import report_build, report_request
from tests.factories import UserFactory

CONTRACT_APP = "tests.contract_app"


@pytest.fixture
def contract_app(settings):
    # Celery merges the schedule when the app is first finalized (by the first task used):
    # let that happen with the real apps, and put their schedule back afterwards.
    celery_app.finalize()
    schedule = dict(celery_app.conf.beat_schedule)
    with override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, CONTRACT_APP],
        ROOT_URLCONF="tests.contract_app.root_urls",
    ):
        yield apps.get_app_config("contract_app")
    celery_app.conf.beat_schedule = schedule


@pytest.fixture
def party_a(community_a):
    return UserFactory(username="party_a", role=Role.PARTY_SECRETARY, community=community_a)


def test_every_portal_app_config_follows_the_contract():
    # A config that is not a PortalAppConfig would be silently left out of every hook, and
    # Django falls back to a plain AppConfig when an apps.py names two config classes.
    packages = {"portal", "assistance", "eldercare", "health", "partywork", "education"}
    ours = [c for c in apps.get_app_configs() if c.name.split(".")[0] in packages]
    assert {c.label for c in ours} >= {"core", "registry", "events", "assistance"}
    for config in ours:
        assert isinstance(config, contract.PortalAppConfig), config.name


def test_the_menu_entry_shows_for_the_roles_its_predicate_allows(
    contract_app, client, staff_a, doctor_a
):
    client.force_login(staff_a)
    page = client.get(reverse("core:staff-home")).content.decode()
    assert 'href="/staff/contract_app/"' in page
    assert "Contract app" in page
    client.force_login(doctor_a)
    page = client.get(reverse("core:staff-home")).content.decode()
    assert "/staff/contract_app/" not in page


def test_the_public_menu_entry_shows_on_public_pages(contract_app, client, db):
    page = client.get(reverse("core:home")).content.decode()
    assert 'href="/contract_app/"' in page
    assert client.get("/contract_app/").content == b"public page"


def test_the_staff_panel_shows_on_the_staff_home(contract_app, client, staff_a, doctor_a):
    client.force_login(staff_a)
    page = client.get(reverse("core:staff-home")).content.decode()
    assert "Contract panel" in page and "Things due" in page
    client.force_login(doctor_a)
    assert "Contract panel" not in client.get(reverse("core:staff-home")).content.decode()


def test_the_resident_and_household_panels_show_on_the_registry_pages(
    contract_app, client, staff_a, doctor_a, resident_a
):
    client.force_login(staff_a)
    page = client.get(reverse("registry:resident-detail", args=[resident_a.pk])).content
    assert f"Knows {resident_a.name}" in page.decode()
    page = client.get(reverse("registry:household-detail", args=[resident_a.household_id]))
    assert "Contract household panel" in page.content.decode()
    assert "Nothing known" in page.content.decode()
    client.force_login(doctor_a)  # the app shows nothing to a role it does not serve
    page = client.get(reverse("registry:resident-detail", args=[resident_a.pk])).content
    assert "Knows" not in page.decode()


def test_the_report_kind_is_built_and_downloaded_under_its_own_rule(
    contract_app,
    client,
    staff_a,
    doctor_a,
    community_a,
    media_root,
    django_capture_on_commit_callbacks,
):
    with pytest.raises(PermissionDenied):
        report_request(kind="contract_report", user=doctor_a, title="x", community=community_a)
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(
            kind="contract_report", user=staff_a, title="Contract", community=community_a
        )
    job.refresh_from_db()
    if job.status != JobStatus.DONE:  # queued for a real worker: build it here
        report_build(job.pk)
        job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.kind_title == "Contract report"
    download = reverse("reports:job-download", args=[job.pk])
    client.force_login(staff_a)
    assert b"".join(client.get(download).streaming_content) == b"contract report"
    client.force_login(doctor_a)  # same community, but the kind's rule refuses the role
    assert client.get(download).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert job.pk not in {j.pk for j in ReportJob.objects.downloadable_by(doctor_a)}


def test_the_notification_kind_is_accepted_and_labelled(contract_app, client, staff_a):
    notification = notify(staff_a, "contract_ping", {"title": "hello"})
    assert notification.subject == "hello"
    assert notification.kind_label == "Contract ping"
    client.force_login(staff_a)
    assert "Contract ping" in client.get(reverse("notifications:inbox")).content.decode()


def test_the_public_page_is_cached_and_its_rows_are_counted(contract_app, client, settings):
    from django.core.cache import cache

    from portal.core import cache as page_cache
    from tests.contract_app.urls import RENDERED

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    before = RENDERED["public"]
    assert client.get("/contract_app/").content == b"public page"
    assert client.get("/contract_app/").content == b"public page"
    assert RENDERED["public"] == before + 1  # the second came from the cache
    assert "contract_app" in page_cache._counted_apps()
    cache.clear()


def test_a_kind_no_app_registers_is_refused(staff_a, community_a):
    with pytest.raises(hooks.UnknownKind):
        notify(staff_a, "contract_ping", {"title": "hello"})
    with pytest.raises(hooks.UnknownKind):
        report_request(kind="contract_report", user=staff_a, title="x", community=community_a)
    assert not Notification.objects.exists() and not ReportJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_beat_entry_is_merged_into_the_schedule(contract_app):
    assert (
        hooks.beat_schedule()["contract-app-tick"]["task"] == "tests.contract_app.hooks.tick_task"
    )
    install_beat_schedule(celery_app)  # what finalizing the Celery app does
    DatabaseScheduler(app=celery_app)
    assert PeriodicTask.objects.get(name="contract-app-tick").task == (
        "tests.contract_app.hooks.tick_task"
    )


def test_a_beat_entry_name_used_twice_is_refused(contract_app, monkeypatch):
    monkeypatch.setattr(
        settings, "CELERY_BEAT_SCHEDULE", {"contract-app-tick": {"task": "x", "schedule": 60}}
    )
    with pytest.raises(ValueError, match="contract-app-tick"):
        hooks.beat_schedule()


def test_the_plan_measure_is_collected_and_counts(contract_app, community_a):
    import datetime as dt

    spec = hooks.plan_measure("contract_app.things")

    assert spec.scopes == (contract.SCOPE_COMMUNITY,)
    count = hooks.resolve(spec.count)
    assert count(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), community=community_a) == 31
    with pytest.raises(hooks.UnknownKind):
        hooks.plan_measure("contract_app.nothing")
