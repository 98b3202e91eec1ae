"""Which numbers to call, by the person's country (the territory of the language being
spoken: ``de_AT`` is Austria), never by their language: German is spoken in three
countries with three sets of numbers. Where the country is not known (``es``, ``en``, a
C locale) the workbook gives 112, the emergency number across Europe, and says to use
the local emergency number. A line that depends on the region (France's 116 117, Swiss
cantonal lines, Spain's regional health lines, Quebec's 811) is named as such.

Each sentence that carries a number is whole, one per case, for the translators.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.language import N_, Language, _, current


@dataclass(frozen=True)
class Numbers:
    """A country's emergency number(s) and its line for same-day medical help."""

    territory: str | None
    """The country (ISO 3166 code), None where it is not known."""
    emergency: str
    other: str = ""
    """A second emergency number that works as well (112 beside 15 in France)."""
    urgent: str = ""
    """A phone line for same-day medical help, if the country has one."""
    reach: str = "none"
    """How far the same-day help reaches: ``gp`` (UK: the GP or 111), ``national`` (a
    line across the country), ``regional`` (a line only in some areas: ``where``),
    ``some-regions`` (France: 116 117 where the region has it, otherwise the 15),
    ``canton`` (a line per Swiss canton, no number given), ``region`` (a line per
    Spanish region, no number given) or ``none`` (a doctor, no line)."""
    service: str = ""
    """What the ``urgent`` line is, as a phrase (an ``N_`` message)."""
    where: str = ""
    """Where a ``regional`` line works, as a phrase (an ``N_`` message)."""
    sources: tuple[str, ...] = ()
    """Keys of ``sources.SOURCES``."""


NBSP = "\u00a0"
"""Inside a number ("116 117"), so that no line breaks it in two."""
ON_CALL = N_("the on-call doctor, when your practice is closed")
BY_COUNTRY: dict[str, Numbers] = {
    n.territory or "": n
    for n in (
        Numbers("GB", "999", urgent="111", reach="gp", sources=("nhs-999-111",)),
        Numbers("US", "911", sources=("us-911",)),
        Numbers("CA", "911", urgent="811", reach="regional",
                # TRANSLATORS: Quebec's 811; "Info-Santé" is its name, keep it.
                service=N_("Info-Santé, a nurse, day and night"),
                # TRANSLATORS: where Canada's 811 line (Info-Santé) is meant: Quebec.
                where=N_("in Quebec"),
                sources=("qc-811",)),
        Numbers("MX", "911", sources=("mx-911",)),
        Numbers("AR", "107", "911", sources=("ar-107", "ar-911")),
        Numbers("ES", "112", reach="region", sources=("es-112",)),
        Numbers("DE", "112", urgent=f"116{NBSP}117", reach="national",
                # TRANSLATORS: Germany's 116 117, the ärztlicher Bereitschaftsdienst.
                service=N_("the on-call doctors' service, when your practice is closed"),
                sources=("de-116117",)),
        Numbers("AT", "144", "112", urgent="1450", reach="national",
                # TRANSLATORS: Austria's 1450, "telefonische Gesundheitsberatung".
                service=N_("health advice by phone, day and night"),
                sources=("at-notrufe", "at-1450")),
        Numbers("CH", "144", "112", reach="canton", sources=("ch-144", "ch-144-fr",
                                                             "ch-aerztefon")),
        Numbers("FR", "15", "112", urgent=f"116{NBSP}117", reach="some-regions",
                service=ON_CALL, sources=("fr-numeros", "fr-116117")),
        Numbers("BE", "112", urgent="1733", reach="regional", service=ON_CALL,
                # TRANSLATORS: Belgium's 1733 works everywhere in Wallonia and Brussels,
                # not yet in every other area.
                where=N_("not yet in every area"), sources=("be-112", "be-1733")),
    )
}
"""The countries whose numbers the workbook knows, by ISO 3166 code (docs/sources.md)."""

UNKNOWN = Numbers(None, "112", sources=("eu-112",))
"""Where the country is not known: the European 112, and the local number."""


def numbers(language: Language | None = None) -> Numbers:
    """The numbers for the country of ``language`` (the one spoken now by default)."""
    territory = (language or current()).territory
    return BY_COUNTRY.get(territory or "", UNKNOWN)


