"""Bytes to clean text: bounded reading (gzip too), encoding detection, same-offset normalisation,
language detection, ids and dates."""

from __future__ import annotations

import gzip
import hashlib
import re
import sys
import zlib
from datetime import date, datetime
from functools import cache
from pathlib import Path

from kg.errors import SourceError

MAX_BYTES = 50 * 1024 * 1024
#: Legacy encodings kg tells apart when a file is not UTF-8 (cp949 is a superset of EUC-KR, cp1252 of Latin-1's text).
LEGACY_ENCODINGS = ("cp949", "cp1252", "latin_1")
#: Characters replaced one for one (offsets never move): odd spaces and quote variants.
_SAME_LENGTH = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",  # ideographic space
        "\u201b": "\u2018",  # reversed single quote
        "\u201f": "\u201c",  # reversed double quote
        "\u201e": "\u201c",  # low double quote
        "\u2032": "\u2019",  # prime used as an apostrophe
        "\uff02": '"',
        "\uff07": "'",
        "\u2011": "-",  # non-breaking hyphen
    }
)
#: Invisible characters dropped before the text becomes an article (offsets are taken afterwards).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: the URL when known, else a hash of the content."""
    if url:
        return url
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def parse_date(value: str | None) -> date | None:
    """An ISO date or date-time string as a date, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def read_bytes(path: Path) -> bytes:
    """The bytes of a file (decompressed when it ends in .gz), refusing missing, too large or broken files."""
    try:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        if not path.is_file():
            raise SourceError(f"{path}: not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{path}: too large ({size} bytes; the limit is {MAX_BYTES})")
        if path.suffix.lower() == ".gz":
            if size == 0:
                raise SourceError(f"{path}: empty file")
            with gzip.open(path, "rb") as stream:
                data = stream.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise SourceError(f"{path}: too large once decompressed (the limit is {MAX_BYTES} bytes)")
            return data
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file or folder (it disappeared during the build)") from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise SourceError(f"{path}: broken or truncated gzip file ({err})") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot be read ({err.strerror or err})") from None


def read_stdin() -> bytes:
    """Standard input, at most MAX_BYTES."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SourceError(f"-: standard input is too large (the limit is {MAX_BYTES} bytes)")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (EOFError, gzip.BadGzipFile, zlib.error) as err:
            raise SourceError(f"-: broken or truncated gzip data ({err})") from None
    return data


def decode(data: bytes, name: str) -> str:
    """Bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, else the detected legacy encoding."""
    if not data.strip():
        raise SourceError(f"{name}: empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(f"{name}: broken UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise SourceError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        position = err.start
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise SourceError(f"{name}: not UTF-8 (byte {position}) and no known encoding fits") from None
    return str(best)


def normalise(text: str) -> str:
    """Line ends to \\n, invisible characters (soft hyphens, zero-width spaces) dropped, odd spaces and quote
    variants replaced one for one. Applied before any offset is taken, so evidence offsets point into it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text).translate(_SAME_LENGTH)


def read_text_file(path: Path) -> str:
    """Read a file as clean text, refusing what is missing, too large, binary, empty or undecodable."""
    return normalise(decode(read_bytes(path), str(path)))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> str | None:
    """The language of a text ('en', 'ko', …) when it is clear, else None (too short to tell)."""
    sample = text[:5000]
    letters = _LETTER.findall(sample)
    if len(letters) < 20:
        return None
    if len(_HANGUL.findall(sample)) > 0.3 * len(letters):
        return "ko"
    if len(letters) < 80:
        return None
    language, probability = _identifier().classify(sample)
    return language if probability >= 0.9 else None


def not_english(text: str) -> str | None:
    """The reason to skip a text that is clearly not English, else None."""
    language = language_of(text)
    if language is None or language == "en":
        return None
    return f"not English (detected '{language}'; kg's model reads English only)"
