"""The language the workbook speaks: which one, and its GNU gettext catalogue.

Every word a person meets goes through ``_`` (or ``ngettext``/``pgettext``) at the
moment it is shown, so a change of language takes effect on the next thing drawn.
Words kept in module-level tables are marked with ``N_`` (the extractor finds them)
and translated where they are used. A catalogue is the ``.po`` file in
``backstretch/locale/<code>/LC_MESSAGES/``; adding one adds a language
(docs/translating.md).
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .problems import BackstretchError, Problem

DOMAIN = "backstretch"
SOURCE = "en"
"""The language the messages are written in (the ``msgid``s)."""

_CODE = re.compile(r"^([a-z]{2,3})(?:[_-]([A-Za-z]{2}|[0-9]{3}))?$")


@dataclass(frozen=True)
class Language:
    """A language, with the country when known: ``es``, ``es_MX``, ``de_AT``."""

    language: str
    territory: str | None = None

    @property
    def code(self) -> str:
        """gettext's and Babel's form: ``es_MX``."""
        return f"{self.language}_{self.territory}" if self.territory else self.language

    @property
    def tag(self) -> str:
        """BCP 47, for ``<html lang>`` and the voice: ``es-MX``."""
        return f"{self.language}-{self.territory}" if self.territory else self.language

    def __str__(self) -> str:
        return self.code


def parse(text: str) -> Language:
    """``es``, ``es-MX``, ``es_MX.UTF-8``, ``de_AT@euro`` as a ``Language``."""
    language = _parsed(text)
    if language is None:
        raise BackstretchError(Problem("<language>", "", _(
            "{text} is not a language code (try es, de, fr or es_MX)").format(text=repr(text))))
    return language


def _parsed(text: str) -> Language | None:
    """``parse`` without a word: None for what is not a code (``chosen`` runs before any
    language is, so it must not speak)."""
    found = _CODE.match(text.strip().split(".")[0].split("@")[0])
    if not found:
        return None
    language, territory = found.groups()
    return Language(language.lower(), territory.upper() if territory else None)


SHIPPED = Path(__file__).resolve().parent.parent / "locale"
"""The catalogues shipped in the package."""


def locale_dir() -> Path:
    """The folder of the catalogues: ``<code>/LC_MESSAGES/backstretch.po``
    (``BACKSTRETCH_LOCALE_DIR``, else ``SHIPPED``)."""
    other = os.environ.get("BACKSTRETCH_LOCALE_DIR")
    return Path(other) if other else SHIPPED


def available() -> tuple[str, ...]:
    """The languages the workbook speaks: English and every catalogue in ``locale_dir``."""
    folder = locale_dir()
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE, *(code for code in found if code != SOURCE))


def chosen(environ: dict[str, str] | None = None) -> Language:
    """The language to speak: ``BACKSTRETCH_LANG``, else the one saved in the data
    folder (the picker in 00_start_here), else the system's (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``), else English. One the workbook does not speak
    falls back by language (``de_AT`` speaks ``de``), then to English, keeping its
    country for the emergency numbers."""
    env = os.environ if environ is None else environ
    candidates = [env.get("BACKSTRETCH_LANG", ""), saved_choice()]
    candidates += [env.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for text in candidates:
        if not text or text.split(".")[0] in ("C", "POSIX"):
            continue
        language = _parsed(text)
        if language is not None:
            return language
    return Language(SOURCE)


def choice_file() -> Path:
    """Where the picker in 00_start_here remembers the person's language."""
    from .userdata import data_home

    return data_home() / "language.txt"


def saved_choice() -> str:
    """The language the person picked in 00_start_here, or ''."""
    try:
        return choice_file().read_text(encoding="utf-8").strip()[:20]
    except (OSError, UnicodeDecodeError):
        return ""


