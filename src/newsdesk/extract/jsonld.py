"""JSON-LD blocks of a page: the schema.org objects it declares about itself.

Pages write JSON-LD by hand or by plugin, so reading is forgiving: ``@graph`` arrays, ``@id``
references, types given as lists or URLs, comment or CDATA wrappers and trailing commas are
accepted, and a block that still cannot be read is skipped.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from lxml.html import HtmlElement

# Blocks are walked breadth-first up to this many objects (a page's catalogue of products
# would otherwise cost more than the article).
_MAX_JSON_NODES = 5_000
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@cache
def _types_config() -> dict[str, list[str]]:
    text = resources.files("newsdesk.extract").joinpath("data/html.toml").read_text("utf-8")
    config: dict[str, list[str]] = tomllib.loads(text)["jsonld"]
    return config


def node_types(node: dict[str, Any]) -> set[str]:
    """The node's schema.org types, lower-cased, without their URL or prefix."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def literal(value: Any) -> str | None:
    """A JSON-LD literal as text (plain string, ``{"@value": ...}`` or a list's first)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, str) and value.strip():
        return value
    return None


def _load_json(text: str) -> Any:
    text = text.strip()
    for wrapper in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(wrapper[0]) and text.endswith(wrapper[1]):
            text = text[len(wrapper[0]) : -len(wrapper[1])]
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # Trailing commas are the commonest hand-written JSON-LD error.
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)


@dataclass(frozen=True)
class JsonLd:
    """The schema.org objects of a page's JSON-LD blocks, in document order."""

    nodes: tuple[dict[str, Any], ...]

    @classmethod
    def from_tree(cls, tree: HtmlElement) -> JsonLd:
        """The objects of every ``application/ld+json`` script of a parsed page."""
        nodes: list[dict[str, Any]] = []
        for script in tree.iter("script"):
            if "ld+json" not in (script.get("type") or "").lower() or not script.text:
                continue
            try:
                document = _load_json(script.text)
            except (ValueError, RecursionError):
                continue  # unreadable JSON-LD is common; the <meta> tags remain
            nodes.extend(_walk(document, _MAX_JSON_NODES - len(nodes)))
        return cls(tuple(nodes))

    def resolve(self, value: Any) -> Any:
        """A reference (``{"@id": ...}`` without a name) replaced by the node it names, when
        there is one."""
        if isinstance(value, dict) and "@id" in value and "name" not in value:
            for node in self.nodes:
                if node is not value and node.get("@id") == value["@id"] and "name" in node:
                    return node
        return value

    def of_types(self, names: list[str]) -> list[dict[str, Any]]:
        """The nodes having one of these (lower-case) types."""
        wanted = set(names)
        return [node for node in self.nodes if node_types(node) & wanted]

    @property
    def article(self) -> dict[str, Any] | None:
        """The article the page is about: the first article-typed node with a headline or
        date (related-article lists come after it on news pages)."""
        for node in self.of_types(_types_config()["article_types"]):
            if "headline" in node or "datePublished" in node:
                return node
        return None

    def published(self, *, own: bool = True) -> Iterator[str]:
        """Publication dates as written: with ``own``, the page's article's; without, those of
        the other articles (an embedded video's upload date, a related article), then of the
        page itself, which say less of the article than the page's ``<meta>`` do."""
        article = self.article
        if own:
            nodes = [] if article is None else [article]
        else:
            nodes = [n for n in self.of_types(_types_config()["article_types"]) if n is not article]
            nodes += self.of_types(_types_config()["page_types"])
        for node in nodes:
            for key in ("datePublished", "dateCreated", "uploadDate"):
                value = literal(node.get(key))
                if value:
                    yield value

    def modified(self) -> Iterator[str]:
        """Modification dates as written: the page's article first, then the page itself."""
        article = self.article
        nodes = [] if article is None else [article]
        nodes += self.of_types(_types_config()["page_types"])
        for node in nodes:
            if value := literal(node.get("dateModified")):
                yield value

    def site_names(self) -> Iterator[str]:
        """Names of the publisher: the article's, then the web site's or news organisation's."""
        article = self.article
        if article is not None:
            publisher = self.resolve(article.get("publisher"))
            if isinstance(publisher, dict) and (name := literal(publisher.get("name"))):
                yield name
        for node in self.of_types(["website", "newsmediaorganization"]):
            if name := literal(node.get("name")):
                yield name

    def authors(self) -> list[str]:
        """The names of the article's authors, as written."""
        article = self.article
        if article is None:
            return []
        found = self.resolve(article.get("author"))
        names: list[str] = []
        for author in found if isinstance(found, list) else [found]:
            person = self.resolve(author)
            if isinstance(person, dict):
                name = literal(person.get("name"))
                if name is None and (given := literal(person.get("givenName"))):
                    name = f"{given} {literal(person.get('familyName')) or ''}"
            else:
                name = literal(person)
            if name:
                names.append(name)
        return names


def _walk(document: Any, budget: int) -> list[dict[str, Any]]:
    """Every JSON object in a JSON-LD document (``@graph`` arrays included), breadth first."""
    found: list[dict[str, Any]] = []
    queue = deque([document])
    while queue and len(found) < budget:
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            queue.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found
