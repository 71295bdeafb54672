"""The notices admin: list, search, filters, the row inline, history, and the status
actions that use the same transitions as the staff pages."""

from django.urls import reverse

from portal.notices.models import NoticeStatus
from tests.notices.factories import NoticeFactory, NoticeListingFactory, PublicityFactory


def test_admin_pages_open(client, admin_user, community_a):
    notice = PublicityFactory(community=community_a)
    NoticeListingFactory(notice=notice, name="张三")
    client.force_login(admin_user)
    changelist = reverse("admin:notices_notice_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "张三"}).context["cl"].result_count == 1
    assert client.get(changelist, {"kind__exact": "news"}).context["cl"].result_count == 0
    change = client.get(reverse("admin:notices_notice_change", args=[notice.pk]))
    assert change.status_code == 200
    assert 'name="listings-0-name"' in change.text
    assert client.get(reverse("admin:notices_notice_history", args=[notice.pk])).status_code == 200
    assert client.get(reverse("admin:notices_notice_add")).status_code == 200


def test_admin_actions_publish_and_withdraw(client, admin_user):
    draft = NoticeFactory(draft=True)
    published = NoticeFactory()
    client.force_login(admin_user)
    changelist = reverse("admin:notices_notice_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    client.post(changelist, {"action": "withdraw", "_selected_action": [published.pk]})
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == NoticeStatus.PUBLISHED
    assert draft.published_at is not None
    assert published.status == NoticeStatus.WITHDRAWN
    assert draft.history.first().history_user == admin_user
