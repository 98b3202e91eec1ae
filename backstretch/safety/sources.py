"""Where every safety statement, translation's wording and phone number comes from.

``flags`` and ``numbers`` cite these by key; docs/sources.md lists each one, with its
address and its standing (a test checks it): the English sources, then the sources of
the German, French and Spanish text and of each country's numbers.
"""

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
    url: str = ""
    label: str = ""
    """How much it weighs: ``GOV`` (a government, a health service or a public body),
    ``PRO`` (a professional guideline, written for clinicians) or ``NON-OFF`` (not
    official: evidence of the words patients meet, never of what to do)."""
    language: str = "en"
    """The language section of docs/sources.md it belongs to."""


CHECKED = "web page, checked 2026"
GOV, PRO, NON_OFF = "GOV", "PRO", "NON-OFF"


def _sources(*found: Source) -> dict[str, Source]:
    return {s.key: s for s in found}


SOURCES: dict[str, Source] = _sources(
    # -- the English text, and the English-speaking countries' numbers ---------------------
    Source("nhs-back-pain", "Back pain", "NHS website", CHECKED),
    Source("nhs-cauda-equina", "Cauda equina syndrome", "NHS website", CHECKED),
    Source("ces-card", "Cauda equina syndrome symptom cards", "NHS trusts", CHECKED),
    Source("nice-cks-lbp", "Back pain - low (without radiculopathy)",
           "NICE Clinical Knowledge Summaries", CHECKED),
    Source("nhs-borders", "Back pain exercise advice for patients", "NHS Borders", CHECKED),
    Source("mayo-osteoporosis", "Exercising with osteoporosis: stay active the safe way",
           "Mayo Clinic", CHECKED),
    Source("nhs-pregnancy-exercise", "Exercise in pregnancy", "NHS website", CHECKED),
    Source("nhs-999-111", "When to call 999; When to use 111", "NHS website", CHECKED,
           "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/", GOV),
    Source("us-911", "9-1-1 and E9-1-1 services", "Federal Communications Commission (US)",
           CHECKED, "https://www.fcc.gov/general/9-1-1-and-e9-1-1-services", GOV),
    Source("eu-112", "112, the single European emergency number", "European Commission",
           CHECKED, "https://digital-strategy.ec.europa.eu/en/policies/112", GOV),
    # -- German: the wording, and the numbers of Germany, Austria, Switzerland ------------
    Source("iqwig-kreuzschmerz", "Rückenschmerzen: Wann zur Ärztin oder zum Arzt? "
           "(earlier: Kreuzschmerzen – Anzeichen für ernsthafte Ursachen)",
           "IQWiG, gesundheitsinformation.de", CHECKED,
           "https://www.gesundheitsinformation.de/"
           "kreuzschmerzen-anzeichen-fuer-ernsthafte-ursachen.html", GOV, "de"),
    Source("nvl-kreuzschmerz", "Nationale VersorgungsLeitlinie Nicht-spezifischer "
           "Kreuzschmerz, 2. Auflage, Kapitel 3 (its table of warning signs read in "
           "reproductions of the NVL and of its 2013 Praxishilfe)",
           "Nationale VersorgungsLeitlinie (BÄK, KBV, AWMF)",
           "2017, checked 2026", "https://www.leitlinien.de/themen/kreuzschmerz/2-auflage/"
           "kapitel-3", PRO, "de"),
    Source("de-116117", "Ärztlicher Bereitschaftsdienst 116 117",
           "Landesärztekammer Baden-Württemberg", CHECKED,
           "https://laekbw-portal.justrelate.io/aerztlicher-bereitschaftsdienst-3c3998e11de6c0b8",
           GOV, "de"),
    Source("at-1450", "1450 – die Gesundheitsnummer",
           "Bundesministerium für Gesundheit (Österreich)", CHECKED,
           "https://teweb.bmg.gv.at/1450-die-gesundheitsnummer/", GOV, "de"),
    Source("at-notrufe", "Notrufnummern (112, 141, 144)", "RTR (Österreich)", CHECKED,
           "https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/"
           "informationen_fuer_konsumenten/TKKS_Notrufe.de.html", GOV, "de"),
    Source("ch-144", "Notruf 144", "Stadt Zürich", CHECKED,
           "https://stadt-zuerich.ch/web/de/stadtleben/notfall/notrufe/notruf-144.html",
           GOV, "de"),
    Source("ch-aerztefon", "AERZTEFON: häufige Fragen (an example of a cantonal line, "
           "Zürich; other cantons have their own)", "AERZTEFON (Kanton Zürich)", CHECKED,
           "https://www.aerztefon.ch/zuerich/faq/", NON_OFF, "de"),
    # -- French: the wording, and the numbers of France, Belgium, Switzerland, Quebec -----
    Source("has-lombalgie", "Prise en charge du patient présentant une lombalgie commune "
           "(fiche mémo; its « drapeaux rouges » read as reproduced by APF France handicap)",
           "Haute Autorité de santé (HAS)", "2019, checked 2026",
           "https://moteurline.apf.asso.fr/spip.php?page=imprimer&id_article=5092", PRO, "fr"),
    Source("planetesante-dos", "J'ai mal au dos, j'ai une sciatique (the words patients "
           "use; not an authority)", "Planète Santé (Suisse)", CHECKED,
           "https://planetesante.ch/Symptomes/J-ai-mal-au-dos-j-ai-une-sciatique",
           NON_OFF, "fr"),
    Source("fr-numeros", "Quels sont les numéros en cas d'urgence (Samu, pompiers...) ?",
           "Service-Public.fr (DILA)", CHECKED,
           "https://www.service-public.fr/particuliers/vosdroits/F33954", GOV, "fr"),
    Source("fr-116117", "Trois questions sur le numéro unique pour contacter un médecin de "
           "garde (the 116 117 and the ARS's choice of region; the ministry quoted)",
           "franceinfo", CHECKED, "https://www.francetvinfo.fr/sante/"
           "trois-questions-sur-le-numero-unique-pour-contacter-un-medecin-de-garde_2131111.html",
           NON_OFF, "fr"),
    Source("be-112", "112 : le numéro d'urgence", "112.be (SPF Intérieur)", CHECKED,
           "http://www.112.be/fr/", GOV, "fr"),
    Source("be-1733", "Campagne d'information sur le numéro de garde 1733",
           "SPF Santé publique (Belgique)", CHECKED,
           "https://www.health.belgium.be/fr/news/campagne-dinformation-sur-le-numero-de-garde-1733",
           GOV, "fr"),
    Source("ch-144-fr", "Pour tous les cas d'urgences sanitaires, appelez le 144",
           "Alertswiss (Office fédéral de la protection de la population)", CHECKED,
           "https://blog.alertswiss.ch/fr/rubrique/preparation/"
           "pour-tous-les-cas-durgences-sanitaires-appelez-le-144", GOV, "fr"),
    Source("qc-811", "Quand consulter à l'urgence (9-1-1, Info-Santé 811)",
           "CISSS de l'Abitibi-Témiscamingue (Québec)", CHECKED,
           "https://www.cisss-at.gouv.qc.ca/quand-consulter-a-lurgence/", GOV, "fr"),
    # -- Spanish: the wording, and the numbers of Spain, Mexico, Argentina -----------------
    Source("medlineplus-es-espalda", "Dolor de espalda: cuándo consultar al médico",
           "MedlinePlus en español (NIH, EE. UU.)", CHECKED,
           "https://medlineplus.gov/spanish/ency/article/007494.htm", GOV, "es"),
    Source("es-manual-urgencias", "Manual de protocolos y actuación en urgencias: dolor "
           "lumbar, « red flags (signos de alarma) » (publisher not confirmed)",
           "Manual de protocolos y actuación en urgencias", CHECKED,
           "https://www.yumpu.com/es/document/view/57162410/manual-de-protocolos-y-actuacion-en/1195",
           PRO, "es"),
    Source("es-112", "Real Decreto 903/1997 (el teléfono 112)", "BOE (España)", "1997",
           "https://boe.es/buscar/doc.php?lang=es&id=BOE-A-1997-14058", GOV, "es"),
    Source("mx-911", "088 y 911: responder ante cualquier llamado", "Gobierno de México",
           CHECKED, "https://www.gob.mx/policiafederal/articulos/"
           "088-911-responder-ante-cualquier-llamado?idiom=es", GOV, "es"),
    Source("ar-107", "Cómo funciona el 107", "Gobierno de Santa Fe (Argentina)", CHECKED,
           "https://www.santafe.gob.ar/index.php/web/content/view/full/258167/(subtema)/114560",
           GOV, "es"),
    Source("ar-911", "Emergencias 911: preguntas frecuentes",
           "Ministerio de Seguridad, Provincia de Buenos Aires", CHECKED,
           "http://emergencias911.mseg.gba.gov.ar/preguntas", GOV, "es"),
)
"""Every source the safety data cites, by key."""

WORDING: dict[str, tuple[str, ...]] = {
    "de": ("iqwig-kreuzschmerz", "nvl-kreuzschmerz"),
    "fr": ("has-lombalgie", "planetesante-dos"),
    "es": ("medlineplus-es-espalda", "es-manual-urgencias"),
}
"""The sources whose words each translation of the safety text follows (what to do
stays the English tiers' everywhere: the decisions in docs/sources.md)."""
