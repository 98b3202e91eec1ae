"""Every word the page's player shows or says that is not a step's own: its buttons,
their titles, the live region's and the notices' sentences, the voice speeds' names.

One table, in the package's catalogue: :func:`page_words` makes it in the current
language when a timeline is made (``timeline.page_timeline`` sends it to the page), and
the first paint of the player's view (``first_paint``) reads the same words, so the
HTML a page loads with and the view ``player.js`` then draws say the same thing. The
page fills the ``{placeholders}`` itself (``player.js``'s ``say``); what it counts, it
counts with the plural forms sent here (:func:`plural_forms`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..base.formats import cldr_locale
from ..base.language import N_, _, current, pgettext

RATES = ((0.75, N_("slow")), (1, N_("normal")), (1.25, N_("brisk")), (1.5, N_("fast")))
"""The voice speeds the player offers: the speech rate and its name."""


def language_name() -> str:
    """The current language's own name, as its speakers write it ('español')."""
    return cldr_locale().get_language_name() or current().tag


def page_words() -> dict:
    """The player's words, in the current language, by the key ``player.js`` asks for:
    made when a timeline is made (``timeline.page_timeline`` sends them)."""
    words = {
        "start": pgettext("button", "Start"),
        "pause": pgettext("button", "Pause"),
        "resume": pgettext("button", "Resume"),
        "back": pgettext("button", "Back"),
        "skip": pgettext("button", "Skip"),
        "reset": pgettext("button", "Reset"),
        "mute": pgettext("button", "Mute"),
        "voice": pgettext("button", "Voice"),
        "motion": pgettext("button", "Motion"),
        "full": pgettext("button", "Full screen"),
        "leave_full": pgettext("button", "Leave full screen"),
        "back_title": _("Repeat the last step"),
        "skip_title": _("Go on to the next step"),
        "reset_title": _("Stop and go back to the beginning"),
        "mute_title": _("Turn the beeps off (the flash stays)"),
        "voice_title": _("Say each step aloud (the browser's speech)"),
        "motion_title": _("Show the stretch moving (off: its start and its hold, still)"),
        "full_title": _("Fill the screen with this view (Esc leaves)"),
        # TRANSLATORS: the label of the voice speeds (slow, normal, brisk, fast)
        "rate": _("Voice speed"),
        "time_left": _("Time left in this step"),
        "step_bar": _("This step"),
        "routine_bar": _("Routine"),
        # TRANSLATORS: under the countdown, e.g. "Stretch 2 of 5 · step 4 of 19 · 1:10 of 6:30"
        "where": _("Stretch {item} of {items} · step {step} of {steps} · "
                   "{elapsed} of {total}"),
        "next": _("Next: {next}"),
        "the_end": _("the end"),
        # TRANSLATORS: the class view's line of what to do, while the session is paused
        "paused": _("{action} · paused"),
        # TRANSLATORS: the keys stay Space, N, B and R (arrows too) in every language
        "keys": _("Keys (in the notebook: over this view): Space start / pause / "
                  "resume · → or N skip · ← or B back · R reset"),
        # TRANSLATORS: a figure's name: the stretch, then "left side" or "right side"
        "figure": _("{name}, {side}"),
        # TRANSLATORS: a still figure's name, then "where you start" or "the hold"
        "figure_shows": _("{name}: {shows}"),
        "still_start": pgettext("figure", "Start"),
        "still_hold": pgettext("figure", "Hold"),
        "still_move": pgettext("figure", "Move"),
        "shows_start": _("where you start"),
        "shows_hold": _("the hold"),
        "shows_move": _("as far as you move"),
        # TRANSLATORS: said aloud when the page catches up with a step (a hidden tab)
        "caught_up": _("Now: {text}"),
        "wake": _("Keep the screen on yourself: this browser cannot keep it awake."),
        # TRANSLATORS: {language} is the language's own name, e.g. "español"
        "no_voice": _("This device has no voice for {language}: the steps are not "
                      "spoken aloud. The beeps and the words on screen go on."),
        "kernel_lost": _("The kernel stopped or restarted: the session goes on here, "
                         "but the log could not follow."),
        # TRANSLATORS: {step} is the title of the last step the log recorded
        "kernel_lost_after": _("The kernel stopped or restarted: the session goes on "
                               "here, but the log could not follow after \"{step}\"."),
        "busy": _("The kernel is busy: the log catches up when it is free."),
    }
    words["no_voice"] = words["no_voice"].format(language=language_name())
    words["rates"] = [[value, _(name)] for value, name in RATES]
    return words


def plural_forms(said: Callable[[int], str]) -> dict:
    """What ``said(n)`` (an ``ngettext`` message) is for each of the current language's
    CLDR plural categories (``one``, ``many``, ``other`` ...), by a number of that
    category: the page chooses among them with ``Intl.PluralRules`` in the same
    language, and fills in ``{n}`` itself."""
    rule = cldr_locale().plural_form
    forms: dict[str, str] = {}
    wanted = set(rule.tags) | {"other"}
    for n in (*range(200), 1_000_000):
        category = rule(n)
        if category not in forms:
            forms[category] = said(n)
        if wanted <= set(forms):
            break
    return forms
