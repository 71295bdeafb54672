"""The registry pages in Simplified Chinese, the portal's default language: these read
the compiled zh_Hans catalogue that `make test` builds."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.registry.idnumbers import build_id_number

pytestmark = pytest.mark.zh_catalogue


def url(name: str, *args) -> str:
    return reverse(f"registry:{name}", args=args)


def test_error_summary_names_each_field_in_chinese(client, staff_a, community_a):
    good = build_id_number("110105", dt.date(1975, 3, 9), 124)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    client.force_login(staff_a)
    response = client.post(
        url("resident-create"), {"name": "王芳", "id_number": bad, "community": community_a.pk}
    )
    assert "请更正以下内容：" in response.text
    assert "身份证号码：身份证号码校验位不正确，请逐位核对。" in response.text
    assert "留空则按身份证号码自动填写。" in response.text


def test_resident_list_in_chinese(client, staff_a, resident_a, compound_a):
    client.force_login(staff_a)
    text = client.get(url("resident-list")).text
    assert "共 1 条结果" in text
    assert "全部小区" in text
    assert "姓名、身份证号码后几位或电话" in text
    assert "年龄" in text
    text = client.get(url("resident-list"), {"q": "无此人"}).text
    assert "没有符合条件的居民。" in text


def test_resident_detail_in_chinese(client, staff_a, resident_a):
    client.force_login(staff_a)
    text = client.get(url("resident-detail", resident_a.pk)).text
    assert "最近修改记录" in text
    assert f"{resident_a.age}周岁" in text
    assert ">编辑<" in text


def test_masked_badge_in_chinese(client, doctor_a, resident_a):
    client.force_login(doctor_a)
    assert "已脱敏" in client.get(url("resident-detail", resident_a.pk)).text


def test_household_pages_in_chinese(client, staff_a, household_a, resident_a):
    client.force_login(staff_a)
    text = client.get(url("household-detail", household_a.pk)).text
    assert "添加家庭成员" in text
    assert "家庭成员" in text
    text = client.get(url("household-list")).text
    assert "全部户籍类别" in text
    assert "户主" in text


def test_success_message_in_chinese(client, staff_a, community_a):
    client.force_login(staff_a)
    data = {
        "name": "王芳",
        "id_number": build_id_number("110105", dt.date(1975, 3, 9), 124),
        "community": community_a.pk,
    }
    response = client.post(url("resident-create"), data, follow=True)
    assert "已登记居民王芳。" in response.text
