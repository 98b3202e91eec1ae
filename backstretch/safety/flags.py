"""The safety notes as data: red flags in two tiers, stop signs and conditions, each with
its sources. ``notes`` renders them; docs/sources.md lists the sources."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A published source a safety statement or figure rests on."""

    key: str
    title: str
    publisher: str
    year: str
    """Year of publication, or when a web page that changes over time was checked."""


CHECKED = "web page, checked 2026"
SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source("nhs-back-pain", "Back pain", "NHS website", CHECKED),
        Source("nhs-cauda-equina", "Cauda equina syndrome", "NHS website", CHECKED),
        Source("ces-card", "Cauda equina syndrome symptom cards", "NHS trusts", CHECKED),
        Source("nice-cks-lbp", "Back pain - low (without radiculopathy)",
               "NICE Clinical Knowledge Summaries", CHECKED),
        Source("nhs-borders", "Back pain exercise advice for patients", "NHS Borders", CHECKED),
        Source("mayo-osteoporosis", "Exercising with osteoporosis: stay active the safe way",
               "Mayo Clinic", CHECKED),
        Source("nhs-pregnancy-exercise", "Exercise in pregnancy", "NHS website", CHECKED),
    )
}
"""Every source the safety data cites, by key."""


@dataclass(frozen=True)
class RedFlag:
    """A symptom that, with back pain, needs a doctor rather than a stretch."""

    text: str
    sources: tuple[str, ...]
    """Keys of ``SOURCES``."""


@dataclass(frozen=True)
class Tier:
    """A group of red flags that ask for the same action."""

    id: str
    label: str
    """One word that says how urgent: "Emergency" or "Urgent"."""
    action: str
    """What to do, and when."""
    why: str
    flags: tuple[RedFlag, ...]

    @property
    def heading(self) -> str:
        """The line people read first: the label, then what to do."""
        return f"{self.label}: {self.action}"


EMERGENCY = Tier(
    "emergency",
    "Emergency",
    "call 999 (UK), 112 (EU) or 911 (US), or go to an emergency department now, "
    "if you have back pain with any of these",
    "They can be signs of cauda equina syndrome (pressure on the nerves at the bottom of the "
    "spine), a surgical emergency where hours matter, or of another emergency. Do not wait to see "
    "if it passes, and do not stretch.",
    (
        RedFlag("Pain, tingling, weakness or numbness in both legs.",
                ("nhs-back-pain", "ces-card")),
        RedFlag("Numbness or tingling around your genitals, buttocks or back passage (the "
                "saddle area), or wiping feels different from usual.",
                ("nhs-cauda-equina", "ces-card")),
        RedFlag("New trouble passing urine, losing control of your bladder or bowels, or not "
                "being able to tell when they are full.", ("nhs-cauda-equina", "ces-card")),
        RedFlag("A new loss of sexual function: erections, ejaculation or feeling in the "
                "genitals.", ("ces-card",)),
        RedFlag("Chest pain.", ("nhs-back-pain",)),
        RedFlag("The pain began after a serious accident, such as a car crash or a fall from "
                "a height.", ("nhs-back-pain",)),
    ),
)
"""Red flags that need emergency care at once."""

URGENT = Tier(
    "urgent",
    "Urgent",
    "get a same-day appointment with a doctor (in the UK your GP, or call 111) "
    "if you have back pain with any of these",
    "They can point to a cause other than strained muscles, such as an infection, a "
    "fracture or a tumour, that a doctor should rule out first.",
    (
        RedFlag("A high temperature, or you feel generally unwell.",
                ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("You are losing weight without trying.", ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("A lump or swelling in your back, or your back has changed shape.",
                ("nhs-back-pain",)),
        RedFlag("Pain that does not ease when you rest, or is worse at night.",
                ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("Pain that gets worse when you sneeze, cough or open your bowels.",
                ("nhs-back-pain",)),
        RedFlag("Pain high up between the shoulder blades rather than in the low back.",
                ("nhs-back-pain", "nice-cks-lbp")),
        RedFlag("You have had cancer, have osteoporosis or take steroids long term (even "
                "if the pain followed only a small fall), have a weakened immune system, or "
                "inject drugs.", ("nice-cks-lbp", "nhs-back-pain")),
        RedFlag("The back pain first started before age 20 or after age 50, with no "
                "obvious cause.", ("nice-cks-lbp",)),
    ),
)
"""Red flags that need a doctor the same day."""

TIERS = (EMERGENCY, URGENT)
"""Both tiers, the emergency tier first."""

NOT_ADVICE = (
    "This workbook is not medical advice and does not replace a clinician who has "
    "examined you. If you are unsure whether stretching suits your back, ask one first."
)

STOP_SIGNS = (
    "Pain that sharpens instead of easing as you hold.",
    "Pain, tingling or numbness that travels down a leg.",
    "Any new numbness or pins and needles.",
)
"""Stop the stretch at once if any of these happens; mild pulling is expected, pain is not."""
STOP_SOURCES = ("nhs-borders",)
"""NHS Borders: avoid any exercise that increases your pain; the rest is common practice."""

CLASS_LINE = ("Stop if pain sharpens or spreads down a leg. Both legs weak or numb, numb "
              "saddle area or bladder or bowel trouble: call 999, 112 or 911 now.")
"""The one safety line the class view keeps on screen."""
SHORT_LINE = ("Stop if pain sharpens or spreads down a leg. Numbness in both legs or the "
              "saddle area, or new bladder or bowel trouble, is an emergency: call 999, "
              "112 or 911.")
"""The short line the builder's dose panel and the guided session show."""


@dataclass(frozen=True)
class Condition:
    """A health condition some stretches should be left out for (``avoid_with`` in the
    catalogue)."""

    id: str
    name: str
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
        Condition("osteoporosis", "Osteoporosis", "I have osteoporosis",
                  "it rounds the spine forward",
                  "Leave out stretches that round the spine forward (knee to chest, back "
                  "rounders, child's pose, forward folds, seated hamstring and the like): "
                  "bending forward loads the front of weakened vertebrae and can cause "
                  "compression fractures.",
                  "Not with osteoporosis: rounding the spine forward can cause compression "
                  "fractures in weakened vertebrae.", ("mayo-osteoporosis",)),
        Condition("pregnancy", "Pregnancy", "I am pregnant", "it is done lying on your back",
                  "Leave out stretches done lying on your back: from about 16 weeks, lying "
                  "flat on your back for long can let the bump press on a main blood vessel "
                  "and make you feel faint.",
                  "In pregnancy, from about 16 weeks, choose a stretch that is not done lying "
                  "on your back.", ("nhs-pregnancy-exercise",)),
    )
}
"""Conditions the catalogue's ``avoid_with`` may name, by id."""
