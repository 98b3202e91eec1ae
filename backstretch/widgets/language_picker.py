"""The language picker of 00_start_here, and which notebooks `make lab` opens.

The picker lists the languages the workbook speaks (``base.language.available``), each
by its own name, remembers the one picked in the data folder (``LanguagePicker.save``) and
links to that language's notebooks: ``notebooks/es/`` and so on, made from the English
ones by ``scripts/translate-notebooks``. A language with a catalogue but no notebooks
yet opens the English ones (its widgets still speak it).
"""

from __future__ import annotations

import json
import os
import sys
from html import escape
from pathlib import Path

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.formats import own_name
from ..base.language import (
    SOURCE,
    Language,
    _,
    available,
    choice_file,
    chosen,
    parse,
    spoken,
    use_language,
)
from ..base.yamlio import atomic_write_text
from .shown import Shown

START = "00_start_here.ipynb"
"""The notebook a language's workbook opens on."""


def native_name(code: str) -> str:
    """``code``'s language in its own words, as a menu lists it: "Español", "Deutsch",
    "Français" (CLDR's name, capitalised as at the start of a menu item)."""
    name = own_name(code)
    return name if name == code else name[:1].upper() + name[1:]


def notebooks_root(folder: str | os.PathLike[str]) -> Path:
    """The English notebooks' folder seen from ``folder``: ``folder`` itself, or its
    parent when ``folder`` is a language's (``notebooks/es``)."""
    here = Path(folder)
    if here.name in available() and (here.parent / START).exists():
        return here.parent
    return here


def notebook_folder(code: str | Language, root: str | os.PathLike[str] = "notebooks") -> Path:
    """The folder of ``code``'s notebooks under ``root``: ``root/es_MX``, else
    ``root/es``, else ``root`` (the English ones)."""
    language = code if isinstance(code, Language) else parse(code)
    base = Path(root)
    for name in (language.code, language.language):
        if name != SOURCE and (base / name / START).exists():
            return base / name
    return base


def lab_locale(language: Language, packs: set[str] | None = None) -> str:
    """JupyterLab's locale for ``language``: its installed language pack (``es_ES`` for
    ``es``, ``es_MX`` when that pack is there), else ``en``."""
    if packs is None:
        from importlib.metadata import entry_points

        packs = {e.name for e in entry_points(group="jupyterlab.languagepack")}
    if language.code in packs:
        return language.code
    own = f"{language.language}_{language.language.upper()}"
    same = sorted(p for p in packs if p.split("_")[0] == language.language)
    if own in same:
        return own
    return same[0] if same else "en"


def chosen_notebook(name: str = START, root: str = "notebooks") -> str:
    """The notebook ``name`` in the chosen language (the English one where that language
    has no notebooks): ``notebooks/es/05_class_mode.ipynb``. `make present` opens it."""
    return (notebook_folder(chosen(), root) / name).as_posix()


def prepare_lab(root: str = "notebooks", settings: str | os.PathLike[str] | None = None) -> str:
    """For `make lab`: set JupyterLab's own language to the chosen one (a defaults file in
    ``settings``, the Lab's ``overrides.d``; a language the person picks in Lab's menu
    still wins) and return the path of the notebook to open, ``notebooks/es/00_start_here.ipynb``."""
    from ..base.yamlio import atomic_write_text

    language = chosen()
    lab = os.environ.get("JUPYTERLAB_DIR") or Path(sys.prefix) / "share" / "jupyter" / "lab"
    folder = Path(settings) if settings is not None else Path(lab) / "settings" / "overrides.d"
    locale = {"@jupyterlab/translation-extension:plugin": {"locale": lab_locale(language)}}
    atomic_write_text(folder / "backstretch-language.json", json.dumps(locale, indent=1) + "\n")
    return chosen_notebook(START, root)


class LanguagePicker(Shown):
    """The languages by their own names; picking one saves it in the data folder, speaks
    it from then on, and links to its notebooks (relative to ``folder``, the notebook's
    own, where the kernel runs)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None):
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.root = notebooks_root(self.folder)
        codes = available()
        start = spoken()
        self.choice = w.RadioButtons(options=[(native_name(c), c) for c in codes],
                                     value=start if start in codes else SOURCE,
                                     description=_("Language"))
        self.choice.add_class("bs-language")
        self.status = w.HTML()
        self.status.add_class("bs-language-status")
        self.links = w.Output()
        self.target = self.root / START
        self.choice.observe(lambda change: self.choose(change["new"]), names="value")
        self.widget = w.VBox([self.choice, self.status, self.links])

    @property
    def href(self) -> str:
        """The link to the chosen language's start notebook, from this notebook's folder."""
        return Path(os.path.relpath(self.target, self.folder)).as_posix()

    def save(self, code: str) -> Language:
        """Remember ``code`` in the data folder (``base.language.choice_file``), and
        speak it from now on."""
        language = parse(code)
        atomic_write_text(choice_file(), language.code + "\n")
        return use_language(language)

    def choose(self, code: str) -> None:
        """Remember ``code``, speak it, and show the links to its notebooks."""
        try:
            self.save(code)
        except BackstretchError as error:
            self.status.value = escape(error.shown())
            return
        self.choice.description = _("Language")
        name = native_name(code)
        folder = notebook_folder(code, self.root)
        self.target = folder / START
        if folder == self.root and code != SOURCE:
            text = _("Saved: {language}. The workbook speaks it from now on; its notebooks "
                     "are not translated yet, so here are the English ones:").format(language=name)
        else:
            text = _("Saved: {language}. The workbook speaks it from now on; its notebooks in "
                     "this language:").format(language=name)
        self.status.value = escape(text)
        lines = []
        for notebook in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
            href = Path(os.path.relpath(notebook, self.folder)).as_posix()
            lines.append(f"- [{notebook.stem}]({href})")
        from IPython.display import Markdown

        self.links.outputs = ()
        self.links.append_display_data(Markdown("\n".join(lines)))