def emergency_action(n: Numbers | None = None) -> str:
    """The emergency tier's "what to do", with the country's number(s)."""
    n = n or numbers()
    if n.territory is None:
        # TRANSLATORS: the emergency tier's action, after "Emergency: ", when the
        # person's country is not known; {emergency} is 112.
        text = _("call {emergency} (the emergency number across Europe) or your local "
                 "emergency number, or go to an emergency department now, if you have "
                 "back pain with any of these")
    elif n.other:
        # TRANSLATORS: the emergency tier's action, after "Emergency: "; two numbers
        # that both work, e.g. 15 or 112 in France.
        text = _("call {emergency} or {other}, or go to an emergency department now, "
                 "if you have back pain with any of these")
    else:
        # TRANSLATORS: the emergency tier's action, after "Emergency: "; one number.
        text = _("call {emergency} or go to an emergency department now, if you have "
                 "back pain with any of these")
    return text.format(emergency=n.emergency, other=n.other)


def urgent_action(n: Numbers | None = None) -> str:
    """The urgent tier's "what to do": a doctor the same day, and the country's line."""
    n = n or numbers()
    if n.reach == "gp":
        # TRANSLATORS: the urgent tier's action, after "Urgent: ", in the UK (111).
        text = _("get a same-day appointment with a doctor (your GP, or call {urgent}) "
                 "if you have back pain with any of these")
    elif n.reach == "national":
        # TRANSLATORS: the urgent tier's action, after "Urgent: "; {service} says what
        # the line {urgent} is.
        text = _("get a same-day appointment with a doctor, or call {urgent} ({service}), "
                 "if you have back pain with any of these")
    elif n.reach == "regional":
        # TRANSLATORS: the urgent tier's action, after "Urgent: "; a line that works only
        # in some areas: {where} says which.
        text = _("get a same-day appointment with a doctor, or call {urgent} ({service}; "
                 "{where}), if you have back pain with any of these")
    elif n.reach == "some-regions":
        # TRANSLATORS: the urgent tier's action in France: each region's ARS decides
        # whether the on-call doctor is reached on 116 117 or on 15.
        text = _("get a same-day appointment with a doctor, or call {urgent} ({service}) "
                 "if your region has it, otherwise {emergency}, if you have back pain "
                 "with any of these")
    elif n.reach == "canton":
        # TRANSLATORS: the urgent tier's action in Switzerland: each canton has its own
        # on-call doctor line, there is no national number.
        text = _("get a same-day appointment with a doctor, or call your canton's on-call "
                 "doctor line, if you have back pain with any of these")
    elif n.reach == "region":
        # TRANSLATORS: the urgent tier's action in Spain: health advice lines are run by
        # each region (comunidad autónoma); there is no national number.
        text = _("get a same-day appointment with a doctor, or call your region's health "
                 "advice line, if you have back pain with any of these")
    else:
        # TRANSLATORS: the urgent tier's action, after "Urgent: "; no phone line.
        text = _("get a same-day appointment with a doctor if you have back pain with any "
                 "of these")
    return text.format(urgent=n.urgent, emergency=n.emergency,
                       service=_(n.service) if n.service else "",
                       where=_(n.where) if n.where else "")


def short_line(n: Numbers | None = None) -> str:
    """The short line the builder's dose panel, the guided session and the reminders
    show: when to stop, and the emergency with the country's number(s)."""
    n = n or numbers()
    if n.territory is None:
        text = _("Stop if pain sharpens or spreads down a leg. Numbness in both legs or the "
                 "saddle area, or new bladder or bowel trouble, is an emergency: call "
                 "{emergency} or your local emergency number.")
    elif n.other:
        text = _("Stop if pain sharpens or spreads down a leg. Numbness in both legs or the "
                 "saddle area, or new bladder or bowel trouble, is an emergency: call "
                 "{emergency} or {other}.")
    else:
        text = _("Stop if pain sharpens or spreads down a leg. Numbness in both legs or the "
                 "saddle area, or new bladder or bowel trouble, is an emergency: call "
                 "{emergency}.")
    return text.format(emergency=n.emergency, other=n.other)


def class_line(n: Numbers | None = None) -> str:
    """The one safety line the class view keeps on screen."""
    n = n or numbers()
    if n.territory is None:
        # TRANSLATORS: kept on screen during a class; keep it short.
        text = _("Stop if pain sharpens or spreads down a leg. Both legs weak or numb, numb "
                 "saddle area or bladder or bowel trouble: call {emergency} or your local "
                 "emergency number now.")
    elif n.other:
        # TRANSLATORS: kept on screen during a class; keep it short.
        text = _("Stop if pain sharpens or spreads down a leg. Both legs weak or numb, numb "
                 "saddle area or bladder or bowel trouble: call {emergency} or {other} now.")
    else:
        # TRANSLATORS: kept on screen during a class; keep it short.
        text = _("Stop if pain sharpens or spreads down a leg. Both legs weak or numb, numb "
                 "saddle area or bladder or bowel trouble: call {emergency} now.")
    return text.format(emergency=n.emergency, other=n.other)
