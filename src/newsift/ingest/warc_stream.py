"""warcio, bounded and quiet: every read has a limit, and nothing goes to stderr.

warcio reads a header line until it finds a newline, however far that is, and a record's
body for as long as its Content-Length says; in a compressed archive a few hundred
kilobytes can expand to gigabytes (a compression bomb). It also writes its own warnings
to stderr and to the ``logging`` module. The classes here narrow warcio's reader and
iterator so that:

- a header line is at most :attr:`Limits.line_bytes` long, and a record's lines together
  (its WARC and HTTP headers) at most :attr:`Limits.header_bytes`,
- a record (its headers, its body and the blank lines after it) decompresses to at most
  :attr:`Limits.record_bytes`,
- a stream that stops being valid gzip part-way raises instead of ending quietly,

each breach raising :class:`ReadLimitError` or :class:`DamagedStreamError` for the reader
to turn into a coded message, and warcio's warnings are counted for a coded warning.

This depends on warcio 1.8's reader internals (``ArchiveIterator.reader``,
``BufferedReader._process_read``/``_decompress``), pinned in ``requirements/lock.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader
from warcio.recordloader import ArcWarcRecordLoader
from warcio.utils import BUFF_SIZE

#: Longest header line read (WARC and HTTP headers). Real ones are under a few kilobytes;
#: the largest cookies browsers keep are 4 KiB.
MAX_LINE_BYTES = 64 * 1024
#: Most bytes of lines (headers) one record may hold.
MAX_HEADER_BYTES = 1024 * 1024
#: Most bytes one record may decompress to, unless the page limit is higher.
MAX_RECORD_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The bounds on reading one archive.

    Attributes:
        line_bytes: Longest header line.
        header_bytes: Most bytes of lines in one record.
        record_bytes: Most decompressed bytes from the start of one record to the next.
    """

    line_bytes: int = MAX_LINE_BYTES
    header_bytes: int = MAX_HEADER_BYTES
    record_bytes: int = MAX_RECORD_BYTES


class ReadLimitError(Exception):
    """A read went past one of the :class:`Limits`.

    Attributes:
        what: ``"line"``, ``"headers"`` or ``"record"``.
        limit: The limit passed, in bytes.
    """

    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"{what} longer than {limit} bytes")
        self.what = what
        self.limit = limit


class DamagedStreamError(Exception):
    """The archive's compressed data stopped being valid part-way through."""


class DamagedPayloadError(DamagedStreamError):
    """A page's HTTP body (``Content-Encoding`` gzip, deflate or br) is damaged."""


def _decompress_or_raise(
    reader: Any, data: bytes, error: type[DamagedStreamError] = DamagedStreamError
) -> bytes:
    """warcio's ``_decompress`` without its stderr message: damage past the first block
    raises :class:`DamagedStreamError` (warcio printed the error and returned nothing)."""
    if not (reader.decompressor and data):
        return data
    try:
        return bytes(reader.decompressor.decompress(data))
    except Exception as problem:  # zlib.error, brotli.error: which depends on the codec
        if reader.num_block_read:
            raise error(str(problem) or type(problem).__name__) from None
        if reader.decomp_type == "deflate":  # warcio's fallback: raw deflate, no zlib header
            reader._init_decomp("deflate_alt")
            return _decompress_or_raise(reader, data, error)
        reader.decompressor = None  # the first block is not compressed: read it as is
        return data


class BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """The archive's (decompressing) line reader, counting and bounding what it returns."""

    def __init__(self, stream: Any, limits: Limits) -> None:
        super().__init__(stream, block_size=BUFF_SIZE)
        self.limits = limits
        self.counted = 0
        self.line_bytes = 0

    def reset_count(self) -> None:
        """Start counting a new record's bytes."""
        self.counted = 0
        self.line_bytes = 0

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        self.counted += self.buff_size if self.buff is not None else 0
        if self.counted > self.limits.record_bytes:
            raise ReadLimitError("record", self.limits.record_bytes)

    def _decompress(self, data: bytes) -> bytes:
        return _decompress_or_raise(self, data)

    def readline(self, length: int | None = None) -> bytes:
        """A line of at most ``length`` bytes; longer than the line limit raises."""
        cap = self.limits.line_bytes
        capped = length is None or length > cap
        wanted = cap + 1 if capped else int(length or 0)
        parts: list[bytes] = []
        total = 0
        while total < wanted:  # warcio's own readline can stop short at a buffer's end
            part: bytes = super().readline(wanted - total)
            if not part:
                break
            parts.append(part)
            total += len(part)
            if part.endswith(b"\n"):
                break
        if capped and total > cap:
            raise ReadLimitError("line", cap)
        self.line_bytes += total
        if self.line_bytes > self.limits.header_bytes:
            raise ReadLimitError("headers", self.limits.header_bytes)
        return b"".join(parts)


class _QuietBufferedReader(BufferedReader):  # type: ignore[misc]
    def _decompress(self, data: bytes) -> bytes:
        return _decompress_or_raise(self, data, DamagedPayloadError)


class _QuietChunkedReader(ChunkedDataReader):  # type: ignore[misc]
    def _decompress(self, data: bytes) -> bytes:
        return _decompress_or_raise(self, data, DamagedPayloadError)


def content_stream(record: Any) -> Any:
    """warcio's ``ArcWarcRecord.content_stream`` (the HTTP body, de-chunked and
    decompressed), raising :class:`DamagedPayloadError` on damaged compressed data."""
    headers = record.http_headers
    if not headers:
        return record.raw_stream
    encoding = (headers.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if headers.get_header("transfer-encoding") == "chunked":
        return _QuietChunkedReader(record.raw_stream, decomp_type=encoding)
    if encoding:
        return _QuietBufferedReader(record.raw_stream, decomp_type=encoding)
    return record.raw_stream


class _QuietLoader(ArcWarcRecordLoader):  # type: ignore[misc]
    """warcio's record loader, counting the target URIs it repairs instead of logging them."""

    def __init__(self) -> None:
        super().__init__(verify_http=False, arc2warc=False)
        self.repaired_uris = 0

    def _ensure_target_uri_format(self, rec_headers: Any) -> Any:
        uri = rec_headers.get_header("WARC-Target-URI")
        if uri is not None and uri.startswith("<") and uri.endswith(">"):
            uri = uri[1:-1]  # wget 1.19 wrote the URI in angle brackets
            rec_headers.replace_header("WARC-Target-URI", uri)
        if uri is not None and " " in uri:
            self.repaired_uris += 1
            uri = uri.replace(" ", "%20")
            rec_headers.replace_header("WARC-Target-URI", uri)
        return uri


class BoundedArchive(ArchiveIterator):  # type: ignore[misc]
    """warcio's record iterator over a :class:`BoundedReader`, with its warnings counted.

    Attributes:
        reader: The bounded reader; its counts start again at each record.
        err_count: Records not followed by the blank lines their length promised.
        loader: Its ``repaired_uris`` counts target URIs with spaces, read as ``%20``.
    """

    def __init__(self, stream: Any, limits: Limits) -> None:
        super().__init__(stream)
        self.reader = BoundedReader(self.fh, limits)
        self.loader = _QuietLoader()

    def _next_record(self, next_line: bytes | None) -> Any:
        self.reader.reset_count()
        return super()._next_record(next_line)

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """warcio's: skip the blank lines after a record, counting (not printing) a record
        followed by anything else, which means its Content-Length was wrong."""
        empty_size = 0
        first_line = True
        while True:
            line: bytes = self.reader.readline()
            if not line:
                return None, empty_size
            if not line.rstrip() or first_line:
                empty_size += len(line)
                if line.rstrip():
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size
