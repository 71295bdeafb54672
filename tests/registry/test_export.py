"""The resident list export: masked unless an identity-checking role asked for full
numbers, formula-looking text kept as text, the filter recorded on the report job, the
same residents as the list page, and another community's file out of reach."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.jobs import JobStatus
from portal.core.xlsx import workbook_bytes
from portal.registry import exports
from portal.registry.exports import build_resident_export
from portal.registry.imports import HEADERS
from portal.registry.masking import mask_id_number, mask_phone
from portal.registry.models import Relation, Resident
from portal.reports.models import ReportJob
from tests.factories import HouseholdFactory, ResidentFactory, TagFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def residents_a(household_a, resident_a):
    tag = TagFactory(slug="party_member", name="党员")
    spouse = ResidentFactory(
        community=household_a.community,
        household=household_a,
        relation_to_head=Relation.SPOUSE,
        name="王芳",
        phone="13812345678",
    )
    spouse.tags.add(tag)
    return [resident_a, spouse]


def export(client, user, capture, **data):
    """POST the export as the list page does; the workbook is built once the request's
    transaction commits. Returns the response and the job (or None)."""
    client.force_login(user)
    before = set(ReportJob.objects.values_list("pk", flat=True))
    with capture(execute=True):
        response = client.post(reverse("registry:resident-export"), data)
    job = ReportJob.objects.exclude(pk__in=before).first()
    return response, job


def sheet_rows(job) -> list[dict]:
    with job.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(HEADERS)
    return [dict(zip(HEADERS, r, strict=True)) for r in rows[1:]]


def test_a_doctor_gets_masked_numbers(
    client, doctor_a, residents_a, django_capture_on_commit_callbacks
):
    response, job = export(client, doctor_a, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == reverse("reports:job-detail", args=[job.pk])
    assert (job.kind, job.status, job.full_identity) == (
        "resident_export",
        JobStatus.DONE,
        False,
    )
    assert job.requested_by == doctor_a
    assert job.community == doctor_a.community
    rows = sheet_rows(job)
    assert job.row_count == len(rows) == 2
    by_name = {r["姓名"]: r for r in rows}
    spouse = residents_a[1]
    assert by_name["王芳"]["身份证号码"] == mask_id_number(spouse.id_number)
    assert by_name["王芳"]["手机号码"] == mask_phone(spouse.phone)
    # The birth date would undo the ID number's mask: the year only.
    assert by_name["王芳"]["出生日期"] == f"{spouse.birth_date.year}年"
    assert by_name["王芳"]["与户主关系"] == "配偶"
    assert by_name["王芳"]["标签"] == "党员"
    assert by_name["张伟"]["与户主关系"] == "户主"
    assert by_name["张伟"]["户地址"] == "东南花园3幢201室"
    assert by_name["张伟"]["小区"] == "东南花园"
    assert by_name["张伟"]["城乡"] == "城市"
    for resident in residents_a:
        assert resident.id_number not in str(rows)


def test_a_doctor_may_not_ask_for_full_numbers(
    client, doctor_a, residents_a, django_capture_on_commit_callbacks
):
    response, job = export(client, doctor_a, django_capture_on_commit_callbacks, full_identity="on")
    assert response.status_code == 403
    assert job is None


def test_full_numbers_only_when_an_identity_role_ticks_the_box(
    client, staff_a, residents_a, django_capture_on_commit_callbacks
):
    _, masked = export(client, staff_a, django_capture_on_commit_callbacks)
    assert not masked.full_identity
    spouse = residents_a[1]
    assert spouse.id_number not in str(sheet_rows(masked))

    _, full = export(client, staff_a, django_capture_on_commit_callbacks, full_identity="on")
    assert full.full_identity
    by_name = {r["姓名"]: r for r in sheet_rows(full)}
    assert by_name["王芳"]["身份证号码"] == spouse.id_number
    assert by_name["王芳"]["手机号码"] == spouse.phone
    assert by_name["王芳"]["出生日期"].date() == spouse.birth_date


def test_the_list_page_offers_the_box_to_identity_roles_only(client, staff_a, doctor_a):
    client.force_login(staff_a)
    assert 'name="full_identity"' in client.get(reverse("registry:resident-list")).text
    client.force_login(doctor_a)
    page = client.get(reverse("registry:resident-list")).text
    assert reverse("registry:resident-export") in page
    assert 'name="full_identity"' not in page


def test_formula_looking_text_comes_back_as_text(
    client, staff_a, household_a, django_capture_on_commit_callbacks
):
    names = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", '=HYPERLINK("http://x")']
    for name in names:
        ResidentFactory(community=household_a.community, name=name)
    _, job = export(client, staff_a, django_capture_on_commit_callbacks)
    with job.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    cells = [row[5] for row in sheet.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(names)
    for cell in cells:
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix, cell.value


def test_workbook_bytes_keeps_strings_as_strings():
    content = workbook_bytes("t", ["a", "b"], [["=1+1", 5], ["@x", None], ["plain", "-1"]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["=1+1", 5],
        ["@x", None],
        ["plain", "-1"],
    ]
    assert sheet["A2"].data_type == sheet["A3"].data_type == sheet["B4"].data_type == "s"
    assert sheet["B2"].data_type == "n"
    assert not sheet["A4"].quotePrefix


def test_the_filter_is_recorded_and_applied_like_the_list(
    client,
    subdistrict_user,
    residents_a,
    resident_b,
    compound_a,
    django_capture_on_commit_callbacks,
):
    filters = {"q": "王", "community": residents_a[0].community_id, "tag": "party_member"}
    _, job = export(client, subdistrict_user, django_capture_on_commit_callbacks, **filters)
    assert job.params == filters
    assert job.selection == "搜索：王；社区：东南；标签：党员"
    assert job.community == residents_a[0].community
    assert [r["姓名"] for r in sheet_rows(job)] == ["王芳"]
    listed = client.get(reverse("registry:resident-list"), filters).context["page_obj"]
    assert [r.name for r in listed] == ["王芳"]

    _, everyone = export(client, subdistrict_user, django_capture_on_commit_callbacks)
    assert everyone.community is None
    assert everyone.params == {}
    assert {r["社区"] for r in sheet_rows(everyone)} == {"东南", "雅苑"}


def test_a_compound_filter(
    client, staff_a, residents_a, community_a, django_capture_on_commit_callbacks
):
    other = HouseholdFactory(community=community_a, compound__name="东南新村", address="新村1幢")
    ResidentFactory(community=community_a, household=other, relation_to_head=Relation.HEAD)
    _, job = export(client, staff_a, django_capture_on_commit_callbacks, compound=other.compound_id)
    assert job.params == {"compound": other.compound_id}
    assert [r["小区"] for r in sheet_rows(job)] == ["东南新村"]


def test_a_community_outside_the_scope_is_refused(
    client, staff_a, community_b, resident_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    # For community staff the list has no community select: the field is ignored, and
    # the export covers their own community only.
    _, job = export(client, staff_a, django_capture_on_commit_callbacks, community=community_b.pk)
    assert job.community == staff_a.community
    assert "community" not in job.params


def test_an_invalid_filter_exports_nothing(
    client, subdistrict_user, resident_a, community_b, django_capture_on_commit_callbacks
):
    response, job = export(
        client, subdistrict_user, django_capture_on_commit_callbacks, community=999999
    )
    assert response.status_code == 302
    assert response.url == reverse("registry:resident-list")
    assert job is None


def test_another_communitys_export_is_not_downloadable(
    client, staff_a, staff_b, residents_a, django_capture_on_commit_callbacks
):
    _, job = export(client, staff_a, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.DONE
    assert job not in ReportJob.objects.downloadable_by(staff_b)
    client.force_login(staff_b)
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job-detail", args=[job.pk])).status_code == 404


def test_a_full_export_is_not_downloadable_by_a_doctor_of_the_same_community(
    client, staff_a, doctor_a, residents_a, django_capture_on_commit_callbacks
):
    _, job = export(client, staff_a, django_capture_on_commit_callbacks, full_identity="on")
    assert job not in ReportJob.objects.downloadable_by(doctor_a)
    client.force_login(doctor_a)
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 404


def test_export_needs_post_and_staff(client, resident_user, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("registry:resident-export")).status_code == 405
    client.force_login(resident_user)
    assert client.post(reverse("registry:resident-export")).status_code == 403


def test_the_builder_reports_progress(staff_a, community_a, household_a, monkeypatch):
    for _ in range(3):
        ResidentFactory(community=community_a, household=household_a, relation_to_head="child")
    job = ReportJob.objects.create(
        kind="resident_export", title="t", community=community_a, requested_by=staff_a
    )
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    recorded = []
    original = job.report_progress

    def record(done, total, stage=""):
        original(done, total, stage)
        recorded.append((done, total, ReportJob.objects.get(pk=job.pk).progress))

    job.report_progress = record
    built = build_resident_export(job)
    assert built.row_count == Resident.objects.count() == 3
    assert built.filename.endswith(".xlsx")
    # Each row advances the percentage stored for the polling page.
    assert recorded == [(0, 3, 0), (1, 3, 33), (2, 3, 66), (3, 3, 99)]


@pytest.mark.parametrize("field", ["id_number", "phone"])
def test_a_full_number_in_the_selection_is_masked(
    client, staff_a, residents_a, django_capture_on_commit_callbacks, field
):
    """A community worker sees masked numbers everywhere; the job's selection text must
    not hand back the full number they searched for (issue 12.5)."""
    number = getattr(residents_a[0], field)
    _, job = export(client, staff_a, django_capture_on_commit_callbacks, q=number)
    assert number not in job.selection
    page = client.get(reverse("reports:job-detail", args=[job.pk]))
    assert number not in page.text
