"""The import and export pages in Simplified Chinese, the portal's default language: these
read the compiled zh_Hans catalogue that `make test` builds."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.notifications.models import Notification
from portal.registry.models import RegistryImport
from tests.factories import TagFactory
from tests.registry.importdata import households, row, upload, workbook

pytestmark = pytest.mark.zh_catalogue


def url(name: str, *args) -> str:
    return reverse(f"registry:{name}", args=args)


@pytest.fixture(autouse=True)
def media(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    TagFactory(slug="party_member", name="党员")


def test_upload_page_and_refusals_in_chinese(client, staff_a, django_capture_on_commit_callbacks):
    client.force_login(staff_a)
    text = client.get(url("import-list")).text
    assert "导入居民" in text
    assert "下载模板" in text
    assert "上传并校验" in text
    text = client.post(url("import-list"), {"file": upload(b"PK\x03\x04 no zip")}).text
    assert "这不是 Excel 工作簿（.xlsx）" in text
    # Headings without rows: the worker's check says so (the rows are read there).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("import-list"), {"file": upload(workbook([]))})
    from portal.registry.models import RegistryImport

    assert "工作簿只有列标题，下面没有居民数据。" in RegistryImport.objects.get().error
    header = ["社区", "姓名", "户地址", "与户主关系"]
    text = client.post(
        url("import-list"), {"file": upload(workbook([["x"] * 4], header=header))}
    ).text
    assert "缺少以下列：城乡、身份证号码" in text


def test_problems_are_listed_in_chinese(
    client, staff_a, community_a, compound_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    rows = [
        *households(3),
        row(community="雅苑", address="甲1"),
        row(address="甲2", relation="配偶"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("import-list"), {"file": upload(workbook(rows))})
    job = RegistryImport.objects.get()
    text = client.get(url("import-detail", job.pk)).text
    assert "已校验 5 行，其中 2 行有问题。" in text
    assert "社区不存在或不在您的管辖范围内。" in text
    assert "该户（第 6 行）是新户，但没有“户主”行。" in text
    assert "未导入任何数据" in text
    # The check is done: no message still saying the rows are being checked.
    assert "正在逐行校验" not in text
    assert "发现问题" in text
    # The uploader's inbox says what the check found, for when they left the page.
    [message] = Notification.objects.filter(recipient=staff_a)
    assert message.subject == f"已完成：居民导入 #{job.pk} 台账.xlsx"
    assert "已校验 5 行，其中 2 行有问题。" in message.body


def test_a_clean_file_offers_the_import_in_chinese(
    client, staff_a, community_a, compound_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("import-list"), {"file": upload(workbook(households(4)))})
    job = RegistryImport.objects.get()
    text = client.get(url("import-detail", job.pk)).text
    assert "4 行全部无误。" in text
    assert "导入 4 位居民" in text
    # What it would add, before anything is written: counts and the rows, ID numbers masked.
    assert "将新增 4 位居民：新建 2 户" in text
    preview = job.preview
    assert preview["households_new"] == 2 and preview["residents"] == 4
    assert len(preview["rows"]) == 4 and preview["rows"][0]["row"] == 2
    assert "*" in preview["rows"][0]["id_number"]
    assert preview["rows"][0]["name"] in text and 'id="import-preview"' in text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("import-commit", job.pk))
    assert "已导入 4 位居民，新建 2 户。" in client.get(url("import-detail", job.pk)).text
    check, commit = Notification.objects.filter(recipient=staff_a).order_by("pk")
    assert "4 行全部无误。" in check.body
    assert "已导入 4 位居民，新建 2 户。" in commit.body


def test_the_template_explains_itself_in_chinese(client, staff_a):
    client.force_login(staff_a)
    book = load_workbook(io.BytesIO(client.get(url("import-template")).content))
    assert book.sheetnames == ["居民名单", "填写说明"]
    text = str([list(r) for r in book["填写说明"].iter_rows(values_only=True)])
    assert "18 位身份证号码" in text
    assert "示例（仅在本工作表中，不会被导入）：" in text


def test_the_resident_list_buttons_in_chinese(client, staff_a):
    client.force_login(staff_a)
    text = client.get(url("resident-list")).text
    assert "导出 Excel" in text
    assert "包含完整身份证号码和手机号码" in text
    assert ">导入<" in text
