"""Controlled vocabularies: stored as codes, shown with each language's label, imported from either.

Labels live in the message catalogs (``<vocabulary>_<code>``), so a new language brings its own labels and
its labels become accepted on import. A value that is not a known code (older or free-text data) is shown
as recorded; a stored value the vocabulary spells exactly (free text from before it existed) is read as
its code (:func:`code_for`), never rewritten.
"""

from __future__ import annotations

import difflib
import unicodedata

from . import i18n

# NACE Rev. 2 sections (Regulation (EC) No 1893/2006); Latvian titles as in CSP's NACE 2. red.
SECTORS = tuple("ABCDEFGHIJKLMNOPQRSTU")
# EU SME definition (Commission Recommendation 2003/361/EC): staff < 10, < 50, < 250, larger.
SIZES = ("micro", "small", "medium", "large")
FUNDING_SOURCES = ("erdf", "national_budget", "municipality", "eea_norway", "nordic_council", "interreg", "private",
                   "other")
WAVES = ("baseline", "follow-up")
PROGRAMMES = ("dih_measures", "dih_operations", "skills_plus")
# Organisation kind: the metrics count "sme" as an SME (MVU); the others are who else takes part.
ORG_KINDS = ("sme", "large", "it", "public", "research", "ngo", "other")
# Context indicators the Regions page divides by (regions.NORMALISED); CSP's tables name them in Latvian.
INDICATORS = ("population", "active_enterprises")

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "sector": SECTORS, "size": SIZES, "funding_source": FUNDING_SOURCES, "wave": WAVES, "programme": PROGRAMMES,
    "kind": ORG_KINDS, "indicator": INDICATORS,
}
# Catalog key prefix where it is not the vocabulary's name ("kind_…" already names the import kinds).
KEY_PREFIXES = {"kind": "org_kind"}

# Other names people write for the same thing (besides the code and every catalog's label).
SYNONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sector", "A"): ("agriculture", "agri-food", "lauksaimnieciba", "agro"),
    ("sector", "C"): ("manufacturing", "razosana", "wood processing", "kokapstrade", "food processing"),
    ("sector", "D"): ("energy", "energetika"),
    ("sector", "G"): ("retail", "trade", "tirdznieciba", "mazumtirdznieciba"),
    ("sector", "H"): ("logistics", "transport", "logistika"),
    ("sector", "I"): ("tourism", "turisms", "hospitality"),
    ("sector", "J"): ("ict", "it", "ikt", "informacijas tehnologijas"),
    ("sector", "Q"): ("health", "healthcare", "veseliba"),
    ("size", "micro"): ("mikro", "mikrouznemums"),
    ("size", "small"): ("mazs", "mazais"),
    ("size", "medium"): ("videjs", "videjais"),
    ("size", "large"): ("liels", "lielais"),
    ("funding_source", "erdf"): ("eraf", "erdf", "european regional development fund",
                                 "eiropas regionalas attistibas fonds"),
    ("funding_source", "national_budget"): ("national co-financing", "national budget", "valsts budzets",
                                            "valsts lidzfinansejums", "ministry of economics",
                                            "ekonomikas ministrija"),
    ("funding_source", "municipality"): ("municipal", "pasvaldiba", "local government"),
    ("funding_source", "eea_norway"): ("eea grants", "norway grants", "eea and norway grants", "eez",
                                       "norvegijas finansejums", "norwegian funding"),
    ("funding_source", "nordic_council"): ("nordic council", "nordic council of ministers", "ncm",
                                           "ziemelvalstu ministru padome"),
    ("funding_source", "interreg"): ("interreg europe", "interreg baltic sea region"),
    ("funding_source", "private"): ("sponsor", "sponsors", "private", "privats", "sponsorejums", "sponsori"),
    ("funding_source", "other"): ("cits", "citi"),
    ("kind", "sme"): ("mvu", "msme", "small and medium-sized enterprise", "small or medium enterprise",
                      "mazais vai videjais uznemums", "mazais un videjais uznemums"),
    ("kind", "large"): ("large", "liels", "lielais uznemums", "large company"),
    ("kind", "it"): ("ikt", "ict", "it company", "it uznemums", "ikt uznemums"),
    ("kind", "public"): ("public sector", "publiskais sektors", "valsts iestade", "publisks", "government"),
    ("kind", "research"): ("research", "petnieciba", "university", "universitate", "augstskola",
                           "research institute", "zinatniskais instituts"),
    ("kind", "ngo"): ("nvo", "biedriba", "association", "nodibinajums", "non-governmental organisation"),
    ("kind", "other"): ("cits", "cita", "citi"),
    ("wave", "baseline"): ("sakotneja", "first", "pirma"),
    ("wave", "follow-up"): ("follow up", "followup", "atkartota", "second", "otra"),
    ("indicator", "population"): ("population", "inhabitants", "residents", "iedzivotaji", "iedzivotaju skaits",
                                  "iedzivotaju skaits gada sakuma", "population at the beginning of the year"),
    ("indicator", "active_enterprises"): ("active enterprises", "economically active enterprises",
                                          "aktivie uznemumi", "ekonomiski aktivie uznemumi",
                                          "ekonomiski aktivas statistikas vienibas",
                                          "ekonomiski aktivas tirgus sektora statistikas vienibas",
                                          "economically active market sector statistical units"),
}


