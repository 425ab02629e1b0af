"""Add (or change) one UI message in the template and every catalog: ``python scripts/add_message.py KEY EN LV``.

The key is the ``msgctxt`` the code passes to ``i18n.t``; English is the ``msgid``; the Latvian text goes to
``lv``. Other catalogs get the message untranslated (shown in English until a translator fills it in).
Hand-editing the ``.po`` files works too; this keeps the three files in step and formatted alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "dih_data" / "locales"


def rewrite(path: Path, key: str, english: str, translation: str) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    old = next((m for m in catalog if m.context == key), None)
    if old is not None:
        catalog.delete(old.id, context=key)
    catalog.add(english, translation, context=key)
    for message in catalog:
        message.flags.discard("python-format")  # placeholders are {name}; a "%" in the text is a per cent sign
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, omit_header=False)


def main(key: str, english: str, latvian: str) -> None:
    rewrite(LOCALE_DIR / "messages.pot", key, english, "")
    for path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")):
        lang = path.parts[-3]
        rewrite(path, key, english, {"en": english, "lv": latvian}.get(lang, ""))


if __name__ == "__main__":
    main(*sys.argv[1:4])
