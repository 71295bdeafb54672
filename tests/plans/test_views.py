"""The work plans' pages: who gets in (outsiders 404, visitors to the login, community
staff read but do not change the sub-district's plan), the forms' refusals, the query
budgets, and the public page (public items only, no personal data, cached)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.plans import services
from portal.plans.models import Item, ItemKind, Plan
from portal.reports.models import ReportJob
from tests.conftest import client_for
from tests.plans.factories import make_chapter, make_measured, make_milestone, make_plan
from tests.plans.test_progress import party_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def july():
    with time_machine.travel(dt.datetime(2026, 7, 1, 4, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def plan_a(community_a):
    plan = make_plan(community_a, title="2026年东南社区工作计划")
    chapter = make_chapter(plan)
    make_measured(chapter, public=True)
    make_milestone(chapter, due=dt.date(2026, 2, 28))
    return plan


@pytest.fixture
def subdistrict_plan(community_a, community_b, staff_a):
    plan = make_plan(None, title="2026年度街道社区工作计划")
    chapter = make_chapter(plan)
    make_measured(chapter, public=True, owner=staff_a, text="每月开展一次主题党日活动")
    make_milestone(
        chapter,
        text="内部事项",
        done_on=dt.date(2026, 2, 1),
        evidence_note="张三 110105197503091248 13812345678",
        public=False,
    )
    return plan


def test_visitors_are_sent_to_log_in(client, plan_a):
    item = plan_a.chapters.get().items.first()
    for url in (
        reverse("plans:plan-list"),
        plan_a.get_absolute_url(),
        item.get_absolute_url(),
        reverse("plans:item-edit", args=[item.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_another_communitys_staff_get_404(client, staff_b, plan_a):
    item = plan_a.chapters.get().items.first()
    client_for(client, staff_b)
    for url in (
        plan_a.get_absolute_url(),
        item.get_absolute_url(),
        reverse("plans:plan-summary", args=[plan_a.pk]),
        reverse("plans:item-edit", args=[item.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("plans:plan-copy", args=[plan_a.pk]), {"confirmed": "1"}).status_code
        == 404
    )
    assert not Plan.objects.filter(year=2027).exists()


def test_community_staff_read_but_do_not_change_the_sub_districts_plan(
    client, staff_a, subdistrict_plan
):
    client_for(client, staff_a)
    assert client.get(subdistrict_plan.get_absolute_url()).status_code == 200
    assert client.get(reverse("plans:item-create", args=[subdistrict_plan.pk])).status_code == 403
    # A doctor reads, and writes nothing.
    response = client.post(
        reverse("plans:plan-copy", args=[subdistrict_plan.pk]), {"confirmed": "1"}
    )
    assert response.status_code == 403


def test_a_plan_is_created_and_a_duplicate_refused_on_the_form(client, subdistrict_user):
    client_for(client, subdistrict_user)
    url = reverse("plans:plan-create")
    response = client.post(url, {"year": "2026", "community": "", "title": "街道计划"})
    assert response.status_code == 302
    response = client.post(url, {"year": "2026", "community": "", "title": "又一个"})
    assert response.status_code == 200 and response.context["form"].errors
    for year in ("0001", "9999", "99999999999999999999", "２０２６"):
        assert client.post(url, {"year": year, "title": "x"}).status_code == 200
    assert Plan.objects.unscoped().count() == 1


def test_the_item_form_refuses_a_zero_target(client, staff_a, plan_a):
    client_for(client, staff_a)
    chapter = plan_a.chapters.get()
    url = reverse("plans:item-create", args=[plan_a.pk])
    data = {
        "chapter": chapter.pk,
        "text": "健康讲座",
        "kind": ItemKind.MEASURED,
        "target": "0",
        "measure_key": "events.held",
        "option": "health",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "target" in response.context["form"].errors
    data["target"] = "99999999999999999999"
    assert client.post(url, data).status_code == 200
    data["target"] = "12"
    assert client.post(url, data).status_code == 302
    assert Item.objects.filter(text="健康讲座", target=Decimal(12)).exists()


def test_a_milestone_is_marked_done_with_a_file(client, staff_a, plan_a, media_root):
    client_for(client, staff_a)
    milestone = Item.objects.get(chapter__plan=plan_a, kind=ItemKind.MILESTONE)
    url = reverse("plans:item-milestone", args=[milestone.pk])
    response = client.post(url, {"done_on": "2026-02-20"})
    assert response.status_code == 200 and response.context["form"].errors
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF minutes")
    response = client.post(url, {"done_on": "2026-02-20", "evidence_file": upload})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2026, 2, 20) and milestone.evidence_file
    download = client.get(reverse("plans:item-evidence", args=[milestone.pk]))
    assert download.status_code == 200 and download.content == b"%PDF minutes"
    assert "attachment" in download["Content-Disposition"]


def test_the_plan_page_reads_the_daily_values(client, staff_a, plan_a, community_a):
    for month in range(1, 4):
        party_day(community_a, dt.date(2026, month, 1))
    services.values_compute()
    client_for(client, staff_a)
    response = client.get(plan_a.get_absolute_url())
    row = response.context["board"].rows[0]
    assert row.progress.value == Decimal(3) and row.progress.status == "behind"
    assert response.context["board"].computed_at is not None
    assert b"<svg" in response.content
    behind = client.get(plan_a.get_absolute_url() + "?status=behind").context["board"].rows
    assert [r.item.kind for r in behind] == [ItemKind.MEASURED, ItemKind.MILESTONE]


def test_the_summary_page_and_workbook(
    client, subdistrict_user, subdistrict_plan, media_root, django_capture_on_commit_callbacks
):
    client_for(client, subdistrict_user)
    response = client.get(reverse("plans:plan-summary", args=[subdistrict_plan.pk]))
    assert response.status_code == 200
    assert len(response.context["summary"].communities) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:plan-summary-request", args=[subdistrict_plan.pk]))
    job = ReportJob.objects.get(kind="plan_summary")
    assert response.status_code == 302 and job.status == "done" and job.row_count == 2


def test_the_staff_home_panel_counts_the_items_behind(client, staff_a, plan_a):
    services.values_compute()
    client_for(client, staff_a)
    panels = client.get(reverse("core:staff-home")).context["panels"]
    plans = next(p for p in panels if p.url == reverse("plans:plan-list"))
    assert [line.count for line in plans.lines] == [2]  # the party days and the milestone


def test_plan_list_query_budget(
    client, subdistrict_user, community_a, community_b, django_assert_max_num_queries
):
    client_for(client, subdistrict_user)
    for year in (2025, 2026):
        for community in (None, community_a, community_b):
            make_plan(community, year=year, title=f"{year}")
    # 1 session, 2 user, 3 the plans with their communities, 4-6 savepoint, last-seen, release
    with django_assert_max_num_queries(6):
        response = client.get(reverse("plans:plan-list"))
    assert len(response.context["plans"]) == 6


@pytest.mark.parametrize("items", [2, 12])
def test_plan_page_query_budget_does_not_grow_with_items(
    items, client, subdistrict_user, community_a, django_assert_max_num_queries
):
    plan = make_plan(community_a)
    chapter = make_chapter(plan)
    for _ in range(items):
        make_measured(chapter)
    services.values_compute()
    services.snapshots_take()
    client_for(client, subdistrict_user)
    # 1 session, 2 user, 3 plan, 4 chapters, 5 items, 6 last day, 7 values, 8 snapshots,
    # 9-11 savepoint, last-seen, release
    with django_assert_max_num_queries(11):
        client.get(plan.get_absolute_url())


def test_the_public_page_shows_public_items_and_no_personal_data(
    client, subdistrict_plan, staff_a, community_a
):
    party_day(community_a, dt.date(2026, 1, 1))
    services.values_compute()
    response = client.get(reverse("plans:public"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "每月开展一次主题党日活动" in text
    assert "内部事项" not in text
    for secret in ("张三", "110105197503091248", "13812345678", staff_a.username):
        assert secret not in text
    rows = response.context["board"].rows
    assert [row.progress.value for row in rows] == [Decimal(1)]
    # Another year, junk years: still a page, never a 500.
    for year in ("2025", "0001", "99999999999999999999", "２０２６", "'"):
        assert client.get(reverse("plans:public"), {"year": year}).status_code == 200


def test_the_public_page_is_cached_and_forgotten_when_values_change(
    client, settings, subdistrict_plan, community_a
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    try:
        url = reverse("plans:public")
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        assert len(captured) == 0
        # An hour later (the stamp is a clock reading, frozen by the fixture).
        with time_machine.travel(dt.datetime(2026, 7, 1, 5, tzinfo=dt.UTC), tick=False):
            party_day(community_a, dt.date(2026, 1, 1))
            services.values_compute()
            assert client.get(url).context["board"].rows[0].progress.value == Decimal(1)
    finally:
        cache.clear()


def test_the_home_page_links_the_public_page(client):
    assert reverse("plans:public").encode() in client.get(reverse("core:home")).content


@pytest.mark.parametrize("items", [1, 10])
def test_public_page_query_budget(items, client, community_a, django_assert_max_num_queries):
    plan = make_plan(None)
    chapter = make_chapter(plan)
    for _ in range(items):
        make_measured(chapter, public=True)
    services.values_compute()
    # 1 the plan, 2 chapters, 3 public items, 4 last day, 5 values, 6 the years, 7 the
    # sub-district's name
    with django_assert_max_num_queries(7):
        assert client.get(reverse("plans:public")).status_code == 200


def test_a_communitys_staff_see_their_own_column_of_the_summary(
    client, staff_a, community_a, subdistrict_plan
):
    client_for(client, staff_a)
    response = client.get(reverse("plans:plan-summary", args=[subdistrict_plan.pk]))
    assert response.context["summary"].communities == [community_a]


def test_an_evidence_file_over_10_mb_is_refused():
    from portal.plans.forms import EVIDENCE_MAX_BYTES, MilestoneForm

    big = SimpleUploadedFile("scan.pdf", b"x" * (EVIDENCE_MAX_BYTES + 1))
    form = MilestoneForm({"done_on": "2026-02-20"}, {"evidence_file": big})
    assert form.has_error("evidence_file", code="too_big")


def test_a_sub_district_plans_community_shares_are_seen_by_that_community_only(
    community_a, community_b, staff_a, staff_b
):
    import datetime as dt
    from decimal import Decimal

    from portal.plans.models import ItemValue
    from tests.plans.factories import make_chapter, make_measured, make_plan

    item = make_measured(make_chapter(make_plan(community=None)))
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    values = {
        key: ItemValue.objects.create(
            item=item, community=community, on=dt.date(2026, 3, 1), value=Decimal(n),
            computed_at=at,
        )
        for key, community, n in (("total", None, 5), ("a", community_a, 3), ("b", community_b, 2))
    }  # fmt: skip

    seen_by_a = set(ItemValue.objects.visible_to(staff_a))
    seen_by_b = set(ItemValue.objects.visible_to(staff_b))

    assert seen_by_a == {values["total"], values["a"]}
    assert seen_by_b == {values["total"], values["b"]}
