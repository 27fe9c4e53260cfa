"""Credentials that are not service tokens: private keys, JWTs, passwords in URLs."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc
from traingate.detectors.tokens import placeholder

_PEM_BEGIN = re.compile(r"-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,70}-----")
_ESCAPES_AND_SPACE = re.compile(r"\\[nr]|\s")
_KEY_MATERIAL = re.compile(r"[A-Za-z0-9+/=]{64}")
_MAX_ARMOUR = 64 * 1024  # far above an 8192-bit RSA key or a PGP key with its subkeys


def _find_private_keys(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for begin in _PEM_BEGIN.finditer(text):
        window = _ESCAPES_AND_SPACE.sub("", text[begin.end() : begin.end() + 1000])
        material = _KEY_MATERIAL.search(window)
        if material is None or len(set(material[0])) < 16:
            continue  # a header quoted in prose, or `...` where the key would be
        end = _PEM_END.search(text, begin.end(), begin.end() + _MAX_ARMOUR)
        yield Span(begin.start(), end.end() if end else min(len(text), begin.end() + _MAX_ARMOUR))


PRIVATE_KEY_BLOCK = Detector(
    name="private-key-block",
    summary="A PEM or OpenSSH private key (-----BEGIN … PRIVATE KEY-----).",
    doc=detector_doc(
        what="""
        Finds private keys in PEM and OpenSSH armour (`RSA`, `EC`, `DSA`, `OPENSSH`,
        `ENCRYPTED`, PKCS #8, `PGP PRIVATE KEY BLOCK`), also inside JSON strings where line
        breaks are written `\\n`. The header must be followed by real key material (at least
        64 base64 characters), so prose that names the header, or shows `...` for the key,
        passes. The span runs to the `-----END` line or, when the key is cut short, to the
        end of the text (at most 64 KiB after the header).
        """,
        why="""
        A private key is the credential itself: it signs as its owner, decrypts their
        traffic or logs into their servers, and it never expires on its own.
        """,
        fails=(
            "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            "QyNTUxOQAAACDN0tAR34lK3yF0rTh3D0csQz9Wq7Xy2LmVb5Nc3Hd6JgAAAJhN0tAR34lK\n"
            "-----END OPENSSH PRIVATE KEY-----"
        ),
        passes="A key file starts with -----BEGIN RSA PRIVATE KEY----- and ends with ...",
        options="None.",
    ),
    find=_find_private_keys,
    prefilter=r"-----begin [a-z0-9 ]{0,63}private key",
    normalize=False,
    redact=True,
)

_JWT = re.compile(
    r"(?<![A-Za-z0-9_\-.])(e[yw][A-Za-z0-9_\-]{8,4000})\.[A-Za-z0-9_\-]{8,20000}"
    r"\.([A-Za-z0-9_\-]{16,4000})(?![A-Za-z0-9_\-]|\.[A-Za-z0-9_\-])"
)
# The token on jwt.io's front page, quoted by every JWT tutorial.
_JWT_IO_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"


def _jose_header(segment: str) -> bool:
    """Whether a base64url segment decodes to a JSON object with an ``alg``."""
    try:
        header = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (binascii.Error, ValueError):
        return False
    return isinstance(header, dict) and isinstance(header.get("alg"), str)


def _find_jwts(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for match in _JWT.finditer(text):
        if match[2] != _JWT_IO_SIGNATURE and _jose_header(match[1]):
            yield Span(match.start(), match.end())


JWT = Detector(
    name="jwt",
    summary="A signed JSON Web Token.",
    doc=detector_doc(
        what="""
        Finds JSON Web Tokens: three base64url parts joined by dots, whose first part
        decodes to a JSON object with an `alg`, with a signature of at least 16 characters.
        The sample token from jwt.io, quoted by every tutorial, is not reported.
        """,
        why="""
        A JWT is a bearer credential: until it expires, whoever holds it is the user it
        names. Session tokens copied from logs or browser tools often end up in chats.
        """,
        fails=(
            "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkb2NzIiwi"
            "bmFtZSI6Ik5vdCBSZWFsIn0.N0tAR34lS1gn4tur3F0rTh3D0cs9Wq7Xy2LmQz8Vb5"
        ),
        passes="Tokens look like xxxxx.yyyyy.zzzzz; version 1.2.3.4567890123456789 is not one.",
        options="None.",
    ),
    find=_find_jwts,
    prefilter=r"e[yw][a-z0-9_\-]{8,}\.[a-z0-9_\-]{8,}\.[a-z0-9_\-]{16}",
    normalize=False,
    redact=True,
)

_URL_CREDENTIALS = re.compile(
    r"\b[A-Za-z][A-Za-z0-9+.\-]{1,20}://[^\s:/@?#\[\]]{0,64}:([^\s:/@?#\[\]]{1,128})@"
    r"(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.\-]{1,253})"
)
_PASSWORD_PLACEHOLDER = re.compile(
    r"(?:pass(?:word)?|passwd|pwd|secret|token|changeme|pass123|\*+|x+|\.+|[$<{%].*)",
    re.IGNORECASE,
)
_SAFE_HOSTS = re.compile(r"localhost|127\.0\.0\.1|\[::1\]|(?:.*\.)?example(?:\.\w+)?", re.I)


def _find_url_passwords(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for match in _URL_CREDENTIALS.finditer(text):
        password, host = match[1], match[2]
        if len(password) < 3 or _PASSWORD_PLACEHOLDER.fullmatch(password) or placeholder(password):
            continue
        if not _SAFE_HOSTS.fullmatch(host):
            yield Span(*match.span(1))


PASSWORD_IN_URL = Detector(
    name="password-in-url",
    summary="A password in a URL (scheme://user:password@host).",
    doc=detector_doc(
        what="""
        Finds passwords written into URLs as `scheme://user:password@host` (the user may
        be empty, as in `redis://:password@host`): database connection strings, git
        remotes, proxy settings. The span is the password.
        Placeholders (`password`, `pass`, `secret`, `***`, `xxx`, `$PASSWORD`, `<password>`,
        `{password}`, `%s`), one- and two-character examples (`https://a:b@host`) and URLs
        to `localhost` or an `example` domain are not reported.
        """,
        why="""
        A connection string with its password is a working login to a database or server;
        it is the most common way real credentials end up in copied code and logs.
        """,
        fails="DATABASE_URL=postgres://app:Tr0ub4dor-3-N0tR34l@db.internal.acme.io:5432/prod",
        passes="DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal.acme.io:5432/prod",
        options="None.",
    ),
    find=_find_url_passwords,
    prefilter=r"://[^\s:/@?#\[\]]{0,64}:[^\s:/@?#\[\]]{1,128}@",
    normalize=False,
    redact=True,
)
