"""The registry forms on their own: derived fields, scoped choices, cross-field checks and
their messages (each once), and the list filters."""

import datetime as dt

import pytest

from portal.accounts.models import Role
from portal.registry.forms import (
    HouseholdFilterForm,
    HouseholdForm,
    ResidentFilterForm,
    ResidentForm,
    ScopeChoices,
)
from portal.registry.models import Relation, Resident
from tests.factories import UserFactory
from tests.registry.formdata import VALID_ID, resident_data


@pytest.mark.parametrize("form_class", [ResidentForm, HouseholdForm])
def test_forms_name_their_fields(form_class):
    # Mass assignment: a form lists what it takes, never "__all__" and never exclude.
    assert isinstance(form_class._meta.fields, list)
    assert form_class._meta.exclude is None


def test_blank_gender_and_birth_date_come_from_the_id_number(staff_a, community_a):
    form = ResidentForm(resident_data(community_a), user=staff_a)
    assert form.is_valid(), form.errors
    resident = form.save()
    assert (resident.gender, resident.birth_date) == ("F", dt.date(1975, 3, 9))


def test_typed_gender_and_birth_date_must_match_the_id_number(staff_a, community_a):
    data = resident_data(community_a, gender="M", birth_date="1975-03-10")
    form = ResidentForm(data, user=staff_a)
    assert not form.is_valid()
    assert set(form.errors) == {"gender", "birth_date"}
    assert ResidentForm(
        resident_data(community_a, gender="F", birth_date="1975-03-09"), user=staff_a
    ).is_valid()


def test_id_number_may_be_typed_with_spaces_and_full_width_digits(staff_a, community_a):
    spaced = f"{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}"
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in VALID_ID)
    for typed in (spaced, full_width, VALID_ID[:-1] + VALID_ID[-1].lower()):
        form = ResidentForm(resident_data(community_a, id_number=typed), user=staff_a)
        assert form.is_valid(), form.errors
        assert form.instance.id_number == VALID_ID


def test_choices_are_limited_to_the_users_communities(
    staff_a, community_a, household_a, household_b, compound_a, compound_b
):
    form = ResidentForm(user=staff_a)
    assert list(form.fields["community"].queryset) == [community_a]
    assert list(form.fields["household"].queryset) == [household_a]
    assert form.initial["community"] == community_a.pk
    form = HouseholdForm(user=staff_a)
    assert list(form.fields["community"].queryset) == [community_a]
    assert list(form.fields["compound"].queryset) == [compound_a]


def test_a_posted_community_out_of_scope_is_an_invalid_choice(staff_a, community_b):
    form = ResidentForm(resident_data(community_b), user=staff_a)
    assert not form.is_valid()
    assert form.has_error("community", code="invalid_choice")


def test_household_of_another_community_gives_one_error_and_no_relation_noise(
    subdistrict_user, community_a, household_b
):
    data = resident_data(community_a, household=household_b.pk, relation_to_head="spouse")
    form = ResidentForm(data, user=subdistrict_user)
    assert not form.is_valid()
    assert list(form.errors) == ["household"]
    assert len(form.errors["household"]) == 1


def test_a_mismatch_the_model_repeats_is_shown_once(
    subdistrict_user, resident_a, community_b, household_a
):
    # The form refuses household A for community B; the model's clean() sees the old
    # household with the new community and says the same again.
    data = resident_data(
        community_b,
        id_number=VALID_ID,
        household=household_a.pk,
        relation_to_head=Relation.HEAD,
    )
    form = ResidentForm(data, instance=resident_a, user=subdistrict_user)
    assert not form.is_valid()
    assert list(form.errors) == ["household"]
    assert len(form.errors["household"]) == 1


def test_a_second_head_is_refused_beside_the_relation(staff_a, household_a, resident_a):
    data = resident_data(
        household_a.community, household=household_a.pk, relation_to_head=Relation.HEAD
    )
    form = ResidentForm(data, user=staff_a)
    assert not form.is_valid()
    assert list(form.errors) == ["relation_to_head"]
    assert not form.non_field_errors()


def test_the_head_may_be_edited_without_refusing_itself(staff_a, household_a, resident_a):
    data = resident_data(
        household_a.community, household=household_a.pk, relation_to_head=Relation.HEAD
    )
    assert ResidentForm(data, instance=resident_a, user=staff_a).is_valid()


def test_household_compound_of_another_community_is_refused_once(
    subdistrict_user, community_a, community_b, compound_a, compound_b, household_a
):
    data = {
        "community": community_a.pk,
        "compound": compound_b.pk,
        "address": "1幢101室",
        "registration_type": "urban",
    }
    form = HouseholdForm(data, user=subdistrict_user)
    assert not form.is_valid()
    assert list(form.errors) == ["compound"]
    # Editing: the model also sees the old compound against the new community.
    data.update(community=community_b.pk, compound=compound_a.pk)
    form = HouseholdForm(data, instance=household_a, user=subdistrict_user)
    assert list(form.errors) == ["compound"]
    assert len(form.errors["compound"]) == 1


def test_editors_without_identity_checks_get_no_id_or_phone_fields(resident_a, community_a):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    assert {"id_number", "phone"} <= set(ResidentForm(user=administrator).fields)  # creating
    form = ResidentForm(instance=resident_a, user=administrator)
    assert "id_number" not in form.fields
    assert "phone" not in form.fields


def test_unreadable_stored_number_makes_gender_and_birth_date_required(resident_a, household_a):
    # An old record whose number no longer parses cannot give them; no crash on save.
    Resident.objects.filter(pk=resident_a.pk).update(id_number="330203198005170000")
    resident_a.refresh_from_db()
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    data = resident_data(
        household_a.community, household=household_a.pk, relation_to_head=Relation.HEAD
    )
    form = ResidentForm(data, instance=resident_a, user=administrator)
    assert not form.is_valid()
    assert set(form.errors) == {"gender", "birth_date"}


# --- list filters ------------------------------------------------------------------------------


@pytest.fixture
def scope(community_a, community_b, compound_a, compound_b):
    return ScopeChoices(
        communities=[(community_a.pk, "东南"), (community_b.pk, "雅苑")],
        compounds={"东南": [(compound_a.pk, "东南花园")], "雅苑": [(compound_b.pk, "雅苑新村")]},
    )


def test_filter_form_keeps_valid_filters_and_drops_invalid_ones(scope, community_a, compound_b):
    data = {"q": "张", "community": str(community_a.pk), "compound": "999", "tag": "elderly"}
    form = ResidentFilterForm(data, scope=scope, tags=[("elderly", "老年人")])
    assert form.filters() == {"q": "张", "community": community_a.pk, "tag": "elderly"}
    assert form.has_error("compound")


def test_filter_form_for_one_community_has_no_community_select(community_a, compound_a):
    scope = ScopeChoices(
        communities=[(community_a.pk, "东南")], compounds={"东南": [(compound_a.pk, "东南花园")]}
    )
    form = HouseholdFilterForm({"community": str(community_a.pk)}, scope=scope)
    assert "community" not in form.fields
    assert form.fields["compound"].choices[1:] == [(compound_a.pk, "东南花园")]  # no groups
    assert form.filters() == {}


def test_household_filter_takes_a_registration_type(scope):
    form = HouseholdFilterForm({"registration_type": "rural"}, scope=scope)
    assert form.filters() == {"registration_type": "rural"}
    assert HouseholdFilterForm({"registration_type": "x"}, scope=scope).filters() == {}
