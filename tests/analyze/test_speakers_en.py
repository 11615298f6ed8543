"""English speakers named as a reader would name them: through the real analyzer, on
passages written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article, Quote, article_id


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities", "quotes"))


def quotes(analyzer: Analyzer, text: str) -> tuple[Quote, ...]:
    article = Article(id=article_id(text), text=text, title=None, published=None, language="en")
    return analyzer.analyze_one(article).quotes


def speaker_of(found: tuple[Quote, ...], words: str) -> str | None:
    """The speaker of the quotation holding ``words``."""
    matching = [q for q in found if words in q.text]
    assert matching, f"no quotation holds {words!r}: {[q.text for q in found]}"
    return matching[0].speaker


OKAFOR = (
    "Chidi Okafor, who chairs the residents' association, has campaigned against the "
    "demolition of the Eastgate estate for three years. The Harbour Gazette first reported "
    "the plans in March.\n"
)
WHITLOCK = (
    "Dana Whitlock has organised the tenants of the tower on Mill Road for a decade. "
    "“Nobody listens until we withhold the rent,” Whitlock said.\n"
    "Her husband, Owen Whitlock, a retired teacher, joined the committee last spring. "
    "“The rent went up twice in one year,” Whitlock said."
)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        pytest.param(
            "Mark Fenwick has driven a delivery van in Leeds for eleven years. "
            "Northern Freight Logistics said in a statement that the depot would close in "
            "March. “We were told nothing until the letter came,” he said.",
            "We were told nothing",
            "Mark Fenwick",
            id="he-after-an-organisation-speaking-is-the-man-named-before-it",
        ),
        pytest.param(
            WHITLOCK,
            "Nobody listens",
            "Dana Whitlock",
            id="surname-alone-before-a-namesake-is-introduced",
        ),
        pytest.param(
            WHITLOCK,
            "The rent went up",
            "Dana Whitlock",
            id="surname-alone-after-a-namesake-is-introduced-stays-the-first",
        ),
        pytest.param(
            OKAFOR + "Councillor Okafor said the council had “run out of excuses”.",
            "run out of excuses",
            "Chidi Okafor",
            id="title-kept-in-the-name-before-a-surname",
        ),
        pytest.param(
            OKAFOR + "Speaking to the Harbour Gazette Okafor claimed: “They knew about it.”",
            "They knew about it",
            "Chidi Okafor",
            id="outlet-run-together-with-the-surname-after-it",
        ),
        pytest.param(
            "Dr Sam Ellery, an emergency physician at Royal Bay Hospital, said the wards were "
            "full. “We have never seen this many patients,” Dr Ellery said.",
            "We have never seen",
            "Sam Ellery",
            id="abbreviated-title-before-a-surname-is-no-part-of-the-name",
        ),
        pytest.param(
            "The alliance has faced a string of attacks from US President Walter Brandt.\n"
            "After a meeting with Secretary General Anneke Visser, the US President said: "
            "“We pay for everyone and nobody pays us back.”",
            "We pay for everyone",
            "Walter Brandt",
            id="role-opening-the-next-clause-is-no-apposition-of-the-name-before",
        ),
        pytest.param(
            "Ohio Gov. Marcus Reyes signed the budget on Friday after a month of talks.\n"
            "The plan adds money for rural clinics, said Lina Park, the director of a clinic "
            "network in Dayton.\nThe governor said: “This is a budget for every county.”",
            "This is a budget",
            "Marcus Reyes",
            id="abbreviated-title-before-a-name-gives-the-role-a-later-mention-names",
        ),
    ],
)
def test_english_speaker_is_named_as_the_article_names_them(
    analyzer: Analyzer, text: str, words: str, speaker: str
) -> None:
    found = quotes(analyzer, text)

    assert speaker_of(found, words) == speaker
