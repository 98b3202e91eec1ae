"""The shipped catalogue's own invariants, and the five source stretches' facts."""

from __future__ import annotations

import re

import pytest

from backstretch import MUSCLE_GROUPS, BackstretchError, Catalogue, Stretch, load_catalogue
from backstretch.catalogue.stretches import EQUIPMENT, FLAGS, KINDS, LEVELS, POSITIONS

SOURCE_FIVE = ["knee-to-chest", "back-rounders", "wall-warrior", "figure-four-glute",
               "seated-hamstring"]


def test_catalogue_is_large_enough(catalogue):
    assert len(catalogue) >= 25
    assert [s for s in SOURCE_FIVE if s not in catalogue] == []


def test_muscle_vocabulary_is_coarse_and_complete():
    assert 12 <= len(MUSCLE_GROUPS) <= 16
    for needed in ("hip_flexors", "deep_hip_rotators", "flank"):
        assert needed in MUSCLE_GROUPS
    for g in MUSCLE_GROUPS.values():
        assert g.view in ("front", "back") and g.muscles
    assert "piriformis" in MUSCLE_GROUPS["deep_hip_rotators"].muscles
    assert "quadratus lumborum" in MUSCLE_GROUPS["flank"].muscles


def test_every_group_is_used_by_some_stretch(catalogue):
    used = {g for s in catalogue.values() for g in s.primary + s.secondary}
    assert used == set(MUSCLE_GROUPS)


@pytest.mark.parametrize("field", ["name", "summary"])
def test_text_has_no_stray_whitespace(catalogue, field):
    for s in catalogue.values():
        value = getattr(s, field)
        assert value == value.strip() and "  " not in value, (s.id, value)


def test_every_stretch_is_complete(catalogue):
    for s in catalogue.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.id)
        assert len(s.steps) >= 3, s.id
        assert s.cautions, s.id
        assert s.position in POSITIONS and s.kind in KINDS and s.level in LEVELS
        assert set(s.equipment) <= set(EQUIPMENT) and set(s.flags) <= set(FLAGS)
        assert not set(s.primary) & set(s.secondary)


def test_source_stretches_keep_the_article_facts(catalogue):
    k2c = catalogue["knee-to-chest"]
    assert (k2c.position, k2c.per_side, k2c.hold.low, k2c.kind) == ("supine", True, 5, "static")
    assert set(k2c.primary) == {"glutes", "lower_back"} and "hamstrings" not in k2c.secondary
    rounders = catalogue["back-rounders"]
    assert (rounders.per_side, rounders.hold.low, rounders.hold.high) == (False, 5, 10)
    assert rounders.primary == ("lower_back",)
    warrior = catalogue["wall-warrior"]
    assert (warrior.kind, warrior.position, warrior.equipment) == ("strengthening", "standing",
                                                                   ("wall",))
    glute = catalogue["figure-four-glute"]
    assert (glute.per_side, glute.hold.low) == (True, 30)
    assert set(glute.primary) == {"glutes", "deep_hip_rotators"}
    ham = catalogue["seated-hamstring"]
    assert (ham.position, ham.per_side, ham.hold.low, ham.primary) == ("seated", True, 30,
                                                                       ("hamstrings",))
    assert all(catalogue[i].source == "article" for i in SOURCE_FIVE)


def test_desk_friendly_moves_exist(catalogue):
    no_floor = catalogue.filter(floor=False)
    assert len(no_floor) >= 6
    assert all(s.position in ("standing", "seated") for s in no_floor)


def test_filters(catalogue):
    standing = catalogue.filter(position="standing")
    assert standing and all(s.position == "standing" for s in standing)
    hams = catalogue.filter(muscle="hamstrings")
    assert "seated-hamstring" in [s.id for s in hams]
    nothing_needed = catalogue.filter(equipment="none")
    assert nothing_needed and all(not s.equipment for s in nothing_needed)
    with_wall = catalogue.filter(equipment="wall")
    assert "wall-warrior" in [s.id for s in with_wall]
    assert all(set(s.equipment) <= {"wall"} for s in with_wall)


def test_unknown_id_suggests_a_near_name(catalogue):
    with pytest.raises(BackstretchError, match="did you mean 'knee-to-chest'"):
        catalogue["knee-to-chst"]


def test_duplicate_ids_are_refused():
    entry = load_catalogue()["knee-to-chest"]
    with pytest.raises(BackstretchError, match="used twice"):
        Catalogue([entry, entry])


def test_stretch_from_dict_lists_every_problem():
    with pytest.raises(BackstretchError) as info:
        Stretch.from_dict({"id": "Bad Id", "hold": -3, "position": "upside down"}, "x.yaml")
    text = str(info.value)
    for expected in ("id: 'Bad Id' is not valid", "hold: -3 is not valid",
                     "position: 'upside down' is not valid", "name: is missing"):
        assert expected in text
    assert all(line.startswith("x.yaml: ") for line in text.splitlines())
