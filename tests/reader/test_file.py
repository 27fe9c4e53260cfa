from __future__ import annotations

import gzip
import hashlib
import struct
import tracemalloc
import zlib
from pathlib import Path

import pytest
import zstandard

from traingate.finding import Finding
from traingate.reader.file import ReaderOptions, read_file, read_stream
from traingate.record import Record

GOOD = b'{"prompt": "a", "completion": "b"}'


def _read(path: Path, **options: object) -> tuple[list[Record], list[tuple[str, int]]]:
    records: list[Record] = []
    findings: list[tuple[str, int]] = []
    for item in read_file(path, path.name, ReaderOptions(**options)):  # type: ignore[arg-type]
        if isinstance(item, Finding):
            findings.append((item.rule, item.line))
        else:
            records.append(item)
    return records, findings


FILE_CASES: list[tuple[bytes, list[tuple[str, int]]]] = [
    (GOOD + b"\n", []),
    (b"", [("empty-file", 0)]),
    (b"\n\n", [("blank-line", 1), ("blank-line", 2), ("empty-file", 0)]),
    (GOOD + b"\n  \n" + GOOD + b"\n", [("blank-line", 2)]),
    (GOOD + b"\r\n" + GOOD + b"\r\n", [("crlf-line-ending", 1)]),
    (GOOD + b"\n" + b'{"prompt": "a",\r"completion": "b"}\n', [("carriage-return-in-line", 2)]),
    (GOOD + b"\r\r\n", [("carriage-return-in-line", 1), ("crlf-line-ending", 1)]),
    (GOOD + b"\n" + GOOD + b"\r\n", [("mixed-line-endings", 2)]),
    (GOOD + b"\n" + GOOD, [("missing-final-newline", 2)]),
    (GOOD + b"\n" + GOOD[:10], [("truncated-line", 2)]),
    (b"\xef\xbb\xbf" + GOOD + b"\n", [("utf8-bom", 1), ("empty-file", 0)]),
    (GOOD + b"\n\xef\xbb\xbf" + GOOD + b"\n", [("utf8-bom", 2)]),
    (
        b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n",
        [("lfs-pointer", 1)],
    ),
]


@pytest.mark.parametrize(("content", "expected"), FILE_CASES)
def test_file_level_findings(
    tmp_path: Path, content: bytes, expected: list[tuple[str, int]]
) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(content)
    _, findings = _read(path)
    assert findings == expected


def test_allow_empty_and_allow_bom(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert _read(empty, allow_empty=True)[1] == []
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD + b"\n")
    records, findings = _read(bom, allow_bom=True)
    assert findings == [] and records[0].value == {"prompt": "a", "completion": "b"}


def test_every_line_is_a_record_or_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([GOOD, b"{bad", GOOD, b"[]", GOOD]) + b"\n")
    records, findings = _read(path)
    assert [r.line for r in records] == [1, 3, 5]
    assert findings == [("invalid-json", 2), ("non-object-record", 4)]


def test_missing_and_non_regular_paths(tmp_path: Path) -> None:
    assert _read(tmp_path / "nope.jsonl")[1] == [("unreadable-file", 0)]
    (tmp_path / "dir.jsonl").mkdir()
    assert _read(tmp_path / "dir.jsonl")[1] == [("unreadable-file", 0)]


def test_gzip_and_zstd_are_read_as_streams(tmp_path: Path) -> None:
    data = (GOOD + b"\n") * 1000
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(data))
    zst = tmp_path / "a.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress(data))
    for path in (gz, zst):
        records, findings = _read(path)
        assert len(records) == 1000 and findings == []


def test_multi_member_gzip(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(GOOD + b"\n") + gzip.compress(GOOD + b"\n"))
    assert len(_read(path)[0]) == 2


