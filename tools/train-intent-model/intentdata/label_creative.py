"""`creative`: imaginative or promotional writing: stories, poems, lyrics, jokes, names, slogans, ads, worlds."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "creative"

SUBJECT = lines("""
a lighthouse keeper who finds a message in a bottle
a robot learning to paint
the last tree on Earth
a cat who runs a bakery
two rival wizards forced to share an apartment
a detective who can talk to ghosts
a kid who discovers a door in the school library
an astronaut stranded on Mars with only a plant
a town where it always rains on Tuesdays
a dragon afraid of heights
a time traveler stuck in 1985
the first day of spring
a grandmother's old recipe book
a lonely satellite
an underwater city
the sound of the city at night
a haunted vending machine
a heist in a museum of clocks
a friendship between a fox and a crow
coffee on a Monday morning
falling leaves
a pirate who hates the sea
a village that forgot how to laugh
a love letter never sent
the ocean at dawn
a chess game between two old friends
a tiny dragon living in a teacup
the moon falling in love with the sea
a superhero whose only power is being on time
""")
POEM_FORM = pool("poem", "haiku", "sonnet", "limerick", "free verse poem", "short poem", "rhyming poem",
                 "villanelle", "ode", "acrostic poem", "ballad", split=False)
PRODUCT = lines("""
a reusable water bottle
an app that reminds you to drink water
a vegan bakery
a coffee subscription service
a dog-walking business
a budgeting app for students
a handmade candle shop
an electric bike
a language-learning podcast
a plant delivery service
noise-cancelling earbuds
a cozy mountain cabin rental
a sustainable clothing brand
a board game cafe
an AI note-taking tool
a local farmers market
a kids' coding camp
a hot sauce brand
a yoga studio
a bookstore with a cat
""")
THING_TO_NAME = lines("""
my new puppy
a fantasy kingdom
a coffee shop
a podcast about history
my startup that sells smart plant pots
a band that plays jazz and metal
a villain in my novel
a sci-fi spaceship
a food truck selling tacos
my Etsy shop for knitted hats
a board game about space trade
a newsletter for remote workers
a character who is a grumpy wizard
our hackathon team
a new cocktail with gin and basil
""")
TOPIC = pool("cats", "programmers", "coffee", "Mondays", "dinosaurs", "math teachers", "the weather", "taxes",
             "pirates", "vegetables", "cloud computing", "penguins", "chess", "gym bros", "dad life", split=False)

FAMILIES = [
    Family(L, "story", (
        "Write a [short|very short|funny|dark|heartwarming|] story about {subject}.",
        "[Tell me|Can you tell me|I want] a story about {subject}[ in 300 words| for a 7 year old| with a twist ending|].",
        "[write|Write] a [bedtime story|fable|fairy tale|flash fiction piece|sci-fi story|mystery] [about|featuring] {subject}",
        "Story idea: {subject}. Write the opening [scene|paragraph|chapter].",
        "I need a [short story|tale] for my [class|kids|blog] about {subject}[, make it magical|, keep it under 500 words|]",
    ), {"subject": SUBJECT}),
    Family(L, "poem", (
        "Write a {form} about {subject}.",
        "[compose|can you write|write me] a {form} about {topic}",
        "a {form} on {subject}, [please|pls|]",
        "I'd love a {form} about {subject}[ that rhymes| in the style of Emily Dickinson| with a sad ending|].",
        "Give me a {form} for my [mom's birthday|anniversary card|best friend who is moving away|retiring coworker]",
    ), {"form": POEM_FORM, "subject": SUBJECT, "topic": TOPIC}),
    Family(L, "lyrics", (
        "Write [song lyrics|a song|a rap verse|a chorus|a country song|a lullaby] about {subject}",
        "[Make|Compose] a [jingle|theme song|drinking song] for {product}",
        "Write a [rap|ballad|pop song] about {topic} [with a catchy hook|in the style of the 80s|]",
    ), {"subject": SUBJECT, "product": PRODUCT, "topic": TOPIC}),
    Family(L, "naming", (
        "[Suggest|Give me|Brainstorm|Come up with] [10|five|some|a few|creative] names for {thing}",
        "What should I name {thing}?",
        "name ideas for {thing}[? something catchy|, puns welcome|]",
        "I need a [clever|memorable|short|unique] name for {thing}.",
    ), {"thing": THING_TO_NAME}),
    Family(L, "slogan_ad", (
        "Write a [slogan|tagline|catchy tagline|motto] for {product}",
        "[Write|Draft|Create] [ad copy|an Instagram ad|a radio ad|a billboard ad|a 30-second TV ad script] for {product}",
        "[Give me|Write] [an Instagram caption|a tweet|a catchy headline|a product description] [for|announcing] {product}",
        "Make {product} sound exciting in [two sentences|one punchy line|a short promo]",
        "We're launching {product}. [Write a launch announcement that gets people excited.|Come up with a marketing slogan.]",
    ), {"product": PRODUCT}),
    Family(L, "joke", (
        "Tell me a joke about {topic}",
        "[Write|Give me|Got] [a pun|a one-liner|a knock-knock joke|a dad joke|some jokes] about {topic}[?|]",
        "make me laugh with a joke about {topic}",
        "[write|do] a [funny|silly|stand-up] bit about {topic}",
    ), {"topic": TOPIC}),
    Family(L, "character_world", (
        "Create a [character|villain|hero|sidekick] for my [D&D campaign|fantasy novel|sci-fi comic|video game] who {trait}.",
        "Describe a [fantasy city|alien planet|magic system|secret society|post-apocalyptic town] [where|in which] {worldrule}.",
        "Help me build a world where {worldrule}. [Give me its history and cultures.|What are the factions?|]",
        "Write a backstory for a character who {trait}.",
    ), {"trait": lines("""
