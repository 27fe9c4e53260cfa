"""Secret detector tables. Every token here is made up: the random parts spell out
"not a real token for the docs" in digits and letters, so no scanner mistakes them for
leaks and no reader mistakes them for keys."""

from __future__ import annotations

AKIA = "AKIAN0TR34LK3YD0CS7Q"
AWS_SECRET = "N0tAR34lS3cr3tK3y/F0rTh3D0csQz9Wq7Xy2LmV"
GHP = "ghp_N0tAR34lT0k3nJustF0rTh3D0csXy7Qz9Wqa"
PAT = (
    "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p"
)
SK_PROJ = "sk-proj-N0tAR34lK3y_F0rTh3D0cs-9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4Ps0Rt7Uw2"
SK_LEGACY = "sk-N0tAR34lK3yF0rTh3D0cs9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4"
SK_ANT = "sk-ant-api03-N0tAR34lK3y_F0rTh3D0cs-9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4AA"
HF = "hf_N0tAR34lT0k3nJustF0rTh3D0csXyQz"
PEM_BODY = (
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDN0tAR34lK3yF0r\n"
    "Th3D0cs9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4Ps0Rt7Uw2Ye5Za8Bx3Cv6Dn9Em1Fo4Gp\n"
)
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkb2NzIiwibmFtZSI6Ik5vdCBSZWFsIn0"
    ".N0tAR34lS1gn4tur3F0rTh3D0cs9Wq7Xy2LmQz8Vb5"
)
JWT_IO = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
    "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
NO_ALG = "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJkb2NzIn0.N0tAR34lS1gn4tur3F0rTh3D0cs9Wq"

