"""The demo guide: every service the work plans name, idempotent, and valid."""

import pytest
from django.urls import reverse

from portal.guide import demo
from portal.guide.models import Category, ServiceEntry, Status

pytestmark = pytest.mark.django_db


def test_seed_creates_the_entries_then_nothing():
    lines: list[str] = []
    created = demo.seed_services(log=lines.append)
    assert created == ServiceEntry.objects.count() >= 24
    history_rows = ServiceEntry.history.count()
    assert demo.seed_services() == 0
    assert ServiceEntry.objects.count() == created
    assert ServiceEntry.history.count() == history_rows  # unchanged entries are not re-saved
    assert lines == [f"service guide: {created} created, 0 updated, 0 unchanged"]


def test_seed_restores_a_changed_demo_entry():
    demo.seed_services()
    ServiceEntry.objects.filter(slug="dibao").update(title="改过的标题")
    assert demo.seed_services() == 0
    assert ServiceEntry.objects.get(slug="dibao").title.startswith("最低生活保障")


def test_seed_works_without_a_log():
    assert demo.seed_services(log=None) > 0


def test_every_demo_entry_is_valid():
    demo.seed_services()
    for entry in ServiceEntry.objects.all():
        entry.full_clean()


def test_active_entries_say_what_to_bring_and_what_to_do():
    demo.seed_services()
    for entry in ServiceEntry.objects.filter(status=Status.ACTIVE):
        assert entry.material_list(), entry.slug
        assert entry.step_list(), entry.slug
        assert entry.phone_numbers(), entry.slug
        assert entry.fee, entry.slug


def test_one_entry_is_temporarily_closed_with_a_note():
    demo.seed_services()
    closed = ServiceEntry.objects.get(status=Status.CLOSED)
    assert closed.slug == "yingji-hujiao"
    assert "暂停受理" in closed.status_note


def test_every_category_has_entries():
    demo.seed_services()
    assert set(ServiceEntry.objects.values_list("category", flat=True)) == set(Category.values)


@pytest.mark.parametrize(
    "slug",
    [
        "dibao",
        "dibao-bianyuan",
        "tekun-gongyang",
        "linshi-jiuzhu",
        "tebing-yiliao-jiuzhu",
        "guer-shenghuofei",
        "kunnan-xuesheng-zhuxue",
        "youfu-daiyu",
        "cishan-juanzeng-qiuzhu",
        "jujia-yanglao",
        "yingji-hujiao",
        "gaoling-jintie",
        "yigong-dengji",
        "laonianren-nengli-pinggu",
        "jiating-yisheng-qianyue",
        "fenshiduan-yuyue",
        "manxingbing-suifang",
        "yufang-jiezhong",
        "laonianren-tijian",
        "jumin-jiankang-dangan",
        "shequ-xueyuan-baoming",
        "nongmin-shiyong-jishu",
        "nongcun-laodongli-zhuanyi",
        "zhuti-dangri",
        "tuanzhibu-huodong",
        "juwu-jiandu",
        "wuye-tousu",
    ],
)
def test_the_seed_plans_services_are_all_there(client, slug):
    demo.seed_services()
    assert client.get(reverse("guide:service-detail", kwargs={"slug": slug})).status_code == 200


def test_residents_find_dibao_by_either_name():
    demo.seed_services()
    for words in ("低保", "最低生活保障"):
        assert "dibao" in ServiceEntry.objects.search(words).values_list("slug", flat=True)


def test_the_rules_are_stated_without_invented_amounts():
    demo.seed_services()
    text = {e.slug: e.eligibility + e.steps + e.summary for e in ServiceEntry.objects.all()}
    assert "公示7天" in text["dibao"]
    assert "30个工作日" in text["dibao"]
    assert "1.5倍" in text["dibao-bianyuan"]
    assert "10倍" in text["linshi-jiuzhu"]
    assert "80–89周岁、90–99周岁、100周岁及以上" in text["gaoling-jintie"]
    assert "一年" in text["jiating-yisheng-qianyue"]
    assert "每季度" in text["manxingbing-suifang"]
    assert "2021年版" in text["yufang-jiezhong"]
    # Money: no sum of yuan anywhere; the texts defer to the standard of the year.
    assert not any("元/月" in t or "元每月" in t for t in text.values())
    assert "按当年标准执行" in text["gaoling-jintie"]
