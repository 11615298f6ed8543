import pytest

from newsdesk.config import DEFAULT_LANGUAGES, Settings
from newsdesk.errors import UsageError
from newsdesk.extract.language import detect_language, known_languages, script_languages


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("気象庁は午後、沿岸部に大津波警報を発表した。住民は高台へ避難した。", "ja"),
        ("정부는 오늘 새로운 예산안을 국회에 제출했다고 밝혔다.", "ko"),
        ("Οι υπουργοί Εξωτερικών θα συναντηθούν την Τετάρτη στις Βρυξέλλες.", "el"),
        ("שרי החוץ ייפגשו ביום רביעי בבריסל.", "he"),
        ("รัฐมนตรีต่างประเทศจะพบกันในวันพุธที่กรุงบรัสเซลส์", "th"),
        ("Ministři zahraničí se sejdou ve středu v Bruselu, aby jednali o pomoci.", "cs"),
        ("Utenriksministrene møtes onsdag i Brussel for å diskutere hjelpen til landet.", "nb"),
        ("Các bộ trưởng ngoại giao sẽ gặp nhau vào thứ Tư tại Brussels.", "vi"),
    ],
)
def test_detect_language_answers_languages_beyond_a_configured_list(
    text: str, expected: str
) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("hint", ["nb", "nb-NO", "no", "no_NO"])
def test_declared_norwegian_decides_between_close_scandinavian_languages(hint: str) -> None:
    # Written to sit between Danish and Bokmål: the page's declaration decides.
    text = "Regeringen vil i dag fremlægge et forslag om nye regler for skatten."
    assert detect_language(text, hint=hint) == "nb"


def test_declared_language_far_from_the_text_loses_to_the_text() -> None:
    # A template's lang="en" on a French page.
    text = "Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine."
    assert detect_language(text, hint="en") == "fr"


def test_script_lingua_does_not_know_keeps_the_declaration_or_nothing() -> None:
    burmese = "မြန်မာနိုင်ငံ ရန်ကုန်မြို့တွင် ယနေ့ မိုးသည်းထန်စွာ ရွာသွန်းခဲ့သည်။"
    assert detect_language(burmese, hint="my") == "my"
    assert detect_language(burmese, hint="en") is None
    assert detect_language(burmese) is None


def test_narrowed_languages_never_force_another_script() -> None:
    assert detect_language("Министры встретятся в среду в Брюсселе.", ("fr", "en")) is None


def test_language_setting_accepts_aliases_and_regional_tags() -> None:
    settings = Settings.from_env({"NEWSDESK_LANGUAGES": "no, fr-FR,pt_BR,fr"})
    assert settings.languages == ("nb", "fr", "pt")
    models = Settings.from_env({"NEWSDESK_MODELS": "no=nb_core_news_sm"}).models
    assert dict(models) == {"nb": "nb_core_news_sm"}


def test_every_language_lingua_knows_has_one_script() -> None:
    scripts = ("latin", "cyrillic", "arabic", "devanagari", "bengali", "gurmukhi", "gujarati",
               "tamil", "telugu", "thai", "greek", "hebrew", "armenian", "georgian", "hangul",
               "kana", "han")  # fmt: skip
    counted = [code for script in scripts for code in script_languages(script)]
    assert sorted(counted) == sorted(known_languages()) and len(counted) == 75