FOUND: dict[str, list[tuple[str, list[str]]]] = {
    "aws-access-key": [
        (f"aws_access_key_id = {AKIA}", [AKIA]),
        ('"AccessKeyId": "ASIAN0TR34LK3YD0CS7Q"', ["ASIAN0TR34LK3YD0CS7Q"]),
    ],
    "aws-secret-key": [
        (f"aws_secret_access_key = {AWS_SECRET}", [AWS_SECRET]),
        (f'{{"SecretAccessKey": "{AWS_SECRET}"}}', [AWS_SECRET]),
        (f"Access key ID,Secret access key\n{AKIA},{AWS_SECRET}", [AWS_SECRET]),
    ],
    "gcp-api-key": [
        (
            "key=AIzaSyN0tAR34lK3yF0rTh3D0cs_Qz9Wq7Xy2Lm&q=x",
            ["AIzaSyN0tAR34lK3yF0rTh3D0cs_Qz9Wq7Xy2Lm"],
        ),
    ],
    "gcp-service-account": [
        (
            '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n"}',
            ["-----BEGIN PRIVATE KEY-----\\nMIIE\\n"],
        ),
        (
            '{\\"private_key\\": \\"-----BEGIN PRIVATE KEY-----\\\\nMIIE\\", '
            '\\"type\\": \\"service_account\\"}',
            ["-----BEGIN PRIVATE KEY-----\\\\nMIIE\\"],
        ),
    ],
    "azure-storage-key": [
        (
            "AccountName=demo;AccountKey=N0tAR34lK3yF0rTh3D0cs9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4Ps0==;",
            ["N0tAR34lK3yF0rTh3D0cs9Wq7Xy2LmQz8Vb5Nc3Hd6Jf1Kg4Ps0=="],
        ),
        (
            "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=N0tAR34lK3yF0rTh3D0cs9Wq7Xy2LmQz8Vb5Nc3H=",
            ["N0tAR34lK3yF0rTh3D0cs9Wq7Xy2LmQz8Vb5Nc3H="],
        ),
    ],
    "github-token": [
        (f"token: {GHP}", [GHP]),
        (f"{GHP.replace('ghp_', 'ghs_')}", [GHP.replace("ghp_", "ghs_")]),
        (f"GITHUB_TOKEN={PAT}", [PAT]),
    ],
    "gitlab-token": [
        ("PRIVATE-TOKEN: glpat-N0tAR34lT0k3n-D0cs9Wq", ["glpat-N0tAR34lT0k3n-D0cs9Wq"]),
        ("--token glrt-N0tAR34lRunn3rT0k3nD0cs", ["glrt-N0tAR34lRunn3rT0k3nD0cs"]),
    ],
    "slack-token": [
        (
            "xoxb-2718281828-3141592653-N0tAR34lT0k3nF0rD0cs7Qz9",
            ["xoxb-2718281828-3141592653-N0tAR34lT0k3nF0rD0cs7Qz9"],
        ),
        ("'xoxp-2718281828-31415926-N0tR34l'", ["xoxp-2718281828-31415926-N0tR34l"]),
    ],
    "slack-webhook": [
        (
            "https://hooks.slack.com/services/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",
            ["hooks.slack.com/services/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"],
        ),
    ],
    "stripe-key": [
        ("sk_live_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm", ["sk_live_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm"]),
        ("rk_live_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm", ["rk_live_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm"]),
    ],
    "openai-api-key": [
        (f"OPENAI_API_KEY={SK_PROJ}", [SK_PROJ]),
        (f"openai.api_key = '{SK_LEGACY}'", [SK_LEGACY]),
        (SK_PROJ.replace("sk-proj-", "sk-svcacct-"), [SK_PROJ.replace("sk-proj-", "sk-svcacct-")]),
    ],
    "anthropic-api-key": [(f"x-api-key: {SK_ANT}", [SK_ANT])],
    "huggingface-token": [(f"HF_TOKEN={HF}", [HF])],
    "private-key-block": [
        (
            f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}-----END RSA PRIVATE KEY-----\nbye",
            [f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}-----END RSA PRIVATE KEY-----"],
        ),
        (
            '"key": "-----BEGIN PRIVATE KEY-----\\n' + PEM_BODY.replace("\n", "\\n") + '"',
            ["-----BEGIN PRIVATE KEY-----\\n" + PEM_BODY.replace("\n", "\\n") + '"'],
        ),
    ],
    "jwt": [
        (f"Authorization: Bearer {JWT}", [JWT]),
        (f"token={JWT}.", [JWT]),
    ],
    "password-in-url": [
        ("postgres://app:Tr0ub4dor-3-N0tR34l@db.acme.io:5432/prod", ["Tr0ub4dor-3-N0tR34l"]),
        ("redis://:S3cr3tP4ssN0tR34l@cache.acme.io:6379", ["S3cr3tP4ssN0tR34l"]),
        ("https://bob:hunter2@git.acme.io/r.git", ["hunter2"]),
    ],
    "high-entropy-string": [
        (
            "export INTERNAL_API_TOKEN=q8Zt2LmV9xWp4RkN7sYc3HdJ6fGb",
            ["q8Zt2LmV9xWp4RkN7sYc3HdJ6fGb"],
        ),
    ],
}

