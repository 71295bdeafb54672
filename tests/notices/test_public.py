"""The public notice pages: what anyone may see without logging in, the kind tabs and
community select, masked names on a 公示, and the query budgets.

Assertions are on status codes, record ids and data, not on interface text, so that
they hold before the Chinese catalogue has these strings.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.notices.models import Notice, NoticeKind, latest_public
from portal.registry.masking import mask_name
from tests.notices.factories import NoticeFactory, NoticeListingFactory, PublicityFactory

LIST = reverse("notices:notice-list")


def detail(notice) -> str:
    return reverse("notices:notice-detail", args=[notice.pk])


def row_ids(response) -> list[int]:
    return [notice.pk for notice in response.context["page_obj"]]


@pytest.fixture
def published(db):
    return NoticeFactory(title="潘火街道2026年主题党日活动安排")


# --- what the public sees ---------------------------------------------------------------------


def test_anonymous_visitors_see_published_notices_newest_first(client, db):
    now = timezone.now()
    older = NoticeFactory(published_at=now - dt.timedelta(days=3))
    newer = NoticeFactory(published_at=now - dt.timedelta(hours=2))
    response = client.get(LIST)
    assert response.status_code == 200
    assert row_ids(response) == [newer.pk, older.pk]
    assert f'href="{detail(newer)}"' in response.text


def test_drafts_withdrawn_and_future_notices_are_not_listed(client, published):
    draft = NoticeFactory(draft=True, title="草稿通知")
    withdrawn = NoticeFactory(withdrawn=True, title="已撤回通知")
    future = NoticeFactory(published_at=timezone.now() + dt.timedelta(days=1), title="明天发布")
    response = client.get(LIST)
    assert row_ids(response) == [published.pk]
    for hidden in (draft, withdrawn, future):
        assert hidden.title not in response.text


def test_drafts_are_404(client, db):
    notice = NoticeFactory(draft=True, title="草稿通知")
    response = client.get(detail(notice))
    assert response.status_code == 404
    assert notice.title not in response.text


def test_a_withdrawn_notice_says_so_and_shows_nothing_of_itself(client, db):
    """People follow links to a 公示 an objection has withdrawn: 410 with a page saying
    so, not a bare 404, and neither its title nor its text."""
    notice = NoticeFactory(withdrawn=True, title="已撤回通知", body="撤回的正文")
    response = client.get(detail(notice))
    assert response.status_code == 410
    assert 'id="notice-withdrawn"' in response.text
    assert notice.title not in response.text and notice.body not in response.text


def test_a_notice_before_its_publication_time_is_404(client, db):
    notice = NoticeFactory(published_at=timezone.now() + dt.timedelta(hours=1))
    assert client.get(detail(notice)).status_code == 404


def test_staff_do_not_see_drafts_on_the_public_pages_either(client, staff_a, community_a):
    draft = NoticeFactory(draft=True, community=community_a)
    client.force_login(staff_a)
    assert client.get(detail(draft)).status_code == 404
    assert draft.pk not in row_ids(client.get(LIST))


def test_public_pages_answer_get_only(client, published):
    assert client.post(LIST).status_code == 405
    assert client.post(detail(published)).status_code == 405


def test_missing_notice_is_404(client, db):
    assert client.get(reverse("notices:notice-detail", args=[999999])).status_code == 404


def test_public_pages_use_the_large_type_layout(client, published):
    for address in (LIST, detail(published)):
        assert 'class="public"' in client.get(address).text


# --- filters and pagination ---------------------------------------------------------------------


def test_kind_tab_filters(client, db):
    announcement = NoticeFactory()
    publicity = PublicityFactory()
    news = NoticeFactory(kind=NoticeKind.NEWS)
    assert row_ids(client.get(LIST, {"kind": "publicity"})) == [publicity.pk]
    assert row_ids(client.get(LIST, {"kind": "news"})) == [news.pk]
    assert set(row_ids(client.get(LIST))) == {announcement.pk, publicity.pk, news.pk}
    # An unknown kind is ignored rather than an error.
    assert len(row_ids(client.get(LIST, {"kind": "nonsense"}))) == 3


def test_kind_tabs_keep_the_chosen_community(client, community_a):
    response = client.get(LIST, {"community": community_a.pk})
    assert f"?community={community_a.pk}&amp;kind=publicity" in response.text


def test_community_filter_shows_that_community_and_the_whole_sub_district(
    client, community_a, community_b
):
    own = NoticeFactory(community=community_a)
    other = NoticeFactory(community=community_b)
    everyone = NoticeFactory(community=None)
    found = row_ids(client.get(LIST, {"community": community_a.pk}))
    assert set(found) == {own.pk, everyone.pk}
    assert other.pk not in found
    found = row_ids(client.get(LIST, {"community": community_b.pk, "kind": "announcement"}))
    assert set(found) == {other.pk, everyone.pk}


def test_community_select_lists_every_community(client, community_a, community_b):
    form = client.get(LIST).context["form"]
    values = [value for value, _ in form.fields["community"].choices if value]
    assert values == [community_a.pk, community_b.pk]
    # A bad value is dropped: everything is listed.
    NoticeFactory(community=community_b)
    assert len(row_ids(client.get(LIST, {"community": "x"}))) == 1


def test_list_pages_by_twenty(client, db):
    NoticeFactory.create_batch(25)
    first = client.get(LIST)
    assert len(row_ids(first)) == 20
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(row_ids(client.get(LIST, {"page": 2}))) == 5


# --- a 公示's page -----------------------------------------------------------------------------


@pytest.fixture
def publicity(community_a):
    notice = PublicityFactory(community=community_a, title="东南社区城市低保新增对象公示")
    NoticeListingFactory(notice=notice, name="张三丰", detail="城市低保 3人", position=1)
    NoticeListingFactory(notice=notice, name="欧阳娜娜", detail="城市低保 1人", position=2)
    return notice


def test_publicity_names_are_masked_and_never_shown_in_full(client, publicity):
    response = client.get(detail(publicity))
    assert response.status_code == 200
    assert "张三丰" not in response.text
    assert "欧阳娜娜" not in response.text
    assert "张**" in response.text
    assert "欧阳**" in response.text
    assert [row.name for row in response.context["listings"]] == ["张**", "欧阳**"]
    assert "城市低保 3人" in response.text


def test_publicity_shows_period_contact_and_whether_it_runs(client, publicity):
    response = client.get(detail(publicity))
    assert 'id="period"' in response.text
    assert 'data-state="running"' in response.text
    assert publicity.objection_contact in response.text


def test_publicity_period_over(client, community_a):
    start = timezone.localdate() - dt.timedelta(days=20)
    notice = PublicityFactory(community=community_a, period_starts=start)
    assert 'data-state="over"' in client.get(detail(notice)).text


def test_publicity_period_text_in_english(client, publicity, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(detail(publicity)).text
    assert "Public notice period:" in text


def test_body_is_plain_text_in_paragraphs_never_html(client, db):
    notice = NoticeFactory(body="第一段<script>alert(1)</script>\n\n第二段")
    text = client.get(detail(notice)).text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text
    assert "<p>第二段</p>" in text


def test_numbers_that_slipped_into_stored_text_are_masked(client, publicity):
    # The forms refuse these; rows written around them (a data fix, an import) are
    # still masked on the public page.
    id_number = "110105197503091248"
    Notice.objects.filter(pk=publicity.pk).update(body=f"联系 13812345678，证件 {id_number}")
    publicity.listings.update(detail=f"身份证 {id_number}")
    text = client.get(detail(publicity)).text
    assert "13812345678" not in text
    assert id_number not in text
    assert "138****5678" in text


def test_sub_district_notice_names_no_community(client, published):
    response = client.get(detail(published))
    assert response.context["notice"].community is None


# --- the home-page include ----------------------------------------------------------------------


def test_latest_public_fetches_the_newest_in_one_query(db, django_assert_num_queries):
    now = timezone.now()
    notices = [NoticeFactory(published_at=now - dt.timedelta(hours=n)) for n in range(1, 8)]
    NoticeFactory(draft=True)
    with django_assert_num_queries(1):
        latest = latest_public(limit=5)
        titles = [(n.title, n.community) for n in latest]
    assert [n.pk for n in latest] == [n.pk for n in notices[:5]]
    assert len(titles) == 5


def test_latest_include_renders_title_badge_date_and_link(db, rf):
    from django.template.loader import render_to_string

    notice = PublicityFactory()
    html = render_to_string(
        "notices/includes/latest.html", {"notices": latest_public()}, request=rf.get("/")
    )
    assert notice.title in html
    assert detail(notice) in html
    assert "text-bg-warning" in html
    assert 'id="latest-notices"' in html


# --- query budgets -----------------------------------------------------------------------------

# The public list's queries, whatever the number of rows (an anonymous visitor has no
# session, so none for the session or the user):
#  1. the communities, for the select
#  2. COUNT(*) for the paginator
#  3. the page of notices with their community joined
PUBLIC_LIST_QUERIES = 3
# The detail: the notice with its community, then a 公示's rows.
PUBLIC_DETAIL_QUERIES = 2


def test_public_list_query_count_does_not_grow_with_rows(
    client, community_a, community_b, django_assert_max_num_queries
):
    NoticeFactory(community=community_a)
    with django_assert_max_num_queries(PUBLIC_LIST_QUERIES):
        response = client.get(LIST)
    assert len(row_ids(response)) == 1

    for n in range(30):
        factory = PublicityFactory if n % 3 == 0 else NoticeFactory
        factory(community=(community_a, community_b, None)[n % 3])
    with django_assert_max_num_queries(PUBLIC_LIST_QUERIES):
        response = client.get(LIST)
    assert len(row_ids(response)) == 20
    with django_assert_max_num_queries(PUBLIC_LIST_QUERIES):
        client.get(LIST, {"kind": "publicity", "community": community_a.pk, "page": 2})


def test_public_detail_query_count_does_not_grow_with_rows(
    client, publicity, django_assert_max_num_queries
):
    NoticeListingFactory.create_batch(40, notice=publicity)
    with django_assert_max_num_queries(PUBLIC_DETAIL_QUERIES):
        response = client.get(detail(publicity))
    assert len(response.context["listings"]) == 42
    stored = publicity.listings.order_by("position", "pk").values_list("name", flat=True)
    assert [row.name for row in response.context["listings"]] == [mask_name(n) for n in stored]
    assert not any(name in response.text for name in stored)
