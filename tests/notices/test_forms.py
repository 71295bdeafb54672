"""The notice form on its own: ID numbers refused, choices limited to the user's scope."""

import pytest

from portal.notices.forms import NoticeEditor, NoticeForm
from tests.notices.formdata import notice_data


def test_form_refuses_a_body_with_an_id_number(staff_a, community_a):
    form = NoticeForm(notice_data(community_a, body="身份证号 110105197503091248"), user=staff_a)
    assert not form.is_valid()
    assert list(form.errors) == ["body"]


def test_form_takes_a_clean_body(staff_a, community_a):
    form = NoticeForm(notice_data(community_a), user=staff_a)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("persona", ["staff_a", "subdistrict_user"])
def test_editor_lists_only_publicity_rows(request, persona, community_a):
    user = request.getfixturevalue(persona)
    assert NoticeEditor(None, user=user, kind="publicity").listings is not None
    assert NoticeEditor(None, user=user, kind="news").listings is None
    assert NoticeEditor(None, user=user).listings is None


def test_posted_kind_wins_over_the_stored_one(staff_a, community_a):
    editor = NoticeEditor(notice_data(community_a, kind="publicity"), user=staff_a)
    assert editor.kind == "publicity"
    editor = NoticeEditor(notice_data(community_a, kind="bogus"), user=staff_a)
    assert editor.kind == "announcement"
    assert not editor.is_valid()
