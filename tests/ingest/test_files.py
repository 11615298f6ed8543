import gzip
from pathlib import Path

import pytest

from newsdesk.errors import EmptyInput, InputTooLarge, UnreadableInput
from newsdesk.ingest.files import InputFile, Skipped, classify, discover, read


@pytest.mark.parametrize(
    ("name", "kind", "gzipped"),
    [
        ("page.html", "html", False),
        ("page.HTM", "html", False),
        ("page.xhtml", "html", False),
        ("page.html.gz", "html", True),
        ("dump.txt", "text", False),
        ("dump.txt.gz", "text", True),
        ("photo.jpg", None, False),
        ("archive.tar.gz", None, True),
        ("README", None, False),
    ],
)
def test_classify_reads_kind_from_the_file_name(name: str, kind: str | None, gzipped: bool) -> None:
    assert classify(name) == (kind, gzipped)


def test_discover_walks_directories_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    found = list(discover([str(tmp_path)]))
    files = [Path(f.path).name for f in found if isinstance(f, InputFile)]
    skipped = [f for f in found if isinstance(f, Skipped)]
    assert files == ["a.html", "2.txt"]
    assert [Path(s.input).name for s in skipped] == ["notes.md"]
    assert skipped[0].status == "skipped"


def test_discover_reports_a_named_unknown_file_as_failed(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    (item,) = discover([str(pdf)])
    assert isinstance(item, Skipped)
    assert item.status == "failed"
    assert "unsupported file type" in item.reason


def test_discover_reports_a_missing_path(tmp_path: Path) -> None:
    (item,) = discover([str(tmp_path / "nope.html")])
    assert isinstance(item, Skipped)
    assert item.status == "failed"
    assert item.reason == "no such file or directory"


def _file(path: Path) -> InputFile:
    kind, gz = classify(str(path))
    return InputFile(str(path), kind, gz, explicit=True)


def test_read_decompresses_gzip(tmp_path: Path) -> None:
    path = tmp_path / "p.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>hello</body></html>"))
    raw = read(_file(path), max_bytes=1000)
    assert raw.data == b"<html><body>hello</body></html>"
    assert raw.kind == "html"
    assert raw.origin.path == str(path)


def test_read_names_the_file_of_a_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"news " * 5000 + b"</p>")[:60])
    with pytest.raises(UnreadableInput) as caught:
        read(_file(path), max_bytes=10**6)
    assert str(caught.value).startswith(str(path))
    assert "gzip" in str(caught.value)


def test_read_refuses_a_gzip_bomb_past_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    with pytest.raises(InputTooLarge, match="larger than the limit"):
        read(_file(path), max_bytes=1_000_000)


def test_read_reports_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(EmptyInput, match="empty file"):
        read(_file(path), max_bytes=1000)


def test_read_reports_a_file_named_gz_that_is_not(tmp_path: Path) -> None:
    path = tmp_path / "fake.html.gz"
    path.write_bytes(b"<html></html>")
    with pytest.raises(UnreadableInput, match="not gzip"):
        read(_file(path), max_bytes=1000)
