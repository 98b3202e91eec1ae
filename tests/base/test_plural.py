"""Counts and lists in words, the one rule every message uses."""

from backstretch.base.plural import counted, joined


def test_counts_take_the_plural_the_number_needs():
    assert (counted(1, "day"), counted(0, "day"), counted(2, "activity", "activities")) \
        == ("1 day", "0 days", "2 activities")


def test_lists_are_joined_with_commas_and_a_last_and():
    assert joined(["Mon"]) == "Mon"
    assert joined(["Mon", "Fri"]) == "Mon and Fri"
    assert joined(["Mon", "Wed", "Fri"]) == "Mon, Wed and Fri"
