"""factory-boy factories for the service guide."""

import factory

from portal.guide.models import Category, PortalApp, ServiceEntry, Status


class ServiceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceEntry

    slug = factory.Sequence(lambda n: f"service-{n}")
    title = factory.Sequence(lambda n: f"测试事项{n}")
    category = Category.COMMUNITY
    app = PortalApp.PORTAL
    summary = "一句话说明这项服务是什么。"
    eligibility = "本街道居民。"
    materials = "身份证\n户口簿"
    steps = "到社区服务大厅申请。\n工作人员审核。"
    fee = "免费"
    place = "潘火街道社区服务中心（街道便民服务中心一楼）"
    opening_hours = "周一至周五 8:30–11:30，13:30–17:00"
    contact = "街道社会救助窗口 0574-88120011"
    sort_order = 0

    class Params:
        closed = factory.Trait(status=Status.CLOSED, status_note="2026年3月31日前暂停受理。")
