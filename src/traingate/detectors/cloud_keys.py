"""Cloud credentials: AWS, Google Cloud and Azure keys."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc
from traingate.detectors.tokens import has_classes, placeholder, token_doc, token_find

AWS_ACCESS_KEY = Detector(
    name="aws-access-key",
    summary="An AWS access key id (AKIA… or ASIA…).",
    doc=token_doc(
        what="""
        Finds AWS access key ids: `AKIA` (long-term) or `ASIA` (temporary, STS) followed by
        16 upper-case letters and digits. AWS's own documented example key
        `AKIAIOSFODNN7EXAMPLE`, which appears in countless tutorials and grants nothing, is
        one of the placeholders.
        """,
        why="""
        The key id is half of an AWS credential and names the account; with the secret key
        nearby it gives whoever reads it the rights of that IAM user. A model trained on
        it can recite it.
        """,
        fails="aws_access_key_id = AKIAN0TR34LK3YD0CS7Q",
        passes="aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        options="None.",
    ),
    find=token_find(
        re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)(?P<body>[A-Z0-9]{16})(?![A-Za-z0-9])")
    ),
    prefilter=r"(?:akia|asia)[a-z0-9]{16}",
    normalize=False,
    redact=True,
)

_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_AWS_CONTEXT = re.compile(
    r"(?<![a-z])aws|secret.?access.?key|(?:AKIA|ASIA)[A-Z0-9]{16}", re.IGNORECASE
)


def _find_aws_secrets(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    for match in _AWS_SECRET.finditer(text):
        body = match[0]
        if placeholder(body) or not has_classes(body, "Aa"):
            continue  # hex digests are lower case only
        if _AWS_CONTEXT.search(text, max(0, match.start() - 160), match.start()):
            yield Span(match.start(), match.end())


AWS_SECRET_KEY = Detector(
    name="aws-secret-key",
    summary="An AWS secret access key next to an AWS context.",
    doc=token_doc(
        what="""
        Finds 40-character base64 strings (upper and lower case letters, digits, `/`, `+`)
        that follow, within 160 characters, an AWS context: the word `aws` (as in
        `aws_secret_access_key`), `secret access key` spelled in any common way, or an AWS
        access key id. Forty base64 characters alone are too common to report; a git
        commit hash (lower-case hex) never matches.
        """,
        why="""
        The secret access key is the password of an AWS credential: anyone holding it and
        the key id acts as that IAM user, and bills run up within minutes.
        """,
        fails="aws_secret_access_key = N0tAR34lS3cr3tK3y/F0rTh3D0csQz9Wq7Xy2LmV",
        passes="aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        options="None.",
    ),
    find=_find_aws_secrets,
    prefilter=r"aws|secret.?access.?key|(?:akia|asia)[a-z0-9]{16}",
    normalize=False,
    redact=True,
)

GCP_API_KEY = Detector(
    name="gcp-api-key",
    summary="A Google Cloud / Google API key (AIza…).",
    doc=token_doc(
        what="""
        Finds Google API keys: `AIza` followed by 35 letters, digits, `-` or `_`.
        """,
        why="""
        A Google API key is billed to its project: a leaked one runs up Maps, Gemini or
        other API charges for whoever finds it.
        """,
        fails="const key = 'AIzaSyN0tAR34lK3yF0rTh3D0cs_Qz9Wq7Xy2Lm';",
        passes="const key = 'AIzaSy-your-api-key';",
        options="None.",
    ),
    find=token_find(
        re.compile(r"(?<![A-Za-z0-9_\-])AIza(?P<body>[0-9A-Za-z_\-]{35})(?![A-Za-z0-9_\-])")
    ),
    prefilter=r"aiza[0-9a-z_\-]{35}",
    normalize=False,
    redact=True,
)

_SA_TYPE = re.compile(r'\\?"type\\?"\s{0,8}:\s{0,8}\\?"service_account\\?"')
_SA_KEY = re.compile(
    r'\\?"private_key\\?"\s{0,8}:\s{0,8}\\?"(-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[^"]{0,8000})'
)


def _find_service_accounts(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    if _SA_TYPE.search(text):
        for match in _SA_KEY.finditer(text):
            yield Span(*match.span(1))


GCP_SERVICE_ACCOUNT = Detector(
    name="gcp-service-account",
    summary="A Google Cloud service account key file (JSON with a private key).",
    doc=detector_doc(
        what="""
        Finds Google Cloud service account key files: JSON (plain or escaped inside a
        string) with `"type": "service_account"` and a `"private_key"` holding a PEM private
        key. The span is the private key.
        """,
        why="""
        A service account key file is a complete, long-lived credential: anyone with it
        acts as the service account, usually with broad project rights.
        """,
        fails=(
            '{"type": "service_account", "project_id": "demo", "private_key": '
            '"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END '
            'PRIVATE KEY-----\\n"}'
        ),
        passes='{"type": "service_account", "project_id": "demo", "client_email": "a@b.c"}',
        options="None.",
    ),
    find=_find_service_accounts,
    prefilter=r"service_account",
    normalize=False,
    redact=True,
)

AZURE_STORAGE_KEY = Detector(
    name="azure-storage-key",
    summary="An Azure storage or Service Bus key in a connection string (AccountKey=…).",
    doc=token_doc(
        what="""
        Finds the key in Azure connection strings: `AccountKey=` (storage accounts) or
        `SharedAccessKey=` (Service Bus, Event Hubs, IoT Hub) followed by 40 or more base64
        characters. The span is the key.
        """,
        why="""
        An account key gives full control of every blob, queue and table of the storage
        account; a shared access key, of the namespace it belongs to.
        """,
        fails=(
            "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey="
            "N0tAR34lK3yF0rTh3D0cs9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4Ps0Rt7Uw2Ye5Za8Bx3Cv6Dn9Em==;"
        ),
        passes="DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=<your-key>;",
        options="None.",
    ),
    find=token_find(
        re.compile(r"(?:AccountKey|SharedAccessKey)=(?P<body>[A-Za-z0-9+/]{40,100}={0,2})"),
        span="body",
    ),
    prefilter=r"(?:accountkey|sharedaccesskey)=[a-z0-9+/]{40}",
    normalize=False,
    redact=True,
)

CLOUD_DETECTORS: tuple[Detector, ...] = (
    AWS_ACCESS_KEY,
    AWS_SECRET_KEY,
    GCP_API_KEY,
    GCP_SERVICE_ACCOUNT,
    AZURE_STORAGE_KEY,
)
