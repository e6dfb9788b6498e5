"""Finds the English that an Indonesian admin screen still shows.

A text on the screen is untranslated when it is, word for word, the English of a message of
one of the installed apps' catalogues (Django, Wagtail, allauth, Kabar, ...), unless its
Indonesian is the same word. That catches a message nobody translated and one whose translation
is not loaded where it is shown (the admin's JavaScript catalogue, say). Messages with
placeholders ("Edited by %(name)s") match as patterns. Texts
that are not messages (a story's headline, a person's name) never match, so the check needs no
list of exceptions for content.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|\{\{[^}]*\}\}|__\w+__")
# Messages too short or too generic to be told from content by sight, and "English", which the
# language menus rightly show in its own language.
IGNORED = {
    "",
    "-",
    "—",
    "…",
    "OK",
    "Wagtail",
    "Admin",
    "Status",
    "Email",
    "Video",
    "Media",
    "English",
}


@dataclass(frozen=True)
class Message:
    domain: str
    context: str
    text: str


def catalogue_dirs() -> list[Path]:
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    return [d for d in dirs if d.is_dir()]


def source_catalogue(locale_dir: Path, domain: str) -> Path | None:
    """One catalogue of the directory (English when there is one): it lists every message."""
    for lang in ("en", "id_ID", "id"):
        po = locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            return po
    found = sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    return found[0] if found else None


@cache
def messages() -> frozenset[Message]:
    found = set()
    for locale_dir in catalogue_dirs():
        for domain in ("django", "djangojs"):
            po = source_catalogue(locale_dir, domain)
            if po is None:
                continue
            for entry in polib.pofile(str(po)):
                if entry.obsolete:
                    continue
                for text in (entry.msgid, entry.msgid_plural):
                    if text:
                        found.add(Message(domain, entry.msgctxt or "", text))
    return frozenset(found)


@cache
def same_in_indonesian() -> frozenset[str]:
    """Messages whose Indonesian is the English word itself ("Status", "Email", "Tag"), as some
    Indonesian catalogue (Kabar's or a library's) says explicitly."""
    same = set()
    for locale_dir in [*catalogue_dirs(), *map(Path, settings.LOCALE_PATHS)]:
        for po_path in [
            *locale_dir.glob("id/LC_MESSAGES/*.po"),
            *locale_dir.glob("id_ID/LC_MESSAGES/*.po"),
        ]:
            for entry in polib.pofile(str(po_path)):
                forms = [entry.msgstr, *entry.msgstr_plural.values()]
                if not entry.obsolete and entry.msgid in forms:
                    same.add(normalised(entry.msgid))
    return frozenset(same)


def normalised(text: str) -> str:
    return " ".join(text.split())


@cache
def untranslated_index() -> tuple[dict[str, Message], list[tuple[re.Pattern, Message]]]:
    """The messages an Indonesian screen must not show in English: plain ones by their text,
    those with placeholders as patterns (only when some words are left around them)."""
    plain, patterns = {}, []
    for message in messages():
        text = normalised(message.text)
        if text in IGNORED or text in same_in_indonesian():
            continue
        if PLACEHOLDER.search(text):
            literal = PLACEHOLDER.sub(" ", text)
            if len(re.findall(r"[A-Za-z]{2,}", literal)) < 2:
                continue
            parts = PLACEHOLDER.split(text)
            pattern = ".+?".join(re.escape(part) for part in parts)
            patterns.append((re.compile(f"^{pattern}$"), message))
        elif re.search(r"[A-Za-z]{2,}", text):
            plain[text] = message
    return plain, patterns


def untranslated_in(texts: list[str]) -> list[str]:
    """The texts that are messages still in English."""
    plain, patterns = untranslated_index()
    found = []
    for raw in texts:
        text = normalised(raw)
        if not text or text in IGNORED:
            continue
        if text in plain or any(pattern.match(text) for pattern, _ in patterns):
            found.append(text)
    return sorted(set(found))


# Run in the page: every text node outside scripts, styles and hidden elements, the contents of
# <template> elements (menus and dialogs shown on demand), and the texts of attributes that
# screen readers and tooltips show.
SCREEN_TEXTS_JS = """() => {
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest("script, style, noscript, [hidden]")) {
      texts.push(walker.currentNode.textContent);
    }
  }
  for (const el of document.querySelectorAll("template")) {
    const inner = document.createTreeWalker(el.content, NodeFilter.SHOW_TEXT);
    while (inner.nextNode()) texts.push(inner.currentNode.textContent);
  }
  const attributes = ["title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"];
  for (const el of document.querySelectorAll("*")) {
    for (const name of attributes) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
    if (el.matches("input[type=submit], input[type=button]")) texts.push(el.value);
  }
  return texts;
}"""
