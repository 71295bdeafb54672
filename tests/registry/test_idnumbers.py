import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from portal.registry.idnumbers import (
    build_id_number,
    check_digit,
    normalize_phone,
    parse_id_number,
    validate_phone,
)
from portal.registry.masking import mask_id_number, mask_name, mask_phone

TODAY = dt.date(2026, 11, 29)


def test_valid_number_gives_birth_date_and_gender():
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.gender == "F"  # sequence 002 is even


@pytest.mark.parametrize(
    "raw", ["110105 1949 1231 002x", "１１０１０５１９４９１２３１００２Ｘ", "110105-19491231-002X"]
)
def test_spaces_full_width_and_lower_x_are_normalised(raw):
    assert parse_id_number(raw, today=TODAY).number == "11010519491231002X"


def test_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as error:
        parse_id_number("110105194912310021", today=TODAY)
    assert error.value.code == "invalid_checksum"


def test_future_birth_date_is_refused_even_with_a_valid_check_digit():
    number = build_id_number("330203", dt.date(2027, 1, 5), 11)
    with pytest.raises(ValidationError) as error:
        parse_id_number(number, today=TODAY)
    assert error.value.code == "future_date"


def test_impossible_date_is_refused():
    body = "33020319900230001"
    with pytest.raises(ValidationError) as error:
        parse_id_number(body + check_digit(body), today=TODAY)
    assert error.value.code == "invalid_date"


def test_unknown_region_is_refused():
    number = build_id_number("990000", dt.date(1990, 1, 1), 11)
    with pytest.raises(ValidationError) as error:
        parse_id_number(number, today=TODAY)
    assert error.value.code == "invalid_region"


@pytest.mark.parametrize("year", [1930, 1958, 1983, 1990, 2002])
def test_an_old_region_code_is_accepted_for_people_born_before_it(year):
    """鄞县 (330227) was used 1983–2002. Someone born in 1958 got it on their first card
    in the 1980s: the code need only have been in use at some time between birth and
    today."""
    number = build_id_number("330227", dt.date(year, 6, 1), 21)
    assert parse_id_number(number, today=TODAY).birth_date.year == year


def test_a_region_code_retired_before_the_birth_is_refused():
    # 鄞县's code ended in 2002; nobody born after that was given it.
    number = build_id_number("330227", dt.date(2005, 6, 1), 21)
    with pytest.raises(ValidationError) as error:
        parse_id_number(number, today=TODAY)
    assert error.value.code == "invalid_region"


def test_a_region_code_created_after_today_is_refused():
    # 鄞州区 (330212) dates from 2002: not a code anyone held in 2001.
    number = build_id_number("330212", dt.date(1960, 6, 1), 21)
    assert parse_id_number(number, today=TODAY).number == number
    with pytest.raises(ValidationError) as error:
        parse_id_number(number, today=dt.date(2001, 1, 1))
    assert error.value.code == "invalid_region"


def test_fifteen_digit_number_is_upgraded_to_eighteen():
    info = parse_id_number("110105491231002", today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.birth_date == dt.date(1949, 12, 31)


def test_hong_kong_residence_permit_is_accepted():
    number = build_id_number("810000", dt.date(1995, 3, 4), 21)
    assert parse_id_number(number, today=TODAY).gender == "M"


@pytest.mark.parametrize("raw", ["", "12345", "1101051949123100XX"])
def test_malformed_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        parse_id_number(raw, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("+86 138-1234-5678", "13812345678"), ("008613812345678", "13812345678")],
)
def test_phone_prefix_and_separators_are_dropped(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "abc"])
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        validate_phone(raw)


def test_landline_with_area_code_is_accepted():
    validate_phone("0574-87654321")


def test_masks():
    assert mask_id_number("330203199001011234") == "330203********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