def normalised(text: str) -> str:
    """Lower case without diacritics or surrounding space: "Vidējs" and "videjs" are the same label."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def message_key(vocabulary: str, code: str) -> str:
    """The catalog message that holds ``code``'s label."""
    return f"{KEY_PREFIXES.get(vocabulary, vocabulary)}_{code}"


def label(vocabulary: str, code, lang: str) -> str:
    """The label of ``code`` in ``lang``; a value outside the vocabulary is shown as recorded, and nothing
    recorded (None, or NaN from a table) as nothing, never as "nan"."""
    if code is None or code != code:
        return ""
    if code not in VOCABULARIES[vocabulary] or not i18n.has(message_key(vocabulary, code)):
        return str(code)
    return i18n.t(message_key(vocabulary, code), lang)


def sector_short(code, lang: str) -> str:
    """A NACE section's short name (``nace_short_<code>``: "IKT" for "Informācijas un komunikācijas
    pakalpojumi") where a legend has no room for the full title; other values as :func:`label` shows them."""
    key = f"nace_short_{code}"
    return i18n.t(key, lang) if code in SECTORS and i18n.has(key) else label("sector", code, lang)


def accepted(vocabulary: str) -> dict[str, tuple[str, ...]]:
    """code → every accepted spelling (normalised): the code, its label in each catalog, synonyms."""
    return {code: tuple(dict.fromkeys(normalised(text) for text in (
        code, *(label(vocabulary, code, lang) for lang in i18n.LANGS), *SYNONYMS.get((vocabulary, code), ()))))
        for code in VOCABULARIES[vocabulary]}


def closest_codes(vocabulary: str, value: str, n: int = 3) -> list[str]:
    """The codes whose spellings come closest to ``value``, closest first."""
    spellings = {text: code for code, texts in accepted(vocabulary).items() for text in texts}
    codes = dict.fromkeys(spellings[match] for match in difflib.get_close_matches(
        normalised(value), list(spellings), n=n * 3, cutoff=0.5))
    return list(codes)[:n]



def code_for(vocabulary: str, value) -> str | None:
    """The code that ``value`` spells exactly — a code, any catalog's label or a listed synonym, any case,
    with or without diacritics: what an import accepts today — else None. Never a closest match: nothing is
    read as a code that the text did not clearly say."""
    wanted = normalised(value)
    return next((code for code, spellings in accepted(vocabulary).items() if wanted in spellings), None)
