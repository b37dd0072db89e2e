"""Format detection and decoding of raw input bytes.

Detection looks at the content first and the file name second: an HTML page saved as
``.txt`` is HTML, and a ``.html`` file holding plain prose is text. The name only settles
what the content leaves open (a broken ``.rss`` or ``.jsonl`` file is reported as a broken
feed or JSONL file rather than stored as an article).

Decoding is a cascade, precise first: byte-order marks, BOM-less UTF-16, strict UTF-8,
mostly-UTF-8 with stray cp1252 bytes, a declared charset (HTTP header, ``<meta charset>``,
XML declaration), plausible cp1252, then charset-normalizer. The returned text has
``"\\n"`` newlines only and no control characters that XML/HTML parsers or PostgreSQL
reject; the verbatim bytes stay in ``Raw.data``.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib

from charset_normalizer import from_bytes

from dossier.errors import InputError

__all__ = [
    "FORMATS",
    "UNDECODABLE",
    "decode",
    "detect_format",
    "gunzip",
    "is_compressed_document",
    "is_blank",
    "looks_like_warc",
    "normalise_text",
    "try_decode",
    "unsupported_reason",
]

FORMATS = ("text", "html", "warc", "rss", "jsonl")
UNDECODABLE = ("cannot decode the bytes as text in any known encoding; "
               "convert it to UTF-8 (e.g. iconv -f OLD -t UTF-8)")

_SNIFF = 8192  # bytes of the head that the text patterns look at
_GZIP_MAGIC = b"\x1f\x8b"
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_INPUTS = "Dossier reads plain text, HTML, WARC, RSS/Atom and JSONL"
_MAGIC = (  # binary formats people drop into a folder of articles, and what to do instead
    (b"%PDF-", f"a PDF file; {_INPUTS}: extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", f"a ZIP archive (or .docx/.epub); {_INPUTS}: unpack or convert it first"),
    (b"\x89PNG", "an image (PNG), not text; remove it from the input"),
    (b"\xff\xd8\xff", "an image (JPEG), not text; remove it from the input"),
    (b"GIF8", "an image (GIF), not text; remove it from the input"),
    (b"BZh", "a bzip2 archive; decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz archive; decompress it first (unxz)"),
    (b"(\xb5/\xfd", "a zstd archive; decompress it first (unzstd)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"SQLite format 3\x00", "an SQLite database; export the articles to JSONL first"),
    (b"\x7fELF", "an executable, not text; remove it from the input"),
)
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_ASCII = bytes(range(0x80))
_PROLOG = re.compile(rb"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)([^>]*)")
_LEADING_TAG = re.compile(rb"\s*(?:</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--)")
_CODE_BLOCK = re.compile(rb"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_MARKUP_SHARE = 0.35  # see _markup_share
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_FEED_EXTS = (".rss", ".atom", ".xml", ".rdf")
_HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_EXTS = (".jsonl", ".ndjson", ".jsonlines")
_LATIN_EXTRA = "ŒœŠšŽžŸƒ‘’‚“”„–—…•€™†‡‰‹›ˆ˜\u00a0«»°£¥©®§¶·¿¡½¼ªºµ×÷¢"
_LATIN_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"  # À-ÿ without × and ÷
_NOT_LATIN = re.compile(f"[^\\x00-\\x7f{_LATIN_LETTERS}{re.escape(_LATIN_EXTRA)}]")
_CONTROL_CHARS = re.compile("[\\x00-\\x08\\x0b\\x0e-\\x1f]")
_HIGH = re.compile("[^\\x00-\\x7f]")
_ASCII_LETTERS = re.compile("[A-Za-z]")
_STRIP_CONTROL: dict[int, str | None] = {
    code: None for code in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}
_STRIP_CONTROL[0x0C] = "\n"
_STRIPPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_compressed_document(head: bytes) -> bool:
    """Whether ``head`` starts a gzip file that holds something other than a WARC
    (``page.html.gz``, ``feed.xml.gz``): it is decompressed and its content detected."""
    return head.startswith(_GZIP_MAGIC) and not _gunzip_head(head).lstrip().startswith(_ARCHIVE_STARTS)


def gunzip(data: bytes, *, limit: int) -> bytes:
    """The decompressed bytes of a gzip file (several members are joined, as gunzip does).

    Raises:
        InputError: the file is damaged or truncated, or decompresses to more than ``limit`` bytes.
    """
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(rest, limit + 1 - size)
        except zlib.error as exc:
            raise InputError(f"damaged gzip file ({exc}); re-download it or check it with gunzip -t") from None
        size += len(chunk)
        out.append(chunk)
        if size > limit:
            raise InputError(f"decompresses to more than the {limit / 1e6:g} MB limit for one article file; "
                             "split it or raise --max-bytes")
        if not inflater.eof:
            raise InputError("truncated gzip file (it ends before the compressed data does); "
                             "re-download it or check it with gunzip -t")
        rest = inflater.unused_data.lstrip(b"\x00")  # members follow each other; tar-style padding is zeros
        if rest and not rest.startswith(_GZIP_MAGIC):
            break  # trailing junk after the last member: gunzip warns and keeps the data
    return b"".join(out)


def looks_like_warc(head: bytes) -> bool:
    """Whether the head could be a WARC (plain or gzip); cheap, checked before the size limit."""
    return head.startswith((_GZIP_MAGIC, *_ARCHIVE_STARTS))


def detect_format(head: bytes, name: str) -> str | None:
    """The format of an input from its first bytes and its name, or None if unsupported.

    Args:
        head: the first bytes of the input (64 KiB is plenty; fewer works).
        name: the file name or path, used only when the content is ambiguous.

    Returns:
        One of :data:`FORMATS`, or None for binary data and gzip files that hold no WARC;
        :func:`unsupported_reason` says why.

    >>> detect_format(b"<!DOCTYPE html><html><body>Hi</body></html>", "page.txt")
    'html'
    """
    if head.startswith(_GZIP_MAGIC):
        return "warc" if _gunzip_head(head).lstrip().startswith(_ARCHIVE_STARTS) else None
    if head.startswith(_ARCHIVE_STARTS):
        return "warc"  # ARC files (filedesc://) are read by the same reader
    if _binary_reason(head) is not None:
        return None
    text = _ascii_view(head)
    lower = name.lower()
    return _jsonl_format(text, lower) or _markup_format(text, lower) or _by_extension(lower)


def unsupported_reason(head: bytes) -> str:
    """One actionable line saying why :func:`detect_format` returned None for ``head``."""
    if head.startswith(_GZIP_MAGIC):
        return "gzip file whose content is not a supported format; " + _INPUTS
    return _binary_reason(head) or f"not a supported format; {_INPUTS}"


def is_blank(data: bytes) -> bool:
    """Whether the bytes hold nothing but whitespace (in any encoding with a BOM)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return not data[len(bom):].decode(encoding, errors="replace").strip()
    return not data.strip()


