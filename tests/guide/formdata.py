"""POST data for the staff form."""

from portal.guide.models import Category, PortalApp, Status


def entry_data(**overrides) -> dict[str, str]:
    data = {
        "title": "高龄津贴",
        "slug": "gaoling-jintie",
        "category": Category.ELDER_CARE,
        "app": PortalApp.ELDERCARE,
        "summary": "年满80周岁的本地户籍老年人，按年龄段按月领取高龄津贴。",
        "eligibility": "本街道户籍、年满80周岁的老年人。",
        "materials": "老人的身份证、户口簿\n\n老人本人的银行卡或存折\n",
        "steps": "到户籍所在社区服务大厅申请。\n社区核对年龄和户籍。",
        "fee": "免费",
        "place": "户籍所在社区的服务大厅",
        "opening_hours": "周一至周五 8:30–11:30，13:30–17:00",
        "contact": "街道养老服务窗口 0574-88120012",
        "keywords": "高龄补贴 尊老金",
        "status": Status.ACTIVE,
        "status_note": "",
        "online_path": "",
        "sort_order": "30",
    }
    data.update(overrides)
    return data
