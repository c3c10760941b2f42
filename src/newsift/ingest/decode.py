"""Bytes to text: refuse binary data, find the encoding, never crash on any bytes."""

from __future__ import annotations

import codecs
from collections.abc import Callable

from charset_normalizer import from_bytes

from newsift.errors import BinaryInputError, EmptyInputError, Errors, Warnings

#: File signatures ("magic numbers") of common binary formats, with the name a message uses.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, or a .docx, .xlsx or .epub file"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data; a .warc.gz file is read by its name"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf'\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
)
#: Byte-order marks that name an encoding UTF-8 decoding would fail on (UTF-32 first: its
#: little-endian mark starts with UTF-16's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control bytes that never appear in text (tab, newlines and form feed are allowed).
_CONTROL_BYTES = bytes(b for b in [*range(32), 127] if b not in b"\t\n\r\f")
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
#: Bytes examined for control characters, and the share of them that marks binary data.
_CONTROL_SAMPLE = 8192
_CONTROL_SHARE = 0.1
#: Bytes examined for the NUL-every-other-byte pattern of UTF-16 text.
_UTF16_SAMPLE = 64

#: The encoding preferred among equally good guesses.
_PREFERRED = "cp1252"

Warn = Callable[[str], None]


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16/UTF-32 codec a byte-order mark at the start of ``data`` names, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def binary_kind(data: bytes) -> str | None:
    """Why ``data`` looks like binary data rather than text (``None`` when it looks like text).

    Checks, in order: known file signatures, NUL bytes, a high share of control bytes.
    """
    for magic, name in MAGIC_NUMBERS:
        if data.startswith(magic):
            return name
    if b"\x00" in data:
        return _nul_detail(data)
    sample = data[:_CONTROL_SAMPLE]
    controls = len(sample.translate(None, _NOT_CONTROL))
    if sample and controls / len(sample) > _CONTROL_SHARE:
        return f"{controls} of its first {len(sample)} bytes are control characters"
    return None


def _nul_detail(data: bytes) -> str:
    pairs = data[:_UTF16_SAMPLE]
    if len(pairs) >= 4 and (not any(pairs[0::2]) or not any(pairs[1::2])):
        return "UTF-16 text without a byte-order mark; re-save it as UTF-8"
    return "it contains NUL bytes"


def decode_bytes(
    data: bytes, source: str, on_warning: Warn | None = None, *, declared: str | None = None
) -> str:
    """Decode the bytes of one document, refusing what is not text.

    Tries a UTF-16/32 byte-order mark, then UTF-8 (a UTF-8 BOM is dropped), then the
    ``declared`` encoding (an HTTP or ``<meta>`` charset), then charset_normalizer's guess.
    A guess is reported through ``on_warning`` (W002).

    Args:
        data: The raw bytes.
        source: Where they came from, for messages.
        on_warning: Receives formatted warnings.
        declared: An encoding the document declares, tried after UTF-8.

    Returns:
        The decoded text, not empty and not whitespace only.

    Raises:
        EmptyInputError: No bytes (E001), or only whitespace (E002).
        BinaryInputError: Binary data (E003) or no encoding fits (E004).
    """
    if not data:
        raise EmptyInputError(Errors.E001, source=source)
    text = _decode(data, source, on_warning, declared)
    if not text:
        raise EmptyInputError(Errors.E001, source=source)
    if text.isspace():
        raise EmptyInputError(Errors.E002, source=source)
    return text


def _decode(data: bytes, source: str, on_warning: Warn | None, declared: str | None) -> str:
    bom = bom_encoding(data)
    if bom:
        text = _try_decode(data, bom)
        if text is None:
            raise BinaryInputError(Errors.E004, source=source)
        if "\x00" in text:
            raise BinaryInputError(Errors.E003, source=source, detail="it contains NUL characters")
        return text
    kind = binary_kind(data)
    if kind:
        raise BinaryInputError(Errors.E003, source=source, detail=kind)
    for encoding in ("utf-8-sig", declared):
        text = _try_decode(data, encoding) if encoding else None
        if text is not None:
            return text
    mixed = mostly_utf8(data)
    if mixed is not None:
        text, stray = mixed
        if on_warning:
            on_warning(Warnings.W003.format(source=source, count=stray))
        return text
    return _guess(data, source, on_warning)


def mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``data`` read as UTF-8 with its stray bytes read as windows-1252, and how many bytes
    were stray, when it is mostly UTF-8; else None.

    A file pasted together from a UTF-8 and a Latin-1 source ("José" and "Peña") fits no
    single encoding, and a guess garbles both halves. It counts as mostly UTF-8 when its
    valid multi-byte UTF-8 characters are at least as many as its stray bytes: text in a
    single-byte legacy encoding (Cyrillic windows-1251, say) has many stray bytes and few
    byte pairs that happen to be valid UTF-8, and is left to the guesser.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ch >= "\x80" and not "\udc80" <= ch <= "\udcff")
    if not stray or valid < stray:
        return None
    return _repair(text), stray


