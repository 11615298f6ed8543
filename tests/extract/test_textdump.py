"""The plain-text dump cleaner: title, dateline, body, boilerplate, footers, site name."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import EmptyInput
from newsdesk.extract.base import Extracted
from newsdesk.extract.textdump import clean_text_dump
from newsdesk.extract.textdump_lines import copyright_site

DATA = Path(__file__).resolve().parents[1] / "data"
DUMPS = DATA / "textdump"
SEED = DATA / "seed_fr.txt"
EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"

SEED_TITLE = "Les alliés de l'OTAN se préparent à réarmer Kiev ; peur de nouvelles atrocités"
SEED_FIRST = "Le chef de l'OTAN, Jens Stoltenberg, a déclaré mardi"
SEED_LAST = (
    "Le G7 a déjà convenu de plusieurs vagues de sanctions contre la Russie suite à son "
    "invasion de l'Ukraine."
)

P1 = (
    "The council voted on Tuesday to extend the ferry timetable, after a summer in which "
    "ridership broke every record the port keeps."
)
P2 = "Officials said the new crossings would start in June and that fares would not change."
P3 = "Critics said the city had not explained how it would pay for the extra fuel next year."


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _clean(name: str) -> Extracted:
    return clean_text_dump((DUMPS / name).read_text(encoding="utf-8"))


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- the seed -------------------------------------------------------------------------------


def test_textdump_truncated_title_merges_into_full_title() -> None:
    assert clean_text_dump(_seed()).title == SEED_TITLE


def test_textdump_seed_dateline_gives_published() -> None:
    assert clean_text_dump(_seed()).published == "2022-04-05T16:43:00"


def test_textdump_seed_body_starts_with_first_paragraph() -> None:
    assert clean_text_dump(_seed()).text.startswith(SEED_FIRST)


def test_textdump_seed_body_ends_with_last_paragraph() -> None:
    assert clean_text_dump(_seed()).text.endswith(SEED_LAST)


@pytest.mark.parametrize(
    "leftover", ["Afficher Plus", "©", "جرأة", "Mardi 05 Avril 2022", "Les alliés de l\n"]
)
def test_textdump_seed_body_has_no_boilerplate_title_or_dateline(leftover: str) -> None:
    assert leftover not in clean_text_dump(_seed()).text


def test_textdump_seed_site_name_comes_from_arabic_footer() -> None:
    assert clean_text_dump(_seed()).site_name == "جرأة.اونلاين"


def test_textdump_seed_paragraphs_are_input_lines_unchanged() -> None:
    seed_lines = {line.strip() for line in _seed().splitlines()}
    paragraphs = _paragraphs(clean_text_dump(_seed()).text)
    assert len(paragraphs) == 16
    assert all(paragraph in seed_lines for paragraph in paragraphs)


@pytest.mark.parametrize("quoted", ['"d\'autres atrocités"', "« Moscou ne renonce pas", "»"])
def test_textdump_seed_quotation_marks_survive(quoted: str) -> None:
    assert quoted in clean_text_dump(_seed()).text


# --- dumps written for these tests ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("en_article.txt", "Harbor city votes to expand ferry service after record summer"),
        (
            "fr_regional.txt",
            "Nevers : la piscine municipale rouvrira en septembre après deux ans de travaux",
        ),
        ("ru_footer.txt", "Flood warnings lifted along the Danube as water levels fall"),
        ("zh_footer.txt", "Le festival de jazz de la vallée annonce sa programmation"),
        ("no_date.txt", "Une nouvelle passerelle piétonne pour relier les deux rives"),
        ("no_title.txt", None),
        ("allcaps_site.txt", "CITY COUNCIL APPROVES NEW BUDGET"),
        ("single_newlines.txt", "Storm closes mountain pass for second day"),
        (
            "updated_published.txt",
            "Grève des contrôleurs aériens : des centaines de vols annulés jeudi",
        ),
    ],
)
def test_textdump_title(name: str, title: str | None) -> None:
    assert _clean(name).title == title


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("en_article.txt", "2023-04-05T16:43:00"),
        ("fr_regional.txt", "2023-03-14T18:12:00"),
        ("ru_footer.txt", "2024-06-12T08:30:00"),
        ("no_title.txt", "2022-11-03T07:30:00"),
        ("no_date.txt", None),
        ("zh_footer.txt", None),
        ("copyright_sentence.txt", "2021-03-03"),
        ("single_newlines.txt", "2024-01-07T10:05:00"),
    ],
)
def test_textdump_published(name: str, published: str | None) -> None:
    assert _clean(name).published == published


def test_textdump_published_line_wins_over_earlier_updated_line() -> None:
    assert _clean("updated_published.txt").published == "2022-04-05T16:43:00"


@pytest.mark.parametrize(
    ("name", "site"),
    [
        ("en_article.txt", "Coastline Daily"),
        ("fr_regional.txt", "Le Journal du Centre"),
        ("ru_footer.txt", "Новости Дня"),
        ("zh_footer.txt", "示例新闻网"),
        ("allcaps_site.txt", "Valley Herald"),
        ("no_date.txt", None),
        ("copyright_sentence.txt", None),
    ],
)
def test_textdump_site_name_from_footer(name: str, site: str | None) -> None:
    assert _clean(name).site_name == site


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("en_article.txt", "The Harbor City council voted", "published in May."),
        ("fr_regional.txt", "La piscine des Bords de Loire", "« excellente nouvelle »."),
        ("ru_footer.txt", "Authorities in three countries", "told reporters."),
        ("zh_footer.txt", "Le festival de jazz de la vallée a dévoilé", "sur le site du festival."),
        ("no_title.txt", "The regional rail operator said", "since last winter."),
        ("no_date.txt", "La communauté de communes", "débuter à l'automne."),
        ("copyright_sentence.txt", "A federal judge ruled", "on the court's website."),
        ("updated_published.txt", "La direction générale", "dans un communiqué."),
    ],
)
def test_textdump_body_edges(name: str, first: str, last: str) -> None:
    text = _clean(name).text
    assert (text[: len(first)], text[-len(last) :]) == (first, last)


@pytest.mark.parametrize(
    ("name", "leftover"),
    [
        ("en_article.txt", "cookies"),
        ("en_article.txt", "Home | Local"),
        ("en_article.txt", "Share this article"),
        ("en_article.txt", "By Jane Doe"),
        ("en_article.txt", "Advertisement"),
        ("en_article.txt", "Port authority names new director"),
        ("en_article.txt", "Tags:"),
        ("en_article.txt", "Subscribe"),
        ("en_article.txt", "Copyright"),
        ("fr_regional.txt", "Accueil"),
        ("fr_regional.txt", "Société"),
        ("fr_regional.txt", "Partager sur"),
        ("fr_regional.txt", "Publicité"),
        ("fr_regional.txt", "Lire aussi"),
        ("fr_regional.txt", "Abonnez-vous"),
        ("fr_regional.txt", "Mentions légales"),
        ("ru_footer.txt", "Подписывайтесь"),
        ("ru_footer.txt", "Главная"),
        ("zh_footer.txt", "首页"),
        ("zh_footer.txt", "关注"),
        ("no_date.txt", "Lire la suite"),
        ("copyright_sentence.txt", "All rights reserved.\n"),
        ("single_newlines.txt", "Read more"),
        ("updated_published.txt", "Mis à jour"),
    ],
)
def test_textdump_furniture_is_removed(name: str, leftover: str) -> None:
    assert leftover not in _clean(name).text + "\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright law does not stop anyone from describing a photograph",
        '"© 2020 Maria Lopez, all rights reserved", according to court filings.',
        "Readers who want to read more about the case",
    ],
)
def test_textdump_body_sentence_mentioning_copyright_stays(sentence: str) -> None:
    assert sentence in _clean("copyright_sentence.txt").text


def test_textdump_byline_names_become_authors() -> None:
    assert _clean("en_article.txt").authors == ("Jane Doe", "John Roe")


def test_textdump_quotes_inside_body_kept_byte_for_byte() -> None:
    assert (
        "“We were turning people away at the dock in August,” said" in _clean("en_article.txt").text
    )


# --- layout ---------------------------------------------------------------------------------


def test_textdump_crlf_bom_and_nbsp_change_nothing() -> None:
    plain = clean_text_dump(_seed())
    windows = "\ufeff" + _seed().replace("\n\n", "\n\u00a0\n").replace("\n", "\r\n")
    assert clean_text_dump(windows) == plain


def test_textdump_single_newlines_make_each_line_a_paragraph() -> None:
    paragraphs = _paragraphs(_clean("single_newlines.txt").text)
    assert [p[:10] for p in paragraphs] == ["Snow and h", "Road crews", "Drivers we"]


def test_textdump_lines_of_one_block_stay_one_paragraph() -> None:
    text = f"Title of the story\n\n{P1}\n{P2}\n\n{P3}"
    assert _paragraphs(clean_text_dump(text).text) == [f"{P1}\n{P2}", P3]


def test_textdump_single_paragraph_dump_is_all_body() -> None:
    found = clean_text_dump(P1)
    assert (found.title, found.text) == (None, P1)


def test_textdump_hard_wrapped_paragraph_is_body_not_head() -> None:
    wrapped = (
        "Photos released online on Monday show the actress\n"
        "looking absolutely stunning in a new series of portraits\n"
        "taken in Lagos last month by a fashion photographer."
    )
    found = clean_text_dump(f"Actress stuns in new photos\n\n{wrapped}\n\n{P2}")
    assert found.text.startswith(wrapped)


def test_textdump_list_article_keeps_its_short_lines() -> None:
    stages = "\n".join(f"Stage {n}: {n} May – circuit number {n}" for n in range(1, 13))
    found = clean_text_dump(f"Race calendar 2018\n\n{stages}\n\n{P1}")
    assert "Stage 1: 1 May – circuit number 1" in found.text


# --- title ----------------------------------------------------------------------------------


def test_textdump_exact_repeat_of_title_collapses() -> None:
    found = clean_text_dump(f"Ferry plan approved\n\nFerry plan approved\n\n{P1}")
    assert (found.title, found.text) == ("Ferry plan approved", P1)


@pytest.mark.parametrize(
    "title",
    [
        "« Nous tiendrons parole », promet le maire de Nevers",
        'Mayor says "no new taxes" for the ferry plan',
        "“The dock was full”: ferry plan approved",
    ],
)
def test_textdump_balanced_quotes_inside_title_stay(title: str) -> None:
    assert clean_text_dump(f"{title}\n\n{P1}").title == title


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ('Ferry plan approved after record summer"', "Ferry plan approved after record summer"),
        ("« Ferry plan approved after record summer", "Ferry plan approved after record summer"),
        ("Ferry plan approved after record summer”", "Ferry plan approved after record summer"),
    ],
)
def test_textdump_stray_quote_at_title_end_is_dropped(line: str, title: str) -> None:
    assert clean_text_dump(f"{line}\n\n{P1}").title == title


def test_textdump_title_site_suffix_kept_when_site_is_unknown() -> None:
    title = "Ferry plan approved after record summer - Coastline Daily"
    assert clean_text_dump(f"{title}\n\n{P1}").title == title


def test_textdump_title_site_suffix_removed_when_footer_names_site() -> None:
    dump = f"Ferry plan approved | Coastline Daily\n\n{P1}\n\n© 2023 Coastline Daily"
    found = clean_text_dump(dump)
    assert (found.title, found.site_name) == ("Ferry plan approved", "Coastline Daily")


def test_textdump_title_copy_without_suffix_reveals_site_name() -> None:
    headline = "Ferry plan approved after record summer"
    found = clean_text_dump(f"{headline} | Coastline Daily\n\n{headline}\n\n{P1}")
    assert (found.title, found.site_name) == (headline, "Coastline Daily")


def test_textdump_section_name_above_title_is_not_the_title() -> None:
    found = clean_text_dump(f"Politics\n\nFerry plan approved after record summer\n\n{P1}")
    assert found.title == "Ferry plan approved after record summer"


# --- boilerplate anywhere -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Afficher Plus",
        "Lire la suite",
        "Lire aussi",
        "Read more »",
        "Show more",
        "Advertisement",
        "Publicité",
        "Partager sur Facebook",
        "Share this article",
        "Subscribe to our newsletter",
        "Abonnez-vous",
        "Follow us on Twitter",
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "Tous droits réservés",
        "All rights reserved",
        "Accueil | Monde | Europe | Ukraine",
        "News • Sport • Weather",
        "جميع الحقوق محفوظة",
        "Все права защищены",
        "版权所有",
    ],
)
def test_textdump_boilerplate_line_removed_between_paragraphs(line: str) -> None:
    found = clean_text_dump(f"{P1}\n\n{line}\n\n{P2}\n\n{P3}")
    assert _paragraphs(found.text) == [P1, P2, P3]


@pytest.mark.parametrize(
    "line",
    [
        "© 2023 Le Journal du Centre",
        "Copyright 2023 Example News. All rights reserved.",
        "(c) 2021 Example Media",
        "Все права защищены © 2023 Новости",
        "版权所有 © 2021 示例新闻网",
        "Подписывайтесь на наш канал",
        "https://example.com/share?id=1 | https://example.com/print",
    ],
)
def test_textdump_footer_line_after_last_paragraph_is_removed(line: str) -> None:
    assert clean_text_dump(f"{P1}\n\n{P2}\n\n{line}").text == f"{P1}\n\n{P2}"


def test_textdump_foreign_script_paragraph_in_body_stays() -> None:
    russian = "Это длинная цитата на русском языке, которую автор статьи привёл без перевода."
    text = clean_text_dump(f"{P1}\n\n{russian}\n\n{P2}").text
    assert russian in text


def test_textdump_headline_after_read_also_label_is_removed() -> None:
    dump = f"{P1}\n\nLire aussi\nUn autre titre sans rapport avec l'article\n\n{P2}"
    assert clean_text_dump(dump).text == f"{P1}\n\n{P2}"


def test_textdump_bare_link_between_paragraphs_stays() -> None:
    dump = f"{P1}\n\nhttps://example.org/report.pdf\n\n{P2}"
    assert "https://example.org/report.pdf" in clean_text_dump(dump).text


def test_textdump_table_row_is_not_a_menu() -> None:
    row = "| 1 | Kyle Busch | 5040 | 5 | 1 |"
    assert row in clean_text_dump(f"{P1}\n\n{row}\n\n{P2}").text


@pytest.mark.parametrize(
    "dump",
    ["", "   \n\n \u00a0 \r\n", "Afficher Plus\n\n© 2020 || Site || Politique", "Read more\nShare"],
)
def test_textdump_nothing_article_like_raises_empty_input(dump: str) -> None:
    with pytest.raises(EmptyInput):
        clean_text_dump(dump)


# --- site names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("© 2020 ||جرأة.اونلاين || سياسة المحتوى", "جرأة.اونلاين"),
        ("© 2023 Le Journal du Centre", "Le Journal du Centre"),
        ("Copyright 2021 Example News. All rights reserved.", "Example News"),
        ("Copyright © 2019-2023 by Example Media", "Example Media"),
        ("Tous droits réservés © 2023 Le Journal", "Le Journal"),
        ("© Example News", None),
        ("© 2023", None),
    ],
)
def test_copyright_site_reads_the_named_site(line: str, site: str | None) -> None:
    assert copyright_site(line) == site


# --- properties -----------------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        P1,
        P2,
        P3,
        "Afficher Plus",
        "Mardi 05 Avril 2022 16:43",
        "© 2020 Example News",
        "Short line",
        "Accueil | Monde | Europe",
        "« Une citation », a-t-il dit.",
        "",
        "\u00a0",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_textdump_body_lines_are_input_lines(lines: list[str], newline: str) -> None:
    dump = newline.join(lines)
    try:
        found = clean_text_dump(dump)
    except EmptyInput:
        return
    inputs = {line.strip() for line in lines}
    assert all(line in inputs for line in found.text.replace("\n\n", "\n").split("\n"))


# --- measured on third-party pages ----------------------------------------------------------


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def test_textdump_keeps_clean_article_bodies() -> None:
    """Clean bodies fed as dumps must come out nearly whole: the cleaner removes furniture,
    not paragraphs (recall of 4-word shingles, ScrapingHub metric)."""
    truth = EVAL / "scrapinghub" / "ground-truth.json"
    if not truth.exists():
        pytest.skip(f"evaluation data not found at {truth}")
    recalls = []
    for record in json.loads(truth.read_text(encoding="utf-8")).values():
        gold = _shingles(record["articleBody"])
        kept = _shingles(clean_text_dump(record["articleBody"]).text)
        recalls.append(sum((gold & kept).values()) / max(1, sum(gold.values())))
    assert sum(recalls) / len(recalls) >= 0.98
