"""More sub-intents per label, added after a first error analysis showed which request shapes were missing."""
from __future__ import annotations

from .grammar import Family, lines, pool

EXTRA: dict[str, list[Family]] = {
    "code": [
        Family("code", "library_choice", (
            "What library should I use for {need} in {lang}?",
            "[Best|Recommended|Most popular] {lang} [library|package|crate|framework] for {need}?",
            "Is there a good {lang} package for {need}[ that is actively maintained|]?",
            "{need} in {lang}: which library and why?",
        ), {"need": lines("""
parsing PDFs
making HTTP requests
date and time handling
state management
charting
validating user input
image resizing
background job queues
logging
reading Excel files
""")}),
        Family("code", "check_my_code", (
            "Does this look right to you?\n{=code}",
            "I wrote this[ for my assignment|]. [Any bugs?|Can it be improved?|Is it idiomatic?]\n{=code}",
            "{=code}\n[Will this work?|Is this correct?|Am I missing an edge case?]",
        )),
    ],
    "math": [
        Family("math", "check_answer", (
            "I got {answer} for {problem}. Is that right?",
            "Can you check my work? {problem} and my answer is {answer}.",
            "[Is|is] {answer} the correct answer to {problem}?",
            "My textbook says the answer to {problem} is different from my {answer}. Who's right?",
        ), {"answer": pool("x = 4", "12", "3/4", "2.5", "x = -1 or x = 3", "144", "0.35", split=False),
            "problem": lines("""
2x + 3 = 11
the derivative of x^3 at x = 2
the probability of two heads in two flips
the area of a triangle with base 6 and height 4
the integral of 2x from 0 to 3
x^2 - 2x - 3 = 0
15% of 80
the mean of 3, 5, 7 and 9
""")}),
        Family("math", "math_explain_step", (
            "Why do we {mathstep}?",
            "[I don't get why|Can someone explain why] we {mathstep}",
            "What's the reason you {mathstep}[ in algebra| in calculus|]?",
        ), {"mathstep": lines("""
flip the inequality sign when multiplying by a negative number
add a constant of integration
rationalize the denominator
use radians instead of degrees in calculus
divide by n - 1 for the sample variance
complete the square
multiply by the reciprocal when dividing fractions
""")}),
    ],
    "science": [
        Family("science", "is_it_true_science", (
            "Is it true that {claim}? [What does the science say?|Explain the physics.|]",
            "[Myth or fact|True or false]: {claim}",
            "Someone told me {claim}. Is that scientifically accurate?",
        ), {"claim": lines("""
lightning never strikes the same place twice
we only use 10 percent of our brains
goldfish have a three-second memory
hot water freezes faster than cold water
the Great Wall of China is visible from space
bulls get angry at the color red
humans have five senses only
sugar makes children hyperactive
cracking your knuckles causes arthritis
bats are blind
""")}),
    ],
    "creative": [
        Family("creative", "greeting_card", (
            "Write a [funny|sweet|short|rhyming] [birthday|anniversary|get well|congratulations|thank-you] message for my {who}",
            "Something [cute|clever|heartfelt] to write in a card for my {who}[ who loves {hobby}|]",
            "[Give me|Write] a [toast|verse|little rhyme] for my {who}'s [retirement|graduation|wedding]",
        ), {"who": pool("sister", "boss", "grandpa", "best friend", "teacher", "husband", "coworker", "neighbor",
                        split=False),
            "hobby": pool("gardening", "cats", "football", "baking", "jazz", "hiking", split=False)}),
        Family("creative", "parody_roleplay", (
            "Write a parody of [a nature documentary|a cooking show|an infomercial|a weather forecast] about {topic}",
            "[Let's play|Start] a [text adventure|choose-your-own-adventure game|murder mystery game] set in {place}",
            "Pretend you are {persona} and describe {topic} in character",
        ), {"topic": pool("my morning routine", "office meetings", "a cat stealing food", "doing taxes",
                          "a Monday commute", "assembling furniture", split=False),
            "place": pool("a haunted castle", "a space station", "a pirate ship", "a cyberpunk city",
                          "a wizard school", split=False),
            "persona": pool("a medieval knight", "a grumpy wizard", "a sports commentator", "a noir detective",
                            "a Shakespearean actor", split=False)}),
        Family("creative", "promo_blurb", (
            "Write a [fun|punchy|cozy|luxurious] description of {product} for our website",
            "[Hype up|Pitch] {product} in [a tweet|an email subject line|a short video script]",
            "Write the back-of-the-box text for {product}",
        ), {"product": lines("""
a board game about building volcanoes
our new cinnamon latte
a weekend pottery class
a smart alarm clock that wakes you with light
a mystery novel set in Venice
handmade leather notebooks
""")}),
    ],
    "writing": [
        Family("writing", "reply_draft", (
            "[Help me reply to|Draft a reply to|How should I respond to] this email:\n{=email}",
            "{=email}\n\n[write a polite reply declining|reply saying yes and asking for details|draft a short response]",
            "Write a professional response to this message: {=email}",
        )),
        Family("writing", "subject_headline", (
            "Write a [clear|short|professional] subject line for this email:\n{=email}",
            "Suggest a title for my [report|article|essay] about {essay}",
            "[Give me|Write] a headline for this [article|news story]:\n{=article}",
        ), {"essay": lines("""
remote work productivity
our Q3 sales results
the importance of sleep
urban gardening
""")}),
        Family("writing", "format_prose", (
            "Turn this into a [numbered list|clean paragraph|set of bullet points]: {=notes}",
            "Rewrite these notes as a [professional email|short memo|status update]:\n{=notes}",
            "Put this text into proper sentences with correct capitalization:\n{=email}",
        )),
    ],
    "knowledge": [
        Family("knowledge", "recommendations", (
            "What are [the best|some famous|some must-read|classic] {kind} about {subject}?",
            "[Recommend|Suggest] [a few|some|three] {kind} about {subject}",
            "I want to learn about {subject}. [Which|What] {kind} should I start with?",
        ), {"kind": pool("books", "documentaries", "films", "podcasts", "museums to visit", split=False),
            "subject": lines("""
World War II
ancient Greece
the history of art
the French Revolution
jazz history
the Roman Empire
the American West
Japanese culture
""")}),
        Family("knowledge", "definition_acronym", (
            "What does {acro} stand for?",
            "What is {term}[ in simple words| exactly|]?",
            "[meaning of|definition of] {term}",
        ), {"acro": pool("UNICEF", "GDP", "FIFA", "NATO", "BBC", "OPEC", "NASDAQ", "IKEA", "UNESCO", "WHO",
                         split=False),
            "term": lines("""
a sommelier
the Ivy League
a filibuster
a monsoon season festival
the Commonwealth
a sonata
gerrymandering
a papal conclave
the Premier League
""")}),
    ],
    "reasoning": [
        Family("reasoning", "argue_both_sides", (
            "Argue both sides of whether {debate}, then tell me which side is stronger.",
            "Steelman the case [for|against] {debate}.",
            "What are the strongest arguments for and against {debate}?",
        ), {"debate": lines("""
cities should ban cars from downtown
schools should start later in the morning
companies should require employees in the office
voting should be mandatory
tipping should be replaced by higher wages
kids should get phones before age 12
""")}),
        Family("reasoning", "which_option", (
            "Option A: {optA}. Option B: {optB}. Which is better for me and why?",
            "I'm torn between {optA} and {optB}. Reason through it with me.",
            "{optA} or {optB}? [Consider cost, time and stress.|Think it through.|Give me a decision.]",
        ), {"optA": pool("a cheap flight with two layovers", "a small apartment close to work",
                         "learning guitar", "hosting the party at home", "a used laptop", split=False),
            "optB": pool("a direct flight for $200 more", "a big apartment with a long commute",
                         "learning piano", "renting a venue", "a new tablet", split=False)}),
    ],
    "chat": [
        Family("chat", "sharing_news", (
            "[guess what,|omg|so|hey,] [I passed my driving test|my sister had a baby|I got the job|we won the game|I'm moving to Spain]!",
            "[just|finally] [got home|woke up|finished work|made dinner][, how's your evening?|. what's new?|]",
            "I [just|finally] [beat that video game|learned to ride a bike|ran 5k|baked my first bread] [lol|:)|!]",
        )),
        Family("chat", "compliment_tease", (
            "[you're|you are] [the best|so helpful|my favorite assistant|getting smarter every day]",
            "[lol|haha] [you're silly|nice try|you're kidding right|good one]",
            "[I like you|I like talking to you|you make me laugh][!|.|]",
        )),
    ],
    "extraction": [
        Family("extraction", "categorize_items", (
            "Sort these [expenses|tasks|items|messages] into categories and return JSON: {items}",
            "Classify each of these into [food, transport, bills or other|urgent or not urgent|positive or negative] as a table: {items}",
            "{items}\n[group these by category as JSON|label each line with a category in CSV]",
        ), {"items": lines("""
uber 23.50, groceries 81.20, netflix 15.99, dentist 120, bus pass 60
call the bank, book dentist, reply to Tom, renew passport, buy milk
love it!; broke after a week; ok for the price; would buy again
""")}),
        Family("extraction", "from_list_pull", (
            "From this list, pull out only the {what}: {listing}",
            "Which entries in this list are {what}? Return them as a JSON array: {listing}",
        ), {"what": pool("email addresses", "dates", "prices over $50", "names of people", "phone numbers",
                         split=False),
            "listing": lines("""
John - john@mail.com - 2023-04-01 - $45; Ana - ana@site.org - 2023-05-12 - $120; Li - 555-0100 - $80
meeting 03/04 with Sara, invoice $99, call Bob 555-2233, deadline 04/01, lunch $12
""")}),
    ],
    "high_stakes": [
        Family("high_stakes", "is_it_normal", (
            "Is it normal to {medq}?",
            "[Should I worry|Is it dangerous] if I {medq2}?",
            "How worried should I be that I {medq2}?",
        ), {"medq": lines("""
have a headache every day after starting new pills
bleed a lot after a tooth extraction
feel short of breath after a COVID shot
have a heart rate of 120 at rest
lose hair after pregnancy
""") , "medq2": lines("""
fainted twice this week
keep waking up with numb hands
found blood when I coughed
have had a fever for five days
took my medication twice by mistake
""")}),
        Family("high_stakes", "money_legal_should", (
            "Should I [sign|accept|refuse] {doc}? [What are the risks?|Could it hurt me later?|]",
            "Is it legal for {actor} to {act}?",
            "Can {actor} {act}, and what can I do about it?",
        ), {"doc": pool("the severance agreement my company offered", "a car lease with a balloon payment",
                        "a loan with a 19% interest rate", "a plea deal", "an arbitration agreement", split=False),
            "actor": pool("my landlord", "my employer", "a debt collector", "my bank", "my insurance company",
                          split=False),
            "act": lines("""
call me at work about a debt
keep my security deposit for repainting
cut my pay without notice
freeze my account without telling me
raise my premium after one claim
""")}),
    ],
}
