"""Import problems that say themselves in the reader's language.

A ``Msg`` is the English text (so code, logs and the command line keep reading it as a string, unchanged)
that remembers its catalog key and parameters; ``say(text, lang)`` renders it from that language's
catalog, numbers in that language's format, column names as that language's headers and suggested
vocabulary codes with that language's labels. A plain string (a message nobody has put in the catalog
yet) is returned as it is and recorded in ``unsaid``, so a test can find it.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from . import i18n

unsaid: set[str] = set()  # plain-string problem texts that were asked for in a language


@dataclass(frozen=True)
class Column:
    """A column name, said as the header a template in that language uses."""
    name: str


@dataclass(frozen=True)
class PerLanguage:
    """A text the code holds per language (a column's help); other languages get the English one."""
    texts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Options:
    """Alternatives joined by "or" in the language; vocabulary codes said with their label."""
    items: tuple[str, ...]
    vocabulary: str | None = None


class Msg(str):
    """English problem text that can be said in another catalog language (see the module docstring)."""

    key: str | None
    params: dict
    parts: tuple

    def __new__(cls, key: str, /, **params) -> Msg:
        self = super().__new__(cls, _render(key, params, i18n.SOURCE_LANG))
        self.key, self.params, self.parts = key, params, ()
        return self

    def __reduce__(self):  # pickle/copy rebuild it from key and parameters (str's own way would pass the text)
        return _rebuilt, (self.key, self.params, self.parts)

    @classmethod
    def joined(cls, *parts: str) -> Msg:
        """Sentences said one after the other (empty ones left out)."""
        kept = tuple(part for part in parts if part)
        self = super().__new__(cls, " ".join(kept))
        self.key, self.params, self.parts = None, {}, kept
        return self


def _rebuilt(key: str | None, params: dict, parts: tuple) -> Msg:
    return Msg.joined(*parts) if key is None else Msg(key, **params)


def say(text: str | None, lang: str) -> str | None:
    """``text`` in ``lang``: a ``Msg`` from the catalog, anything else as it is (and noted in ``unsaid``)."""
    if text is None or text == "":
        return text
    if not isinstance(text, Msg):
        unsaid.add(str(text))
        return str(text)
    if text.key is None:
        return " ".join(say(part, lang) for part in text.parts)
    return _render(text.key, text.params, lang)


def _render(key: str, params: dict, lang: str) -> str:
    return i18n.t(key, lang, **{name: _value(value, lang) for name, value in params.items()})


def _value(value, lang: str) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return format_decimal(value, format="#,##0.######", locale=i18n.LOCALES[lang]).replace("-", i18n.MINUS)
    if isinstance(value, Column):
        return column_header(value.name, lang)
    if isinstance(value, PerLanguage):
        texts = dict(value.texts)
        return texts.get(lang, texts[i18n.SOURCE_LANG])
    if isinstance(value, Options):
        items = [_option(value.vocabulary, item, lang) if value.vocabulary else item for item in value.items]
        return ", ".join(items[:-1]) + i18n.t("problem_or", lang) + items[-1] if len(items) > 1 else "".join(items)
    if isinstance(value, Msg):
        return say(value, lang)
    if isinstance(value, tuple):
        return ", ".join(_value(item, lang) for item in value)
    return str(value)


def _option(vocabulary: str, code: str, lang: str) -> str:
    """"code (label)" in English and for letter codes (NACE "C"); the label alone where the code is an English
    word ("sme")."""
    from . import vocabularies  # vocabularies → i18n only; imported here to keep this module import-light

    label = vocabularies.label(vocabulary, code, lang)
    return f"{code} ({label})" if lang == i18n.SOURCE_LANG or len(code) <= 2 else label


def column_header(name: str, lang: str) -> str:
    """A contract column as a template in ``lang`` heads it: the Latvian label in Latvian, else its name."""
    from .schemas import SCHEMAS

    if lang == "lv":
        for specs in SCHEMAS.values():
            for spec in specs:
                if spec.name == name:
                    return spec.label_lv
    return name


def per_language(**texts: str) -> PerLanguage:
    return PerLanguage(tuple(texts.items()))
