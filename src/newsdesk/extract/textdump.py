"""Plain-text dumps of scraped news pages -> clean body, title, date, site name.

A dump is what a scraper kept of a page: the title (sometimes twice, once truncated), a
dateline, the paragraphs, and leftovers of the page around them (``Afficher Plus``, share
prompts, menus, a copyright footer, often in another script than the article). The cleaner reads
it line by line:

1. each line is judged alone (``textdump_lines.classify``): dateline, boilerplate, copyright,
   menu, link, byline or text;
2. the *head* is the run of short text lines before the first body paragraph: the title is
   taken from it, truncated and repeated copies merged;
3. the *tail* is what follows the last body paragraph: short lines there that are written in
   another script than the body, or made of separators and links, or that follow a footer line,
   are footer too;
4. the remaining text lines are the body, paragraphs joined by one blank line, each character
   as it came (later stages store offsets into this text).

Phrases and limits come from ``data/textdump_*.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import EmptyInput
from newsdesk.extract.base import Extracted
from newsdesk.extract.dateline import parse_dateline
from newsdesk.extract.textdump_data import limits
from newsdesk.extract.textdump_lines import (
    LineInfo,
    LineKind,
    classify,
    copyright_site,
    dominant_script,
    is_linkish,
    is_paragraph,
    is_wrapped_paragraph,
    nav_items,
    word_count,
)
from newsdesk.extract.textdump_title import read_title

__all__ = ["clean_text_dump", "parse_dateline"]

# Lines that may be body text: a bare link is kept between paragraphs (a reference the article
# gives) and dropped above the first or below the last (share links, the page's address).
_BODY_KINDS = frozenset({LineKind.TEXT, LineKind.BYLINE, LineKind.LINK})
# After the last paragraph, these open the page footer: every line below them belongs to it.
_FOOTER_OPENERS = frozenset({LineKind.LEADIN, LineKind.COPYRIGHT, LineKind.NAV})
# Characters that only pad a line: zero-width spaces and joiners, word joiner, BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True)
class _Line:
    text: str
    block: int  # lines of one block are separated by single newlines only
    info: LineInfo

    @property
    def kind(self) -> LineKind:
        return self.info.kind


def _split(text: str) -> list[_Line]:
    """Non-blank lines, stripped, with the blank-line-separated block each belongs to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n").replace("\ufeff", "")
    lines: list[_Line] = []
    block = 0
    for raw in text.split("\n"):
        # str.strip() also removes non-breaking and other Unicode spaces.
        line = raw.strip().strip(_INVISIBLE).strip()
        if not line:
            if lines and lines[-1].block == block:
                block += 1
            continue
        lines.append(_Line(line, block, classify(line)))
    return lines


# --- regions --------------------------------------------------------------------------------


def _prose(lines: list[_Line]) -> set[int]:
    """Indices of text lines shaped like body paragraphs, hard-wrapped ones included."""
    prose = {
        i for i, line in enumerate(lines) if line.kind is LineKind.TEXT and is_paragraph(line.text)
    }
    if len({line.block for line in lines}) == 1:
        # Without blank lines, every line is a paragraph of its own, not a wrapped piece.
        return prose
    runs: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.kind is LineKind.TEXT:
            runs.setdefault(line.block, []).append(i)
    for run in runs.values():
        consecutive = run == list(range(run[0], run[-1] + 1))
        if consecutive and is_wrapped_paragraph([lines[i].text for i in run]):
            prose.update(run)
    return prose


def _head(lines: list[_Line], prose: set[int]) -> list[int]:
    """Indices of the short text lines standing before the first body paragraph.

    Above the first paragraph stand the title, a section name, a byline, a menu: never body.
    """
    bounds = limits()
    texts = [i for i, line in enumerate(lines) if line.kind in (LineKind.TEXT, LineKind.BYLINE)]
    first_paragraph = next((n for n, i in enumerate(texts) if i in prose), None)
    if first_paragraph is not None:
        above = texts[:first_paragraph]
        menu_sized = sum(1 for i in above if word_count(lines[i].text) <= bounds.nav_item_max_words)
        if len(above) <= bounds.head_max_lines or 2 * menu_sized >= len(above):
            return above
        # Many short lines of some length: an article made of short lines (a list).
        return above[:1]
    # No paragraph-shaped line: a dump of short paragraphs. Its first line is the title only
    # when a body follows it.
    if len(texts) >= 2 and lines[texts[0]].kind is LineKind.TEXT:
        return texts[:1]
    return []