_spoken: list[Language] = []
"""The language being spoken, once chosen: one for the whole process, so that a widget's
callback speaks the language a notebook's first cell chose, whatever context the kernel
runs the callback in."""
_catalogues: dict[tuple[Path, str], gettext.NullTranslations] = {}
"""Each catalogue read, by its folder and code."""
_loading: set[tuple[Path, str]] = set()
_chosen_catalogue: dict[tuple[Path, Language], tuple[int, gettext.NullTranslations]] = {}
"""The catalogue each language speaks from, by the catalogues' folder, with the folder's
time when it was looked up."""


def current() -> Language:
    """The language being spoken now."""
    if not _spoken:
        _spoken.append(chosen())
    return _spoken[0]


def use_language(code: str | Language) -> Language:
    """Speak ``code`` from now on (``BACKSTRETCH_LANG`` and ``--lang`` come here)."""
    language = code if isinstance(code, Language) else parse(code)
    _spoken[:] = [language]
    return language


@contextlib.contextmanager
def speaking(code: str | Language) -> Iterator[Language]:
    """Speak ``code`` inside the block, e.g. to print a handout in the language it was
    made in, and go back after."""
    language = code if isinstance(code, Language) else parse(code)
    before = list(_spoken)
    _spoken[:] = [language]
    try:
        yield language
    finally:
        _spoken[:] = before


def spoken(language: Language | None = None) -> str:
    """The code of the catalogue used for ``language``: ``es`` for ``es_MX`` when there
    is no ``es_MX`` catalogue, ``en`` when there is none at all."""
    language = language or current()
    have = available()
    for code in (language.code, language.language):
        if code in have:
            return code
    return SOURCE


def page_tag() -> str:
    """``<html lang>`` and the voice's language for the words shown now: the current
    language's BCP 47 tag (``de``, ``es-MX``), or ``en`` when no catalogue speaks it and
    the words are English."""
    language = current()
    return language.tag if spoken(language).split("_")[0] == language.language else SOURCE


def translations(language: Language | None = None) -> gettext.NullTranslations:
    """The compiled catalogue for ``language`` (the current one by default): looked up
    once per language and catalogues' folder (again when the folder changes, as when a
    language is added), so that ``_`` is a dictionary read."""
    language = language or current()
    folder = locale_dir()
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = 0
    known = _chosen_catalogue.get((folder, language))
    if known is not None and known[0] == stamp:
        return known[1]
    code = spoken(language)
    if code == SOURCE:
        found: gettext.NullTranslations = gettext.NullTranslations()
    else:
        key = (folder, code)
        if key in _loading:  # its own error message, while it loads: in English
            return gettext.NullTranslations()
        if key not in _catalogues:
            _loading.add(key)
            try:
                _catalogues[key] = _load(folder / code / "LC_MESSAGES" / f"{DOMAIN}.po")
            finally:
                _loading.discard(key)
        found = _catalogues[key]
    _chosen_catalogue[(folder, language)] = (stamp, found)
    return found


def _load(po: Path) -> gettext.NullTranslations:
    """The ``.mo`` beside ``po`` when it is current (``make`` and
    scripts/update-catalogues compile them), else ``po`` compiled in memory: a new
    language's ``.po`` alone is enough."""
    mo = po.with_suffix(".mo")
    try:
        if mo.stat().st_mtime >= po.stat().st_mtime:
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
    except OSError:
        pass
    return gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def compile_po(po: Path) -> bytes:
    """``po`` as ``.mo`` bytes (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with po.open("rb") as handle:
            catalogue = read_po(handle, abort_invalid=True)
    except (OSError, ValueError, PoFileError) as error:
        raise BackstretchError(Problem(str(po), "", _(
            "not a readable gettext catalogue ({error})").format(error=error))) from None
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations().gettext(message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for the marker
    """Mark ``message`` for the catalogue; it is translated later, where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` by the language's own plural rule (CLDR, via the catalogue)."""
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same English has other meanings."""
    return translations().pgettext(context, message)
