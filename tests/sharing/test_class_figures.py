"""The instructor's view of a week: the figures over what was shared, anonymous shares
counted only in groups of five or more, named rows, and the rising-pain lines only for
named students who allowed them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from backstretch.sharing.class_figures import (
    MIN_ANONYMOUS,
    SPREAD,
    class_figures,
    figures_from_json,
)
from backstretch.sharing.class_page import CONTENT_SECURITY_POLICY, class_page, figures_html
from backstretch.sharing.share import Share, with_name

MONDAY = date(2026, 12, 7)


def share(days: int = 3, planned: int | None = 3, pain_change: int | None = -2,
          named: bool = False, name: str | None = None, rising: bool | None = None) -> Share:
    reached = None if pain_change is None else pain_change <= -2
    return with_name(Share(MONDAY, named, days, planned, 4, 6.0, pain_change, reached, 1.0,
                           False, rising), name)


NAMED = [share(3, name="bo", named=True, pain_change=-3),
         share(1, name="ada", named=True, pain_change=1, rising=True)]


def test_fewer_than_five_anonymous_shares_are_left_out_of_every_figure():
    anonymous = [share(0, pain_change=-5) for _ in range(MIN_ANONYMOUS - 1)]
    figures = class_figures([*NAMED, *anonymous], MONDAY)
    assert (figures.shared, figures.anonymous, figures.counted, figures.held_back) == (6, 4, 2, 4)
    assert figures.spread == {"on plan": 1, "1 day short": 0, "2 or more days short": 1,
                              "no plan": 0}
    assert (figures.pain.shares, figures.pain.median, figures.pain.reached) == (2, -1.0, 1)
    assert "4 anonymous shares are left out of the figures" in " ".join(figures.lines())


def test_five_anonymous_shares_count_with_the_named():
    anonymous = [share(0, pain_change=-5), share(3, planned=None, pain_change=None),
                 *[share(2, pain_change=-2) for _ in range(MIN_ANONYMOUS - 2)]]
    figures = class_figures([*NAMED, *anonymous], MONDAY)
    assert (figures.shared, figures.anonymous, figures.counted, figures.held_back) == (7, 5, 7, 0)
    assert sum(figures.spread.values()) == 7 and figures.spread["no plan"] == 1
    assert figures.spread["1 day short"] == 3 and figures.spread["2 or more days short"] == 2
    assert (figures.pain.shares, figures.pain.median, figures.pain.reached) == (6, -2.0, 5)
    assert not [line for line in figures.lines() if "left out" in line]
    assert list(figures.spread) == list(SPREAD)


def test_only_named_students_who_allowed_it_get_a_rising_pain_line():
    others = [share(named=True, name="cy", rising=False),
              share(named=True, name="di"),  # did not allow it
              share(rising=None)]
    figures = class_figures([*NAMED, *others], MONDAY)
    assert figures.rising == ("ada",)
    (line,) = figures.rising_lines()
    assert line.startswith("ada allowed you to know") and "not a diagnosis" in line
    assert [s.name for s in figures.named] == ["ada", "bo", "cy", "di"]


def test_other_weeks_are_not_counted_and_nothing_anonymous_is_sent():
    old = replace(share(named=True, name="ed"), week=MONDAY - timedelta(weeks=1))
    figures = class_figures([*NAMED, old, *[share() for _ in range(3)]], MONDAY)
    assert figures.shared == 5 and "ed" not in [s.name for s in figures.named]
    sent = figures.to_json()
    assert [s["name"] for s in sent["named"]] == ["ada", "bo"]
    assert figures_from_json(json.loads(json.dumps(sent))) == figures


def test_the_page_escapes_every_name_and_runs_nothing():
    odd = share(named=True, name="<img src=x onerror=alert(1)>", rising=True)
    page = class_page(class_figures([odd], MONDAY))
    assert "<img" not in page and "&lt;img src=x" in page
    assert "<script" not in page
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "script-src" not in \
        CONTENT_SECURITY_POLICY
    empty = figures_html(class_figures([], MONDAY))
    assert "0 students shared" in empty and "No student shared this week with their name" in empty


def test_the_class_page_in_german():
    from backstretch.base.language import speaking

    anonymous = [share(0, pain_change=-5) for _ in range(MIN_ANONYMOUS - 1)]
    figures = class_figures([*NAMED, *anonymous], MONDAY)
    with speaking("de"):
        page = class_page(figures)
        lines = figures.lines()
    assert page.startswith('<!DOCTYPE html><html lang="de">')
    assert "<title>Die geteilten Wochen des Kurses</title>" in page
    assert "<th>Name</th><th>Tage (vom Plan)</th>" in page and "Days (of plan)" not in page
    assert lines[0] == "Woche vom 7. Dezember 2026: 6 Personen haben geteilt (2 mit Namen, " \
                       "4 anonym)."
    assert lines[1].startswith("4 anonyme Freigaben bleiben in den Zahlen unberücksichtigt")
    assert "nach Plan: 1, 1 Tag zu wenig: 0" in lines[2] and "über 2 Freigaben" in lines[2]
    assert figures.to_json()["spread"] == {"on plan": 1, "1 day short": 0,
                                           "2 or more days short": 1, "no plan": 0}
    with speaking("de_AT"):
        assert class_page(figures).startswith('<!DOCTYPE html><html lang="de-AT">')
    with speaking("xx"):  # a language the workbook does not speak: English, and says so
        assert class_page(figures).startswith('<!DOCTYPE html><html lang="en">')
    assert class_page(figures).startswith('<!DOCTYPE html><html lang="en">')


def test_french_rows_and_changes_use_the_decimal_comma():
    from backstretch.base.language import speaking
    from backstretch.sharing.class_figures import row_words

    half = replace(NAMED[0], activities=6.5, activities_change=1.5)
    with speaking("fr"):
        row = row_words(half)
        line = class_figures([half], MONDAY).activities.line("activities")
    assert row[1:3] == ["3 sur 3", "douleur 4, activités 6,5"]
    assert row[3] == "-3, un changement que la plupart des gens remarquent"
    assert line.startswith("Moyenne des activités\u00a0: changement médian +1,5 sur 1 partage")
