"""POST data for the notice form, shared by the view and form tests."""

import datetime as dt

from django.utils import timezone


def notice_data(community=None, *, listings=None, existing=(), **overrides) -> dict:
    """A valid 公告 (or, with ``kind="publicity"``, a 公示 with ``listings``: a list of
    ``(name, detail)``). ``existing`` are stored rows as ``(row, delete)``. An override
    of None drops the field from the POST."""
    today = timezone.localdate()
    data = {
        "kind": "announcement",
        "title": "冬季燃气安全提示",
        "community": community.pk if community else "",
        "body": "使用燃气时保持通风。\n\n人离火灭。",
        "period_starts": "",
        "period_ends": "",
        "objection_contact": "",
    }
    if overrides.get("kind") == "publicity":
        data.update(
            {
                "title": "城市最低生活保障新增对象公示",
                "period_starts": today.isoformat(),
                "period_ends": (today + dt.timedelta(days=6)).isoformat(),
                "objection_contact": "东南社区居委会 0574-88120101",
            }
        )
    if listings is not None or existing:
        data.update(listing_data(listings or [], existing=existing))
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def listing_data(rows, *, existing=()) -> dict:
    """The formset's management form and rows: stored rows first, then the new ones."""
    data = {
        "listings-TOTAL_FORMS": str(len(existing) + len(rows)),
        "listings-INITIAL_FORMS": str(len(existing)),
        "listings-MIN_NUM_FORMS": "0",
        "listings-MAX_NUM_FORMS": "500",
    }
    index = 0
    for row, delete in existing:
        data[f"listings-{index}-id"] = str(row.pk)
        data[f"listings-{index}-name"] = row.name
        data[f"listings-{index}-detail"] = row.detail
        if delete:
            data[f"listings-{index}-DELETE"] = "on"
        index += 1
    for name, detail in rows:
        data[f"listings-{index}-name"] = name
        data[f"listings-{index}-detail"] = detail
        index += 1
    return data
