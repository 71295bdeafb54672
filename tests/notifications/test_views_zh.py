"""The inbox and the messages in Simplified Chinese, the portal's default language: these
read the compiled zh_Hans catalogue that `make test` builds."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.core.dates import local_datetime
from portal.core.templatetags.formats import format_day
from portal.events.models import Registration, RegistrationStatus
from portal.notifications import reminders, services
from portal.notifications.models import Notification
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.zh_catalogue, pytest.mark.django_db]

INBOX = reverse("notifications:inbox")
SETTINGS = reverse("notifications:settings")


def test_inbox_in_chinese(client, linked_resident_user):
    client.force_login(linked_resident_user)
    text = client.get(INBOX).text
    assert "我的消息" in text
    assert "暂无消息。" in text
    assert "接收方式" in text
    Notification.objects.create(
        recipient=linked_resident_user,
        kind="job_finished",
        subject="已完成：月度统计报表",
        body="“月度统计报表”已完成。",
        url="/inbox/",
    )
    text = client.get(INBOX).text
    assert "未读：1 条" in text
    assert "全部标为已读" in text
    assert ">查看<" in text
    assert "任务完成" in text
    response = client.post(reverse("notifications:read-all"), follow=True)
    assert "所有消息均已标为已读。" in response.text


def test_header_in_chinese(client, linked_resident_user):
    client.force_login(linked_resident_user)
    text = client.get(reverse("core:home")).text
    assert ">我的消息</a>" in text
    assert ">消息\n" in text


def test_bell_in_chinese(client, linked_resident_user):
    services.notify(
        linked_resident_user,
        "job_finished",
        {"title": "导入", "succeeded": True, "message": ""},
    )
    client.force_login(linked_resident_user)
    assert (
        '1<span class="visually-hidden"> 条未读</span>'
        in client.get(reverse("notifications:bell")).text
    )


def test_settings_in_chinese(client, linked_resident_user):
    client.force_login(linked_resident_user)
    text = client.get(SETTINGS).text
    assert "您的消息始终会显示在门户的“我的消息”中。" in text
    assert "同时通过短信发送我的消息" in text
    assert "发送至 139****0001" in text
    assert "您的账户没有登记电子邮箱，因此不能选择电子邮件。" in text
    response = client.post(SETTINGS, {"sms": "on"}, follow=True)
    assert "您的选择已保存。" in response.text


def test_reminder_text_in_chinese(community_a, linked_resident_user):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    event = EventFactory(
        community=community_a,
        title="春季义诊",
        place="东南社区卫生服务站",
        starts_at=local_datetime(tomorrow, dt.time(9, 30)),
    )
    registration = Registration.objects.create(
        event=event, resident=linked_resident_user.resident, status=RegistrationStatus.CONFIRMED
    )
    notification = reminders.event_reminder_send(registration.pk)
    assert notification.subject == "活动提醒：春季义诊（明天 09:30）"
    assert "您报名的活动“春季义诊”将于明天举行。" in notification.body
    assert f"时间：{format_day(tomorrow)} 09:30" in notification.body
    assert "地点：东南社区卫生服务站" in notification.body
    assert "“我的报名”" in notification.body_html


def test_waitlist_and_job_messages_in_chinese(community_a, linked_resident_user):
    event = EventFactory(community=community_a, title="书法班")
    registration = Registration.objects.create(
        event=event, resident=linked_resident_user.resident, status=RegistrationStatus.CONFIRMED
    )
    notification = reminders.waitlist_promotion_send(registration.pk)
    assert notification.subject == "您已获得名额：书法班"
    assert "您已由候补转为正式报名“书法班”" in notification.body
    failed = services.notify(
        linked_resident_user,
        "job_finished",
        {"title": "居民台账导入", "succeeded": False, "message": ""},
    )
    assert failed.subject == "未能完成：居民台账导入"
    assert "请重试" in failed.body