def _raw_member(data: bytes, flags: int = 0, extra: bytes = b"") -> bytes:
    """A gzip member written by hand: header (with ``flags`` and the ``extra`` bytes they
    announce), raw deflate, CRC-32 and size."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = packer.compress(data) + packer.flush()
    header = b"\x1f\x8b\x08" + bytes([flags]) + b"\0\0\0\0\0\xff" + extra
    return header + body + struct.pack("<II", zlib.crc32(data), len(data))


@pytest.mark.parametrize(
    ("packed", "readable"),
    [
        (_raw_member(GOOD + b"\n"), True),
        (gzip.compress(GOOD + b"\n") + b"\0" * 100, True),  # zero padding, as gzip allows
        (gzip.compress(GOOD + b"\n") + b"\0\0" + gzip.compress(GOOD + b"\n"), True),
        (_raw_member(GOOD + b"\n", flags=0xE0), False),  # reserved flag bits
        (_raw_member(GOOD + b"\n", flags=0x02, extra=b"\0\0"), False),  # wrong header CRC
        (gzip.compress(GOOD + b"\n") + b"garbage", False),
        (gzip.compress(GOOD + b"\n") + b"\x1f", False),  # half a magic number
    ],
)
def test_gzip_is_read_as_gzip_reads_it(tmp_path: Path, packed: bytes, readable: bool) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(packed)
    records, findings = _read(path)
    if readable:
        assert findings == [] and len(records) >= 1
    else:
        assert findings[-1][0] == "corrupt-compression"


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_truncated_compressed_stream_is_an_error(tmp_path: Path, suffix: str) -> None:
    data = b"".join(b'{"i": %d, "pad": "%s"}\n' % (i, b"x" * (i % 97)) for i in range(20000))
    packed = gzip.compress(data) if suffix == ".gz" else zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"a.jsonl{suffix}"
    path.write_bytes(packed[: len(packed) // 2])
    findings = _read(path)[1]
    assert findings[-1][0] == "corrupt-compression"


def test_name_promising_compression_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(GOOD + b"\n")
    assert _read(path)[1] == [("corrupt-compression", 1)]


def test_a_crlf_file_with_an_over_long_line_has_one_ending(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(GOOD + b"\r\n" + b'{"prompt": "' + b"x" * 200 + b'"}\r\n' + GOOD + b"\r\n")
    assert _read(path, max_line_bytes=100)[1] == [("line-too-long", 2), ("crlf-line-ending", 1)]


def test_zstd_that_starts_with_a_skippable_frame(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.zst"
    skippable = b"\x5a\x2a\x4d\x18" + (4).to_bytes(4, "little") + b"SKIP"
    path.write_bytes(skippable + zstandard.ZstdCompressor().compress(GOOD + b"\n"))
    records, findings = _read(path)
    assert len(records) == 1 and findings == []


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_an_lfs_pointer_with_a_compressed_name_says_what_it_is(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a.jsonl{suffix}"
    path.write_bytes(b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n")
    assert _read(path)[1] == [("lfs-pointer", 1)]


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_decompression_bomb_stops_early(tmp_path: Path, suffix: str) -> None:
    zeros = b"0" * (64 << 20)
    packed = gzip.compress(zeros) if suffix == ".gz" else zstandard.ZstdCompressor().compress(zeros)
    path = tmp_path / f"bomb.jsonl{suffix}"
    path.write_bytes(packed)
    tracemalloc.start()
    findings = _read(path, max_line_bytes=1 << 20)[1]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ("decompression-bomb", findings[-1][1]) == findings[-1]
    assert peak < 24 << 20


def test_long_line_keeps_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("wb") as out:
        out.write(GOOD + b"\n")
        out.write(b'{"text": "')
        for _ in range(40):
            out.write(b"y" * (1 << 20))
        out.write(b'"}\n')
        out.write(GOOD + b"\n")
    tracemalloc.start()
    records, findings = _read(path, max_line_bytes=4 << 20)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert findings == [("line-too-long", 2)]
    assert [r.line for r in records] == [1, 3]
    assert peak < 12 << 20


def test_many_values_keep_memory_bounded(tmp_path: Path) -> None:
    # 20 MB, under the line bound, of 100,000 turns: hundreds of MB once parsed.
    turn = b'{"role":"user","content":"' + b"w" * 180 + b'"},'
    path = tmp_path / "wide.jsonl"
    path.write_bytes(
        GOOD + b"\n" + b'{"messages":[' + turn * 100_000 + b'{"a":"b"}]}\n' + GOOD + b"\n"
    )
    tracemalloc.start()
    records, findings = _read(path, max_values=100_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert findings == [("too-many-values", 2)]
    assert [r.line for r in records] == [1, 3]
    assert peak < 64 << 20
    records, findings = _read(path, max_values=600_000)
    assert findings == [] and [r.line for r in records] == [1, 2, 3]


def test_bom_counts_in_the_record_size(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD + b"\n" + GOOD + b"\n")
    records, _ = _read(path, allow_bom=True)
    assert [(r.line, r.size) for r in records] == [(1, len(GOOD) + 3), (2, len(GOOD))]


def test_records_carry_size_and_documented_hash(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(GOOD + b"\r\n" + b'{"b": [1, 2], "a": "\\u00e9"}\n')
    records, _ = _read(path)
    assert [(r.line, r.size) for r in records] == [(1, len(GOOD)), (2, 28)]
    assert records[1].hash == hashlib.sha256('{"a":"é","b":[1,2]}'.encode()).hexdigest()[:32]
    assert records[1] == Record(path.name, 2, {"b": [1, 2], "a": "é"}, records[1].hash, 28)


def _stream(chunks: list[bytes], **options: object) -> list[tuple[str, int]]:
    opts = ReaderOptions(**options)  # type: ignore[arg-type]
    items = read_stream(iter(chunks), "s.jsonl", opts)
    return [(i.rule, i.line) if isinstance(i, Finding) else ("record", i.line) for i in items]


STREAM_CASES: list[tuple[list[bytes], list[tuple[str, int]]]] = [
    # CRLF whose '\r' ends a chunk: line 2 is CRLF although its chunk holds no '\r'.
    ([GOOD + b"\n" + GOOD + b"\r", b"\n" + GOOD + b"\n"], [("mixed-line-endings", 2)]),
    ([GOOD + b"\r\n" + GOOD + b"\r", b"\n" + GOOD + b"\r\n"], [("crlf-line-ending", 1)]),
    # The ending changes back and forth inside one chunk: the first change is reported.
    ([GOOD + b"\r\n" + GOOD + b"\r\n" + GOOD + b"\n" + GOOD + b"\r\n"], [("mixed", 3)]),
    # An unterminated last line that is blank, invalid or a record.
    ([GOOD + b"\n  "], [("blank-line", 2)]),
    ([GOOD + b"\n", b"{"], [("truncated-line", 2)]),
    ([GOOD + b"\n" + GOOD[:9], GOOD[9:]], [("missing-final-newline", 2)]),
    # Blank lines, CRLF ones included, are findings wherever the chunks split them.
    ([b"\r\n", b" \t\n" + GOOD + b"\n"], [("blank-line", 1), ("blank-line", 2), ("mixed", 2)]),
    # Over-long lines at the edge of a chunk, then reading goes on.
    ([GOOD + b"\n" + b"x" * 30, b"x" * 30 + b"\n" + GOOD], [("line-too-long", 2), ("mfn", 3)]),
]


@pytest.mark.parametrize(("chunks", "expected"), STREAM_CASES)
def test_findings_across_chunk_edges(chunks: list[bytes], expected: list[tuple[str, int]]) -> None:
    names = {"mixed": "mixed-line-endings", "mfn": "missing-final-newline"}
    got = [item for item in _stream(chunks, max_line_bytes=50) if item[0] != "record"]
    assert got == [(names.get(rule, rule), line) for rule, line in expected]
