"""The widgets speak the person's language: their buttons, labels, status lines and counts
come from the catalogue (Spanish, German, French), with each language's own plural forms,
lists and day names; what the widgets store (values, CSS classes) stays language-neutral."""

from __future__ import annotations

from datetime import date

import pytest

from backstretch import Routine, RoutineItem, Settings
from backstretch.base.language import speaking

pytest.importorskip("ipywidgets")
from fakes import FakeClock  # noqa: E402

from backstretch.guided.checklist import Checklist  # noqa: E402
from backstretch.widgets import (  # noqa: E402
    CatalogueBrowser,
    CheckInPanel,
    PlannerPanel,
    PlanPanel,
    RoutineBuilder,
    SessionLogPanel,
    SessionTimer,
    SharePanel,
)
from backstretch.widgets.builder_rows import item_row  # noqa: E402
from backstretch.widgets.dose_panel import dose_html  # noqa: E402
from backstretch.widgets.share_panel import ANONYMOUS, NAMED  # noqa: E402

ENGLISH_BUTTONS = {"Save", "Load", "Add", "Undo", "Start from this", "Cancel",
                   "Replace it", "Save as a new file"}


def _buttons(builder: RoutineBuilder) -> dict[str, str]:
    return {name: getattr(builder, f"{name}_button").description
            for name in ("start", "add", "save", "load", "undo", "replace", "new_file",
                         "cancel")}


def test_the_builder_speaks_spanish(catalogue, tmp_path):
    with speaking("es"):
        builder = RoutineBuilder(catalogue, folder=tmp_path)
        buttons = _buttons(builder)
        assert buttons == {"start": "Empezar con esta", "add": "Añadir", "save": "Guardar",
                           "load": "Abrir", "undo": "Deshacer", "replace": "Reemplazarlo",
                           "new_file": "Guardar como archivo nuevo", "cancel": "Cancelar"}
        assert not ENGLISH_BUTTONS & set(buttons.values())
        assert builder.start_from.description == "Empezar con"
        assert builder.start_from.label == "una rutina vacía"
        assert builder.routine.name == "Mi rutina"
        assert "Todavía no hay estiramientos" in builder.rows.children[0].value
        assert "Todavía no hay rutinas guardadas en la carpeta" in builder.saved_list.value
        builder.add("knee-to-chest")
        builder.add("cat-cow")
        assert builder.total.value.startswith("<b>Total: ")
        assert builder.total.value.endswith(", 2 estiramientos)")
        builder.save()
        assert "Se ha guardado «Mi rutina» como mi-rutina.yaml en la carpeta" in (
            builder.status.value)
        assert "Sus rutinas guardadas en la carpeta" in builder.saved_list.value
    assert "Saved" not in builder.status.value


def test_the_builder_counts_stretches_by_the_german_plural(catalogue, tmp_path):
    with speaking("de"):
        one = RoutineBuilder(catalogue, Routine("Eins", (RoutineItem("knee-to-chest"),),
                                                catalogue), folder=tmp_path)
        two = RoutineBuilder(catalogue, Routine("Zwei", (RoutineItem("knee-to-chest"),
                                                         RoutineItem("cat-cow")), catalogue),
                             folder=tmp_path)
        assert one.total.value.startswith("<b>Gesamt: ")
        assert one.total.value.endswith(", 1 Dehnübung)")
        assert two.total.value.endswith(", 2 Dehnübungen)")
        assert one.save_button.description == "Speichern"
        one.start_from_choice()
        assert "Im Editor steht bereits: " in one.status.value


def test_a_rows_sides_are_shown_in_french_and_stored_as_codes(catalogue):
    routine = Routine("Côtés", (RoutineItem("knee-to-chest", sides="left"),), catalogue)
    assert routine.stretch(0).per_side
    with speaking("fr"):
        row = item_row(routine, 0, lambda *a, **k: None, lambda *a: None, lambda *a: None)
    reps, sides = row.children[2:4]
    assert sides.options == (("les deux", "both"), ("gauche", "left"), ("droit", "right"))
    assert sides.value == "left" and sides.label == "gauche"
    assert reps.description == "répétitions"
    assert "côté gauche seulement" in row.children[0].children[1].value
    assert [b.tooltip for b in row.children[4:]] == ["Monter", "Descendre", "Retirer"]


def test_the_catalogue_browser_counts_in_french(catalogue):
    with speaking("fr"):
        browser = CatalogueBrowser(catalogue)
    total = len(catalogue)
    assert browser.count.value == f"<b>{total}</b> sur {total} étirements"
    assert browser.position.label == "toute position" and browser.position.description == \
        "Position"
    assert browser.muscle.description == "Travaille"