def utf8_repaired(data: bytes) -> tuple[str, int]:
    """``data`` read as UTF-8, each byte that is not part of a UTF-8 character read as
    windows-1252 (the repair :func:`mostly_utf8` makes), and how many bytes were stray."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    return (_repair(text) if stray else text), stray


def _repair(escaped: str) -> str:
    return "".join(_from_cp1252(ch) if "\udc80" <= ch <= "\udcff" else ch for ch in escaped)


def _from_cp1252(escaped: str) -> str:
    """The character a stray byte (escaped as a lone surrogate) stands for in windows-1252;
    the five bytes it leaves undefined keep their Latin-1 meaning, as in browsers."""
    byte = bytes([ord(escaped) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes, source: str, on_warning: Warn | None) -> str:
    encoding = guess_encoding(data)
    text = _try_decode(data, encoding) if encoding else None
    if encoding is None or text is None:
        raise BinaryInputError(Errors.E004, source=source)
    if on_warning:
        on_warning(Warnings.W002.format(source=source, encoding=encoding))
    return text


def guess_encoding(data: bytes) -> str | None:
    """charset_normalizer's best guess at the encoding of ``data`` (``None`` if none fits).

    On a tie, windows-1252 wins: it is the usual legacy encoding of English-language text
    (and what browsers read "latin-1" as), while the detector breaks ties by list order,
    which can pick windows-1250 and turn ``ñ`` into ``ń``.
    """
    try:
        matches = from_bytes(data)
        best = matches.best()
        if best is None:
            return None
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        if any(_PREFERRED in m.could_be_from_charset for m in tied):
            return _PREFERRED
        return str(best.encoding)
    except Exception:  # the detector must never take a batch down; no guess is the answer
        return None


#: The share of a line's bytes above which stray bytes in a UTF-8 file are not repaired:
#: accented letters are a few percent of a Western European line, while every letter of a
#: line in a single-byte Cyrillic or Greek encoding is stray.
_STRAY_SHARE = 0.2
#: What an undecodable stretch of a line becomes (see :class:`LineDecoder`): a lone
#: surrogate, which no decoder produces from valid bytes, so a reader can tell.
UNDECODABLE = "\udcff"


class LineDecoder:
    """Decodes a file line by line, so that one line in another encoding costs that line.

    A file whose start is UTF-8 (or mostly UTF-8) is read as UTF-8 with stray bytes read
    as windows-1252, the repair the plain-text reader makes, and W003 counts them; a line
    whose bytes are more than a fifth stray is in another encoding altogether, and its
    stray bytes become :data:`UNDECODABLE` instead. A file
    whose start is not is read in the encoding guessed from that start (W002), each line
    still read as UTF-8 first when it is valid UTF-8; bytes the guess can't decode become
    :data:`UNDECODABLE`.

    Attributes:
        encoding: How messages name the encoding judged from the start.
        stray: Stray bytes repaired so far.
    """

    def __init__(self, head: bytes, source: str, on_warning: Warn | None = None) -> None:
        """Judge the encoding from the first bytes of the file.

        Raises:
            BinaryInputError: Binary data (E003) or no encoding fits (E004).
        """
        kind = binary_kind(head)
        if kind:
            raise BinaryInputError(Errors.E003, source=source, detail=kind)
        self._legacy: str | None = None
        self.encoding = "UTF-8"
        self.stray = 0
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            if mostly_utf8(head) is None:
                self._legacy = guess_encoding(head)
                if self._legacy is None:
                    raise BinaryInputError(Errors.E004, source=source) from None
                self.encoding = self._legacy
                if on_warning:
                    on_warning(Warnings.W002.format(source=source, encoding=self._legacy))

    def decode(self, line: bytes) -> str:
        """One line's text (a repaired or undecodable stretch as described above)."""
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if self._legacy is None:
            text, stray = utf8_repaired(line)
            if stray > _STRAY_SHARE * len(line):
                # Mostly stray bytes: a line in some other encoding (Cyrillic windows-1251,
                # say), which windows-1252 would garble; better refused than misread.
                return line.decode("utf-8", errors=mark_undecodable())
            self.stray += stray
            return text
        return line.decode(self._legacy, errors=mark_undecodable())


def mark_undecodable() -> str:
    """The name of a codec error handler that turns any undecodable bytes (even ASCII ones,
    which ``surrogateescape`` refuses) into :data:`UNDECODABLE`."""
    try:
        codecs.lookup_error(_MARK_HANDLER)
    except LookupError:
        codecs.register_error(_MARK_HANDLER, _mark)
    return _MARK_HANDLER


_MARK_HANDLER = "newsift.undecodable"


def _mark(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return UNDECODABLE, error.end
