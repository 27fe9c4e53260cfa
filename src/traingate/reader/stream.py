"""Bytes of a training file, decompressed on the fly with a bound against bombs.

Compression is recognised by magic bytes, not by name, so a renamed archive is still read
as what it is; a name that promises compression the content does not have is an error.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# A zstd stream may start with a skippable frame: magic 0x184D2A50 to 0x184D2A5F.
ZSTD_SKIPPABLE = b"\x2a\x4d\x18"
LFS_SIGNATURE = b"version https://git-lfs.github.com/spec/"
HEAD_BYTES = len(LFS_SIGNATURE)
"""How much of a file :func:`compression_of` is given to tell what it holds."""
# Small inputs may legitimately expand more than the ratio allows (headers, dictionaries).
RATIO_FLOOR_BYTES = 16 << 20


class ReadFailure(Exception):
    """The file could not be read to the end; ``rule`` names why."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


class _CountingReader:
    """Counts the compressed bytes the decompressor has pulled from the file."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.consumed += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def compression_of(path: Path, head: bytes) -> str:
    """'gzip', 'zstd' or '' for plain, from the first :data:`HEAD_BYTES` bytes; checks the
    name agrees. An unpulled Git LFS pointer is plain whatever its name, so that the reader
    says what it is."""
    kind = "gzip" if head.startswith(GZIP_MAGIC) else "zstd" if _is_zstd(head) else ""
    expected = {".gz": "gzip", ".zst": "zstd"}.get(path.suffix.lower(), "")
    if expected and kind != expected and not head.startswith(LFS_SIGNATURE):
        raise ReadFailure(
            "corrupt-compression", f"named {path.suffix} but the content is not {expected} data"
        )
    return kind


def _is_zstd(head: bytes) -> bool:
    return head.startswith(ZSTD_MAGIC) or (
        len(head) >= 4 and 0x50 <= head[0] <= 0x5F and head[1:4] == ZSTD_SKIPPABLE
    )


def read_chunks(path: Path, max_ratio: int) -> Iterator[bytes]:
    """Yield the file's (decompressed) bytes in chunks of at most ``CHUNK`` bytes."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise ReadFailure("unreadable-file", f"cannot open: {exc.strerror or exc}") from exc
    with raw:
        try:
            head = raw.peek(HEAD_BYTES)[:HEAD_BYTES] if hasattr(raw, "peek") else b""
            kind = compression_of(path, head)
            if not kind:
                yield from iter(lambda: raw.read(CHUNK), b"")
                return
            yield from _decompressed(raw, kind, max_ratio)
        except OSError as exc:
            raise ReadFailure("unreadable-file", f"read error: {exc.strerror or exc}") from exc


def read_range(path: Path, start: int, end: int) -> Iterator[bytes]:
    """Yield the bytes ``start:end`` of an uncompressed file in chunks of at most ``CHUNK``."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise ReadFailure("unreadable-file", f"cannot open: {exc.strerror or exc}") from exc
    with raw:
        try:
            raw.seek(start)
            left = end - start
            while left > 0:
                chunk = raw.read(min(CHUNK, left))
                if not chunk:
                    raise ReadFailure("unreadable-file", "the file shrank while it was read")
                left -= len(chunk)
                yield chunk
        except OSError as exc:
            raise ReadFailure("unreadable-file", f"read error: {exc.strerror or exc}") from exc


def stream_chunks(chunks: Iterator[bytes], name: str, max_ratio: int) -> Iterator[bytes]:
    """Like :func:`read_chunks` for bytes that do not come from a file (a git blob)."""
    source = _IterReader(chunks)
    kind = compression_of(Path(name), source.peek(HEAD_BYTES)[:HEAD_BYTES])
    if not kind:
        yield from source.rest()
        return
    yield from _decompressed(source, kind, max_ratio)  # type: ignore[arg-type]


class _IterReader:
    """A minimal readable file over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.buffer = b""

    def peek(self, size: int) -> bytes:
        while len(self.buffer) < size:
            chunk = next(self.chunks, b"")
            if not chunk:
                break
            self.buffer += chunk
        return self.buffer

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            data = self.buffer + b"".join(self.chunks)
            self.buffer = b""
            return data
        if not self.buffer:
            self.buffer = next(self.chunks, b"")
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def rest(self) -> Iterator[bytes]:
        if self.buffer:
            yield self.buffer
            self.buffer = b""
        yield from self.chunks