NOT_FOUND: dict[str, list[str]] = {
    "aws-access-key": [
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "AKIAXXXXXXXXXXXXXXXX",
        "AKIA1234567890ABCDEF",
        f"{AKIA}X",
        f"x{AKIA}",
        AKIA.lower(),
    ],
    "aws-secret-key": [
        AWS_SECRET,
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        f"aws_secret_access_key = {AWS_SECRET}Q",
        "The laws of 1776 are DECLARATIONOFINDEPENDENCEOFTHEUNITEDSTAT.",
    ],
    "gcp-api-key": [
        "AIzaSy-your-api-key",
        "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "AIzaSyN0tR34l",
    ],
    "gcp-service-account": [
        '{"type": "service_account", "client_email": "a@b.iam.gserviceaccount.com"}',
        '{"type": "authorized_user", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE"}',
        '{"type": "service_account", "private_key": "<redacted>"}',
    ],
    "azure-storage-key": [
        "AccountKey=<your-key>;",
        "AccountKey=" + "x" * 86 + "==",
        "AccountKey=N0tR34l==",
    ],
    "github-token": [
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "ghp_1234567890abcdefghijklmnopqrstuvwxyz",
        "ghp_N0tR34l",
        "github_pat_<token>",
        f"x{GHP}",
    ],
    "gitlab-token": ["glpat-xxxxxxxxxxxxxxxxxxxx", "glpat-N0tR34l", "glpat-<your-token>"],
    "slack-token": ["xoxb-your-bot-token", "xoxb-not-a-real-token-here", "xoxb-1234-5678"],
    "slack-webhook": [
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "https://hooks.slack.com/services/",
    ],
    "stripe-key": [
        "sk_test_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm",
        "pk_live_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm",
        "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
        "sk_live_N0tR34l",
    ],
    "openai-api-key": [
        "OPENAI_API_KEY=sk-...",
        "see sk-proj-management-best-practices-for-teams-and-organizations-2024",
        "sk-learn-is-a-python-library-for-machine-learning-in-2024-and-beyond-ok",
        SK_ANT,
        "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "sk-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv",
    ],
    "anthropic-api-key": [
        "sk-ant-api03-...",
        "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ],
    "huggingface-token": [
        "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "from huggingface_hub import hf_hub_download",
        "hf_transformers_cache_dir_override_2",
        "hf_onlylowercaselettersinthistokenhere",
    ],
    "private-key-block": [
        "A key file starts with -----BEGIN RSA PRIVATE KEY----- and then base64.",
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        f"-----BEGIN PUBLIC KEY-----\n{PEM_BODY}-----END PUBLIC KEY-----",
        f"-----BEGIN CERTIFICATE-----\n{PEM_BODY}-----END CERTIFICATE-----",
        "-----BEGIN PRIVATE KEY-----\n" + "A" * 64 + "\n-----END PRIVATE KEY-----",
    ],
    "jwt": [
        "Tokens look like xxxxx.yyyyy.zzzzz",
        f"the jwt.io sample {JWT_IO}",
        NO_ALG,
        "version 1.2.3.4567890123456789",
        "eyJhbGciOiJIUzI1NiJ9",
        "ey1234567890.abcdefghij.klmnopqrstuvwxyz12",
    ],
    "password-in-url": [
        "postgres://app:${DB_PASSWORD}@db.acme.io:5432/prod",
        "postgresql://user:password@db.acme.io/app",
        "mysql://root:****@db.acme.io",
        "mongodb://admin:<password>@db.acme.io",
        "postgres://postgres:postgres@localhost:5432/dev",
        "https://bob:hunter2@example.com/",
        "https://github.com/org/repo",
        "http://user@host.io/x",
        "ssh://git@github.com:22/org/repo.git",
        "http://example.com:8080/path",
    ],
    "high-entropy-string": [
        "The commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed it.",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "class AbstractSingletonProxyFactoryBean",
        "internationalization_and_localization",
        "XMLHttpRequestEventTarget2",
        "/usr/local/lib/python3/site-packages",
        "see lib/python3/site-packages/x",
        "short q8Zt2LmV9xWp4",
    ],
}

WITH_OPTIONS: list[tuple[str, str, dict[str, object], list[str]]] = [
    (
        "stripe-key",
        "sk_test_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm",
        {"include-test-keys": True},
        ["sk_test_N0tAR34lK3yF0rTh3D0cs9Wq7Xy2Lm"],
    ),
    ("high-entropy-string", "q8Zt2LmV9xWp4RkN7sYc3HdJ6fGb", {"threshold": 5.0}, []),
    ("high-entropy-string", "token q8Zt2LmV9xWp4RkN", {"min-length": 16}, ["q8Zt2LmV9xWp4RkN"]),
]
