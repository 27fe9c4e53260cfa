"""API tokens of developer services, recognised by their documented prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.tokens import placeholder, token_detector, token_doc

GITHUB_TOKEN = token_detector(
    "github-token",
    "A GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).",
    token_doc(
        """
        Finds GitHub tokens in their documented formats: personal access tokens (`ghp_`),
        OAuth (`gho_`), user-to-server (`ghu_`), server-to-server (`ghs_`) and refresh
        (`ghr_`) tokens with at least 36 letters and digits, and fine-grained personal
        access tokens (`github_pat_`).
        """,
        """
        A GitHub token acts as its owner on every repository it can reach: read private
        code, push commits, open releases.
        """,
        "git clone https://x-access-token:ghp_N0tAR34lT0k3nJustF0rTh3D0csXy7Qz9Wqa@github.com/o/r",
        "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ),
    r"gh[pousr]_[a-z0-9]{36}|github_pat_[a-z0-9_]{70}",
    r"(?<![A-Za-z0-9_])gh[pousr]_(?P<body>[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])",
    r"(?<![A-Za-z0-9_])github_pat_(?P<body>[A-Za-z0-9_]{70,251})(?![A-Za-z0-9_])",
)

GITLAB_TOKEN = token_detector(
    "gitlab-token",
    "A GitLab token (glpat-, gldt-, glrt-, …).",
    token_doc(
        """
        Finds GitLab tokens by their documented prefixes: personal, project and group
        access tokens (`glpat-`), deploy tokens (`gldt-`), runner tokens (`glrt-`),
        pipeline trigger tokens (`glptt-`), CI/CD job tokens (`glcbt-`), feed tokens
        (`glft-`) and others, followed by at least 20 token characters.
        """,
        """
        A GitLab access token acts as its user or project on the API: read private code,
        change pipelines, reach the secrets those pipelines hold.
        """,
        "PRIVATE-TOKEN: glpat-N0tAR34lT0k3n-D0cs9Wq",
        "PRIVATE-TOKEN: glpat-<your-token>",
    ),
    r"gl(?:pat|dt|rt|ptt|cbt|ft|soat|oas|agent)-[0-9a-z_\-]{20}",
    r"(?<![A-Za-z0-9_\-])gl(?:pat|dt|rt|ptt|cbt|ft|soat|oas|agent)-"
    r"(?P<body>[0-9A-Za-z_\-]{20,255})(?![A-Za-z0-9_\-])",
)

SLACK_TOKEN = token_detector(
    "slack-token",
    "A Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-).",
    token_doc(
        """
        Finds Slack tokens: `xox` and a type letter (`b` bot, `p` user, `a` app, `r`
        refresh, `s` session, `e` rotating) followed by a dash and at least ten characters
        including digits (the workspace and user ids).
        """,
        """
        A Slack token reads and posts in the workspace as its bot or user: private channels,
        direct messages and files included.
        """,
        "SLACK_BOT_TOKEN=xoxb-2718281828-3141592653-N0tAR34lT0k3nF0rD0cs7Qz9",
        "SLACK_BOT_TOKEN=xoxb-your-bot-token",
    ),
    r"xox[baprse]-[0-9a-z\-]{10}",
    r"(?<![A-Za-z0-9])xox[baprse]-(?P<body>[0-9A-Za-z\-]{10,250})(?![A-Za-z0-9\-])",
    classes="0",
)

SLACK_WEBHOOK = token_detector(
    "slack-webhook",
    "A Slack incoming webhook or workflow trigger URL.",
    token_doc(
        """
        Finds Slack webhook URLs: `https://hooks.slack.com/services/…`, `/workflows/…` and
        `/triggers/…` followed by the ids and secret.
        """,
        """
        The URL is the credential: anyone holding it can post any message into the channel,
        which makes it a ready-made phishing channel inside a company.
        """,
        "curl -X POST https://hooks.slack.com/services/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",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    ),
    r"hooks\.slack\.com/(?:services|workflows|triggers)/",
    r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<body>[A-Za-z0-9_/\-]{20,200})",
)

_STRIPE = re.compile(
    r"(?<![A-Za-z0-9_])[sr]k_(?P<mode>live|test)_(?P<body>[0-9A-Za-z]{20,247})(?![A-Za-z0-9_])"
)


def _find_stripe_keys(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    modes = ("live", "test") if options.get("include-test-keys", False) else ("live",)
    for match in _STRIPE.finditer(text):
        if match["mode"] in modes and not placeholder(match["body"]):
            yield Span(match.start(), match.end())


STRIPE_KEY = Detector(
    name="stripe-key",
    summary="A Stripe secret or restricted key (sk_live_, rk_live_).",
    doc=token_doc(
        """
        Finds Stripe secret keys (`sk_live_`) and restricted keys (`rk_live_`). Test-mode
        keys (`sk_test_`, `rk_test_`) reach no real money and are reported only when asked
        for; publishable keys (`pk_`) are public by design and never reported.
        """,
        """
        A live secret key moves real money: refunds, payouts and customer card data of the
        account are one API call away.
        """,
        "stripe.api_key = 'sk_live_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm'",
        "stripe.api_key = 'sk_test_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm'",
        """
        `include-test-keys` (boolean, default false): also report `sk_test_` and `rk_test_`
        keys.
        """,
    ),
    find=_find_stripe_keys,
    prefilter=r"[sr]k_(?:live|test)_[0-9a-z]{20}",
    normalize=False,
    redact=True,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"include-test-keys": {"type": "boolean", "default": False}},
    },
)

SERVICE_TOKEN_DETECTORS: tuple[Detector, ...] = (
    GITHUB_TOKEN,
    GITLAB_TOKEN,
    SLACK_TOKEN,
    SLACK_WEBHOOK,
    STRIPE_KEY,
)
