"""Secret detectors: credentials that must never reach a model, in the original text.

They read the original text (secrets are case-sensitive) and ask for redaction. The
entropy fallback is a detector like the others but stays out of the ``secrets`` pack.
"""

from __future__ import annotations

from traingate.detectors.ai_keys import AI_KEY_DETECTORS
from traingate.detectors.base import Detector
from traingate.detectors.cloud_keys import CLOUD_DETECTORS
from traingate.detectors.credentials import JWT, PASSWORD_IN_URL, PRIVATE_KEY_BLOCK
from traingate.detectors.entropy import HIGH_ENTROPY_STRING
from traingate.detectors.service_tokens import SERVICE_TOKEN_DETECTORS

SECRET_DETECTORS: tuple[Detector, ...] = (
    *CLOUD_DETECTORS,
    *SERVICE_TOKEN_DETECTORS,
    *AI_KEY_DETECTORS,
    PRIVATE_KEY_BLOCK,
    JWT,
    PASSWORD_IN_URL,
    HIGH_ENTROPY_STRING,
)