def decode(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode input bytes to text with ``"\\n"`` newlines.

    Args:
        data: the verbatim bytes.
        source: names the input in the error message.
        declared: a charset from outside the bytes (e.g. an HTTP Content-Type header).

    Raises:
        InputError: the bytes are not text in any encoding we can recognise.

    >>> decode(b"caf\\xe9\\r\\nbar", "x.txt")
    'café\\nbar'
    """
    text = try_decode(data, declared=declared)
    if text is None:
        raise InputError(f"{source}: {UNDECODABLE}", source=source)
    return text


def try_decode(data: bytes, *, declared: str | None = None) -> str | None:
    """Like :func:`decode`, but None instead of an error when the bytes are not text."""
    text = _decode_cascade(data, declared)
    if text is None or _mostly_control(text):
        return None
    return normalise_text(text)


def _decode_cascade(data: bytes, declared: str | None) -> str | None:
    """Try each decoding strategy in turn, precise first; None when all fail."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _try(data[len(bom):], encoding)
    utf16 = _try(data, _bomless_utf16(data[:_SNIFF]))
    if utf16 is not None:
        return utf16
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        return utf8
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="dossier-cp1252")
    for charset in (declared, _declared_in(data)):
        named = _try(data, _codec(charset))
        if named is not None:
            return named
    cp1252 = _try(data, "cp1252")
    if cp1252 is not None and _plausible_latin(cp1252):
        return cp1252
    return _guess(data)


def _try(data: bytes, encoding: str | None) -> str | None:
    """``data`` decoded strictly, or None when it is not valid in ``encoding``."""
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _codec(charset: bytes | str | None) -> str | None:
    """A Python codec for a declared charset, WHATWG-style (latin-1 means cp1252)."""
    if not charset:
        return None
    name = charset.decode("ascii", "ignore") if isinstance(charset, bytes) else charset
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if codec.startswith(("utf-8", "utf-16", "utf-32")):
        return None  # UTF-8 already failed; a readable UTF-16 declaration is wrong (WHATWG)
    return codec


