"""The safety notes as data: red flags in two tiers, stop signs and conditions, each with
its sources. ``notes`` renders them; docs/sources.md lists the sources."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.language import N_, _
from .numbers import class_line, emergency_action, short_line, urgent_action
from .sources import SOURCES, Source

__all__ = ["CONDITIONS", "EMERGENCY", "NOT_ADVICE", "SOURCES", "STOP_SIGNS", "STOP_SOURCES",
           "TIERS", "URGENT", "Condition", "RedFlag", "Source", "Tier", "class_line",
           "short_line", "stop_signs"]


@dataclass(frozen=True)
class RedFlag:
    """A symptom that, with back pain, needs a doctor rather than a stretch."""

    id: str
    text: str
    """In English (the catalogue's message); ``shown`` is in the language spoken."""
    sources: tuple[str, ...]
    """Keys of ``SOURCES``."""

    @property
    def shown(self) -> str:
        """The flag in the language spoken now."""
        return _(self.text)


@dataclass(frozen=True)
class Tier:
    """A group of red flags that ask for the same action."""

    id: str
    label: str
    """One word that says how urgent: "Emergency" or "Urgent" (English; ``_`` to show)."""
    why: str
    flags: tuple[RedFlag, ...]

    @property
    def action(self) -> str:
        """What to do, and when, with the numbers of the person's country, in the
        language spoken now (``numbers``)."""
        return emergency_action() if self.id == "emergency" else urgent_action()

    @property
    def heading(self) -> str:
        """The line people read first: the label, then what to do (language spoken now)."""
        # TRANSLATORS: a red-flag tier's heading: "Emergency: call 112 ...".
        return _("{label}: {action}").format(label=_(self.label), action=self.action)

    @property
    def lead(self) -> str:
        """The heading as it stands above its list, with its colon."""
        # TRANSLATORS: a red-flag tier's heading above its list (French: "{label} : {action} :").
        return _("{label}: {action}:").format(label=_(self.label), action=self.action)


EMERGENCY = Tier(
    "emergency",
    N_("Emergency"),
    N_("They can be signs of cauda equina syndrome (pressure on the nerves at the bottom of "
       "the spine), a surgical emergency where hours matter, or of another emergency. Do not "
       "wait to see if it passes, and do not stretch."),
    (
        RedFlag("both-legs", N_("Pain, tingling, weakness or numbness in both legs."),
                ("nhs-back-pain", "ces-card")),
        RedFlag("saddle", N_("Numbness or tingling around your genitals, buttocks or back "
                             "passage (the saddle area), or wiping feels different from "
                             "usual."),
                ("nhs-cauda-equina", "ces-card")),
        RedFlag("bladder-bowel", N_("New trouble passing urine, losing control of your "
                                    "bladder or bowels, or not being able to tell when they "
                                    "are full."), ("nhs-cauda-equina", "ces-card")),
        RedFlag("sexual-function", N_("A new loss of sexual function: erections, ejaculation "
                                      "or feeling in the genitals."), ("ces-card",)),
        # TRANSLATORS: pain in the chest (heart, lungs), not pain of the thoracic spine;
        # keep it apart from "pain high up between the shoulder blades".
        RedFlag("chest", N_("Chest pain."), ("nhs-back-pain",)),
        RedFlag("accident", N_("The pain began after a serious accident, such as a car crash "
                               "or a fall from a height."), ("nhs-back-pain",)),
    ),
)
"""Red flags that need emergency care at once."""

URGENT = Tier(
    "urgent",
    N_("Urgent"),
    N_("They can point to a cause other than strained muscles, such as an infection, a "
       "fracture or a tumour, that a doctor should rule out first."),
    (
        RedFlag("fever", N_("A high temperature or chills (shivering), or you feel generally "
                            "unwell."),
                ("nhs-back-pain", "nice-cks-lbp", "iqwig-kreuzschmerz", "nvl-kreuzschmerz")),
        RedFlag("weight-loss", N_("You are losing weight without trying."),
                ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("lump", N_("A lump or swelling in your back, or your back has changed "
                           "shape."), ("nhs-back-pain",)),
        RedFlag("night-pain", N_("Pain that does not ease when you rest, or is worse at "
                                 "night."), ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("sneeze", N_("Pain that gets worse when you sneeze, cough or open your "
                             "bowels."), ("nhs-back-pain",)),
        # TRANSLATORS: pain of the upper (thoracic) back, not chest pain, which is in the
        # emergency list.
        RedFlag("shoulder-blades", N_("Pain high up between the shoulder blades rather than "
                                      "in the low back."), ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("history", N_("You have had cancer, have osteoporosis or take steroids long "
                              "term (even if the pain followed only a small fall), have a "
                              "weakened immune system, or inject drugs."),
                ("nice-cks-lbp", "nhs-back-pain")),
        # TRANSLATORS: keep 20 and 50 (some national lists say 55; the workbook keeps the
        # more cautious 50 in every language).
        RedFlag("age", N_("The back pain first started before age 20 or after age 50, with "
                          "no obvious cause."), ("nice-cks-lbp",)),
    ),
)
"""Red flags that need a doctor the same day."""

TIERS = (EMERGENCY, URGENT)
"""Both tiers, the emergency tier first."""

NOT_ADVICE = N_(
    "This workbook is not medical advice and does not replace a clinician who has "
    "examined you. If you are unsure whether stretching suits your back, ask one first."
)

STOP_SIGNS = (
    N_("Pain that sharpens instead of easing as you hold."),
    N_("Pain, tingling or numbness that travels down a leg."),
    N_("Any new numbness or pins and needles."),
    N_("Pain that eases while a leg gets weaker: that is not getting better, it is an "
       "emergency."),
)
"""Stop the stretch at once if any of these happens; mild pulling is expected, pain is not.
In English (catalogue messages): ``stop_signs()`` gives them in the language spoken."""
STOP_SOURCES = ("nhs-borders", "nvl-kreuzschmerz")
"""NHS Borders: avoid any exercise that increases your pain; the German NVL: pain easing
while a paralysis grows is a warning sign. The rest is common practice."""


def stop_signs() -> tuple[str, ...]:
    """``STOP_SIGNS`` in the language spoken now."""
    return tuple(_(s) for s in STOP_SIGNS)


@dataclass(frozen=True)
class Condition:
    """A health condition some stretches should be left out for (``avoid_with`` in the
    catalogue). Its words are English (catalogue messages): ``_`` them where shown."""

    id: str
    name: str
    term: str
    """The name inside a sentence: "leave it out with osteoporosis" (no ``.lower()``:
    German capitalises its nouns)."""
    ticked: str
    """How a person says it is theirs, beside a tick box: "I am pregnant"."""
    why: str
    """Why a stretch it rules out is ruled out, as a clause: "it rounds the spine"."""
    rule: str
    """Which stretches carry it, and why."""
    caution: str
    """What a stretch that carries it says among its cautions."""
    sources: tuple[str, ...]


CONDITIONS: dict[str, Condition] = {
    c.id: c
    for c in (
        Condition("osteoporosis", N_("Osteoporosis"),
                  # TRANSLATORS: the condition inside a sentence ("leave it out with ...").
                  N_("osteoporosis"), N_("I have osteoporosis"),
                  N_("it rounds the spine forward"),
                  N_("Leave out stretches that round the spine forward (knee to chest, back "
                     "rounders, child's pose, forward folds, seated hamstring and the like): "
                     "bending forward loads the front of weakened vertebrae and can cause "
                     "compression fractures."),
                  N_("Not with osteoporosis: rounding the spine forward can cause "
                     "compression fractures in weakened vertebrae."), ("mayo-osteoporosis",)),
        Condition("pregnancy", N_("Pregnancy"),
                  # TRANSLATORS: the condition inside a sentence ("leave it out with ...").
                  N_("pregnancy"), N_("I am pregnant"), N_("it is done lying on your back"),
                  N_("Leave out stretches done lying on your back: from about 16 weeks, "
                     "lying flat on your back for long can let the bump press on a main "
                     "blood vessel and make you feel faint."),
                  N_("In pregnancy, from about 16 weeks, choose a stretch that is not done "
                     "lying on your back."), ("nhs-pregnancy-exercise",)),
    )
}
"""Conditions the catalogue's ``avoid_with`` may name, by id."""
