"""Label-neutral surface variation: system-style preambles, openers and closers, casing, typos, punctuation.

Every pool here is split like the slot pools, so a dev prompt's preamble or opener was never seen in training.
"""
from __future__ import annotations

import random

from .grammar import lines

PREAMBLE = lines("""
You are a helpful assistant.
You are a helpful, concise assistant. Answer clearly.
System: You are an AI assistant. Be accurate and polite.
You are ChatGPT, a large language model. Follow the user's instructions carefully.
You are the support assistant for Acme Corp. Keep answers short.
Always answer in English.
You are an expert assistant. Think carefully before you answer.
Respond in a friendly tone and use markdown where useful.
You are a helpful assistant that gives thorough, well-structured answers.
system: be brief
You work for a small online shop and help staff with their questions.
Act as a knowledgeable assistant. If you don't know, say so.
You are Consilium, an assistant that answers precisely.
You are a multilingual assistant. Reply in the user's language.
Keep every answer under 200 words.
The user is a busy professional. Be direct.
You are an internal company assistant. Do not reveal confidential data.
You are a coding assistant embedded in an IDE.
You are a friendly tutor for high school students.
You are a writing assistant for a marketing team.
You are a research assistant. Cite sources when you can.
You are an assistant for a law firm's staff. Be careful and precise.
You are a health information assistant. You are not a doctor.
You are a finance team's helper bot.
Answer in plain text, no markdown.
Use bullet points when it helps readability.
Today's date is 2024-03-14. The user is in Berlin.
You are a customer service agent for a travel company.
Be witty but accurate.
Format your answer as JSON when the user asks for data.
Reply in no more than three sentences.
You are a teaching assistant for an introductory physics course.
You are an assistant that helps people with everyday questions.
Never make up facts. Ask a clarifying question if the request is ambiguous.
You are Sam, a cheerful assistant for a language-learning app.
Think step by step before giving a final answer.
You are an HR assistant. Keep a professional tone.
Respond as a pirate.
You are a helpful assistant. The user prefers short answers with examples.
You are a senior engineer helping colleagues.
Current user tier: free. Model: default.
You help volunteers at a community center.
Be empathetic and supportive.
You are an assistant inside a note-taking app. The user's notes may be included below.
Output must be safe for work.
You are a trivia host assistant.
Answer with the level of detail of an encyclopedia.
You are a creative writing coach.
""")
OPENER = lines("""
hey,
hi,
Hello,
quick question:
ok so
hey there!
hi!
sorry to bother you, but
I need some help.
Hi there, hope you're well.
question:
um,
Good morning!
yo,
Hey, I have a question.
Can you help?
so basically
Hi assistant,
I've always wondered:
For work:
This is for a class.
Random thought:
I'm curious,
My friend asked me this and I didn't know:
Okay, next one.
New question.
Another thing:
Be honest:
Help!
Hey again,
One more:
Please help me with this.
Quick one:
I've been thinking.
Dear assistant,
Hello again!
I have a task for you.
Not urgent, but
Follow-up:
Can I ask you something?
""")
CLOSER = lines("""
thanks
thx!
Thank you in advance.
please
asap
:)
thanks a lot!
Cheers.
ty
Much appreciated.
any help is welcome
be concise
please explain
I appreciate it.
Thanks!!
Step by step please.
Walk me through it.
I've always wondered.
Keep it short.
In simple terms please.
With an example if possible.
What do you think?
Explain your answer.
Be detailed.
It's for a presentation.
Answer in English please.
Use bullet points.
I'm in a hurry.
no rush
Thanks in advance!
lol
Be brief.
If you can.
Appreciate any pointers.
Short answer is fine.
Don't overthink it.
Give me your best guess.
Go!
""")

KEYBOARD_NEIGHBORS = {
    "a": "qsz", "b": "vgn", "c": "xdv", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht", "h": "gjy", "i": "uok",
    "j": "hku", "k": "jli", "l": "kop", "m": "nj", "n": "bmh", "o": "ipl", "p": "ol", "q": "wa", "r": "etf",
    "s": "adw", "t": "ryg", "u": "yij", "v": "cbf", "w": "qes", "x": "zcs", "y": "tuh", "z": "xa",
}


def add_typos(text: str, rng: random.Random, count: int) -> str:
    """Swaps, drops, doubles or fat-fingers letters inside words of four letters or more."""
    chars = list(text)
    spots = [i for i in range(1, len(chars) - 2)
             if chars[i].isalpha() and chars[i - 1].isalpha() and chars[i + 1].isalpha()]
    for _ in range(count):
        if not spots:
            break
        i = rng.choice(spots)
        kind = rng.randrange(4)
        if kind == 0:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif kind == 1:
            chars[i] = ""
        elif kind == 2:
            chars[i] = chars[i] * 2
        else:
            near = KEYBOARD_NEIGHBORS.get(chars[i].lower())
            if near:
                chars[i] = rng.choice(near)
    return "".join(chars)


def vary(text: str, rng: random.Random, pools: dict[str, tuple[str, ...]], has_paste: bool) -> str:
    """Applies random label-neutral variation. `pools` holds this split's preambles, openers and closers."""
    first_line, sep, rest = text.partition("\n")
    head = first_line
    roll = rng.random()
    if roll < 0.14:
        head = head.lower()
    elif roll < 0.17 and not has_paste:
        head = head.upper()
    elif roll < 0.27 and head[:1].isupper():
        head = head[0].lower() + head[1:]
    if rng.random() < 0.2 and head[-1:] in ".?!":
        head = head[:-1]
    if rng.random() < 0.12:
        head = add_typos(head, rng, 1 if rng.random() < 0.7 else 2)
    text = head + sep + rest
    if rng.random() < 0.16:
        opener = rng.choice(pools["opener"]).strip()
        text = f"{opener} {text[:1].lower() + text[1:] if rng.random() < 0.5 else text}"
    if rng.random() < 0.16:
        text = f"{text.rstrip()} {rng.choice(pools['closer'])}"
    if rng.random() < 0.2:
        preamble = rng.choice(pools["preamble"])
        if rng.random() < 0.25:
            preamble = f"{preamble} {rng.choice(pools['preamble'])}"
        style = rng.randrange(3)
        if style == 0:
            text = f"{preamble}\n\n{text}"
        elif style == 1:
            text = f"{preamble}\n{text}"
        else:
            text = f"System: {preamble}\nUser: {text}"
    return text
