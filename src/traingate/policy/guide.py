"""The prose of ``docs/policies.md`` that no schema or registry can generate."""

from __future__ import annotations

EXAMPLE = """
```yaml
name: medical-safety
description: Medical advice that must never be trained into the assistant.
rules:
  - id: household-chemical-ingestion        # kebab-case, names the bad pattern
    message: Advises drinking or ingesting a household chemical.
    severity: error                          # error | warning | info (default error)
    in: [assistant]                          # which text: roles / JSON pointers; default [any]
    regex: '\\b(drink|ingest|swallow)\\w*\\b.{0,40}\\b(bleach|ammonia)\\b'
    allow: ['\\bnever (drink|ingest)']        # exceptions
    tests:
      block: ["To cure a cold, drink bleach."]
      pass:  ["Never drink bleach."]
```

List policies in the config (`policies: [builtin:pii, policies/medical.yaml]`): `builtin:NAME`
names a packaged policy (see `packs.md`), anything else is a path relative to the repository
root. In CI (`--diff`), policies are read from the base revision, so a pull request cannot
weaken the rules that judge it. Every problem is reported when the policy is loaded, as
`policies/med.yaml:7: rules[3].regex: reason`: unknown keys, duplicate keys, YAML tags and
aliases that expand too far, patterns RE2 cannot run, rule ids that are not kebab-case or
are used twice (in any loaded policy or by a built-in rule), unknown roles, detectors and
detector options. Each rule has exactly one matcher: `regex`, `keywords`, `detector`,
`all` or `any`.
"""

TEST_CASES = """
### Test entries

Each entry of `block` and `pass` is one of:

- a text: one segment with the roles of the rule's `in` (of all its conditions for `all` and
  `any`), or `assistant` when that is `any`; a rule reading only pointers gets a segment at
  its first pointer, `*` read as `0`;
- a mapping of role name or JSON pointer to text: one segment each, for `all`/`any` rules
  (`{user: "How do I cure a cold?", assistant: "Drink bleach."}`);
- `{record: {...}, format: NAME}`: a whole record, cut into segments by the format's own
  extractor exactly as in a check (decoded base64 and tool-call arguments included).

`traingate test [POLICY...]` loads the policies together and runs every test through the
same compiled matcher as a check: a `block` text must produce a finding of the rule, a
`pass` text must not. It exits 0 when all pass, 1 when one fails (naming the file, line,
rule and text) and 2 when a policy cannot be loaded.
"""

ROLES_INTRO = """
## Roles

`in` names roles and JSON pointers; a segment is read when it has one of the roles or its
pointer equals one of the pointers or lies below it. A `*` pointer segment matches any one
key or index (`/messages/*/content`). `in` defaults to `[any]`. Every format maps its text
to these roles:
"""

DETECTORS_INTRO = """
## Detectors

`detector: NAME` runs a built-in detector where a regex alone is not enough (checksums,
entropy, scripts); `options` are checked against the detector's own schema. *view* is the
text the detector reads unless the rule sets `normalize`; *redacts* says whether excerpts
mask the match unless the rule sets `redact`.
"""

NORMALIZATION = """
## Normalization

By default a rule matches the *normalized view* of a text, so that disguises do not pass
(`traingate.text.normalize` documents every step):

1. invisible characters removed: zero-width spaces and joiners, soft hyphens, bidi
   controls, tag characters, other format and control characters (`dr\\u200bink` reads
   `drink`);
2. Unicode NFKC: full-width and math letters, ligatures and compatibility forms become
   plain ones;
3. look-alike letters of Cyrillic, Greek and other scripts folded to Latin (`bl\u0435ach`,
   with a Cyrillic `\u0435`, reads `bleach`);
4. accents on Latin letters dropped (`dr\u00ednk` reads `drink`, `caf\u00e9` reads `cafe`);
5. case folded (`BLEACH` reads `bleach`, `\u00df` reads `ss`);
6. whitespace runs, line breaks included, collapsed to one space; the ends stripped.

Write patterns for that form: lower-case Latin letters without accents, single spaces.
Regexes are matched ignoring case, and keywords are normalized with the same function, so
only a regex can get this wrong: one holding a letter the normalized view never contains
(`\u00e9`, `\u00df`, a Cyrillic look-alike, a full-width letter, an invisible character)
fails to load, since it could never match. Findings quote the original text: matches are
mapped back. `normalize: false` matches the original text instead (case-sensitive secrets,
or rules that must see invisible characters).

What a text rule cannot catch, normalized or not: paraphrase and synonyms ("imbibe a
chlorine solution"), other languages, misspellings and leetspeak (`dr1nk`, `bl3ach`),
letters spaced apart (`d r i n k`), encodings other than those the segmenter decodes
(base64 and tool-call arguments; not hex, rot13 or reversed text), a statement split across
turns or records (`all:` combines segments of one record only), and meaning that needs no
keyword at all. Policies narrow the risk; they do not replace review of what goes into a
training set.
"""

