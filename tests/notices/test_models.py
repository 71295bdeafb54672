"""Notice rules that hold wherever a notice is written (form, admin, seed): no ID or
mobile numbers, a 公示 needs its period, rows only on a 公示, and the status map."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.notices.models import (
    Notice,
    NoticeKind,
    NoticeListing,
    NoticeStatus,
    PeriodState,
    default_period,
)
from tests.notices.factories import NoticeFactory, NoticeListingFactory, PublicityFactory

pytestmark = pytest.mark.django_db

ID_NUMBER = "110105197503091248"


@pytest.mark.parametrize(
    "text",
    [
        f"身份证号{ID_NUMBER}",
        "身份证 110105 19750309 1248",
        "旧证号 110105750309124",
        "手机 13812345678",
        "电话：+86 138-1234-5678",
        "电话：１３８１２３４５６７８",  # full-width digits, as Chinese input methods type them
    ],
)
def test_personal_numbers_are_refused_in_title_and_body(text):
    for field in ("title", "body"):
        notice = NoticeFactory.build(**{field: text})
        with pytest.raises(ValidationError) as error:
            notice.full_clean()
        assert list(error.value.message_dict) == [field]


def test_landlines_dates_and_amounts_are_fine():
    notice = NoticeFactory.build(
        body="咨询电话 0574-88120101，2026年11月1日起，每人每月1200元，共68户。"
    )
    notice.full_clean()


def test_listing_rows_refuse_personal_numbers_too():
    row = NoticeListingFactory.build(notice=PublicityFactory(), detail=f"证号 {ID_NUMBER}")
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert list(error.value.message_dict) == ["detail"]


def test_rows_belong_to_a_publicity_only():
    row = NoticeListingFactory.build(notice=NoticeFactory())
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "__all__" in error.value.message_dict


def test_publicity_needs_a_period_ending_on_or_after_its_start():
    notice = PublicityFactory.build(period_starts=None, period_ends=None)
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert set(error.value.message_dict) == {"period_starts", "period_ends"}
    today = timezone.localdate()
    notice = PublicityFactory.build(period_starts=today, period_ends=today - dt.timedelta(1))
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert list(error.value.message_dict) == ["period_ends"]
    PublicityFactory.build(period_starts=today, period_ends=today).full_clean()


def test_default_period_is_seven_days_both_ends_included(settings):
    start = dt.date(2026, 11, 10)
    assert default_period(start) == (start, dt.date(2026, 11, 16))
    settings.NOTICE_PERIOD_DAYS = 5
    assert default_period(start) == (start, dt.date(2026, 11, 14))


def test_other_kinds_keep_no_period():
    notice = NoticeFactory(
        period_starts=dt.date(2026, 1, 1), period_ends=dt.date(2026, 1, 7), objection_contact="x"
    )
    notice.refresh_from_db()
    assert (notice.period_starts, notice.period_ends, notice.objection_contact) == (None, None, "")


def test_period_state():
    today = timezone.localdate()
    notice = PublicityFactory.build(period_starts=today, period_ends=today + dt.timedelta(6))
    assert notice.period_state_on(today - dt.timedelta(1)) == PeriodState.UPCOMING
    assert notice.period_state_on(today + dt.timedelta(6)) == PeriodState.RUNNING
    assert notice.period_state_on(today + dt.timedelta(7)) == PeriodState.OVER
    assert NoticeFactory.build().period_state is None


def test_public_queryset_is_published_and_due_newest_first():
    now = timezone.now()
    old = NoticeFactory(published_at=now - dt.timedelta(days=2))
    new = NoticeFactory(published_at=now - dt.timedelta(minutes=1))
    NoticeFactory(draft=True)
    NoticeFactory(withdrawn=True)
    later = NoticeFactory(published_at=now + dt.timedelta(hours=1))
    assert list(Notice.objects.public()) == [new, old]
    assert list(Notice.objects.public(now=now + dt.timedelta(hours=2))) == [later, new, old]


# --- status ------------------------------------------------------------------------------------


def test_transitions_follow_the_map():
    notice = NoticeFactory(draft=True)
    with pytest.raises(ValidationError):
        notice.transition(NoticeStatus.WITHDRAWN)
    assert notice.status == NoticeStatus.DRAFT
    notice.transition(NoticeStatus.PUBLISHED)
    assert notice.published_at is not None
    with pytest.raises(ValidationError):
        notice.transition(NoticeStatus.DRAFT)
    notice.transition(NoticeStatus.WITHDRAWN)
    notice.transition(NoticeStatus.PUBLISHED)
    statuses = list(notice.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["draft", "published", "withdrawn", "published"]


def test_an_incomplete_notice_cannot_be_published():
    notice = PublicityFactory(draft=True)
    Notice.objects.filter(pk=notice.pk).update(period_ends=None)
    notice.refresh_from_db()
    with pytest.raises(ValidationError):
        notice.transition(NoticeStatus.PUBLISHED)
    notice.refresh_from_db()
    assert (notice.status, notice.published_at) == (NoticeStatus.DRAFT, None)


def test_history_is_kept_on_notices_and_rows():
    notice = PublicityFactory(title="初稿")
    row = NoticeListingFactory(notice=notice, name="张三")
    notice.title = "定稿"
    notice.save()
    row.name = "张叁"
    row.save()
    assert list(notice.history.values_list("title", flat=True)) == ["定稿", "初稿"]
    assert list(row.history.values_list("name", flat=True)) == ["张叁", "张三"]


def test_kinds():
    assert set(NoticeKind.values) == {"announcement", "publicity", "news"}
    assert NoticeListing._meta.get_field("notice").remote_field.model is Notice