def _decompressed(raw: BinaryIO, kind: str, max_ratio: int) -> Iterator[bytes]:
    pieces = _gunzip(raw) if kind == "gzip" else _coalesce(_unzstd(raw))
    produced = 0
    try:
        for consumed, chunk in pieces:
            produced += len(chunk)
            if produced > max(RATIO_FLOOR_BYTES, consumed * max_ratio):
                raise ReadFailure(
                    "decompression-bomb",
                    f"{kind} data expands more than {max_ratio}x ({consumed} compressed bytes "
                    f"gave over {produced} bytes); raise reader.max-decompression-ratio if this "
                    "file is genuine",
                )
            yield chunk
    except (OSError, EOFError, zlib.error) as exc:
        raise ReadFailure("corrupt-compression", f"{kind} stream is corrupt: {exc}") from exc


# zlib, not the gzip module: zlib refuses what RFC 1952 says a reader must (reserved flag
# bits, a wrong header CRC), which gzip.GzipFile lets through and `gzip -t` does not.
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_GZIP_SLICE = 1 << 16


def _gunzip(raw: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """The members of a gzip stream, one after another (zero padding between or after them
    allowed, as gzip allows it); anything else after a member is an error."""
    counter = _CountingReader(raw)
    decompressor = zlib.decompressobj(_GZIP_WBITS)
    pending = b""
    while True:
        if not pending:
            pending = counter.read(_GZIP_SLICE)
            if not pending:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")
        out = decompressor.decompress(pending, CHUNK)
        pending = decompressor.unconsumed_tail
        if out:
            yield counter.consumed, out
        if decompressor.eof:
            pending = _after_member(decompressor.unused_data + pending, counter)
            if not pending:
                return
            decompressor = zlib.decompressobj(_GZIP_WBITS)


def _after_member(rest: bytes, counter: _CountingReader) -> bytes:
    """What follows a gzip member: b"" at the end of the file (after any zero bytes), or
    the start of the next member."""
    while True:
        rest = rest.lstrip(b"\0")
        if rest:
            break
        rest = counter.read(_GZIP_SLICE)
        if not rest:
            return b""
    while len(rest) < len(GZIP_MAGIC):
        more = counter.read(_GZIP_SLICE)
        if not more:
            break
        rest += more
    if not rest.startswith(GZIP_MAGIC):
        raise OSError("data after the end of the gzip stream is not another gzip member")
    return rest


# zstd's decompressobj has no output bound, and one RLE block of 4 bytes can expand to
# 128 KiB: feeding small slices keeps the worst case per call near 8 MiB.
ZSTD_SLICE = 256


def _coalesce(pieces: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """Join small pieces into chunks of about ``CHUNK`` bytes for the line splitter."""
    out: list[bytes] = []
    size = 0
    consumed = 0
    for consumed, piece in pieces:
        out.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield consumed, b"".join(out)
            out, size = [], 0
    if out:
        yield consumed, b"".join(out)


def _unzstd(raw: BinaryIO) -> Iterator[tuple[int, bytes]]:
    import zstandard  # only files that need it pay for the import

    decompressor = zstandard.ZstdDecompressor()
    obj = decompressor.decompressobj()
    consumed = 0
    in_frame = False
    while block := raw.read(CHUNK):
        view = memoryview(block)
        for start in range(0, len(view), ZSTD_SLICE):
            data = bytes(view[start : start + ZSTD_SLICE])
            consumed += len(data)
            while data:
                try:
                    piece = obj.decompress(data)
                except zstandard.ZstdError as exc:
                    raise OSError(str(exc)) from exc
                in_frame = not obj.eof
                data = obj.unused_data if obj.eof else b""
                if obj.eof:
                    obj = decompressor.decompressobj()
                if piece:
                    yield consumed, piece
    if in_frame:
        raise EOFError("the last zstd frame is incomplete (file truncated?)")
