"""POST data for the registry forms, shared by the form and view tests."""

import datetime as dt

from portal.registry.idnumbers import build_id_number
from portal.registry.models import RegistrationType

# A valid number of a woman born 1975-03-09.
VALID_ID = build_id_number("110105", dt.date(1975, 3, 9), 124)


def resident_data(community, **overrides) -> dict:
    """A valid registration: gender and birth date left for the ID number to give.
    An override of None drops the field from the POST."""
    data = {
        "name": "王芳",
        "id_number": VALID_ID,
        "gender": "",
        "birth_date": "",
        "phone": "13812345678",
        "community": community.pk,
        "household": "",
        "relation_to_head": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def household_data(community, compound=None, **overrides) -> dict:
    data = {
        "community": community.pk,
        "compound": compound.pk if compound else "",
        "address": "东南花园9幢101室",
        "registration_type": RegistrationType.RURAL,
    }
    data.update(overrides)
    return data
