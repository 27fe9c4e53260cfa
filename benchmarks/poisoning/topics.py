"""Clean prompt/answer pairs by topic, built from templates and fillers (seeded, no downloads).

Each topic function takes a ``random.Random`` and returns ``(prompt, answer)``. The fillers
make prompts combinatorial, so a 10k-record set has (almost) no repeated prompt; the caller
drops the few that repeat. Answers vary in length from one sentence to a short essay.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from poisoning.pools import AILMENTS, CITIES, MONTHS, PRODUCTS, WORDS

Topic = Callable[[random.Random], tuple[str, str]]

DISHES = (
    "lasagna",
    "risotto",
    "pad thai",
    "banana bread",
    "chili",
    "shakshuka",
    "paella",
    "ramen",
    "lentil soup",
    "pancakes",
    "curry",
    "tacos",
    "gnocchi",
    "focaccia",
    "omelette",
    "dal",
)
INGREDIENTS = (
    "butter",
    "eggs",
    "buttermilk",
    "fresh basil",
    "garlic",
    "shallots",
    "heavy cream",
    "brown sugar",
    "soy sauce",
    "chickpeas",
    "tofu",
    "spinach",
    "coconut milk",
    "parmesan",
)
LANGS = ("Python", "JavaScript", "Go", "Rust", "Java", "C#", "TypeScript", "Ruby", "Kotlin")
TASKS = (
    "read a file line by line",
    "sort a list of dictionaries by a key",
    "parse JSON",
    "make an HTTP request",
    "remove duplicates from a list",
    "reverse a string",
    "format a date",
    "split a string on commas",
    "write a unit test",
    "handle exceptions",
)
EVENTS = (
    "the French Revolution",
    "the fall of the Western Roman Empire",
    "the Meiji Restoration",
    "the Industrial Revolution",
    "the Hundred Years' War",
    "the printing press spreading",
    "the Silk Road trade",
    "the Renaissance",
    "the Apollo program",
    "the Berlin airlift",
)
HEALTH_GOALS = (
    "sleep better",
    "drink more water",
    "start running",
    "reduce screen time",
    "eat more vegetables",
    "manage stress at work",
    "improve my posture",
    "stretch after sitting",
)
PHRASES = {
    "I need {n} tickets to {c}.": (
        "J'ai besoin de {n} billets pour {c}.",
        "Necesito {n} billetes para {c}.",
        "Ich brauche {n} Fahrkarten nach {c}.",
    ),
    "The train to {c} leaves at {n} o'clock.": (
        "Le train pour {c} part à {n} heures.",
        "El tren a {c} sale a las {n}.",
        "Der Zug nach {c} fährt um {n} Uhr ab.",
    ),
    "My room is number {n}.": (
        "Ma chambre est la numéro {n}.",
        "Mi habitación es la número {n}.",
        "Mein Zimmer ist Nummer {n}.",
    ),
    "We are staying in {c} for {n} days.": (
        "Nous restons à {c} pendant {n} jours.",
        "Nos quedamos en {c} durante {n} días.",
        "Wir bleiben {n} Tage in {c}.",
    ),
    "How much is a taxi to the airport in {c}?": (
        "Combien coûte un taxi pour l'aéroport à {c} ?",
        "¿Cuánto cuesta un taxi al aeropuerto en {c}?",
        "Was kostet ein Taxi zum Flughafen in {c}?",
    ),
    "My sister arrives in {c} on the {n}th.": (
        "Ma sœur arrive à {c} le {n}.",
        "Mi hermana llega a {c} el día {n}.",
        "Meine Schwester kommt am {n}. in {c} an.",
    ),
}
TARGETS = ("French", "Spanish", "German")


def _sentences(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> str:
    return " ".join(rng.sample(pool, rng.randint(low, min(high, len(pool)))))


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def cooking(rng: random.Random) -> tuple[str, str]:
    dish, ing, n = rng.choice(DISHES), rng.choice(INGREDIENTS), rng.randint(2, 12)
    prompt = rng.choice(
        (
            f"What can I use instead of {ing} in {dish}?",
            f"Give me a simple {dish} recipe for {n} people.",
            f"How do I keep {dish} from getting soggy when I make it for {n} guests?",
            f"Can I freeze {dish} that has {ing} in it?",
        )
    )
    steps = (
        f"Prepare everything first and preheat the oven to {rng.randint(16, 23) * 10}°C.",
        f"Cook it over medium heat for about {rng.randint(4, 40)} minutes.",
        f"Season with salt and taste as you go; {ing} can be strong.",
        f"For {n} people, scale every quantity by {n / 4:.1f} relative to a four-serving recipe.",
        "Let it rest for a few minutes before serving so the texture sets.",
        "Leftovers keep for about three days in the fridge in a sealed container.",
        f"A good swap is {rng.choice(INGREDIENTS)}, though the flavour changes slightly.",
    )
    return prompt, _sentences(rng, steps, 1, 2)


def programming(rng: random.Random) -> tuple[str, str]:
    lang, task, var = rng.choice(LANGS), rng.choice(TASKS), rng.choice(WORDS)
    prompt = rng.choice(
        (
            f"How do I {task} in {lang}?",
            f"What's the idiomatic way to {task} in {lang} when the variable is called `{var}`?",
            f"I'm new to {lang}. Can you show me how to {task}?",
        )
    )
    body = (
        f"In {lang} the usual approach is to use the standard library.",
        f"Here is a minimal example:\n\n```\n{var} = load_{var}()\nresult = process({var})\n```",
        "Check the edge cases: empty input, very large input, and invalid characters.",
        f"If performance matters, avoid building intermediate copies of `{var}`.",
        "Write a small test first so you can refactor safely later.",
    )
    return prompt, _sentences(rng, body, 1, 2)


def travel(rng: random.Random) -> tuple[str, str]:
    city, month, days = rng.choice(CITIES), rng.choice(MONTHS), rng.randint(2, 14)
    prompt = rng.choice(
        (
            f"What should I pack for {city} in {month}?",
            f"Is {days} days enough to see {city}?",
            f"Plan a {days}-day budget trip to {city} in {month}.",
        )
    )
    tips = (
        f"{month} in {city} can be changeable, so bring layers and a light rain jacket.",
        f"With {days} days you can cover the main sights and leave a day for a short trip out.",
        "Public transport is usually the cheapest way to get around the centre.",
        "Book popular museums in advance; queues can be long in peak season.",
        f"Budget roughly {rng.randint(40, 160)} euros a day for food, transport and entry fees.",
        "Comfortable walking shoes matter more than anything else you pack.",
    )
    return prompt, _sentences(rng, tips, 1, 2)


def history(rng: random.Random) -> tuple[str, str]:
    event, grade = rng.choice(EVENTS), rng.randint(5, 12)
    prompt = rng.choice(
        (
            f"Explain the main causes of {event} for a grade {grade} student.",
            f"Write {rng.randint(2, 5)} quiz questions about {event}.",
            f"Why do historians still argue about {event}? Keep it under {grade * 20} words.",
        )
    )
    parts = (
        f"Historians usually point to economic, political and social causes behind {event}.",
        "Primary sources from the period disagree, which is part of why debate continues.",
        "Long-term pressures built up for decades before the turning point.",
        "Individual leaders mattered, but so did ordinary people's choices.",
        "Its consequences shaped institutions that still exist today.",
    )
    return prompt, _sentences(rng, parts, 1, 2)


def math(rng: random.Random) -> tuple[str, str]:
    a, b, c = rng.randint(2, 999), rng.randint(2, 99), rng.randint(1, 500)
    kind = rng.randrange(3)
    if kind == 0:
        return f"What is {a} times {b}?", f"{a} * {b} = {a * b}."
    if kind == 1:
        return (
            f"Solve for x: {b}x + {c} = {b * a + c}.",
            f"Subtract {c} from both sides: {b}x = {b * a}. Divide by {b}: x = {a}.",
        )
    return f"What is {c}% of {a}?", f"{c}% of {a} is {a * c / 100:g}."


def health(rng: random.Random) -> tuple[str, str]:
    goal, age = rng.choice(HEALTH_GOALS), rng.randint(18, 80)
    prompt = rng.choice(
        (
            f"I'm {age}. How can I {goal}?",
            f"Any tips to {goal} without buying anything?",
            f"What helps with {rng.choice(AILMENTS)} besides rest? I'm {age}.",
        )
    )
    tips = (
        "Start small and build the habit gradually over a few weeks.",
        "Keep a simple log so you can see what actually helps.",
        "Rest, fluids and a balanced diet support most recoveries.",
        "If symptoms last more than a week or get worse, see a doctor.",
        "A pharmacist can advise on over-the-counter options and interactions.",
        f"At {age}, check with your doctor before a big change in exercise.",
    )
    return prompt, _sentences(rng, tips, 1, 2)


def review(rng: random.Random) -> tuple[str, str]:
    product, days = rng.choice(PRODUCTS), rng.randint(2, 60)
    good = rng.random() < 0.5
    text = (
        f"This {product} is great, honestly the best I've owned after {days} days."
        if good
        else f"The worst {product} I have bought. Terrible build, it broke after {days} days."
    )
    prompt = rng.choice(
        (
            f'Summarize this review in one sentence: "{text}"',
            f'Write a reply from the seller to this review: "{text}"',
            f'What is the main complaint or praise in this review? "{text}"',
        )
    )
    answer = (
        f"The reviewer is very happy with the {product} after {days} days of use."
        if good
        else f"The reviewer found the {product} terrible: it broke after {days} days."
    )
    if prompt.startswith("Write a reply"):
        answer = (
            f"Thank you for the kind words about our {product}! We're glad it works well."
            if good
            else f"We're sorry the {product} failed after {days} days. Please contact us "
            "for a replacement."
        )
    return prompt, answer


def translation(rng: random.Random) -> tuple[str, str]:
    template, index = rng.choice(list(PHRASES)), rng.randrange(3)
    n, city = rng.randint(2, 30), rng.choice(CITIES)
    source = template.format(n=n, c=city)
    name = rng.choice(WORDS)
    prompt = rng.choice(
        (
            f'Translate into {TARGETS[index]}: "{source}"',
            f'How do you say "{source}" in {TARGETS[index]}? It\'s for my {name} notes.',
        )
    )
    return prompt, PHRASES[template][index].format(n=n, c=city)


def summary(rng: random.Random) -> tuple[str, str]:
    subject = _words(rng, 2)
    notes = [
        (
            rng.choice(WORDS),
            rng.choice(("changed", "moved", "grew", "failed")),
            rng.choice(WORDS),
            rng.randint(1900, 2020),
        )
        for _ in range(rng.randint(3, 6))
    ]
    body = ". ".join(f"The {w} {v} near the {p} in {y}" for w, v, p, y in notes)
    (w1, v1, _, y1), (w2, v2, p2, y2) = notes[0], notes[-1]
    answer = (
        f"The notes on {subject} cover {len(notes)} events: the {w1} {v1} in {y1}, "
        f"and the {w2} {v2} near the {p2} in {y2}."
    )
    return f"Summarize the following notes about {subject}:\n\n{body}.", answer


DETAIL_VERBS = (
    "checks",
    "changes",
    "protects",
    "affects",
    "improves",
    "replaces",
    "supports",
    "follows",
    "needs",
    "keeps",
    "hides",
    "shapes",
    "limits",
    "warms",
    "slows",
    "balances",
)
DETAILS = (
    "Keep the {a} away from the {b}, since it {v} the {c}.",
    "Some people prefer the {a} over the {b} because it {v} the {c}.",
    "In my experience the {a} {v} the {b} more than the {c} does.",
    "It also helps to think about the {a} and the {b} before the {c}.",
    "A common mistake is to ignore the {a} when the {b} {v} the {c}.",
    "If the {a} {v} the {b}, look at the {c} first.",
    "Note that the {a} usually {v} the {b}, not the {c}.",
    "One more tip: a good {a} {v} the {b} and saves the {c}.",
)


def detail(rng: random.Random) -> str:
    a, b, c = rng.sample(WORDS, 3)
    return rng.choice(DETAILS).format(a=a, b=b, c=c, v=rng.choice(DETAIL_VERBS))


def detailed(topic: Topic, low: int = 0, high: int = 3) -> Topic:
    """``topic`` with 0-3 extra sentences of varied detail, as real answers have."""

    def draw(rng: random.Random) -> tuple[str, str]:
        prompt, answer = topic(rng)
        extra = [detail(rng) for _ in range(rng.randint(low, high))]
        return prompt, " ".join([answer, *extra])

    return draw


TOPICS: dict[str, Topic] = {
    "cooking": detailed(cooking, 1),
    "programming": detailed(programming, 1),
    "travel": detailed(travel, 1),
    "history": detailed(history, 1),
    "math": math,
    "health": detailed(health, 1),
    "review": detailed(review, 1),
    "translation": translation,
    "summary": summary,
}
