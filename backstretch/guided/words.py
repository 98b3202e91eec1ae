"""Every word the page's player shows or says that is not a step's own: its buttons,
their titles, the live region's and the notices' sentences, the voice speeds' names.

One table, in the package's catalogue: :func:`page_words` translates it into the current
language when a timeline is made (``timeline.page_timeline`` sends it to the page), and
the first paint of the player's view (``first_paint``) reads the same words, so the
HTML a page loads with and the view ``player.js`` then draws say the same thing. The
page fills the ``{placeholders}`` itself (``player.js``'s ``say``); what it counts, it
counts with the plural forms sent here (:func:`plural_forms`).
"""

from __future__ import annotations

from ..base.formats import cldr_locale
from ..base.language import N_, _, current, ngettext, pgettext

RATES = ((0.75, N_("slow")), (1, N_("normal")), (1.25, N_("brisk")), (1.5, N_("fast")))
"""The voice speeds the player offers: the speech rate and its name."""

WORDS = {
    # the buttons (pgettext: "button"), and what each does when pointed at
    "start": ("button", N_("Start")),
    "pause": ("button", N_("Pause")),
    "resume": ("button", N_("Resume")),
    "back": ("button", N_("Back")),
    "skip": ("button", N_("Skip")),
    "reset": ("button", N_("Reset")),
    "mute": ("button", N_("Mute")),
    "voice": ("button", N_("Voice")),
    "motion": ("button", N_("Motion")),
    "full": ("button", N_("Full screen")),
    "leave_full": ("button", N_("Leave full screen")),
    "back_title": (None, N_("Repeat the last step")),
    "skip_title": (None, N_("Go on to the next step")),
    "reset_title": (None, N_("Stop and go back to the beginning")),
    "mute_title": (None, N_("Turn the beeps off (the flash stays)")),
    "voice_title": (None, N_("Say each step aloud (the browser's speech)")),
    "motion_title": (None, N_("Show the stretch moving (off: its start and its hold, still)")),
    "full_title": (None, N_("Fill the screen with this view (Esc leaves)")),
    "rate": (None, N_("Voice speed")),
    # the view's parts
    "time_left": (None, N_("Time left in this step")),
    "step_bar": (None, N_("This step")),
    "routine_bar": (None, N_("Routine")),
    "where": (None, N_("Stretch {item} of {items} · step {step} of {steps} · "
                       "{elapsed} of {total}")),
    "next": (None, N_("Next: {next}")),
    "the_end": (None, N_("the end")),
    "paused": (None, N_("{action} · paused")),
    "keys": (None, N_("Keys (in the notebook: over this view): Space start / pause / "
                      "resume · → or N skip · ← or B back · R reset")),
    # the figure, still (motion off): its two drawings and their captions
    "figure": (None, N_("{name}, {side}")),
    "figure_shows": (None, N_("{name}: {shows}")),
    "still_start": ("figure", N_("Start")),
    "still_hold": ("figure", N_("Hold")),
    "still_move": ("figure", N_("Move")),
    "shows_start": (None, N_("where you start")),
    "shows_hold": (None, N_("the hold")),
    "shows_move": (None, N_("as far as you move")),
    # said: a step the page caught up with (a hidden tab), and the notices
    "caught_up": (None, N_("Now: {text}")),
    "wake": (None, N_("Keep the screen on yourself: this browser cannot keep it awake.")),
    "no_voice": (None, N_("This device has no voice for {language}: the steps are not "
                          "spoken aloud. The beeps and the words on screen go on.")),
    "kernel_lost": (None, N_("The kernel stopped or restarted: the session goes on here, "
                             "but the log could not follow.")),
    "kernel_lost_after": (None, N_("The kernel stopped or restarted: the session goes on "
                                   "here, but the log could not follow after \"{step}\".")),
    "busy": (None, N_("The kernel is busy: the log catches up when it is free.")),
}
"""The player's words by the key ``player.js`` asks for: (context, English)."""


def word(key: str) -> str:
    """One of the player's words, in the current language."""
    context, english = WORDS[key]
    return pgettext(context, english) if context else _(english)


def language_name() -> str:
    """The current language's own name, as its speakers write it ('español')."""
    return cldr_locale().get_language_name() or current().tag


def page_words() -> dict:
    """The player's words, in the current language, as the timeline sends them."""
    words = {key: word(key) for key in WORDS}
    words["no_voice"] = words["no_voice"].format(language=language_name())
    words["rates"] = [[value, _(name)] for value, name in RATES]
    return words


def plural_forms(singular: str, plural: str) -> dict:
    """``ngettext(singular, plural, n)`` for each of the current language's CLDR plural
    categories (``one``, ``many``, ``other`` ...), by a number of that category: the page
    chooses among them with ``Intl.PluralRules`` in the same language."""
    rule = cldr_locale().plural_form
    forms: dict[str, str] = {}
    wanted = set(rule.tags) | {"other"}
    for n in (*range(0, 200), 1_000_000):
        category = rule(n)
        if category not in forms:
            forms[category] = ngettext(singular, plural, n)
        if wanted <= set(forms):
            break
    return forms
