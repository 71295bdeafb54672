"""What every page shows the same way: the current menu entry, the larger-text mode
(大字版) kept in a cookie, dates and money through one filter each."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from portal.core.display import TEXT_SIZE_COOKIE
from portal.core.templatetags.formats import day, day_short, iso, money, when, when_short
from portal.core.templatetags.navigation import is_current

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_current_menu_entry_carries_aria_current(client):
    page = client.get("/calendar/")
    assert 'href="/calendar/" aria-current="page"' in page.text
    assert page.text.count('aria-current="page"') == 1
    home = client.get("/")
    assert 'href="/" aria-current="page"' in home.text
    assert 'href="/calendar/" aria-current' not in home.text


@pytest.mark.parametrize(
    ("url", "path", "current"),
    [
        ("/", "/", True),
        ("/", "/calendar/", False),
        ("/staff/", "/staff/events/", False),
        ("/staff/events/", "/staff/events/12/", True),
        ("/services/", "/services/dibao/", True),
        ("/services/", "/servicesx/", False),
        ("", "/", False),
    ],
)
def test_is_current(url, path, current):
    assert is_current(url, path) is current


def test_the_tag_works_in_a_loop_over_entries():
    request = RequestFactory().get("/notices/3/")
    html = Template(
        "{% load navigation %}{% for url in urls %}<a{% aria_current url %}>{% endfor %}"
    ).render(Context({"request": request, "urls": ["/", "/notices/", "notices:notice-list"]}))
    assert html == '<a><a aria-current="page"><a aria-current="page">'


def test_larger_text_is_switched_on_once_and_kept_without_an_account(client):
    assert 'class="large-text"' not in client.get("/").text
    response = client.post("/text-size/", {"size": "large", "next": "/calendar/"})
    assert response.status_code == 302 and response.url == "/calendar/"
    cookie = response.cookies[TEXT_SIZE_COOKIE]
    assert cookie.value == "large" and int(cookie["max-age"]) >= 365 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    for path in ("/", "/services/", "/calendar/"):
        assert '<html lang="zh-hans" class="large-text">' in client.get(path).text
    # The switch says it is on, and turns it off again.
    assert 'aria-pressed="true"' in client.get("/").text
    response = client.post("/text-size/", {"size": "standard", "next": "/"})
    assert response.cookies[TEXT_SIZE_COOKIE].value == ""
    assert 'class="large-text"' not in client.get("/").text


def test_the_text_size_switch_goes_back_only_to_this_site(client):
    response = client.post("/text-size/", {"size": "large", "next": "https://evil.example/"})
    assert response.url == "/"


# --- one format for dates and money -------------------------------------------------------


MOMENT = dt.datetime(2026, 12, 10, 1, 0, 30, 123456, tzinfo=dt.UTC)  # 09:00 in Shanghai


def test_dates_read_the_chinese_way_in_chinese():
    with translation.override("zh-hans"):
        assert when(MOMENT) == "2026年12月10日 星期四 09:00"
        assert when_short(MOMENT) == "2026年12月10日 09:00"
        assert day(MOMENT) == "2026年12月10日 星期四"
        assert day_short(dt.date(2027, 1, 5)) == "2027年1月5日"  # no 01月05日
        assert when(dt.date(2026, 12, 5)) == "2026年12月5日 星期六"
        assert when(None) == "" and when("not a date") == ""


def test_dates_read_the_english_way_in_english():
    with translation.override("en"):
        assert when(MOMENT) == "Thu 10 Dec 2026 09:00"
        assert day_short(MOMENT) == "10 Dec 2026"


def test_time_elements_get_whole_seconds_in_local_time():
    assert iso(MOMENT) == "2026-12-10T09:00:30+08:00"
    assert iso(dt.date(2026, 12, 10)) == "2026-12-10"


def test_money_has_one_format():
    with translation.override("zh-hans"):
        assert money(Decimal("1234.5")) == "1,234.50 元"


# --- the small things residents notice -----------------------------------------------------


def test_selects_say_please_choose():
    from django import forms

    from portal.registry.models import Community

    class Pick(forms.Form):
        community = forms.ModelChoiceField(queryset=Community.objects.all())

    with translation.override("zh-hans"):
        html = str(Pick()["community"])
    assert "请选择" in html and "---------" not in html


def test_a_community_is_named_as_a_sentence_says_it(community_a):
    from portal.registry.models import Community

    with translation.override("zh-hans"):
        assert community_a.full_name == "东南社区"
        assert Community(name="东南社区").full_name == "东南社区"


@pytest.mark.parametrize(
    ("relation", "gender", "label"),
    [
        ("child_in_law", "F", "儿媳"),
        ("child_in_law", "M", "女婿"),
        ("spouse", "F", "妻子"),
        ("child", "M", "儿子"),
        ("head", "F", "户主"),
    ],
)
def test_relations_read_by_gender(relation, gender, label):
    from portal.registry.models import Resident

    with translation.override("zh-hans"):
        assert Resident(relation_to_head=relation, gender=gender).relation_label == label
