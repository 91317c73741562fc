"""Text that is safe to show: control characters escaped, and fallbacks for narrow encodings.

Names, labels and file names come from inputs; an escape sequence or a newline in one must not
reach the terminal as such (it could recolour the screen or forge a `tlo:` line), and a console
that cannot encode a character (cp932 on Japanese Windows) gets a plain one instead of an error.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

SPARKS = "▁▂▃▄▅▆▇█"

#: Characters with a plain stand-in on consoles that cannot encode them.
FALLBACKS: dict[str, str] = {
    "›": ">",
    "‹": "<",
    "–": "-",
    "—": "-",
    "−": "-",
    "¥": "JPY",
    "…": "...",
    "△": "-",
    "×": "x",
    "±": "+/-",
    "≤": "<=",
    "≥": ">=",
    **dict.fromkeys(SPARKS, ""),
}

# C0 and C1 controls, DEL, lone surrogates (undecodable bytes of a file name) and the
# bidirectional overrides that can make text read other than it is.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid UTF-8 in a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with every control character shown escaped (``\\x1b``, ``\\n``)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


@lru_cache(maxsize=16)
def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def can_encode(text: str, encoding: str | None) -> bool:
    """True when ``encoding`` (None: UTF-8) can encode every character of ``text``."""
    if not encoding:
        return True
    try:
        text.encode(_codec(encoding))
    except UnicodeEncodeError:
        return False
    return True


def fallback(text: str, encoding: str | None) -> str:
    """``text`` with characters ``encoding`` cannot encode replaced (› → >, ¥ → JPY, else ?)."""
    if can_encode(text, encoding):
        return text
    codec = _codec(encoding or "utf-8")
    out: list[str] = []
    for ch in text:
        try:
            ch.encode(codec)
            out.append(ch)
        except UnicodeEncodeError:
            plain = FALLBACKS.get(ch, "?")
            out.append(plain if can_encode(plain, codec) else "?")
    return "".join(out)


_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_escape(text: str) -> str:
    """Text for a Markdown table cell: controls escaped, no raw HTML, no column breaks.

    A ``<`` that would open a tag or comment becomes ``&lt;`` and an ``&`` that would start an
    entity ``&amp;``; ``< 0`` and ``a & b`` stay as they are.
    """
    text = _ENTITY.sub("&amp;", clean(text))
    return _HTML_START.sub("&lt;", text).replace("|", "\\|")
