"""The public service guide: anyone reads it without logging in, finds a service by the
words residents use, and gets everything needed for one visit on one page.

Assertions are on status codes, slugs, ids and CSS classes rather than on UI text, so
that they hold in Chinese and in English; English text only after switching the language.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from portal.guide.models import Category
from tests.factories import CommunityFactory
from tests.guide.factories import ServiceEntryFactory

pytestmark = pytest.mark.django_db

LIST = reverse("guide:service-list")


def detail(entry) -> str:
    return reverse("guide:service-detail", kwargs={"slug": entry.slug})


def listed(response) -> list[str]:
    """Slugs on the list page, in the order shown."""
    return [entry.slug for group in response.context["groups"] for entry in group.entries]


def search(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return listed(response)


@pytest.fixture
def dibao():
    return ServiceEntryFactory(
        slug="dibao",
        title="最低生活保障（城市低保、农村低保）",
        category=Category.SOCIAL_ASSISTANCE,
        summary="家庭人均月收入低于当地低保标准的家庭，可以申请按月领取低保金。",
        keywords="最低生活保障 城市低保 农村低保",
        materials="低保申请书\n户口簿、身份证\n\n家庭经济状况核对授权书\n",
        steps="提出书面申请。\n入户调查。\n公示7天。",
        sort_order=10,
    )


@pytest.fixture
def tijian():
    return ServiceEntryFactory(
        slug="laonianren-tijian",
        title="65岁以上老年人免费体检",
        category=Category.HEALTH,
        summary="每年免费体检一次。",
        keywords="体检 健康检查",
        contact="社区卫生服务中心 0574-88121001，预防接种门诊 0574 8812 1003",
    )


# --- who may read -------------------------------------------------------------------------------


def test_anonymous_visitors_read_the_list_and_a_detail(client, dibao):
    response = client.get(LIST)
    assert response.status_code == 200
    assert "dibao" in listed(response)
    assert 'class="public"' in response.text  # the large-type public layout
    response = client.get(detail(dibao))
    assert response.status_code == 200
    assert response.context["entry"] == dibao


def test_staff_and_residents_read_the_same_pages(client, dibao, staff_b, resident_user):
    for user in (staff_b, resident_user):
        client.force_login(user)
        assert client.get(LIST).status_code == 200
        assert client.get(detail(dibao)).status_code == 200


def test_unknown_slug_is_404(client, dibao):
    assert (
        client.get(reverse("guide:service-detail", kwargs={"slug": "no-such"})).status_code == 404
    )


def test_public_pages_answer_get_and_head_only(client, dibao):
    for address in (LIST, detail(dibao)):
        assert client.head(address).status_code == 200
        assert client.post(address).status_code == 405
        assert client.put(address).status_code == 405


def test_public_pages_are_not_marked_uncacheable(client, dibao):
    for address in (LIST, detail(dibao)):
        assert "no-store" not in client.get(address).get("Cache-Control", "")


# --- search and filter --------------------------------------------------------------------------


def test_search_finds_dibao_by_the_short_name_and_by_the_full_name(client, dibao, tijian):
    assert search(client, q="低保") == ["dibao"]
    assert search(client, q="最低生活保障") == ["dibao"]


def test_search_looks_in_eligibility_and_materials(client, dibao, tijian):
    assert search(client, q="授权书") == ["dibao"]  # a material
    tijian.eligibility = "辖区内65周岁及以上的常住居民。"
    tijian.save()
    assert search(client, q="常住居民") == ["laonianren-tijian"]


def test_search_needs_every_word_and_ignores_spacing(client, dibao, tijian):
    assert search(client, q="低保  申请书") == ["dibao"]
    assert search(client, q="低保\u3000体检") == []  # a full-width space separates words too
    assert search(client, q="  体检 ") == ["laonianren-tijian"]


def test_search_ignores_case(client, dibao):
    dibao.keywords += " GB/T Dibao"
    dibao.save()
    assert search(client, q="dibao gb/t") == ["dibao"]


def test_category_filter(client, dibao, tijian):
    assert search(client, category=Category.HEALTH) == ["laonianren-tijian"]
    assert search(client, category=Category.HEALTH, q="低保") == []


def test_an_unknown_category_is_ignored(client, dibao, tijian):
    assert sorted(search(client, category="nonsense")) == ["dibao", "laonianren-tijian"]


def test_results_are_grouped_by_category_in_a_fixed_order(client):
    ServiceEntryFactory(slug="c1", category=Category.COMMUNITY)
    ServiceEntryFactory(slug="e1", category=Category.EDUCATION)
    ServiceEntryFactory(slug="h2", category=Category.HEALTH, sort_order=20, title="乙")
    ServiceEntryFactory(slug="h1", category=Category.HEALTH, sort_order=10, title="甲")
    ServiceEntryFactory(slug="s1", category=Category.SOCIAL_ASSISTANCE)
    response = client.get(LIST)
    groups = response.context["groups"]
    assert [g.value for g in groups] == ["social_assistance", "health", "education", "community"]
    assert listed(response) == ["s1", "h1", "h2", "e1", "c1"]
    text = response.text
    assert text.index('id="category-social_assistance"') < text.index('id="category-health"')


def test_cards_link_to_the_detail_with_the_search(client, dibao):
    response = client.get(LIST, {"q": "低保", "category": Category.SOCIAL_ASSISTANCE})
    link = re.search(r'href="(/services/dibao/[^"]*)"', response.text)[1]
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query == {"q": ["低保"], "category": ["social_assistance"]}


def test_an_empty_result_says_so_and_offers_the_community_phones(client, dibao):
    CommunityFactory(name="东南", code="001", phone="0574-88120101")
    CommunityFactory(name="雅苑", code="005", phone="")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(LIST, {"q": "没有这项服务"})
    assert response.status_code == 200
    assert listed(response) == []
    assert 'id="no-results"' in response.text
    assert "No service matches your search." in response.text
    assert "call your community office" in response.text
    assert 'href="tel:057488120101"' in response.text
    assert [office.name for office in response.context["offices"]] == ["东南"]


def test_a_search_with_results_lists_no_offices(client, dibao, django_assert_num_queries):
    with django_assert_num_queries(1):  # the entries only
        response = client.get(LIST, {"q": "低保"})
    assert response.context["offices"] == []


# --- closed services ----------------------------------------------------------------------------


def test_a_closed_service_is_listed_with_a_badge_and_its_note(client, dibao):
    closed = ServiceEntryFactory(slug="yingji-hujiao", closed=True)
    response = client.get(LIST)
    assert "yingji-hujiao" in listed(response)
    card = response.text[response.text.index('id="service-yingji-hujiao"') :]
    card = card[: card.index("</article>")]
    assert 'data-status="closed"' in card
    assert closed.status_note in card
    open_card = response.text[response.text.index('id="service-dibao"') :]
    assert 'data-status="active"' in open_card[: open_card.index("</article>")]


def test_a_closed_service_detail_says_so_and_offers_no_online_application(client):
    closed = ServiceEntryFactory(slug="yingji-hujiao", closed=True, online_path="/services/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(detail(closed))
    assert 'id="closed-notice"' in response.text
    assert "Temporarily closed" in response.text
    assert closed.status_note in response.text
    assert 'id="apply-online"' not in response.text


# --- the detail page ----------------------------------------------------------------------------


def test_detail_shows_every_section(client, dibao):
    response = client.get(detail(dibao))
    for section in (
        "eligibility",
        "materials",
        "steps",
        "fee",
        "place",
        "opening-hours",
        "contact",
    ):
        assert f'<section class="mb-4" id="{section}"' in response.text, section


def test_detail_renders_materials_and_steps_as_list_items(client, dibao):
    text = client.get(detail(dibao)).text
    materials = text[text.index('id="materials"') : text.index('id="steps"')]
    assert re.findall(r"<li[^>]*>(.*?)</li>", materials) == [
        "低保申请书",
        "户口簿、身份证",
        "家庭经济状况核对授权书",
    ]
    steps = text[text.index('id="steps"') : text.index('id="fee"')]
    assert "<ol" in steps
    assert len(re.findall(r"<li", steps)) == 3


def test_detail_links_each_phone_number(client, tijian):
    text = client.get(detail(tijian)).text
    assert 'href="tel:057488121001"' in text
    assert 'href="tel:057488121003"' in text


def test_detail_without_a_number_has_no_tel_link(client):
    entry = ServiceEntryFactory(contact="所在社区居委会")
    text = client.get(detail(entry)).text
    assert "tel:" not in text
    assert "所在社区居委会" in text


def test_detail_back_link_keeps_the_search(client, dibao):
    response = client.get(detail(dibao), {"q": "低保", "category": "social_assistance", "x": "1"})
    back = urlsplit(response.context["back_url"])
    assert back.path == LIST
    assert parse_qs(back.query) == {"q": ["低保"], "category": ["social_assistance"]}
    assert client.get(detail(dibao)).context["back_url"] == LIST


def test_apply_online_button_appears_when_a_path_is_set(client, dibao):
    assert 'id="apply-online"' not in client.get(detail(dibao)).text
    dibao.online_path = "/services/"
    dibao.save()
    assert 'href="/services/" id="apply-online"' in client.get(detail(dibao)).text


def test_detail_speaks_english_after_the_switch(client, dibao):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(detail(dibao)).text
    for heading in ("Who can apply", "What to bring", "How to apply", "Contact phone"):
        assert heading in text


def test_printing_leaves_out_the_controls(client, dibao):
    dibao.online_path = "/services/"
    dibao.save()
    text = client.get(detail(dibao)).text
    assert re.search(r'<p class="d-print-none[^"]*"><a [^>]*id="back-link"', text)
    buttons = text[: text.index('id="apply-online"')]
    assert buttons[buttons.rindex("<div") :].startswith(
        '<div class="d-flex flex-wrap gap-2 d-print-none">'
    )


# --- query budget -------------------------------------------------------------------------------


def test_list_query_count_does_not_grow_with_entries(client, django_assert_max_num_queries):
    # An anonymous visitor has no session: 1 the entries, nothing else.
    for category in Category.values:
        ServiceEntryFactory(category=category)
    with django_assert_max_num_queries(1):
        assert client.get(LIST).status_code == 200
    for _ in range(5):
        for category in Category.values:
            ServiceEntryFactory(category=category, closed=True)
    with django_assert_max_num_queries(1):
        response = client.get(LIST)
    assert len(listed(response)) == 36


def test_detail_takes_one_query(client, dibao, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the entry
        assert client.get(detail(dibao)).status_code == 200
