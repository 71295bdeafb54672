import datetime as dt

from portal.registry.idnumbers import build_id_number
from portal.registry.models import Tag
from portal.registry.services import elderly_tags_refresh
from tests.factories import ResidentFactory

TODAY = dt.date(2026, 11, 29)


def test_residents_who_reached_60_are_tagged_once_with_history(community_a):
    turned_60_today = ResidentFactory(
        community=community_a, id_number=build_id_number("110105", dt.date(1966, 11, 29), 11)
    )
    turns_60_tomorrow = ResidentFactory(
        community=community_a, id_number=build_id_number("110105", dt.date(1966, 11, 30), 13)
    )
    history_before = turned_60_today.history.count()

    assert elderly_tags_refresh(today=TODAY) == 1
    assert elderly_tags_refresh(today=TODAY) == 0  # idempotent

    assert list(turned_60_today.tags.values_list("slug", flat=True)) == [Tag.ELDERLY]
    assert not turns_60_tomorrow.tags.exists()
    # The tag is part of the resident's record: its change is in the history.
    assert turned_60_today.history.count() == history_before + 1
