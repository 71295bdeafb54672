"""The demo notices: made from the registry seed's communities, idempotent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.notices import demo
from portal.notices.models import Notice, NoticeKind, NoticeListing, NoticeStatus, PeriodState
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communities(db):
    return {name: CommunityFactory(name=name) for name in ("东南", "雅苑", "紫郡")}


def test_seed_is_idempotent(communities):
    lines = []
    created = demo.seed_notices(log=lines.append)
    assert created == len(demo.NOTICES) == Notice.objects.count()
    rows = NoticeListing.objects.count()
    history = Notice.history.count()
    assert demo.seed_notices() == 0
    assert Notice.objects.count() == created
    assert NoticeListing.objects.count() == rows
    assert Notice.history.count() == history
    assert lines and "created" in lines[0]


def test_a_missing_notice_is_added_back_by_title(communities):
    demo.seed_notices()
    Notice.objects.get(title="冬季燃气安全提示").delete()
    assert demo.seed_notices() == 1


def test_seed_has_a_running_and_a_finished_publicity_with_masked_names(client, communities):
    demo.seed_notices()
    running = Notice.objects.get(title="东南社区2026年11月城市最低生活保障新增对象公示")
    assert running.community == communities["东南"]
    assert running.period_state == PeriodState.RUNNING
    assert (running.period_ends - running.period_starts).days == 6
    assert 3 <= running.listings.count() <= 4
    assert running.objection_contact.startswith("东南社区居委会 0574-8")
    over = Notice.objects.filter(kind=NoticeKind.PUBLICITY).exclude(pk=running.pk).get()
    assert over.period_state == PeriodState.OVER

    text = client.get(reverse("notices:notice-detail", args=[running.pk])).text
    for name in running.listings.values_list("name", flat=True):
        assert name not in text


def test_seed_covers_every_kind_and_keeps_a_draft(communities):
    demo.seed_notices()
    public = Notice.objects.public()
    assert set(public.values_list("kind", flat=True)) == set(NoticeKind.values)
    assert public.filter(title="紫郡社区物业交接完成：绿宇物业11月1日正式接管").exists()
    assert public.filter(title="金谷社区正式成立", community=None).exists()
    assert Notice.objects.filter(status=NoticeStatus.DRAFT).count() == 1
    assert all(n.published_at <= timezone.now() for n in public)


def test_seed_needs_the_registry_communities(db):
    with pytest.raises(LookupError, match="registry seed"):
        demo.seed_notices()
    assert not Notice.objects.exists()
