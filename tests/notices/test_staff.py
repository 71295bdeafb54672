"""The staff pages of notices: who may come in, what each community sees and may pick,
the form with its list of names (saved all or nothing), publishing and withdrawing, and
the query budget of the list.

Assertions are on status codes, record ids, field names and data, not on text.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Role
from portal.notices.models import Notice, NoticeKind, NoticeListing, NoticeStatus
from tests.factories import UserFactory
from tests.notices.factories import NoticeFactory, NoticeListingFactory, PublicityFactory
from tests.notices.formdata import notice_data

ID_NUMBER = "110105197503091248"


def url(name: str, *args) -> str:
    return reverse(f"notices:{name}", args=args)


def login(client, user):
    client.force_login(user)
    return client


def row_ids(response) -> list[int]:
    return [notice.pk for notice in response.context["page_obj"]]


def form_errors(response) -> dict:
    return response.context["form"].errors


@pytest.fixture
def notice_a(community_a):
    return NoticeFactory(community=community_a, draft=True, title="东南社区通知")


@pytest.fixture
def pages(notice_a):
    return {
        "staff-list": url("staff-list"),
        "create": url("create"),
        "update": url("update", notice_a.pk),
        "publish": url("publish", notice_a.pk),
        "withdraw": url("withdraw", notice_a.pk),
    }


POST_ONLY = ["publish", "withdraw"]


@pytest.fixture
def party_secretary_a(community_a):
    return UserFactory(role=Role.PARTY_SECRETARY, community=community_a)


# --- who may come in -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, pages):
    for name, address in pages.items():
        response = client.post(address) if name in POST_ONLY else client.get(address)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:login")), name


@pytest.mark.parametrize("persona", ["resident_user", "doctor_a"])
def test_residents_and_other_roles_get_403(client, request, pages, notice_a, persona):
    login(client, request.getfixturevalue(persona))
    for name, address in pages.items():
        assert client.get(address).status_code == 403, name
        assert client.post(address, {}).status_code == 403, name
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.DRAFT


@pytest.mark.parametrize(
    "persona", ["staff_a", "subdistrict_user", "party_secretary_a", "admin_user"]
)
def test_notice_editors_reach_every_page(client, request, pages, persona):
    login(client, request.getfixturevalue(persona))
    for name in ("staff-list", "create", "update"):
        assert client.get(pages[name]).status_code == 200, name


def test_course_coordinator_sees_everything_but_may_not_write_notices(client, pages):
    login(client, UserFactory(role=Role.COURSE_COORDINATOR))
    assert client.get(pages["staff-list"]).status_code == 403


@pytest.mark.parametrize("name", ["update", "publish", "withdraw"])
def test_outsider_gets_404_on_another_communitys_notice(client, staff_b, notice_a, name):
    login(client, staff_b)
    address = url(name, notice_a.pk)
    if name == "update":
        assert client.get(address).status_code == 404
    assert client.post(address, notice_data(notice_a.community, title="改过")).status_code == 404
    notice_a.refresh_from_db()
    assert (notice_a.title, notice_a.status) == ("东南社区通知", NoticeStatus.DRAFT)


def test_community_staff_cannot_edit_sub_district_notices(client, staff_a):
    notice = NoticeFactory(community=None)
    login(client, staff_a)
    assert client.get(url("update", notice.pk)).status_code == 404
    assert client.post(url("withdraw", notice.pk)).status_code == 404


def test_publish_and_withdraw_refuse_get(client, staff_a, pages):
    login(client, staff_a)
    for name in POST_ONLY:
        assert client.get(pages[name]).status_code == 405


def test_missing_notice_is_404(client, staff_a):
    login(client, staff_a)
    assert client.get(url("update", 999999)).status_code == 404


# --- what each community sees --------------------------------------------------------------------


def test_list_shows_own_community_only(client, staff_a, notice_a, community_b):
    other = NoticeFactory(community=community_b, title="雅苑社区通知")
    everyone = NoticeFactory(community=None)
    response = login(client, staff_a).get(url("staff-list"))
    assert row_ids(response) == [notice_a.pk]
    assert other.title not in response.text
    assert everyone.pk not in row_ids(response)
    assert "community" not in response.context["form"].fields


def test_subdistrict_staff_see_every_notice_and_filter_by_community(
    client, subdistrict_user, notice_a, community_a, community_b
):
    other = NoticeFactory(community=community_b)
    everyone = NoticeFactory(community=None)
    login(client, subdistrict_user)
    assert set(row_ids(client.get(url("staff-list")))) == {notice_a.pk, other.pk, everyone.pk}
    assert row_ids(client.get(url("staff-list"), {"community": community_b.pk})) == [other.pk]
    assert row_ids(client.get(url("staff-list"), {"community": 0})) == [everyone.pk]


def test_list_filters_by_kind_status_and_title(client, staff_a, notice_a, community_a):
    publicity = PublicityFactory(community=community_a, title="低保公示")
    withdrawn = NoticeFactory(community=community_a, withdrawn=True, title="停水通知")
    login(client, staff_a)
    assert row_ids(client.get(url("staff-list"), {"kind": "publicity"})) == [publicity.pk]
    assert row_ids(client.get(url("staff-list"), {"status": "draft"})) == [notice_a.pk]
    assert row_ids(client.get(url("staff-list"), {"status": "withdrawn"})) == [withdrawn.pk]
    assert row_ids(client.get(url("staff-list"), {"q": "停水"})) == [withdrawn.pk]
    response = client.get(url("staff-list"), {"status": "bogus"})
    assert "status" in response.context["form"].errors
    assert len(row_ids(response)) == 3


def test_list_uses_the_shared_header_with_a_create_button(client, staff_a):
    text = login(client, staff_a).get(url("staff-list")).text
    assert 'id="result-count"' in text
    assert f'href="{url("create")}"' in text


# --- the community a notice may belong to --------------------------------------------------------


def test_community_staff_are_offered_their_community_only(
    client, staff_a, community_a, community_b
):
    form = login(client, staff_a).get(url("create")).context["form"]
    field = form.fields["community"]
    assert [c.pk for c in field.queryset] == [community_a.pk]
    assert field.required
    assert form.initial["community"] == community_a.pk


def test_community_staff_cannot_pick_another_community(client, staff_a, community_b):
    response = login(client, staff_a).post(url("create"), notice_data(community_b))
    assert response.status_code == 200
    assert list(form_errors(response)) == ["community"]
    assert not Notice.objects.exists()


def test_community_staff_cannot_write_for_the_whole_sub_district(client, staff_a):
    response = login(client, staff_a).post(url("create"), notice_data(None))
    assert list(form_errors(response)) == ["community"]
    assert not Notice.objects.exists()


def test_subdistrict_staff_may_write_for_any_community_or_none(
    client, subdistrict_user, community_b
):
    login(client, subdistrict_user)
    form = client.get(url("create")).context["form"]
    assert not form.fields["community"].required
    assert client.post(url("create"), notice_data(community_b)).status_code == 302
    assert client.post(url("create"), notice_data(None, title="全街道通知")).status_code == 302
    assert set(Notice.objects.values_list("title", "community")) == {
        ("冬季燃气安全提示", community_b.pk),
        ("全街道通知", None),
    }


# --- writing a notice --------------------------------------------------------------------------


def test_create_saves_a_draft_with_history_and_author(client, staff_a, community_a):
    response = login(client, staff_a).post(url("create"), notice_data(community_a))
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response.url == url("update", notice.pk)
    assert (notice.status, notice.published_at) == (NoticeStatus.DRAFT, None)
    assert notice.created_by == staff_a
    assert notice.community == community_a
    assert notice.history.first().history_user == staff_a
    # A draft is not public yet.
    assert client.get(notice.get_absolute_url()).status_code == 404


def test_body_with_an_id_number_is_refused(client, staff_a, community_a):
    data = notice_data(community_a, body=f"申请人身份证号 {ID_NUMBER}，请核对。")
    response = login(client, staff_a).post(url("create"), data)
    assert response.status_code == 200
    assert list(form_errors(response)) == ["body"]
    assert 'data-field="body"' in response.text
    assert not Notice.objects.exists()


def test_body_with_a_mobile_number_is_refused_with_a_clear_message(
    client, staff_a, community_a, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = notice_data(community_a, body="有事请拨打 138 1234 5678。")
    response = login(client, staff_a).post(url("create"), data)
    assert form_errors(response)["body"] == [
        "Notices may not contain ID numbers or mobile phone numbers."
    ]
    assert 'id="error-summary"' in response.text


def test_a_landline_in_the_body_is_fine(client, staff_a, community_a):
    data = notice_data(community_a, body="咨询电话 0574-88120101。")
    assert login(client, staff_a).post(url("create"), data).status_code == 302


def test_publicity_needs_a_period_that_does_not_end_before_it_starts(client, staff_a, community_a):
    login(client, staff_a)
    data = notice_data(community_a, kind="publicity", period_starts="", period_ends="")
    response = client.post(url("create"), data)
    assert set(form_errors(response)) == {"period_starts", "period_ends"}
    data = notice_data(
        community_a, kind="publicity", period_starts="2026-11-10", period_ends="2026-11-09"
    )
    response = client.post(url("create"), data)
    assert list(form_errors(response)) == ["period_ends"]
    assert not Notice.objects.exists()


def test_new_publicity_form_offers_a_seven_day_period_and_the_list(client, staff_a):
    response = login(client, staff_a).get(url("create"), {"kind": "publicity"})
    form = response.context["form"]
    today = timezone.localdate()
    assert form.initial["period_starts"] == today
    assert form.initial["period_ends"] == today + dt.timedelta(days=6)
    assert 'name="listings-TOTAL_FORMS"' in response.text
    assert 'name="period_starts"' in response.text


def test_the_list_of_names_is_shown_for_publicity_only(client, staff_a):
    text = login(client, staff_a).get(url("create")).text
    assert 'id="publicity"' in text
    assert 'name="listings-TOTAL_FORMS"' not in text
    assert 'name="period_starts"' not in text


def test_choosing_the_kind_fetches_the_publicity_section(client, staff_a):
    login(client, staff_a)
    response = client.get(url("create"), {"kind": "publicity"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="publicity"' in response.text
    assert 'name="listings-TOTAL_FORMS"' in response.text
    assert "<html" not in response.text
    response = client.get(url("create"), {"kind": "news"}, headers={"HX-Request": "true"})
    assert 'name="listings-TOTAL_FORMS"' not in response.text


def test_publicity_with_its_list_is_saved_together(client, staff_a, community_a):
    rows = [("张三", "城市低保 3人 月保障金按标准核定"), ("李四", "城市低保 1人"), ("", "")]
    data = notice_data(community_a, kind="publicity", listings=rows)
    response = login(client, staff_a).post(url("create"), data)
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.PUBLICITY
    assert list(notice.listings.values_list("position", "name", "detail")) == [
        (1, "张三", "城市低保 3人 月保障金按标准核定"),
        (2, "李四", "城市低保 1人"),
    ]
    assert NoticeListing.history.filter(history_user=staff_a).count() == 2


def test_a_bad_row_saves_neither_the_notice_nor_any_row(client, staff_a, community_a):
    rows = [("张三", "城市低保 3人"), ("", "城市低保 2人")]  # the second row has no name
    data = notice_data(community_a, kind="publicity", listings=rows)
    response = login(client, staff_a).post(url("create"), data)
    assert response.status_code == 200
    assert not Notice.objects.exists()
    assert not NoticeListing.objects.exists()
    assert 'data-row="2"' in response.text
    assert 'data-field="name"' in response.text
    assert "is-invalid" in response.text


def test_a_row_with_an_id_number_is_refused(client, staff_a, community_a, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = [("张三", f"身份证 {ID_NUMBER}")]
    data = notice_data(community_a, kind="publicity", listings=rows)
    response = login(client, staff_a).post(url("create"), data)
    assert response.status_code == 200
    assert response.context["editor"].listings.errors[0] == {
        "detail": ["Notices may not contain ID numbers or mobile phone numbers."]
    }
    assert "List row 1, Details:" in response.text
    assert not Notice.objects.exists()
    assert not NoticeListing.objects.exists()


def test_a_bad_row_leaves_a_stored_notice_and_its_rows_unchanged(client, staff_a, community_a):
    notice = PublicityFactory(community=community_a, draft=True, title="原标题")
    kept = NoticeListingFactory(notice=notice, name="王五", position=1)
    data = notice_data(
        community_a,
        kind="publicity",
        title="新标题",
        existing=[(kept, True)],
        listings=[("赵六", "城市低保 2人"), ("", "城市低保 1人")],
    )
    response = login(client, staff_a).post(url("update", notice.pk), data)
    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.title == "原标题"
    assert list(notice.listings.values_list("name", flat=True)) == ["王五"]
    # The heading still names the stored title.
    assert "原标题" in response.text


def test_edit_rows_delete_and_renumber(client, staff_a, community_a):
    notice = PublicityFactory(community=community_a, draft=True)
    first = NoticeListingFactory(notice=notice, name="王五", position=1)
    second = NoticeListingFactory(notice=notice, name="赵六", position=2)
    data = notice_data(
        community_a,
        kind="publicity",
        title=notice.title,
        existing=[(first, True), (second, False)],
        listings=[("孙七", "城市低保 1人")],
    )
    response = login(client, staff_a).post(url("update", notice.pk), data)
    assert response.status_code == 302
    assert list(notice.listings.values_list("position", "name")) == [(1, "赵六"), (2, "孙七")]
    assert NoticeListing.history.filter(id=first.pk, history_type="-").exists()


def test_save_and_add_rows_comes_back_with_more_blank_rows(client, staff_a, community_a):
    data = notice_data(community_a, kind="publicity", listings=[("张三", "")], add_rows="1")
    response = login(client, staff_a).post(url("create"), data)
    notice = Notice.objects.get()
    assert response.url.startswith(url("update", notice.pk) + "?more=1")
    page = client.get(response.url)
    assert page.context["editor"].listings.total_form_count() == 1 + 10


def test_a_publicity_form_posted_without_its_section_asks_for_the_period(
    client, staff_a, community_a
):
    # Without JavaScript the section appears after the first post: its fields are missing.
    data = notice_data(community_a, kind="publicity", period_starts=None, period_ends=None)
    data.pop("objection_contact")
    response = login(client, staff_a).post(url("create"), data)
    assert {"period_starts", "period_ends"} <= set(form_errors(response))
    assert 'name="listings-TOTAL_FORMS"' in response.text
    assert not Notice.objects.exists()


def test_a_list_stays_when_its_section_was_not_posted(client, staff_a, community_a):
    notice = PublicityFactory(community=community_a, draft=True)
    NoticeListingFactory(notice=notice, name="王五")
    data = notice_data(community_a, kind="publicity", title="改过的标题")
    assert login(client, staff_a).post(url("update", notice.pk), data).status_code == 302
    assert list(notice.listings.values_list("name", flat=True)) == ["王五"]


def test_a_notice_with_a_list_cannot_become_another_kind(client, staff_a, community_a):
    notice = PublicityFactory(community=community_a, draft=True)
    NoticeListingFactory(notice=notice)
    data = notice_data(community_a, kind="announcement", title=notice.title)
    response = login(client, staff_a).post(url("update", notice.pk), data)
    assert list(form_errors(response)) == ["kind"]
    notice.refresh_from_db()
    assert notice.kind == NoticeKind.PUBLICITY


def test_another_kind_drops_the_period(client, staff_a, community_a):
    notice = PublicityFactory(community=community_a, draft=True)
    data = notice_data(community_a, kind="news", title=notice.title)
    assert login(client, staff_a).post(url("update", notice.pk), data).status_code == 302
    notice.refresh_from_db()
    assert (notice.kind, notice.period_starts, notice.objection_contact) == ("news", None, "")


def test_posted_status_and_author_are_ignored(client, staff_a, community_a, subdistrict_user):
    data = notice_data(
        community_a,
        status="published",
        published_at="2020-01-01 00:00",
        created_by=subdistrict_user.pk,
    )
    login(client, staff_a).post(url("create"), data)
    notice = Notice.objects.get()
    assert (notice.status, notice.published_at, notice.created_by) == ("draft", None, staff_a)


def test_staff_see_full_names_on_their_pages(client, staff_a, community_a):
    notice = PublicityFactory(community=community_a)
    NoticeListingFactory(notice=notice, name="张三丰")
    text = login(client, staff_a).get(url("update", notice.pk)).text
    assert 'value="张三丰"' in text


# --- publishing and withdrawing ----------------------------------------------------------------


def test_publish_then_withdraw_changes_what_the_public_sees(client, staff_a, notice_a):
    public_page = notice_a.get_absolute_url()
    public_list = reverse("notices:notice-list")
    assert client.get(public_page).status_code == 404

    login(client, staff_a)
    response = client.post(url("publish", notice_a.pk))
    assert response.status_code == 302
    assert response.url == url("update", notice_a.pk)
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.PUBLISHED
    assert notice_a.published_at is not None
    assert notice_a.history.first().history_user == staff_a
    client.logout()
    assert client.get(public_page).status_code == 200
    assert notice_a.pk in [n.pk for n in client.get(public_list).context["page_obj"]]

    asked = login(client, staff_a).post(url("withdraw", notice_a.pk))
    assert "确定撤回“" in asked.text and "公示将重新计算公示期" in asked.text
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.PUBLISHED  # asked first, nothing done yet
    client.post(url("withdraw", notice_a.pk), {"confirmed": "1"})
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.WITHDRAWN
    client.logout()
    assert client.get(public_page).status_code == 410  # "withdrawn", nothing of the notice
    assert notice_a.pk not in [n.pk for n in client.get(public_list).context["page_obj"]]


def test_publishing_again_keeps_the_first_publication_time(client, staff_a, community_a):
    first = timezone.now() - dt.timedelta(days=2)
    notice = NoticeFactory(community=community_a, withdrawn=True, published_at=first)
    login(client, staff_a).post(url("publish", notice.pk))
    notice.refresh_from_db()
    assert (notice.status, notice.published_at) == (NoticeStatus.PUBLISHED, first)


def test_a_forbidden_step_changes_nothing(client, staff_a, notice_a):
    login(client, staff_a)
    response = client.post(url("withdraw", notice_a.pk))  # a draft cannot be withdrawn
    assert response.status_code == 302
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.DRAFT
    assert notice_a.history.count() == 1


def test_status_changes_are_audited(client, staff_a, notice_a, caplog):
    caplog.set_level("INFO", logger="portal.audit")
    login(client, staff_a).post(url("publish", notice_a.pk))
    assert any(
        f"user={staff_a.pk} notice={notice_a.pk}" in record.getMessage()
        for record in caplog.records
    )


def test_edit_page_offers_the_next_step(client, staff_a, notice_a):
    login(client, staff_a)
    assert url("publish", notice_a.pk) in client.get(url("update", notice_a.pk)).text
    client.post(url("publish", notice_a.pk))
    text = client.get(url("update", notice_a.pk)).text
    assert url("withdraw", notice_a.pk) in text
    assert notice_a.get_absolute_url() in text


# --- query budget ------------------------------------------------------------------------------

# The staff list's queries, whatever the number of rows:
#  1. the session                2. the user
#  3. (sub-district roles) the visible communities, for the community select
#  4. COUNT(*) for the paginator
#  5. the page of notices with their community joined and their rows counted (a
#     subquery, so the COUNT above needs no join)
#  6-8. SAVEPOINT, UPDATE django_session (the idle-timeout stamp), RELEASE SAVEPOINT:
#     the test runs inside a transaction; in production this is the UPDATE alone.
STAFF_LIST_QUERIES = 8


@pytest.mark.parametrize("persona", ["staff_a", "subdistrict_user"])
def test_staff_list_query_count_does_not_grow_with_rows(
    client, request, community_a, community_b, django_assert_max_num_queries, persona
):
    login(client, request.getfixturevalue(persona))

    def add(count):
        for n in range(count):
            notice = PublicityFactory(community=(community_a, community_b)[n % 2])
            NoticeListingFactory.create_batch(2, notice=notice)

    add(2)
    with django_assert_max_num_queries(STAFF_LIST_QUERIES):
        response = client.get(url("staff-list"))
    assert len(row_ids(response)) >= 1

    add(60)
    with django_assert_max_num_queries(STAFF_LIST_QUERIES):
        response = client.get(url("staff-list"))
    assert len(row_ids(response)) == 20
    assert all(row.listing_count == 2 for row in response.context["page_obj"])
    with django_assert_max_num_queries(STAFF_LIST_QUERIES):
        client.get(url("staff-list"), {"kind": "publicity", "status": "published", "page": 2})
