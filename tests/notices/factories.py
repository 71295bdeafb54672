"""factory-boy factories for notices. ``NoticeFactory`` makes a published 公告 of the
whole sub-district, published an hour ago; ``PublicityFactory`` a running 公示."""

import datetime as dt

import factory
from django.utils import timezone

from portal.notices.models import Notice, NoticeKind, NoticeListing, NoticeStatus, default_period


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    kind = NoticeKind.ANNOUNCEMENT
    title = factory.Sequence(lambda n: f"通知{n}")
    body = "第一段。\n\n第二段。"
    community = None
    status = NoticeStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=NoticeStatus.DRAFT, published_at=None)
        withdrawn = factory.Trait(status=NoticeStatus.WITHDRAWN)


class PublicityFactory(NoticeFactory):
    kind = NoticeKind.PUBLICITY
    title = factory.Sequence(lambda n: f"低保新增对象公示{n}")
    objection_contact = "东南社区居委会 0574-88120101"
    period_starts = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    period_ends = factory.LazyAttribute(lambda o: default_period(o.period_starts)[1])


class NoticeListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeListing

    notice = factory.SubFactory(PublicityFactory)
    name = factory.Sequence(lambda n: f"张{'三四五六七八'[n % 6]}{n}")
    detail = "城市低保 3人 月保障金按标准核定"
    position = factory.Sequence(lambda n: n)
