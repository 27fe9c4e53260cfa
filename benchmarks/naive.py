"""The naive stack, as the floor: stdlib ``json`` + pure-Python ``jsonschema`` + Python ``re``.

This is what a team writes in an afternoon: parse each line with ``json.loads``, validate it
against a simple OpenAI chat schema with a Draft 2020-12 validator built once, then run one
``re.search`` per rule over every message text: about 50 regexes and a few hundred keywords
like the PII, secrets, quality, injection and medical rules of traingate's packs. It reads at
most ``--max-bytes`` (whole lines) because it runs well under 1 MB/s; the harness extrapolates.

    python benchmarks/naive.py benchmarks/data/chat-20MB.jsonl --max-bytes 2MB

Prints one JSON object: bytes and records processed, invalid records and hits per rule (on
the clean corpus every count must be zero: that doubles as a check of the corpus).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["messages"],
    "properties": {
        "messages": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["role"],
                "properties": {
                    "role": {"enum": ["system", "developer", "user", "assistant", "tool"]},
                    "content": {
                        "type": ["string", "array", "null"],
                        "items": {
                            "type": "object",
                            "required": ["type"],
                            "properties": {"type": {"enum": ["text", "image_url"]}},
                        },
                    },
                    "name": {"type": "string"},
                    "weight": {"enum": [0, 1]},
                    "tool_call_id": {"type": "string", "minLength": 1},
                    "tool_calls": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "type", "function"],
                            "properties": {
                                "id": {"type": "string"},
                                "type": {"const": "function"},
                                "function": {
                                    "type": "object",
                                    "required": ["name", "arguments"],
                                    "properties": {
                                        "name": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
                                        "arguments": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                },
                "additionalProperties": False,
            },
        },
        "tools": {"type": "array", "items": {"type": "object"}},
        "parallel_tool_calls": {"type": "boolean"},
    },
    "additionalProperties": False,
}

REGEXES: dict[str, str] = {
    "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    "phone-us": r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b",
    "phone-intl": r"\+\d{1,3}[ -]?\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}",
    "ssn": r"\b\d{3}-\d{2}-\d{4}\b",
    "credit-card": r"\b(?:\d[ -]?){13,16}\b",
    "iban": r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b",
    "ipv4": r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
    "ipv6": r"\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b",
    "mac-address": r"\b(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}\b",
    "date-of-birth": r"\b(?:born|DOB|date of birth)\b\W+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
    "uk-nino": r"\b[A-CEGHJ-PR-TW-Z]{2}\d{6}[A-D]\b",
    "passport": r"\bpassport\W+(?:no|number)?\W*[A-Z0-9]{6,9}\b",
    "street-address": r"\b\d{1,5} [A-Z][a-z]+ (?:Street|St|Avenue|Ave|Road|Rd|Lane|Blvd)\b",
    "zip-plus4": r"\b\d{5}-\d{4}\b",
    "aws-access-key": r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
    "aws-secret": r"(?i)aws.{0,20}(?:secret|key).{0,20}[A-Za-z0-9/+=]{40}",
    "github-token": r"\bgh[pousr]_[A-Za-z0-9]{36,}\b",
    "gitlab-token": r"\bglpat-[A-Za-z0-9_-]{20}\b",
    "slack-token": r"\bxox[abpors]-[A-Za-z0-9-]{10,}\b",
    "slack-webhook": r"hooks\.slack\.com/services/[A-Za-z0-9/]+",
    "stripe-key": r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b",
    "google-api-key": r"\bAIza[0-9A-Za-z_-]{35}\b",
    "openai-key": r"\bsk-[A-Za-z0-9_-]{20,}\b",
    "anthropic-key": r"\bsk-ant-[A-Za-z0-9_-]{20,}\b",
    "jwt": r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}",
    "private-key": r"-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----",
    "generic-secret": r"(?i)\b(?:api[_-]?key|secret|token|passwd|password)\b\s*[:=]\s*\S{8,}",
    "bearer": r"(?i)\bbearer\s+[A-Za-z0-9._~+/-]{20,}",
    "basic-auth-url": r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@",
    "npm-token": r"\bnpm_[A-Za-z0-9]{36}\b",
    "twilio-key": r"\bSK[0-9a-fA-F]{32}\b",
    "hex-secret": r"\b[0-9a-f]{40,}\b",
    "base64-blob": r"[A-Za-z0-9+/]{60,}={0,2}",
    "template-jinja": r"\{\{.*?\}\}|\{%.*?%\}",
    "template-placeholder": r"\{[a-z_]{2,30}\}",
    "template-dollar": r"\$\{[^}]+\}",
    "chatml-marker": r"<\|(?:im_start|im_end|endoftext|system|user|assistant)\|>",
    "llama-marker": r"\[/?INST\]|<</?SYS>>",
    "zero-width": "[\u200b-\u200f\u2060\ufeff]",
    "bidi-control": "[\u202a-\u202e\u2066-\u2069]",
    "tag-characters": "[\U000e0000-\U000e007f]",
    "replacement-char": "\ufffd",
    "mojibake": r"Ã[\x80-\xbf]|â€",
    "repeated-char": r"(.)\1{9,}",
    "repeated-word": r"\b(\w+)(?:\s+\1\b){2,}",
    "shouting": r"\b[A-Z]{4,}(?:\s+[A-Z]{4,}){4,}\b",
    "exclamations": r"[!?]{4,}",
    "lorem-ipsum": r"(?i)\blorem ipsum\b",
    "refusal": r"(?i)\bI(?:'m| am) (?:sorry|unable)\b|\bI can(?:no|')t (?:help|assist)",
    "as-an-ai": r"(?i)\bas an? (?:AI|language model|large language model)\b",
    "injection": r"(?i)\b(?:ignore|disregard|forget) (?:all )?(?:the )?(?:previous|prior|above)",
    "dosage": r"(?i)\b\d+(?:\.\d+)?\s?(?:mg|mcg|ml|iu)\b",
}

KEYWORDS: list[str] = """
social security number|ssn|passport number|driver's license|drivers license|date of birth
|home address|phone number|mobile number|maiden name|credit card number|card number|cvv
|expiration date|bank account|routing number|account number|sort code|tax id|national id
|medical record number|insurance number|health record|patient id|employee id|license plate
|full name|birthplace|ethnicity|religion|sexual orientation|marital status|salary
|biometric|fingerprint|home phone|personal email|contact details|next of kin|emergency contact
|aws_secret_access_key|aws_access_key_id|api_key|apikey|api-key|secret_key|client_secret
|access_token|refresh_token|auth_token|private_key|private key|ssh-rsa|ssh-ed25519
|begin certificate|password|passwd|pwd|passphrase|credentials|connection string|db_password
|database_url|mongodb+srv|postgres://|mysql://|redis://|amqp://|smtp password|oauth
|bearer token|authorization: basic|x-api-key|session cookie|sessionid|csrf token
|slack webhook|discord webhook|telegram bot token|service account|gcp key|azure key
|storage account key|sas token|heroku api key|npm token|pypi token|docker password
|kubeconfig|vault token|encryption key|signing key|master key|root password|admin password
|as an ai|as a language model|as an ai language model|i'm sorry|i am sorry|i apologize
|i cannot|i can't|i am unable|i'm unable|i won't|not able to help|against my guidelines
|my programming|i don't have personal|i do not have personal|openai policy|content policy
|cannot fulfill|can't fulfill|cannot comply|can't comply|lorem ipsum|dolor sit amet
|placeholder text|insert here|todo|fixme|tbd|xxx|your name here|[insert|<insert
|as of my knowledge cutoff|knowledge cutoff|i hope this helps|feel free to ask|let me know if
|certainly!|absolutely!|great question|happy to help|in conclusion|it is important to note
|it's important to note|delve|tapestry|testament to|ever-evolving|in today's fast-paced
|unlock the power|game-changer|seamless integration|cutting-edge|rich tapestry
|navigate the complexities|a myriad of|plethora|foster|embark|realm of|bustling
|ignore previous instructions|ignore all previous|ignore the above|disregard previous
|disregard all prior|forget your instructions|forget everything|new instructions
|system prompt|reveal your prompt|print your instructions|developer mode|dan mode
|do anything now|jailbreak|jailbroken|unfiltered|no restrictions|without restrictions
|bypass your|override your|you are now|pretend you are|act as if you have no|roleplay as
|sudo mode|god mode|evil mode|opposite mode|hypothetically speaking|for educational purposes
|token smuggling|prompt injection|prompt leak|base64 decode this|rot13|translate the following
|repeat after me|say the word|begin your response with|respond only with|from now on
|stay in character|you must comply|you have been freed|break character|ethical guidelines
|content filter|safety filter|moderation|red team|adversarial|exploit this
|overdose|lethal dose|bleach|ammonia|mix chemicals|self-medicate|stop taking|double the dose
|miracle cure|cures cancer|cure for|detox|cleanse|essential oils cure|anti-vax|vaccines cause
|autism|chemotherapy is|homeopathy|colloidal silver|ivermectin|hydroxychloroquine|mms
|chlorine dioxide|turpentine|kerosene|black salve|apricot seeds|laetrile|fasting cures
|insulin dose|opioid|fentanyl|oxycodone|benzodiazepine|xanax|adderall|ketamine|morphine
|antibiotics for a cold|without a prescription|no prescription needed|prescription drugs
|suicide|self-harm|kill yourself|eating disorder|pro-ana|starve|purge|diagnose yourself
|medical advice|consult your doctor|not a doctor|side effects|contraindicated|dosage
|mg/kg|milligrams|tablets a day|pills a day|take two|intravenous|inject|injection site
""".replace("\n", "").split("|")


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    rules = [(name, re.compile(pattern)) for name, pattern in REGEXES.items()]
    for word in KEYWORDS:
        left = r"\b" if word[0].isalnum() else ""
        right = r"\b" if word[-1].isalnum() else ""
        rules.append((f"kw:{word}", re.compile(left + re.escape(word) + right, re.IGNORECASE)))
    return rules


def texts(record: dict[str, Any]) -> Iterator[str]:
    for message in record.get("messages", ()):
        content = message.get("content")
        if isinstance(content, str):
            yield content
        elif isinstance(content, list):
            yield from (part["text"] for part in content if part.get("type") == "text")
        for call in message.get("tool_calls", ()):
            yield call["function"]["arguments"]


def scan(path: str, max_bytes: int) -> dict[str, Any]:
    validator = Draft202012Validator(SCHEMA)
    rules = _compile()
    hits: Counter[str] = Counter()
    processed = records = invalid = 0
    start = time.perf_counter()
    with open(path, "rb") as handle:
        for raw in handle:
            if processed + len(raw) > max_bytes and records:
                break
            processed += len(raw)
            records += 1
            record = json.loads(raw)
            if not validator.is_valid(record):
                invalid += 1
            for text in texts(record):
                for name, rule in rules:
                    if rule.search(text):
                        hits[name] += 1
    seconds = time.perf_counter() - start
    return {
        "bytes": processed,
        "records": records,
        "invalid": invalid,
        "rules": len(rules),
        "regexes": len(REGEXES),
        "keywords": len(KEYWORDS),
        "seconds": seconds,
        "hits": dict(hits.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--max-bytes", default="2MB", help="stop after this much input (MB=10^6)")
    args = parser.parse_args(argv)
    from corpus import parse_size  # here: the smoke test loads this module without benchmarks/

    print(json.dumps(scan(args.path, parse_size(args.max_bytes))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
