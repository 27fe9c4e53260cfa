"""API keys of AI platforms: OpenAI, Anthropic, Hugging Face."""

from __future__ import annotations

from traingate.detectors.base import Detector
from traingate.detectors.tokens import token_detector, token_doc

OPENAI_API_KEY = token_detector(
    "openai-api-key",
    "An OpenAI API key (sk-proj-…, sk-svcacct-…, sk-admin-…, legacy sk-…).",
    token_doc(
        """
        Finds OpenAI API keys: project keys (`sk-proj-`), service account keys
        (`sk-svcacct-`) and admin keys (`sk-admin-`) with at least 40 more characters, and
        legacy user keys (`sk-` and 48 letters and digits). The random part must mix upper
        and lower case letters and digits, so that `sk-proj-management-best-practices` and
        other kebab-case names are not taken for keys. `sk-ant-` keys are Anthropic's.
        """,
        """
        An OpenAI key spends its organisation's credit and reads its files, fine-tuning
        data and assistants.
        """,
        "OPENAI_API_KEY=sk-proj-N0tAR34lK3y_F0rTh3D0cs-9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4Ps0Rt7Uw2",
        "OPENAI_API_KEY=sk-... (never commit it); see sk-proj-rotation-guide-for-admins-2024",
    ),
    r"sk-[a-z0-9_\-]{40}",
    r"(?<![A-Za-z0-9_\-])sk-(?:proj|svcacct|admin)-(?P<body>[A-Za-z0-9_\-]{40,250})"
    r"(?![A-Za-z0-9_\-])",
    r"(?<![A-Za-z0-9_\-])sk-(?P<body>[A-Za-z0-9]{48})(?![A-Za-z0-9_\-])",
    classes="Aa0",
)

ANTHROPIC_API_KEY = token_detector(
    "anthropic-api-key",
    "An Anthropic API key (sk-ant-…).",
    token_doc(
        """
        Finds Anthropic API and admin keys: `sk-ant-`, a key type with its version
        (`api03-`, `admin01-`) and at least 32 more characters mixing upper and lower case
        letters and digits.
        """,
        """
        An Anthropic key spends its organisation's credit and, for admin keys, manages its
        members and other keys.
        """,
        "ANTHROPIC_API_KEY=sk-ant-api03-N0tAR34lK3y_F0rTh3D0cs-9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4AA",
        "ANTHROPIC_API_KEY=sk-ant-api03-...",
    ),
    r"sk-ant-[a-z]{3,8}[0-9]{2}-[a-z0-9_\-]{32}",
    r"(?<![A-Za-z0-9_\-])sk-ant-[a-z]{3,8}[0-9]{2}-(?P<body>[A-Za-z0-9_\-]{32,250})"
    r"(?![A-Za-z0-9_\-])",
    classes="Aa0",
)

HUGGINGFACE_TOKEN = token_detector(
    "huggingface-token",
    "A Hugging Face access token (hf_…).",
    token_doc(
        """
        Finds Hugging Face user access tokens: `hf_` followed by 30 to 40 letters (and
        digits) mixing upper and lower case.
        """,
        """
        A write token can push models and datasets as its user, or as an organisation the
        user belongs to: a poisoned model upload is one request away.
        """,
        "HF_TOKEN=hf_N0tAR34lT0k3nJustF0rTh3D0csXyQz",
        "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; see hf_hub_download",
    ),
    r"hf_[a-z0-9]{30}",
    r"(?<![A-Za-z0-9_])hf_(?P<body>[A-Za-z0-9]{30,40})(?![A-Za-z0-9_])",
    classes="Aa",
)

AI_KEY_DETECTORS: tuple[Detector, ...] = (OPENAI_API_KEY, ANTHROPIC_API_KEY, HUGGINGFACE_TOKEN)
