"""Binary and non-prose input is "not a news text", never an article in some language."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest

from newsdesk.config import Settings
from newsdesk.errors import ExtractionError, NotNewsText
from newsdesk.extract import extract_one
from newsdesk.extract.prose import prose_reason
from newsdesk.records import Origin, RawDocument

SEED = Path(__file__).parents[1] / "data" / "seed_fr.txt"


def _random_bytes(size: int, seed: int) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(size))


def _minified_code(functions: int) -> str:
    rnd = random.Random(7)
    names = ["e", "t", "n", "r", "i", "o", "a", "s"]
    parts = []
    for k in range(functions):
        a, b = rnd.sample(names, 2)
        parts.append(
            f"function f{k}({a},{b}){{return {a}&&{a}.x{k}?{a}[{b}+{k}]:{{default:{b}*{k}}}}}"
        )
    return ";".join(parts)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_named_html_are_not_a_news_text(seed: int) -> None:
    raw = RawDocument(_random_bytes(200_000, seed), Origin(path="noise.html"), "html")
    # Either no text is found in the noise, or what is found is no prose: never an article.
    with pytest.raises((NotNewsText, ExtractionError)) as caught:
        extract_one(raw, Settings())
    assert caught.value.input == "noise.html"


def test_a_base64_blob_named_txt_is_not_a_news_text() -> None:
    blob = base64.encodebytes(_random_bytes(300_000, 4))
    raw = RawDocument(blob, Origin(path="blob.txt"), "text")
    with pytest.raises(NotNewsText, match="machine-made"):
        extract_one(raw, Settings())


def test_minified_code_is_not_a_news_text() -> None:
    raw = RawDocument(_minified_code(400).encode(), Origin(path="app.txt"), "text")
    with pytest.raises(NotNewsText):
        extract_one(raw, Settings())


def test_a_table_of_numbers_is_not_a_news_text() -> None:
    rnd = random.Random(5)
    rows = "\n".join(
        " ".join(f"{rnd.randrange(10_000)}.{rnd.randrange(100):02d}" for _ in range(8))
        for _ in range(200)
    )
    assert prose_reason(rows) is not None


@pytest.mark.parametrize(
    "text",
    [
        SEED.read_text("utf-8"),
        # Japanese is written without spaces: long runs with digits and Latin names are prose.
        (
            "東京都は2025年1月13日、新しい交通計画を発表した。"
            "計画によると、2030年までにバスの路線をiPhoneのアプリで予約できるようにする。"
        )
        * 8,
        # A long German compound and a few links stay prose.
        (
            "Die Donaudampfschifffahrtsgesellschaftskapitänsmütze liegt im Museum. "
            "Mehr dazu unter https://example.org/2024/03/museum-donau-dampfschiff-ausstellung. "
            "Der Bürgermeister eröffnete am Dienstag die Ausstellung vor vielen Gästen. "
        )
        * 6,
    ],
    ids=["seed", "japanese", "german-compound-and-link"],
)
def test_prose_in_any_script_is_a_news_text(text: str) -> None:
    assert prose_reason(text) is None
