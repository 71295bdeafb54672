"""The inbox for staff and residents: own messages only, reading, the bell, the channel
choice, and a query count that does not grow with the page."""

import pytest
from django.urls import reverse

from portal.notifications import services
from portal.notifications.models import ChannelPreference, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
BELL = reverse("notifications:bell")
SETTINGS = reverse("notifications:settings")
READ_ALL = reverse("notifications:read-all")


def read_url(notification: Notification) -> str:
    return reverse("notifications:read", kwargs={"pk": notification.pk})


def message(user, subject="报表已生成", url="", **fields) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind="job_finished",
        subject=subject,
        body="东南社区月度统计",
        url=url,
        **fields,
    )


@pytest.mark.parametrize("who", ["staff_a", "linked_resident_user"])
def test_inbox_shows_own_messages_only(client, request, staff_b, who):
    user = request.getfixturevalue(who)
    mine = message(user, subject="我的消息一")
    theirs = message(staff_b, subject="别人的消息")
    client.force_login(user)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [mine]
    assert "我的消息一" in response.text
    assert "别人的消息" not in response.text
    assert read_url(theirs) not in response.text
    assert response["Cache-Control"].startswith("max-age=0")


def test_newest_first_and_unread_highlighted(client, linked_resident_user):
    older = message(linked_resident_user, subject="旧消息")
    newer = message(linked_resident_user, subject="新消息")
    services.notification_mark_read(older)
    client.force_login(linked_resident_user)
    response = client.get(INBOX)
    assert list(response.context["page_obj"]) == [newer, older]
    assert response.context["unread_count"] == 1
    text = response.text
    assert f'notification-unread" id="notification-{newer.pk}"' in text
    assert f'notification-unread" id="notification-{older.pk}"' not in text


def test_twenty_a_page(client, linked_resident_user):
    for n in range(25):
        message(linked_resident_user, subject=f"消息{n}")
    client.force_login(linked_resident_user)
    assert len(client.get(INBOX).context["page_obj"]) == 20
    assert len(client.get(INBOX, {"page": 2}).context["page_obj"]) == 5


@pytest.mark.parametrize("count", [1, 20])
def test_inbox_queries_do_not_grow(
    client, linked_resident_user, django_assert_max_num_queries, count
):
    for n in range(count):
        message(linked_resident_user, subject=f"消息{n}", url=f"/events/{n}/")
    client.force_login(linked_resident_user)
    # session, user, count, page, unread count, the menu's elder-care volunteer check
    with django_assert_max_num_queries(6):
        assert client.get(INBOX).status_code == 200


def test_reading_opens_the_page_it_is_about(client, linked_resident_user, event_a):
    notification = message(linked_resident_user, url=event_a.get_absolute_url())
    client.force_login(linked_resident_user)
    response = client.post(read_url(notification))
    assert response.status_code == 302
    assert response.url == event_a.get_absolute_url()
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.parametrize(
    "url", ["", "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_reading_never_leaves_the_site(client, linked_resident_user, url):
    notification = message(linked_resident_user, url=url)
    client.force_login(linked_resident_user)
    response = client.post(read_url(notification))
    assert response.url == INBOX
    notification.refresh_from_db()
    assert notification.is_read


def test_another_persons_message_is_a_404(client, linked_resident_user, staff_a):
    theirs = message(staff_a)
    client.force_login(linked_resident_user)
    assert client.post(read_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_reading_needs_a_post(client, linked_resident_user):
    notification = message(linked_resident_user)
    client.force_login(linked_resident_user)
    assert client.get(read_url(notification)).status_code == 405
    assert client.get(READ_ALL).status_code == 405
    assert client.post(BELL).status_code == 405


def test_mark_all_read(client, linked_resident_user, staff_a):
    for _ in range(3):
        message(linked_resident_user)
    theirs = message(staff_a)
    client.force_login(linked_resident_user)
    response = client.post(READ_ALL)
    assert response.url == INBOX
    assert not Notification.objects.for_user(linked_resident_user).unread().exists()
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_bell_counts_unread(client, linked_resident_user, staff_a, django_assert_max_num_queries):
    message(linked_resident_user)
    message(linked_resident_user)
    services.notification_mark_read(message(linked_resident_user))
    message(staff_a)
    client.force_login(linked_resident_user)
    with django_assert_max_num_queries(3):
        response = client.get(BELL, headers={"HX-Request": "true"})
    assert response.context["unread"] == 2
    assert '<span id="inbox-unread">2<span' in response.text
    services.notifications_mark_all_read(linked_resident_user)
    assert "inbox-unread" not in client.get(BELL).text  # empty: the badge hides


def test_bell_shows_99_plus(client, linked_resident_user):
    Notification.objects.bulk_create(
        Notification(recipient=linked_resident_user, kind="job_finished", subject="s", body="b")
        for _ in range(120)
    )
    client.force_login(linked_resident_user)
    assert '<span id="inbox-unread">99+<span' in client.get(BELL).text


def test_header_loads_the_bell_for_signed_in_users(client, linked_resident_user, staff_a):
    home = reverse("core:home")
    assert BELL not in client.get(home).text
    client.force_login(linked_resident_user)
    text = client.get(home).text
    assert f'data-hx-get="{BELL}"' in text
    assert 'data-hx-trigger="load, every 60s"' in text
    assert text.count(f'href="{INBOX}"') == 2  # the header link and "My messages" in the nav
    client.force_login(staff_a)
    text = client.get(reverse("core:staff-home")).text
    assert f'data-hx-get="{BELL}"' in text
    assert 'data-hx-trigger="load"' in text  # no polling: it would keep an idle staff session alive
    assert f'href="{INBOX}"' in text


def test_resident_turns_on_text_messages(client, linked_resident_user):
    client.force_login(linked_resident_user)
    response = client.get(SETTINGS)
    form = response.context["form"]
    assert list(form.fields) == ["sms"]  # no e-mail address: e-mail not offered
    assert len(form.unavailable()) == 1
    assert "139****0001" in response.text
    assert "13912340001" not in response.text
    assert not ChannelPreference.objects.exists()  # a GET writes nothing
    response = client.post(SETTINGS, {"sms": "on"})
    assert response.url == SETTINGS
    preference = ChannelPreference.objects.get(user=linked_resident_user)
    assert preference.sms and not preference.email
    assert preference.chosen_channels() == ["sms"]
    client.post(SETTINGS, {})
    preference.refresh_from_db()
    assert not preference.sms


def test_e_mail_is_offered_with_an_address(client, staff_a):
    staff_a.email = "staff_a@example.cn"
    staff_a.save()
    client.force_login(staff_a)
    response = client.get(SETTINGS)
    form = response.context["form"]
    assert list(form.fields) == ["email"]  # staff account without a phone number
    assert form.initial["email"] is True  # staff get e-mail unless they turn it off
    assert "staff_a@example.cn" in response.text
    client.post(SETTINGS, {})
    assert ChannelPreference.objects.get(user=staff_a).email is False


def test_posting_a_channel_that_is_not_offered_changes_nothing(client, linked_resident_user):
    client.force_login(linked_resident_user)
    client.post(SETTINGS, {"email": "on", "sms": "on"})
    preference = ChannelPreference.objects.get(user=linked_resident_user)
    assert preference.sms and not preference.email


def test_no_channel_at_all_still_explains(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(SETTINGS)
    assert response.status_code == 200
    assert not response.context["form"].fields
    assert len(response.context["form"].unavailable()) == 2
    assert 'id="channel-form"' not in response.text