MATCHING = """
## How matching works

- **One pass.** Every regex and detector prefilter of every loaded policy is compiled into
  one RE2 set per view, every keyword into one Aho-Corasick automaton; each segment is
  normalized at most once and scanned once. Only rules whose patterns hit run their own
  regex, allow patterns and detector.
- **RE2 regexes.** Linear time, so no pattern can hang the gate, and no lookaround or
  backreferences (a policy using them fails to load). `\\b`, `\\w` and `\\d` are ASCII-only in
  RE2: use `\\pL` or `[[:alpha:]]`-style classes for other scripts. End of text is `\\z`.
  `.` does not match a line break in the original view; the normalized view has none. A
  pattern that can match the empty text is refused (it would match everything).
- **Keywords** match whole words: a keyword is not glued to a letter, digit, combining mark
  or `_` on a side where it starts or ends with one. `bleach` matches `bleach,` and
  `bleach's` but not `bleachers` or `unbleached`; use a regex for prefixes.
- **allow.** The passages allow patterns match (in the same segment, on the same view) are
  blanked out before the rule's regex is searched, and a keyword or detector hit that
  overlaps one is dropped. So `Never drink bleach.` passes an allow of `\\bnever drink`, but
  an allowed phrase elsewhere excuses nothing: `Never drink ammonia. Drink bleach.` and
  `Drink bleach, never drink ammonia.` are still reported.
- **all / any.** Each condition has its own `in`, matcher, `allow` and `normalize`. An `all`
  rule fires when every condition matches some segment of the same record; an `any` rule
  when one does. The finding points at the segment of the first (matching) condition.
- **Findings.** At most one per rule and segment: the rule's message and about 60
  characters of the original text around the match on one line (invisible characters shown
  as `\\uXXXX`, the match masked as `[REDACTED]` when `redact` applies), and where the text
  was decoded from, such as `(in base64-decoded text)`.
"""

COOKBOOK = """
## Cookbook

A regex with an exception (above). Keywords, normalized, on trained text only:

```yaml
  - id: weapon-synthesis-term
    message: Names a chemical weapon precursor.
    in: [trained]
    keywords: [sarin, "methylphosphonic difluoride", tabun]
```

A detector with options:

```yaml
  - id: customer-email
    message: A customer e-mail address in a training target.
    in: [completion]
    detector: email-address
    options: {ignore-domains: [example.com, acme.test]}
```

Two conditions on different turns of the same record:

```yaml
  - id: chemical-cure-advice
    message: Answers a question about a cure by naming a household chemical.
    all:
      - in: [user]
        regex: '\\b(cure|treat|heal)\\w*\\b'
      - in: [assistant]
        keywords: [bleach, ammonia, "drain cleaner"]
    tests:
      block: [{user: "How do I cure a cold?", assistant: "Gargle with bleach."}]
      pass: [{user: "How do I clean a sink?", assistant: "Use diluted bleach."}]
```

A JSON pointer instead of a role (here: every tool-call argument string):

```yaml
  - id: shell-download-pipe
    message: A tool call pipes a download into a shell.
    in: ['/messages/*/tool_calls']
    regex: '\\b(curl|wget)\\b[^|]{0,200}\\|\\s*(ba|z)?sh\\b'
```

A case-sensitive secret on the original text, masked in excerpts:

```yaml
  - id: acme-api-key
    message: An ACME API key.
    normalize: false
    redact: true
    regex: '\\bACME_[A-Z0-9]{32}\\b'
    tests:
      block: ["key=ACME_0123456789ABCDEFGHIJKLMNOPQRSTUV"]
      pass: ["acme_0123456789abcdefghijklmnopqrstuv"]
```
"""