def _tail_footer(lines: list[_Line], script: str | None, start: int) -> set[int]:
    """Indices of text lines after the last body paragraph that belong to the page footer."""
    bounds = limits()
    footer: set[int] = set()
    in_footer = False
    for i in range(start, len(lines)):
        line = lines[i]
        if line.kind in _FOOTER_OPENERS:
            in_footer = True
            continue
        if line.kind not in _BODY_KINDS:
            continue
        short = word_count(line.text) <= bounds.tail_line_max_words
        line_script = dominant_script(line.text)
        foreign = line_script is not None and script is not None and line_script != script
        menu = is_linkish(line.text) or len(nav_items(line.text)) >= 2
        if (
            in_footer
            or line.kind in (LineKind.BYLINE, LineKind.LINK)
            or (short and (foreign or line_script is None or menu))
        ):
            footer.add(i)
    return footer


def _body_script(lines: list[_Line], prose: set[int]) -> str | None:
    texts = [line.text for line in lines if line.kind is LineKind.TEXT]
    return dominant_script("\n".join([lines[i].text for i in sorted(prose)] or texts))


def _published(lines: list[_Line]) -> str | None:
    """A date said to be the publication date, else the first plain date, else an update date."""
    datelines = [line.info.dateline for line in lines if line.info.dateline is not None]
    stated = (d.published for d in datelines if d.published and d.stated)
    plain = (d.published for d in datelines if d.published)
    updated = (d.updated for d in datelines if d.updated)
    return next(stated, None) or next(plain, None) or next(updated, None)


def _paragraphs(lines: list[_Line]) -> str:
    if len({line.block for line in lines}) == 1:
        # Single newlines only: each line is a paragraph.
        return "\n\n".join(line.text for line in lines)
    paragraphs: list[list[str]] = []
    block = None
    for line in lines:
        if line.block != block:
            paragraphs.append([])
            block = line.block
        paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def clean_text_dump(text: str) -> Extracted:
    """The article in a plain-text dump of a scraped page.

    Raises ``EmptyInput`` when no article text remains once page furniture is removed.

    >>> page = clean_text_dump("Big news\\n\\nMardi 05 Avril 2022 16:43\\nIt happened today.\\n"
    ...                        "\\nRead more\\n© 2023 Example News")
    >>> page.title, page.published, page.text, page.site_name
    ('Big news', '2022-04-05T16:43:00', 'It happened today.', 'Example News')
    """
    lines = _split(text)
    prose = _prose(lines)
    script = _body_script(lines, prose)
    head = _head(lines, prose)
    head_set = set(head)

    texts = [i for i, line in enumerate(lines) if line.kind is LineKind.TEXT and i not in head_set]
    paragraphs = [i for i in texts if i in prose] or texts
    first, last = (paragraphs[0], paragraphs[-1]) if paragraphs else (len(lines), len(lines))
    footer = _tail_footer(lines, script, last + 1)
    # A headline right after a "Lire aussi" label is a link to another article.
    related = {
        i + 1
        for i, line in enumerate(lines[:-1])
        if line.kind is LineKind.LEADIN
        and lines[i + 1].kind is LineKind.TEXT
        and not is_paragraph(lines[i + 1].text)
    }
    body = [
        line
        for i, line in enumerate(lines)
        if i not in head_set
        and i not in footer
        and i not in related
        and (
            line.kind in (LineKind.TEXT, LineKind.BYLINE)
            or (line.kind is LineKind.LINK and i > first)
        )
    ]
    if not any(ch.isalpha() for line in body for ch in line.text):
        raise EmptyInput("no article text left once page furniture is removed")

    sites = [
        site
        for line in reversed(lines)
        if line.kind is LineKind.COPYRIGHT and (site := copyright_site(line.text))
    ]
    title = read_title(
        [
            lines[i].text
            for i in head
            if lines[i].kind is LineKind.TEXT and dominant_script(lines[i].text) in (script, None)
        ],
        sites,
    )

    authors: list[str] = []
    for i, line in enumerate(lines):
        if i in head_set or i in footer or line.kind is LineKind.DATELINE:
            authors.extend(a for a in line.info.authors if a not in authors)
    return Extracted(
        text=_paragraphs(body),
        title=title.text,
        published=_published(lines),
        authors=tuple(authors),
        site_name=sites[0] if sites else title.site_name,
    )
