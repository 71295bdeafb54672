"""Who may download a report is who may ask for it: the rule its app registers
(``ReportKindSpec.allowed``), checked by the download and the job page as by the request.

Tested for every registered kind and every staff role: a role refused an app's pages is
refused that app's reports (before, a doctor could download the assistance roster of
their community through /staff/reports/<id>/download/)."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse

from portal.accounts.models import COMMUNITY_ROLES, SUBDISTRICT_ROLES, Role
from portal.core import hooks
from portal.core.jobs import JobStatus
from portal.reports.models import ReportJob
from tests.factories import UserFactory

STAFF_ROLES = sorted(COMMUNITY_ROLES | SUBDISTRICT_ROLES)


def _owner(kind: str):
    """The app config that registers ``kind``."""
    return next(
        c
        for c in apps.get_app_configs()
        if any(s.kind == kind for s in getattr(c, "report_kinds", ()))
    )


@pytest.fixture
def users(community_a):
    return {
        role: UserFactory(
            username=f"u_{role}",
            role=role,
            community=community_a if role in COMMUNITY_ROLES else None,
        )
        for role in STAFF_ROLES
    }


def _status(client, url: str) -> int:
    response = client.get(url)
    if response.streaming:  # read the file to its end, which closes it
        b"".join(response.streaming_content)
    return response.status_code


def _done_job(kind: str, community) -> ReportJob:
    job = ReportJob.objects.create(
        kind=kind, title=f"{kind} report", community=community, status=JobStatus.DONE
    )
    job.file.save("report.xlsx", ContentFile(b"workbook"), save=False)
    job.filename = "report.xlsx"
    job.save()
    return job


def test_every_registered_kind_has_a_builder_and_a_rule():
    kinds = hooks.report_kinds()
    assert {"community_statistics", "resident_export", "assistance_roster"} <= set(kinds)
    for spec in kinds.values():
        assert callable(hooks.resolve(spec.builder)), spec.kind
        assert callable(hooks.resolve(spec.allowed)), spec.kind


@pytest.mark.parametrize("kind", sorted(hooks.report_kinds()))
def test_download_follows_the_kinds_rule_for_every_role(
    kind, client, users, community_a, media_root
):
    job = _done_job(kind, community_a)
    spec = hooks.report_kind(kind)
    download = reverse("reports:job-download", args=[job.pk])
    for role, user in users.items():
        client.force_login(user)
        allowed = hooks.allows(spec.allowed, user)
        status = _status(client, download)
        assert status == (200 if allowed else 404), (kind, role, status)
        assert client.get(job.get_absolute_url()).status_code == (200 if allowed else 404)
        listed = job.pk in {j.pk for j in ReportJob.objects.downloadable_by(user)}
        assert listed is allowed, (kind, role)


@pytest.mark.parametrize("kind", sorted(hooks.report_kinds()))
def test_a_role_refused_the_apps_pages_is_refused_its_reports(
    kind, client, users, community_a, media_root
):
    """Cross-check against the app's own pages, in both directions: a role refused (403
    or 404) the app's main staff page gets 404 on its reports, and a role let in gets the
    file. The main page is the app's first staff menu entry."""
    job = _done_job(kind, community_a)
    page = _owner(kind).staff_nav[0].url
    download = reverse("reports:job-download", args=[job.pk])
    refused = 0
    for role, user in users.items():
        client.force_login(user)
        status = client.get(page).status_code
        assert status in (200, 403, 404), (kind, role, status)
        expected = 404 if status in (403, 404) else 200
        refused += status != 200
        assert _status(client, download) == expected, (kind, role, page)
    if _owner(kind).label == "assistance":
        # the doctor, care-station operator, Party secretary, coordinator and administrator
        assert refused == 5


def test_the_assistance_roster_is_refused_to_the_roles_refused_assistance(
    client, users, community_a, media_root
):
    job = _done_job("assistance_roster", community_a)
    download = reverse("reports:job-download", args=[job.pk])
    for role in (
        Role.FAMILY_DOCTOR,
        Role.CARE_STATION_OPERATOR,
        Role.PARTY_SECRETARY,
        Role.COURSE_COORDINATOR,
    ):
        client.force_login(users[role])
        assert client.get(reverse("assistance:application-list")).status_code == 403
        assert _status(client, download) == 404, role
    client.force_login(users[Role.COMMUNITY_STAFF])
    assert _status(client, download) == 200