def test_the_log_panel_speaks_spanish_with_a_singular_count(catalogue, tmp_path):
    clock = FakeClock()
    routine = Routine("Rápida", (RoutineItem("back-rounders", hold=10),), catalogue,
                      settings=Settings(get_ready=5))
    with speaking("es"):
        timer = SessionTimer(routine, clock, Checklist(routine, tmp_path / "c.json"))
        panel = SessionLogPanel(timer, tmp_path / "log.sqlite")
        assert panel.pain_before.label == "sin registrar"
        assert panel.pain_before.description == "Dolor antes (de 0 a 10)"
        assert panel.save_button.description == "Guardar dolor después y nota"
        assert panel.status.value.startswith("La sesión se anota en su registro")
        assert timer.clear_button.description == "Vaciar la lista de control"
        panel.pain_before.value = 4
        timer.start()
        assert panel.status.value.startswith("<b>En su registro:</b> Rápida, ")
        while timer.session.state != "finished":
            clock.now += 1
            timer.tick()
        status = panel.status.value
    assert status.startswith("<b>Registrada:</b> Rápida, ")
    assert "1 lado de estiramiento hecho, dolor de 4 a -." in status
    assert "pulse «Guardar»" in status and "Recorded" not in status and "pain" not in status


def test_the_check_in_panel_and_dose_check_speak_german(tmp_path, catalogue):
    with speaking("de"):
        panel = CheckInPanel(tmp_path / "log.sqlite", today=lambda: date(2026, 12, 7))
        heading = panel.widget.children[0].value
        assert heading.startswith("<b>Wöchentliche Abfrage</b><p>")
        assert "Übliche Schmerzen:" in heading and "Usual pain" not in heading
        assert panel.names[2].description == "Tätigkeit 3"
        assert panel.ratings[0].label == "nicht bewertet"
        panel.save()
        assert panel.status.value.startswith("<b>Nicht gespeichert:</b> Wählen Sie zuerst")
        dose = dose_html(Routine("Eins", (RoutineItem("knee-to-chest"),), catalogue))
    assert "<b>Dosisprüfung:</b>" in dose and "Dose check" not in dose


def test_the_plan_panel_names_the_days_in_german(catalogue, tmp_path):
    with speaking("de"):
        panel = PlanPanel(catalogue=catalogue, plan_path=tmp_path / "plan.yaml",
                          log_path=tmp_path / "log.sqlite", today=lambda: date(2026, 12, 7),
                          reminders_path=tmp_path / "r.ics")
        for button in panel.weekdays:
            button.value = False
        panel.save()
        status = panel.status.value
    assert [b.description for b in panel.weekdays][:3] == ["Mo.", "Di.", "Mi."]
    assert panel.save_button.description == "Speichern"
    assert panel.first.description == "Programm"
    assert status.startswith("<b>Nicht gespeichert:</b> Erinnerungstage: wählen Sie mindestens")


def test_the_share_panel_shows_its_choice_in_french_and_keeps_its_values():
    with speaking("fr"):
        panel = SharePanel(service=None)
    assert panel.named.options == (("Avec mon nom", NAMED), ("Sans mon nom", ANONYMOUS))
    assert panel.named.value == ANONYMOUS
    panel.named.value = NAMED
    assert panel.named.label == "Avec mon nom"
    assert panel.send_button.description == "Envoyer cette semaine"
    assert "Rien n'est partagé tant que vous n'appuyez pas" in panel.widget.children[0].value


def test_the_planner_panel_speaks_spanish_and_names_its_fields(catalogue, tmp_path):
    with speaking("es"):
        builder = RoutineBuilder(catalogue, folder=tmp_path)
        panel = PlannerPanel(catalogue, builder)
        assert panel.suggest_button.description == "Sugerir"
        assert panel.goal.description == "Objetivo"
        assert panel.no_floor.description == "Nada en el suelo (solo de pie o en una silla)"
        panel.minutes.value = 0.25  # 15 s: shorter than any stretch
        panel.suggest()
        assert "No se ha sugerido ninguna rutina: Minutos: " in panel.result.value
        assert "budget_seconds" not in panel.result.value
        panel.minutes.value = 10
        panel.suggest()
        assert "Ya está en el editor." in panel.result.value
        assert "El editor contiene ahora: la sugerencia del planificador." in (
            builder.status.value)
        assert builder.start_from.label == "la sugerencia del planificador"