is a retired assassin turned baker
can only speak in rhymes
is haunted by a debt to a fairy
is a robot who wants to be human
steals memories instead of gold
is the last member of a forgotten order
"""), "worldrule": lines("""
music is a form of magic
the sun never sets
everyone is born with a shadow that talks
cities float on giant turtles
books are illegal
people trade years of their life as currency
""")}),
    Family(L, "dialogue_script", (
        "Write a dialogue between {who} [about|arguing about|discovering] {topic}.",
        "[Write|Draft] a [comedy sketch|screenplay scene|short play|radio drama] [with|featuring] {who}",
        "Script a conversation where {who} meet for the first time",
    ), {"who": lines("""
a pirate and an astronaut
Sherlock Holmes and a smart speaker
a cat and a vacuum cleaner
two ghosts in an old house
a barista and a time traveler
Shakespeare and a teenager
"""), "topic": TOPIC}),
    Family(L, "prompts_ideas", (
        "Give me [10|some|five|creative] [writing prompts|story ideas|plot twists|ideas for a short film] about {subject}",
        "[Brainstorm|Give me] [plot ideas|fun premises|concepts] for a [horror|comedy|romance|sci-fi|mystery] [novel|movie|podcast series|comic]",
        "I have writer's block. [Give me an unusual opening line.|Suggest a twist for my story about {subject}.]",
    ), {"subject": SUBJECT}),
    Family(L, "transform_creative", (
        "Turn this into a [poem|limerick|haiku|song|fairy tale|rap]:\n{=article}",
        "{=email}\n\nRewrite this as a [Shakespearean sonnet|pirate shanty|dramatic movie trailer|children's story]",
        "Retell this as a [bedtime story|epic poem|noir detective story]: {=notes}",
    )),
    Family(L, "continue_story", (
        "Continue this story: \"{opening}\"",
        "{opening} ... [what happens next? write the next scene|continue in the same style|finish the story]",
        "Here's my opening line: {opening} Write the rest[ in 200 words|].",
    ), {"opening": lines("""
The door had been locked for a hundred years, until this morning.
Nobody in the village remembered the girl, but everyone knew her song.
The spaceship's AI woke me up with a single word: run.
It was the kind of rain that made the streetlights look like ghosts.
My grandfather left me a map, a key, and a very angry parrot.
The last human on Earth sat alone in a room. There was a knock on the door.
""")}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
write a poem about my dog who loves snow
Tell me a bedtime story about a brave little turtle
give me a catchy name for a bakery that also sells plants
Write a haiku about burnt toast
I need a funny limerick for my coworker's going-away card
Write a short horror story in two sentences
Can you write a rap about photosynthesis
Come up with a slogan for a gym that opens at 4am
invent a new holiday and describe how people celebrate it
Write a love poem from the perspective of a toaster
What's a good name for a golden retriever who is very dramatic
write an epic poem about losing my keys
Create a tagline for my cleaning business, something playful
Describe a sunset as if you were a pirate
Write a scene where a villain gives a monologue about recycling
Make up a myth explaining why the moon changes shape
Write a product description for socks that never get lost
Write a children's picture book text about sharing
Give me three opening lines for a fantasy novel
Write a sonnet about debugging code at 3am
Imagine a city run entirely by cats. Describe a day there.
Compose lyrics for a lullaby about the stars
Write an ad for a time machine rental company
suggest a band name for four dentists who play punk rock
Tell me a knock knock joke
write a spooky campfire story
Write a tweet announcing our new ice cream flavor: lavender honey
Create a superhero whose power is extreme politeness
Give me a funny caption for a photo of my cat in a box
Write a fairy tale where the princess rescues the dragon
a poem about the smell of rain please
write a toast in rhyme for my parents' 30th anniversary
Generate a D&D quest hook involving a missing bell
Write a monologue for a lighthouse that has seen too much
Write flash fiction that ends with the word 'umbrella'
make up a tongue twister about purple penguins
pitch me a reality TV show about competitive gardening
Invent a cocktail and write its menu description
Write a motivational chant for our robotics team
write a story in the style of a nature documentary about office workers
""")
