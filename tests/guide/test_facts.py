"""The 低保 guide quotes the standards in force from the standards table, through a hook
the assistance app answers; the guide never imports assistance."""

import ast
from pathlib import Path

import pytest
import time_machine

from portal.guide import facts
from tests.guide.factories import ServiceEntryFactory

pytestmark = pytest.mark.django_db


def test_the_guide_shows_the_standards_in_force(client, catalogue):
    entry = ServiceEntryFactory(
        slug="dibao", title="最低生活保障", eligibility="现行低保标准：{{低保标准}}。"
    )
    with time_machine.travel("2026-12-10 10:00 +0800"):
        page = client.get(entry.get_absolute_url())
    text = page.text
    assert "{{" not in text
    assert "现行低保标准：城市1,180.00 元/人·月，农村1,060.00 元/人·月。" in text
    entry.refresh_from_db()
    assert "{{低保标准}}" in entry.eligibility  # filled when shown, never saved


def test_a_placeholder_nobody_answers_reads_as_this_years_standard(client):
    entry = ServiceEntryFactory(slug="tekun", eligibility="标准{{未知}}。")
    assert "标准按当年标准执行。" in client.get(entry.get_absolute_url()).text


def test_the_guide_does_not_import_assistance():
    for path in Path("portal/guide").glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = [
            getattr(node, "module", None) or node.names[0].name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
        ]
        assert not [m for m in imported if m and m.startswith("assistance")], path


def test_a_failing_app_leaves_its_fact_out(db):
    def broken(sender, **kwargs):
        raise RuntimeError("table missing")

    facts.guide_facts.connect(broken, dispatch_uid="test-broken")
    try:
        assert facts.fill("{{低保标准}}", facts.collect_facts()) == "按当年标准执行"
    finally:
        facts.guide_facts.disconnect(dispatch_uid="test-broken")
