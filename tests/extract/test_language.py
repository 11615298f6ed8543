import pytest

from newsdesk.config import DEFAULT_LANGUAGES
from newsdesk.errors import UsageError
from newsdesk.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le chef de l'OTAN a déclaré mardi qu'il craignait d'autres atrocités en Ukraine.", "fr"),
        ("The alliance's foreign ministers meet on Wednesday and Thursday in Brussels.", "en"),
        ("Die Außenminister der Allianz treffen sich am Mittwoch in Brüssel.", "de"),
        ("Los ministros de Asuntos Exteriores se reunirán el miércoles en Bruselas.", "es"),
        ("Министры иностранных дел встретятся в среду в Брюсселе.", "ru"),
        ("سيجتمع وزراء الخارجية يوم الأربعاء في بروكسل.", "ar"),
        ("外交部长们将于周三在布鲁塞尔举行会议。", "zh"),
    ],
)
def test_detect_language_names_the_language_of_a_sentence(text: str, expected: str) -> None:
    assert detect_language(text, DEFAULT_LANGUAGES) == expected


def test_detect_language_chooses_only_among_configured_languages() -> None:
    # Spanish is not offered: the closest offered language wins, never an unlisted one.
    found = detect_language("Los ministros se reunirán el miércoles.", ("fr", "en", "it"))
    assert found in {"fr", "en", "it"}


def test_detect_language_falls_back_to_the_page_hint_for_wordless_text() -> None:
    assert detect_language("12345 678", ("fr", "en"), hint="fr-FR") == "fr"


def test_detect_language_refuses_an_unknown_code() -> None:
    with pytest.raises(UsageError, match="xx"):
        detect_language("Bonjour tout le monde.", ("fr", "xx"))


def test_seed_is_french(seed_path) -> None:  # type: ignore[no-untyped-def]
    assert detect_language(seed_path.read_text(encoding="utf-8"), DEFAULT_LANGUAGES) == "fr"
