"""An article's text as HTML: paragraphs, quotations marked per speaker, entity mentions
linked.

Every piece of text is escaped here (``markupsafe.escape``); only the tags written below are
markup. Spans that would make the HTML ill-formed are left out of the text, never forced in: a
quotation inside or across another is shown in the side panel only, a mention crossing a
quotation's edge or a paragraph break is not linked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsdesk.records import Analysis, Quote
from newsdesk.serve.hits import matches
from newsdesk.serve.words import quote_words

# Speaker colour classes (``sp-0`` … in the stylesheet), in order of first quotation; the
# speaker's name is written beside every quotation, so a colour met twice never misleads.
COLOURS = 10
UNKNOWN_CLASS = "sp-none"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Span:
    """A stretch ``[start, end)`` of the text to mark: a quotation (``quote`` is its index in
    the record) or a mention of entity ``entity_id``."""

    start: int
    end: int
    quote: int | None = None
    entity_id: str | None = None


def speaker_classes(quotes: Sequence[Quote]) -> list[str]:
    """One colour class per quotation: the same for every quotation of one speaker.

    >>> speaker_classes([Quote("a", 0, 1, "direct", speaker_id="x"),
    ...                  Quote("b", 2, 3, "direct"), Quote("c", 4, 5, "direct", speaker_id="x")])
    ['sp-0', 'sp-none', 'sp-0']
    """
    order: dict[str, int] = {}
    classes = []
    for quote in quotes:
        who = quote.speaker_id or quote.speaker
        if who is None:
            classes.append(UNKNOWN_CLASS)
            continue
        index = order.setdefault(who, len(order))
        classes.append(f"sp-{index % COLOURS}")
    return classes


def said_by(quote: Quote) -> str:
    """The name written beside a quotation in the text.

    >>> said_by(Quote("a", 0, 1, "direct", speaker_mention="il"))
    '“il” (not resolved)'
    """
    if quote.speaker:
        return quote.speaker
    if quote.speaker_mention:
        return f"“{quote.speaker_mention}” (not resolved)"
    return "speaker unknown"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` of each paragraph (text between blank lines), without empty ones.

    >>> paragraphs("Un.\\n\\nDeux.\\n")
    [(0, 3), (5, 10)]
    """
    bounds, start = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    result = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result


def marked_quotes(analysis: Analysis) -> list[Span]:
    """The quotations shown in the text: valid offsets, none inside or across another (the
    longer of two that start together wins)."""
    size = len(analysis.article.text)
    kept: list[Span] = []
    order = sorted(
        range(len(analysis.quotes)),
        key=lambda i: (analysis.quotes[i].start, -analysis.quotes[i].end),
    )
    for i in order:
        q = analysis.quotes[i]
        if not 0 <= q.start < q.end <= size:
            continue
        if kept and q.start < kept[-1].end:
            continue
        kept.append(Span(q.start, q.end, quote=i))
    return kept


def linked_mentions(analysis: Analysis, quotes: Sequence[Span]) -> list[Span]:
    """The mentions to link: inside one quotation or outside all, not overlapping another."""
    size = len(analysis.article.text)
    spans = sorted(
        (Span(m.start, m.end, entity_id=e.id) for e in analysis.entities for m in e.mentions),
        key=lambda s: (s.start, -s.end),
    )
    kept: list[Span] = []
    for span in spans:
        if not 0 <= span.start < span.end <= size or (kept and span.start < kept[-1].end):
            continue
        crosses = any(
            q.start < span.end
            and span.start < q.end
            and not (q.start <= span.start and span.end <= q.end)
            for q in quotes
        )
        if not crosses:
            kept.append(span)
    return kept


def _text(text: str, start: int, end: int, mentions: Sequence[Span]) -> str:
    """``text[start:end]`` escaped, with the mentions inside it linked (HTML as a ``str``)."""
    out: list[str] = []
    at = start
    for m in mentions:
        if m.start < start or m.end > end:
            continue
        entity = escape(m.entity_id or "")
        out.append(escape(text[at : m.start]))
        out.append(
            f'<a class="entity" data-entity-id="{entity}" href="/entities/{entity}">'
            f"{escape(text[m.start : m.end])}</a>"
        )
        at = m.end
    out.append(escape(text[at:end]))
    return "".join(out)


def article_html(analysis: Analysis) -> Markup:
    """The article's text as ``<p>`` elements with ``<mark class="quote">`` around each shown
    quotation followed by its speaker's name and kind (``<a class="said-by">``, so who said
    it never rests on colour alone), and ``<a class="entity">`` around each linked mention.

    A quotation running over a paragraph break is marked in each paragraph it covers. The
    HTML is joined as plain strings, every piece of text going through ``escape`` on the way
    (a long article is thousands of pieces)."""
    text = analysis.article.text
    quotes = marked_quotes(analysis)
    mentions = linked_mentions(analysis, quotes)
    classes = speaker_classes(analysis.quotes)
    html = []
    for p_start, p_end in paragraphs(text):
        inside = [m for m in mentions if p_start <= m.start and m.end <= p_end]
        parts, at = [], p_start
        for q in quotes:
            start, end = max(q.start, p_start), min(q.end, p_end)
            if start >= end:
                continue
            assert q.quote is not None
            quote = analysis.quotes[q.quote]
            parts.append(_text(text, at, start, inside))
            parts.append(
                f'<mark class="quote {classes[q.quote]}" id="q{q.quote}" data-quote="{q.quote}"'
                f' data-speaker-id="{escape(quote.speaker_id or "")}">'
                f"{_text(text, start, end, inside)}</mark>"
            )
            if not text[end : q.end].strip():
                # The speaker's name after the quotation's last part, linked to its panel entry.
                words = ", ".join(quote_words(quote))
                parts.append(
                    f'<a class="said-by {classes[q.quote]}" href="#said-{q.quote}"'
                    f' data-quote="{q.quote}">{escape(said_by(quote))}'
                    f'<span class="said-kind"> · {escape(words)}</span></a>'
                )
            at = end
        parts.append(_text(text, at, p_end, inside))
        html.append(f"<p>{''.join(parts)}</p>")
    return Markup("\n".join(html))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http or https address, else None (never a ``javascript:`` link).

    >>> safe_url("javascript:alert(1)") is None, safe_url("https://news.example/a")
    (True, 'https://news.example/a')
    """
    if url is None:
        return None
    stripped = url.strip()
    if re.match(r"https?://[^\s]", stripped, re.IGNORECASE) and not any(
        ch.isspace() or ord(ch) < 32 for ch in stripped
    ):
        return stripped
    return None


def highlight(text: str, q: str | None) -> Markup:
    """``text`` escaped, with the words of the search ``q`` in ``<mark class="hit">`` (case
    and accents ignored; a ``prefix*`` marks the words it starts).

    >>> highlight("L'OTAN <et> l'Otan", "otan")
    Markup('L&#39;<mark class="hit">OTAN</mark> &lt;et&gt; l&#39;<mark class="hit">Otan</mark>')
    """
    out, at = [], 0
    for m in matches(text, q):
        if m.start() < at:
            continue
        out.append(str(escape(text[at : m.start()])))
        out.append(f'<mark class="hit">{escape(m[0])}</mark>')
        at = m.end()
    out.append(str(escape(text[at:])))
    return Markup("".join(out))
