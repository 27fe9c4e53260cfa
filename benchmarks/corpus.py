"""Deterministic synthetic OpenAI chat JSONL for the benchmarks.

The corpus is meant to look like real fine-tuning data to a parser and a scanner: English-like
prose built from a fixed vocabulary and sentence patterns, lists, code blocks, quotes, tabs,
backslashes, accents, CJK and emoji, sometimes a system prompt, 1-4 user/assistant turns and
occasional tool calls. It is also meant to be *clean*: valid `openai-chat` records with no
emails, phone-like numbers, key-like strings, template markers, refusals, injections, medical
advice or invisible characters, so that a scan measures the clean path.

Records come from seeded ``random.Random`` streams, one per block of records, so a file of a
given size is always the same bytes and a smaller file is a prefix of a larger one.

    python benchmarks/corpus.py --size 20MB           # writes benchmarks/data/chat-20MB.jsonl
    python benchmarks/corpus.py --size 5000000 --force
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
DEFAULT_SEED = 20240601
BLOCK_RECORDS = 2048
MIN_TURN, MAX_TURN = 50, 4000  # characters of one user or assistant turn
DATA_DIR = Path(__file__).resolve().parent / "data"

# Words are chosen so that no combination reads as PII, a secret, a refusal, an injection or
# medical advice: the built-in packs must find nothing in this corpus.
NOUNS = """
ability access account action activity adapter agenda agent album algorithm
alias allocation amount analysis anchor angle animal annotation answer apple application
approach archive area argument arrangement array article artist aspect assembly asset
assignment assumption attempt attention attribute audience author automation average award
background backlog backup badge balance balloon band banner barrier base basket batch beach
beam bean bearing bed behavior bell benchmark benefit bicycle bird bit blank blend block blog
board boat body bolt bond book boolean border bottle bottom boundary box bracket branch brand
bread breakfast bridge brief brush bucket budget buffer bug builder building bundle bus
button byte cabinet cable cache cake calculation calendar call camera campaign canal candle
canvas capacity capital caption car card career carpet carrier cart case cast catalog
category cell center chain chair challenge change channel chapter character chart check
checklist cheese chef chip choice chunk circle city claim class classroom clause
client climate clock closure cloud cluster coach coast coat code coffee coin collection
college color column combination comment commit committee community company comparison
compiler component concept concert condition conference configuration conflict connection
console constant constraint container content context contract contrast control
conversation cookie copy corner cost cottage counter country course court cover craft
cream creator criterion crowd cup curve customer cycle dashboard data database date_range
deadline deal debate decade decision deck default definition degree delay delivery demand
demo department deployment depth description design desk detail developer device diagram
dialog dictionary difference digit dimension dinner direction directory discount discovery
discussion dish disk display distance distribution document dog domain door draft drawer
drawing dream dress drink driver duration duty editor edge edition effect effort element
elevator emphasis employee encoder end endpoint energy engine engineer entry environment
episode equation error estimate evening event evidence example exception exercise exhibit
expansion experience experiment expert explanation export expression extension fabric face
facility fact factor factory failure family farm feature feedback fence festival field
figure file filter finding fire fish flag flavor fleet flight floor flow flower focus folder
font food forest fork form format formula forum foundation frame framework freedom friend
front fruit function fund game garden gate gateway generator gift glass goal graph grid
ground group growth guest guide guitar habit hall handle handler harbor hardware header
heading height helper highlight hill history hobby holiday home hook horizon host hotel
hour house idea identifier image impact implementation import improvement incident income
index indicator industry input insight inspection instance institute integer interface
interval interview inventory invoice island issue item iteration jacket journal journey
judge kernel kettle kitchen knowledge label lake lamp landscape language_pack lane laptop
launch layer layout leader lecture ledger legend lemon length lesson letter level library
lifecycle light limit line link list listener literature load loader location lock log
logic loop machine magazine mailbox manager manual map margin market match material matrix
meal measure mechanism media meeting member memory menu merge message metadata method
metric middle migration milestone mind minute mirror mission mode model module moment
monitor month morning motor mountain mouse movie museum music name_field narrative nation
network newsletter night node note notebook notice novel number object observation ocean
office offset opening operation operator opinion option orange orbit order organization
origin outcome outline output oven overview owner package page painting palette panel
paper paragraph parameter parent park parser part partner party passage path pattern
pause payload peak pencil people percentage performance period permission phase photo
phrase piano picture piece pipeline pixel place plan planet plant platform player playlist
plot plugin pocket poem point policy_draft pond pool population port portal portfolio
position post poster pot potato power practice prediction preference presentation preview
price principle printer priority problem procedure process producer product profile program
progress project property proposal protocol prototype provider publisher puzzle quality
quantity quarter query question queue quote radio rail rain range rate ratio reader reason
receipt recipe record reference region register relation release remote report repository
request requirement research resource response result review revision rhythm ribbon rice
river road robot role roof room root route routine row rule runner runtime salad sample
sandwich satellite scale scenario schedule schema school science scope score screen script
search season seat section sector segment selection sensor sentence sequence series server
service session setting setup shape share sheet shelf shell shift ship shop shortcut signal
signature simulation site size sketch skill slide slot snapshot socket software solution
song sorter source space speaker specification speed spirit spreadsheet square stack stage
stair standard star start state statement station statistic status step stock storage
store story strategy stream street string structure student studio style subject summary
supplier support surface survey switch symbol syntax system table tablet tag task taste
teacher team technique template_file term terminal test text textbook theme theory thread
threshold ticket tile time timeline timer title tool topic total tour tower track trade
tradition trail train transaction transfer transition tree trend trial trigger trip truck
tune tutorial type unit update upgrade upload usage user_group utility valley value variable
variant vector vehicle vendor version video view village visit visitor voice volume wall
warning watch water wave weather website week weight wheel widget window winter wizard
word worker workflow workshop world wrapper year yield zone
"""

ADJECTIVES = """
abstract accurate active actual additional adjacent advanced affordable agile alternative
ambitious ample ancient annual anonymous apparent appropriate approximate arbitrary automatic
available average aware balanced basic beautiful big binary blue bold brief bright brisk
broad brown busy calm capable careful casual central certain cheap chief circular civic
classic clean clear clever close coherent cold colorful comfortable common compact
comparable compatible complete complex composite comprehensive concise concrete concurrent
conditional confident consistent constant contemporary continuous convenient conventional
cool correct creative crisp critical crucial curious current custom daily dark decent
dedicated deep default definite deliberate dense dependent detailed different difficult
digital direct discrete distinct distinguished diverse domestic dominant double dramatic
dry dual durable dynamic eager early eastern easy economic effective efficient elaborate
electric elegant elementary empty encrypted endless enormous entire equal equivalent
essential established eventual everyday exact excellent exclusive existing expanded
expensive experimental explicit extended external extra fair familiar famous fancy fast
favorite feasible federal few final fine firm first fixed flat flexible fluent focused
formal former forward fragile free frequent fresh friendly front full functional
fundamental funny future general generic generous gentle genuine global golden good gradual
grand graphical gray great green gross growing handy happy hard harmonious heavy helpful
hierarchical high historic holistic honest horizontal huge humble ideal
identical immediate immutable implicit important impressive incremental independent
indirect individual industrial inexpensive informal initial inner innovative inline
instant integral intelligent intensive interactive interesting intermediate internal
international intuitive invalid inverse isolated joint junior key_value large late latest
lazy leading lean legal legendary light lightweight likely limited linear liquid literal
little live local logical long loose loud lovely low loyal main major manual marginal
massive mature maximum meaningful mechanical medium mental mild minimal minor mobile modern
modest modular moderate monthly multiple mutual narrow national native natural neat
necessary negative nested neutral new nice nightly noble nominal normal notable novel
numerous objective obvious occasional odd official offline old online open operational
optimal optional orange ordinary organic original outer overall painless parallel partial
particular passive peaceful peculiar perfect periodic permanent persistent personal
physical plain pleasant plenty polite popular portable positive possible potential
powerful practical precise predictable preliminary premium present previous primary prime
prior private proactive probable productive professional profound progressive prominent
proper proportional protective proud public pure purple quick quiet radical random rapid
rare raw readable ready real realistic reasonable recent recursive red redundant regional
regular relative relevant reliable remote repeated representative reproducible required
resilient responsible responsive reusable rich rigid robust rough round routine royal
rural safe scalable scenic seasonal secondary sensible separate sequential serial serious
shallow shared sharp short significant silent silver similar simple single skilled slim
slow small smart smooth social soft solid sophisticated sound spare spatial special
specific splendid stable standard static steady steep stable_enough stateless steady_state
straight strange strategic strict striking strong structural stylish subtle successful
sudden sufficient suitable sunny superb superior supportive sure sustainable sweet swift
symbolic synchronous systematic tall technical temporary tender terrific textual thick
thin thorough tidy tight tiny top total tough traditional transparent tremendous tricky
trivial tropical true typical ultimate unified uniform unique universal unusual upper
upstream urban useful usual valid valuable variable various vast verbose vertical
vibrant virtual visible visual vital vivid warm weekly weird western whole wide wild
wise wonderful wooden worthwhile yearly yellow young zealous
"""

VERBS = """
accept access accumulate achieve acquire adapt add adjust admire adopt advance affect
aggregate align allocate allow alter analyze annotate announce append apply approve arrange
assemble assess assign assist attach attempt attract audit augment author automate
avoid balance batch begin benchmark bind blend boost borrow bound browse budget build
bundle cache calculate calibrate capture carry cast catalog categorize center change
check choose classify clean clear clone close cluster collapse collect combine command
compare compile complete compose compress compute concatenate configure confirm connect
consider consolidate construct consume contain continue contribute control convert copy
correct count cover craft create crop curate customize cycle debug declare decode
decorate deduplicate define delay delegate deliver demonstrate deploy derive describe
design detect determine develop display distribute divide document double draft
draw drive duplicate edit elevate embed emit emphasize enable encode encourage enhance
enrich ensure enter establish estimate evaluate examine exchange execute expand expect
explain explore export expose extend extract favor fetch fill filter finalize find fit fix
flatten flip focus fold follow forecast format forward frame gather generate group guide
handle highlight hold host identify illustrate implement import improve include increase
index indicate infer inform initialize insert inspect install integrate interpret
introduce invert investigate invite isolate iterate join justify keep label launch layer
lead learn list load locate lock log maintain manage map mark match measure merge migrate
minimize mirror model modify monitor mount move multiply name navigate normalize note
notice observe obtain offer open optimize orchestrate order organize outline output
package paint pair parse partition pass patch pause perform persist pick pin place plan
plot point polish populate predict prefer prepare present preserve preview print
prioritize process produce profile program promote propose protect prototype provide
publish pull push query queue raise rank reach read rebuild receive recommend reconcile
record recover reduce refactor refine refresh register reject release reload remove rename
render reorder repair repeat replace reply report represent request require reserve reset
reshape resize resolve restore restructure retain retry return reuse reveal review revise
rotate round route run sample save scale scan schedule score search select send separate
serialize serve set share shift ship show shuffle simplify simulate size skip slice sort
specify split stage start store stream strengthen structure study submit subscribe
suggest summarize supply support surface sustain swap switch sync tag target teach test
throttle toggle trace track train transfer transform translate traverse trigger trim tune
type undo unify unlock unpack update upgrade upload use validate verify view visit
visualize wait walk warm watch weigh widen wrap write yield zip
"""

ADVERBS = """
accordingly actually additionally afterwards almost already also always annually
approximately automatically barely briefly carefully casually certainly clearly closely
commonly completely consistently constantly correctly currently daily deliberately
directly easily effectively efficiently elsewhere entirely equally especially essentially
eventually evenly exactly explicitly extremely fairly finally firmly first formally
frequently fully generally gently gradually greatly happily hardly heavily here highly
hourly ideally immediately implicitly increasingly independently indirectly initially
instead intentionally internally largely lately later lazily lightly likewise literally
locally logically loosely mainly manually meanwhile merely monthly mostly mutually
naturally nearly neatly necessarily nightly normally notably now occasionally often
only openly optionally originally otherwise overall partially particularly perhaps
periodically politely possibly practically precisely presumably previously primarily
probably promptly properly quickly quietly rapidly rarely readily really recently
regularly relatively reliably repeatedly roughly routinely safely seamlessly separately
sequentially seldom shortly significantly silently similarly simply slightly slowly
smoothly solely sometimes soon specifically steadily still strictly strongly subsequently
successfully suddenly sufficiently surely swiftly systematically temporarily then
thoroughly thus today together totally truly typically ultimately uniformly usually
variously vastly visibly weekly widely yearly yet
"""

PREPOSITIONS = """
about above across after against along alongside among around at before behind below
beneath beside between beyond by during for from inside into near of on onto outside over
past through throughout toward under underneath until upon via with within without
"""

DETERMINERS = ["the", "the", "the", "a", "this", "each", "every", "our", "your", "its", "that"]
CONNECTIVES = ["and", "but", "so", "while", "because", "although", "since", "whereas"]
QUESTION_OPENERS = [
    "How do I",
    "What is the best way to",
    "Is it possible to",
    "Could you show me how to",
    "Why would I",
    "When should I",
    "Can you explain how to",
    "What happens if I",
]
REQUEST_OPENERS = ["Please", "Help me", "Show me how to", "I want to", "I need to", "Let us"]

# Accented words, CJK sentences and single-code-point emoji (no joiners, no variation
# selectors: those belong to the hidden-text rules' business, not the clean path).
ACCENTED = """
café naïve résumé façade jalapeño Zürich crème_brûlée déjà_vu piñata São_Paulo Ångström
smörgåsbord Málaga Kraków Çanakkale Genève fiancé entrée cliché soirée Bogotá Reykjavík
Düsseldorf Øresund Ærø
"""
CJK_SENTENCES = [
    "这个函数返回一个新的列表。",
    "数据清洗是训练之前最重要的一步。",
    "请先检查文件的编码格式。",
    "東京の天気は今日とても良いです。",
    "このスクリプトは毎晩自動で実行されます。",
    "日本語のテキストも正しく処理できます。",
    "데이터 품질이 모델 품질을 결정합니다.",
    "이 설정은 기본값으로 충분합니다.",
    "每一行都是一个独立的记录。",
    "配置文件放在项目的根目录下。",
]
EMOJI = ["🚀", "✅", "🎉", "📦", "🙂", "🌍", "🔧", "📈", "💡", "📚", "🌱", "🎯", "😀", "🧪"]

CITIES = [
    "Lisbon",
    "Oslo",
    "Kyoto",
    "Montreal",
    "Nairobi",
    "Lima",
    "Hanoi",
    "Vienna",
    "Porto",
    "Auckland",
    "Tbilisi",
    "Seville",
]
CURRENCIES = ["EUR", "USD", "JPY", "GBP", "CHF", "NOK", "CAD", "AUD"]
UNITS = [("kilometers", "miles"), ("celsius", "fahrenheit"), ("liters", "gallons")]

TOOLS: list[dict[str, Any]] = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                },
                "required": ["city"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "search_docs",
            "description": "Search the project documentation.",
            "parameters": {
                "type": "object",
                "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}},
                "required": ["query"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "get_exchange_rate",
            "description": "Exchange rate between two currencies.",
            "parameters": {
                "type": "object",
                "properties": {"base": {"type": "string"}, "quote": {"type": "string"}},
                "required": ["base", "quote"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "convert_units",
            "description": "Convert a value between units.",
            "parameters": {
                "type": "object",
                "properties": {
                    "value": {"type": "number"},
                    "source": {"type": "string"},
                    "target": {"type": "string"},
                },
                "required": ["value", "source", "target"],
            },
        },
    },
]

# Code snippets: NAME, CAMEL and WORD are filled from the vocabulary. They carry the escapes
# a real corpus has (quotes, backslashes, tabs, newlines) and no `{word}` placeholders.
SNIPPETS = [
    (
        "python",
        'def load_NAME(path):\n    with open(path, encoding="utf-8") as handle:\n'
        '        return [line.rstrip("\\n") for line in handle if line.strip()]\n',
    ),
    (
        "python",
        'import re\n\nPATTERN = re.compile(r"\\s+")\n\n\ndef squeeze(text):\n'
        '    return PATTERN.sub(" ", text).strip()\n',
    ),
    (
        "python",
        "class CAMEL:\n    def __init__(self, items):\n        self.items = list(items)\n\n"
        "    def __len__(self):\n        return len(self.items)\n",
    ),
    (
        "python",
        "counts = {}\nfor WORD in NAME_list:\n    counts[WORD] = counts.get(WORD, 0) + 1\n"
        'print("total:", sum(counts.values()))\n',
    ),
    (
        "go",
        "func CountCAMEL(items []string) int {\n\ttotal := 0\n\tfor _, item := range items {\n"
        '\t\tif item != "" {\n\t\t\ttotal++\n\t\t}\n\t}\n\treturn total\n}\n',
    ),
    (
        "javascript",
        "function groupByNAME(rows) {\n  const out = new Map();\n  for (const row of rows) {\n"
        "    const list = out.get(row.WORD) || [];\n    list.push(row);\n"
        "    out.set(row.WORD, list);\n  }\n  return out;\n}\n",
    ),
    (
        "sql",
        "SELECT WORD, COUNT(*) AS total\nFROM NAME_table\nGROUP BY WORD\n"
        "ORDER BY total DESC\nLIMIT 20;\n",
    ),
    ("shell", "grep -c 'WORD' build.log\nsort -u NAME.txt > NAME-sorted.txt\n"),
    ("text", "C:\\Projects\\CAMEL\\data\\NAME.csv\nD:\\backup\\WORD\\\n"),
    (
        "makefile",
        "build:\n\tpython -m build\n\ntest:\n\tpython -m pytest -q tests/NAME\n",
    ),
]

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6}
_SIZE_UNITS |= {"G": 10**9, "GB": 10**9}


def parse_size(text: str) -> int:
    """``20MB`` -> 20_000_000 (decimal units, as in the measurements); plain numbers are bytes."""
    match = _SIZE_RE.match(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (try 20MB, 1GB or a number of bytes)")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2).upper()])


def size_label(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size % factor == 0:
            return f"{size // factor}{unit}"
    return f"{size}B"


def _words(text: str) -> list[str]:
    return [word.replace("_", " ") for word in text.split()]


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _zipf_weights(count: int) -> list[float]:
    total = 0.0
    cumulative = []
    for rank in range(count):
        total += 1.0 / (rank + 10) ** 0.9
        cumulative.append(total)
    return cumulative


class Phrases:
    """Pools of noun, verb and prepositional phrases drawn once from the seed.

    Sentences are assembled from a few phrases each instead of word by word: that keeps the
    text varied (the pools multiply) and the generator fast (12-18 MB/s).
    """

    def __init__(self, rng: random.Random, size: int = 6000) -> None:
        nouns, adjectives, accented = _words(NOUNS), _words(ADJECTIVES), _words(ACCENTED)
        verbs, adverbs = _words(VERBS), _words(ADVERBS)
        prepositions = PREPOSITIONS.split()
        for words in (nouns, adjectives, verbs, adverbs):
            rng.shuffle(words)
        noun_w, adj_w = _zipf_weights(len(nouns)), _zipf_weights(len(adjectives))
        self.nouns = nouns
        self.noun_phrases = [
            self._noun_phrase(rng, (nouns, noun_w), (adjectives, adj_w), accented)
            for _ in range(size)
        ]
        self.verb_phrases = [
            f"{_third_person(rng.choice(verbs))} {rng.choice(self.noun_phrases)}"
            + (f" {rng.choice(adverbs)}" if rng.random() < 0.2 else "")
            for _ in range(size)
        ]
        self.base_verb_phrases = [
            f"{rng.choice(verbs)} {rng.choice(self.noun_phrases)}" for _ in range(size)
        ]
        self.prep_phrases = [
            f"{rng.choice(prepositions)} {rng.choice(self.noun_phrases)}" for _ in range(size)
        ]
        self.adverbs = adverbs

    @staticmethod
    def _noun_phrase(
        rng: random.Random,
        nouns: tuple[list[str], list[float]],
        adjectives: tuple[list[str], list[float]],
        accented: list[str],
    ) -> str:
        noun = rng.choices(nouns[0], cum_weights=nouns[1])[0]
        if rng.random() < 0.03:
            noun = rng.choice(accented)
        if rng.random() < 0.45:
            noun = f"{rng.choices(adjectives[0], cum_weights=adjectives[1])[0]} {noun}"
        if rng.random() < 0.1:
            noun = f"{noun} of {rng.choice(('the', 'each', 'every'))} {rng.choice(nouns[0])}"
        determiner = rng.choice(DETERMINERS)
        if determiner == "a" and noun[0] in "aeiou":
            determiner = "an"
        return f"{determiner} {noun}"


class TextMaker:
    """Turns phrase pools into sentences, paragraphs, lists and code blocks."""

    def __init__(self, phrases: Phrases, rng: random.Random) -> None:
        self.p = phrases
        self.rng = rng

    def sentence(self) -> str:
        p, rng = self.p, self.rng
        kind = rng.random()
        np_, vp = rng.choice(p.noun_phrases), rng.choice(p.verb_phrases)
        if kind < 0.35:
            text = f"{np_} {vp} {rng.choice(p.prep_phrases)}."
        elif kind < 0.55:
            text = f"{np_} {vp}."
        elif kind < 0.65:
            text = f"{rng.choice(p.adverbs)}, {np_} {vp}."
        elif kind < 0.8:
            second = f"{rng.choice(p.noun_phrases)} {rng.choice(p.verb_phrases)}"
            text = f"{np_} {vp}, {rng.choice(CONNECTIVES)} {second}."
        elif kind < 0.9:
            text = f"{rng.choice(p.base_verb_phrases)} {rng.choice(p.prep_phrases)}."
        else:
            text = f'{np_} {vp} with "{rng.choice(p.nouns)}" as the {rng.choice(p.nouns)}.'
        if rng.random() < 0.04:
            text = text[:-1] + f" ({rng.randint(2, 400)} {rng.choice(p.nouns)} in total)."
        return text[0].upper() + text[1:]

    def question(self) -> str:
        rng, p = self.rng, self.p
        opener, verb_phrase = rng.choice(QUESTION_OPENERS), rng.choice(p.base_verb_phrases)
        return f"{opener} {verb_phrase} {rng.choice(p.prep_phrases)}?"

    def request(self) -> str:
        text = f"{self.rng.choice(REQUEST_OPENERS)} {self.rng.choice(self.p.base_verb_phrases)}."
        return text[0].upper() + text[1:]

    def bullet_list(self) -> str:
        numbered = self.rng.random() < 0.4
        items = [self.sentence() for _ in range(self.rng.randint(2, 6))]
        marks = [f"{i}." if numbered else "-" for i in range(1, len(items) + 1)]
        return "\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True))

    def code_block(self) -> str:
        rng = self.rng
        language, body = rng.choice(SNIPPETS)
        name = rng.choice(self.p.nouns).replace(" ", "_")
        camel = "".join(part.capitalize() for part in name.split("_"))
        word = rng.choice(self.p.nouns).split()[0]
        body = body.replace("CAMEL", camel).replace("NAME", name).replace("WORD", word)
        return f"```{language}\n{body}```"

    def user_turn(self, target: int) -> str:
        rng = self.rng
        parts = [self.question() if rng.random() < 0.6 else self.request()]
        if rng.random() < 0.08:
            parts.append(self.code_block())
        return self._grow(parts, target, prose_only=True)

    def assistant_turn(self, target: int) -> str:
        return self._grow([], target, prose_only=False)

    def _grow(self, parts: list[str], target: int, *, prose_only: bool) -> str:
        """Add sentences (and sometimes a list or code) until the text reaches ``target``."""
        rng = self.rng
        size = sum(len(part) for part in parts)
        sentences: list[str] = []
        while size < target:
            roll = rng.random()
            if not prose_only and target - size > 300 and roll < 0.1:
                part = self.code_block() if roll < 0.04 else self.bullet_list()
                parts.extend((" ".join(sentences), part) if sentences else (part,))
                sentences = []
                size += len(part) + 2
                continue
            sentence = self.sentence() if rng.random() > 0.015 else rng.choice(CJK_SENTENCES)
            sentences.append(sentence)
            size += len(sentence)
            if len(sentences) >= rng.randint(2, 6):
                parts.append(self._close(sentences))
                sentences = []
        if sentences:
            parts.append(self._close(sentences))
        text = "\n\n".join(parts)
        return text if len(text) <= MAX_TURN else _cut(text, MAX_TURN)

    def _close(self, sentences: list[str]) -> str:
        text = " ".join(sentences)
        return text + " " + self.rng.choice(EMOJI) if self.rng.random() < 0.04 else text


def _cut(text: str, limit: int) -> str:
    """Cut at the last sentence end before ``limit`` (a cut code block would look broken)."""
    head = text[:limit]
    fence = head.count("```") % 2
    if fence:
        head = head[: head.rfind("```")]
    end = max(head.rfind(". "), head.rfind(".\n"))
    return head[: end + 1] if end > MIN_TURN else head.rstrip()


def _turn_length(rng: random.Random, median: float) -> int:
    return min(MAX_TURN, max(MIN_TURN, int(rng.lognormvariate(0.0, 0.85) * median)))


class RecordMaker:
    def __init__(self, phrases: Phrases, rng: random.Random) -> None:
        self.text = TextMaker(phrases, rng)
        self.rng = rng

    def record(self) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.04:
            return self._tool_record()
        messages: list[dict[str, Any]] = []
        if rng.random() < 0.35:
            messages.append({"role": "system", "content": self._system_prompt()})
        turns = rng.choices((1, 2, 3, 4), weights=(45, 30, 15, 10))[0]
        for turn in range(turns):
            messages.append({"role": "user", "content": self.text.user_turn(_turn_length(rng, 70))})
            reply: dict[str, Any] = {"role": "assistant"}
            reply["content"] = self.text.assistant_turn(_turn_length(rng, 190))
            if turn < turns - 1 and rng.random() < 0.05:
                reply["weight"] = 0
            messages.append(reply)
        return {"messages": messages}

    def _system_prompt(self) -> str:
        t = self.text
        first = f"You are a {t.rng.choice(('helpful', 'concise', 'friendly', 'careful'))} assistant"
        topic = t.rng.choice(t.p.noun_phrases).split(" ", 1)[1]
        return f"{first} for questions about {topic}. {t.sentence()}"

    def _tool_record(self) -> dict[str, Any]:
        rng = self.rng
        tool = rng.choice(TOOLS)
        name = tool["function"]["name"]
        args, result, ask = self._tool_call(name)
        call_id = f"call_{rng.randint(1, 99)}"
        call = {"id": call_id, "type": "function", "function": {"name": name, "arguments": args}}
        answer = self.text.assistant_turn(_turn_length(rng, 160))
        return {
            "messages": [
                {"role": "user", "content": f"{ask} {self.text.sentence()}"},
                {"role": "assistant", "tool_calls": [call]},
                {"role": "tool", "tool_call_id": call_id, "content": result},
                {"role": "assistant", "content": answer},
            ],
            "tools": [tool],
        }

    def _tool_call(self, name: str) -> tuple[str, str, str]:
        rng = self.rng
        args: dict[str, Any]
        result: dict[str, Any]
        if name == "get_weather":
            city = rng.choice(CITIES)
            args = {"city": city, "unit": "celsius"}
            result = {"temperature": rng.randint(-5, 35), "condition": "cloudy"}
            ask = f"What is the weather like in {city} right now?"
        elif name == "search_docs":
            topic = rng.choice(self.text.p.noun_phrases).split(" ", 1)[1]
            args = {"query": topic, "limit": 3}
            result = {"hits": [f"Guide to {topic}", f"Notes on {topic}"]}
            ask = f"Find the documentation pages about {topic}."
        elif name == "get_exchange_rate":
            base, quote = rng.sample(CURRENCIES, 2)
            args = {"base": base, "quote": quote}
            result = {"rate": round(rng.uniform(0.5, 2.0), 3)}
            ask = f"How many {quote} do I get for one {base} today?"
        else:
            source, target = rng.choice(UNITS)
            value = rng.randint(1, 500)
            args = {"value": value, "source": source, "target": target}
            result = {"value": round(value * 1.5, 2)}
            ask = f"Convert {value} {source} to {target}, please."
        return json.dumps(args), json.dumps(result), ask


@dataclass(frozen=True)
class CorpusInfo:
    path: Path
    bytes: int
    records: int
    seed: int
    generated: bool
    seconds: float


def encode(record: dict[str, Any], rng: random.Random) -> bytes:
    # Most writers keep UTF-8; some escape everything (\u00e9, surrogate pairs for emoji).
    ascii_only = rng.random() < 0.1
    return json.dumps(record, ensure_ascii=ascii_only).encode("utf-8") + b"\n"


def iter_lines(seed: int = DEFAULT_SEED) -> Iterator[bytes]:
    """The endless, deterministic stream of encoded records for ``seed``."""
    phrases = Phrases(random.Random(seed))
    block = 0
    while True:
        rng = random.Random(seed * 1_000_003 + block)
        maker = RecordMaker(phrases, rng)
        for _ in range(BLOCK_RECORDS):
            yield encode(maker.record(), rng)
        block += 1


def generate(
    path: Path, size: int | None, records: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[int, int]:
    """Write records until the next one would pass ``size`` bytes or ``records`` records.

    Written to a temporary name first, so an interrupted run never leaves a cached half file.
    Returns (bytes, records).
    """
    written = count = 0
    pending: list[bytes] = []
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as out:
        for line in iter_lines(seed):
            if (size is not None and written + len(line) > size) or count == records:
                break
            pending.append(line)
            written += len(line)
            count += 1
            if len(pending) >= BLOCK_RECORDS:
                out.write(b"".join(pending))
                pending.clear()
        out.write(b"".join(pending))
    tmp.replace(path)
    return written, count


def ensure_corpus(
    size: int | None = None,
    seed: int = DEFAULT_SEED,
    data_dir: Path = DATA_DIR,
    *,
    records: int | None = None,
    force: bool = False,
) -> CorpusInfo:
    """The cached ``chat-<size>.jsonl`` (or ``chat-<n>rec.jsonl`` for a record count).

    Generated first if absent, or if its sidecar ``.meta.json`` names another generator
    version, seed or limit.
    """
    if size is None and records is None:
        raise ValueError("give a size, a record count or both")
    data_dir.mkdir(parents=True, exist_ok=True)
    label = "-".join(
        part
        for part in (
            size_label(size) if size is not None else "",
            f"{records}rec" if records is not None else "",
            f"seed{seed}" if seed != DEFAULT_SEED else "",
        )
        if part
    )
    path = data_dir / f"chat-{label}.jsonl"
    meta_path = path.with_name(path.stem + ".meta.json")
    wanted = {"generator": GENERATOR_VERSION, "seed": seed, "size": size, "limit": records}
    if not force and path.is_file() and meta_path.is_file():
        meta = json.loads(meta_path.read_text())
        same = {key: meta.get(key) for key in wanted} == wanted
        if same and meta["bytes"] == path.stat().st_size:
            return CorpusInfo(path, meta["bytes"], meta["records"], seed, False, 0.0)
    start = time.perf_counter()
    written, count = generate(path, size, records, seed)
    seconds = time.perf_counter() - start
    meta_path.write_text(json.dumps({**wanted, "bytes": written, "records": count}) + "\n")
    return CorpusInfo(path, written, count, seed, True, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="20MB", help="20MB, 200MB, 1GB or bytes (MB = 10^6)")
    parser.add_argument("--records", type=int, help="stop after this many records instead")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    size = None if args.records is not None else parse_size(args.size)
    info = ensure_corpus(size, args.seed, args.data_dir, records=args.records, force=args.force)
    how = f"generated in {info.seconds:.1f} s" if info.generated else "cached"
    print(f"{info.path}: {info.bytes:,} bytes, {info.records:,} records ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