def _declared_in(data: bytes) -> bytes | None:
    """The charset a ``<meta>`` tag or XML declaration near the start names, if any."""
    match = _DECLARED.search(data[:_SNIFF])
    return (match.group(1) or match.group(2)) if match else None


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, if it has one."""
    best = from_bytes(data).best()
    return None if best is None else str(best)


def _mostly_control(text: str) -> bool:
    """Whether the start of a decoded text is more than 10% control characters (binary data)."""
    sample = text[:_SNIFF]
    return len(_CONTROL_CHARS.findall(sample)) > max(8, 0.1 * len(sample))


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (often a pasted cp1252 quote), not a legacy encoding."""
    valid = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    multibyte = valid - _count(data, _ASCII)
    stray = len(data) - valid
    return multibyte > 0 and stray <= max(4, multibyte // 4)


def _count(data: bytes, members: bytes) -> int:
    """How many bytes of ``data`` are in ``members`` (fast: done by ``bytes.translate``)."""
    return len(data) - len(data.translate(None, members))


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode one stray byte as cp1252 (latin-1 where cp1252 has a hole)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    byte = err.object[err.start:err.start + 1]
    encoding = "latin-1" if byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d") else "cp1252"
    return byte.decode(encoding), err.start + 1


codecs.register_error("dossier-cp1252", _cp1252_fallback)


def _plausible_latin(text: str) -> bool:
    """Whether a cp1252 reading looks like Western text: few, letter-like non-ASCII chars."""
    if _NOT_LATIN.search(text):
        return False
    high = len(_HIGH.findall(text))
    return high <= max(2, 0.3 * (high + len(_ASCII_LETTERS.findall(text))))


def _bomless_utf16(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes sit at every other position, as in ASCII-heavy UTF-16."""
    sample = head[: len(head) & ~1]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) // 2)
    odd_nul = sample[1::2].count(0) / (len(sample) // 2)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def normalise_text(text: str) -> str:
    """``"\\n"`` newlines; drop NUL and the C0 controls that XML/HTML parsers and PostgreSQL reject.

    >>> normalise_text("a\\r\\nb\\rc\\x00d\\x0ce")
    'a\\nb\\ncd\\ne'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _STRIPPABLE.search(text) is None:  # the usual case; str.translate is slow on big pages
        return text
    return text.translate(_STRIP_CONTROL)


def _binary_reason(head: bytes) -> str | None:
    """Why ``head`` is not text, or None when it could be text."""
    for magic, reason in _MAGIC:
        if head.startswith(magic):
            return reason
    if any(head.startswith(bom) for bom, _ in _BOMS) or _bomless_utf16(head[:_SNIFF]):
        return None
    sample = head[:_SNIFF]
    if 0 in sample or (sample and _count(sample, _CONTROL) / len(sample) > 0.1):
        return f"binary data, not text (NUL or control bytes near the start); {_INPUTS}"
    return None


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip head (empty if it does not inflate)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _ascii_view(head: bytes) -> bytes:
    """The head as bytes the ASCII patterns can match (UTF-16/32 transcoded to UTF-8)."""
    sample = head[:_SNIFF * 4]
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return sample[len(bom):].decode(encoding, errors="ignore").encode("utf-8")
    utf16 = _bomless_utf16(sample)
    if utf16:
        return sample.decode(utf16, errors="ignore").encode("utf-8")
    return sample


def _markup_format(text: bytes, name: str) -> str | None:
    """"rss" or "html" from the root element, else from how much of the text is markup.

    An ``.html`` file that starts with a tag is HTML (a fragment); anything else needs
    most of its lines to be markup: a few tags in scraped text do not make it a page.
    """
    prolog = _PROLOG.match(text)
    rest = text[prolog.end() if prolog else 0:]
    root = _ROOT.match(rest)
    if root:
        tag = root.group(1).lower()
        if tag in (b"rss", b"rdf:rdf", b"feed"):
            return "rss"
        if tag in (b"html", b"head", b"body") or name.endswith(_HTML_EXTS):
            return "html"
    if _markup_share(text) >= _MARKUP_SHARE:
        return "html"
    if text.lstrip().startswith(b"<?xml"):
        return "rss"  # XML that is neither a feed nor XHTML: the feed reader explains why not
    return None


def _markup_share(text: bytes) -> float:
    """The share of the text's characters on lines that start with a tag (scripts and styles aside).

    A page or fragment without a document root is markup throughout (0.56 and up on every
    page of the public extraction sets); scraped text that merely carries a few tags (a
    ``<script>`` line at the top, an ``<img onerror=…>`` in a comment) is prose line after
    line (under 0.15). Counting tags instead called such text HTML, and cleaning it as HTML
    lost most of it.
    """
    text = _CODE_BLOCK.sub(b"\n", text)[:_SNIFF * 2]
    lines = [line for line in text.split(b"\n") if line.strip()]
    total = sum(len(line) for line in lines)
    tagged = sum(len(line) for line in lines if _LEADING_TAG.match(line))
    return tagged / total if total else 0.0


def _jsonl_format(text: bytes, name: str) -> str | None:
    """"jsonl" when the first non-blank line is a JSON object (or starts like one in a .jsonl)."""
    first = text.lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return None
    if name.endswith(_JSONL_EXTS):
        return "jsonl"
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else None
    except (ValueError, UnicodeDecodeError):
        return None


def _by_extension(name: str) -> str:
    """Plain text, unless the name promises a container (then its reader reports the damage)."""
    if name.endswith(_FEED_EXTS):
        return "rss"
    if name.endswith((".warc", ".arc")):
        return "warc"
    return "text"
