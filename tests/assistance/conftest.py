"""The assistance fixtures live in tests/assistance/fixtures.py (loaded for the whole
suite by the root conftest); the helpers are re-exported here for the tests' imports."""

from tests.assistance.fixtures import (
    YEAR,
    add_income,
    at,
    close_rosters,
    household_with,
    walk_to_publicity,
)

__all__ = ["YEAR", "add_income", "at", "close_rosters", "household_with", "walk_to_publicity"]
