"""The health app's cast: community A's facility and team (with doctor_a as its GP), a
weekday clinic timetable, and helpers."""

import pytest

from tests.health.helpers import make_team, make_timetable


@pytest.fixture
def team_a(community_a, compound_a, doctor_a):
    return make_team(community_a, doctor=doctor_a, compounds=[compound_a])


@pytest.fixture
def team_b(community_b):
    return make_team(community_b)


@pytest.fixture
def timetable_a(team_a):
    return make_timetable(team_a.facility)
