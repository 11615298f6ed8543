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


def test_he_after_an_organisation_speaking_is_the_man_named_before_it(
    analyzer: Analyzer,
) -> None:
    text = (
        "Mark Fenwick has driven a delivery van in Leeds for eleven years. "
        "Northern Freight Logistics said in a statement that the depot would close in March. "
        "“We were told nothing until the letter came,” he said."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "We were told nothing") == "Mark Fenwick"


def test_surname_alone_is_the_namesake_introduced_before_it(analyzer: Analyzer) -> None:
    text = (
        "Dana Whitlock has organised the tenants of the tower on Mill Road for a decade. "
        "“Nobody listens until we withhold the rent,” Whitlock said.\n"
        "Her husband, Owen Whitlock, a retired teacher, joined the committee last spring. "
        "“The rent went up twice in one year,” Whitlock said."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "Nobody listens") == "Dana Whitlock"
    assert speaker_of(found, "The rent went up") == "Dana Whitlock"


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # A title the entity finder keeps in the name.
        ("Councillor Okafor said the council had “run out of excuses”.", "run out of excuses"),
        # An outlet the sentence names right before the surname, with no comma between.
        (
            "Speaking to the Harbour Gazette Okafor claimed: “They knew about the cracks.”",
            "They knew about the cracks",
        ),
    ],
)
def test_surname_run_together_with_the_words_before_it_is_the_person(
    analyzer: Analyzer, sentence: str, words: str
) -> None:
    text = (
        "Chidi Okafor, who chairs the residents' association, has campaigned against the "
        "demolition of the Eastgate estate for three years. The Harbour Gazette first reported "
        "the plans in March.\n" + sentence
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, words) == "Chidi Okafor"


def test_role_opening_the_next_clause_is_no_apposition_of_the_name_before(
    analyzer: Analyzer,
) -> None:
    text = (
        "The alliance has faced a string of attacks from US President Walter Brandt.\n"
        "After a meeting with Secretary General Anneke Visser, the US President said: "
        "“We pay for everyone and nobody pays us back.”"
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "We pay for everyone") == "Walter Brandt"


def test_abbreviated_title_before_a_name_gives_the_role_a_later_mention_names(
    analyzer: Analyzer,
) -> None:
    text = (
        "Ohio Gov. Marcus Reyes signed the budget on Friday after a month of talks.\n"
        "The plan adds money for rural clinics, said Lina Park, the director of a clinic "
        "network in Dayton.\n"
        "The governor said: “This is a budget for every county.”"
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "This is a budget") == "Marcus Reyes"


def test_abbreviated_title_before_a_surname_is_no_part_of_the_name(analyzer: Analyzer) -> None:
    text = (
        "Dr Sam Ellery, an emergency physician at Royal Bay Hospital, said the wards were full. "
        "“We have never seen this many patients,” Dr Ellery said."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "We have never seen") == "Sam Ellery"
