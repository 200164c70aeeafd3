"""`knowledge`: factual questions about the human world: history, geography, people, culture, language, sports,
civics, everyday practical facts."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "knowledge"

WHO = lines("""
invented the telephone
wrote Pride and Prejudice
painted the Mona Lisa
was the first person to walk on the moon
founded the Roman Empire
discovered penicillin
composed the Four Seasons
was the first woman to win a Nobel Prize
designed the Eiffel Tower
wrote One Hundred Years of Solitude
was the president of the United States during the Civil War
directed Spirited Away
invented the printing press in Europe
led India's independence movement
wrote the Odyssey
founded Microsoft
built the Taj Mahal
was Cleopatra
sculpted David
won the first FIFA World Cup
""")
WHEN = lines("""
did the Berlin Wall fall
was the Declaration of Independence signed
did World War I start
did the Titanic sink
was the first iPhone released
did the Roman Empire fall
was the Great Wall of China built
did women get the right to vote in the UK
did the French Revolution begin
was the Olympic Games first held
did the Soviet Union collapse
was the euro introduced
did the Ottoman Empire end
was the internet invented
""")
COUNTRY = pool("France", "Australia", "Canada", "Brazil", "Japan", "Kenya", "Mongolia", "Peru", "Norway",
               "Vietnam", "Egypt", "New Zealand", "Argentina", "Turkey", "Nigeria", "Iceland", "Portugal",
               "Thailand", "Chile", "Morocco", "Switzerland", "India", "Indonesia", "Poland", split=False)
WHATIS = lines("""
the Magna Carta
a filibuster
the Renaissance
impressionism
NATO
Ramadan
the Silk Road
a haiku
the Cold War
inflation
the stock market
feudalism
the Industrial Revolution
the Geneva Conventions
a sonnet
the Hanseatic League
the Electoral College
a monarchy
Stoicism
the Marshall Plan
Diwali
baroque music
the G7
a referendum
the Harlem Renaissance
""")
HISTORY = lines("""
the fall of the Roman Empire
World War I
the French Revolution
the collapse of the Soviet Union
the Great Depression
the Protestant Reformation
the American Civil War
the partition of India
the Cuban Missile Crisis
the Black Death's effect on Europe
the rise of the Mongol Empire
the end of apartheid
""")
WORD = pool("quarantine", "salary", "ubiquitous", "serendipity", "robot", "sabotage", "OK", "avocado",
            "disaster", "nice", "quiz", "ketchup", "mortgage", "hazard", "tycoon", "berserk", "whiskey",
            "algebra", "jeans", "sandwich", split=False)
WORK = lines("""
Hamlet
1984 by George Orwell
The Great Gatsby
Don Quixote
the Iliad
War and Peace
Moby Dick
The Godfather movie
Les Miserables
To Kill a Mockingbird
The Tale of Genji
Beethoven's Ninth Symphony
""")
PRACTICAL = lines("""
get a red wine stain out of a carpet
boil an egg so the yolk is runny
tie a tie
fold a fitted sheet
cook rice without a rice cooker
remove rust from a bike chain
make cold brew coffee
keep basil fresh
unclog a drain without chemicals
iron a shirt
jump-start a car
pack a suitcase efficiently
care for a cast iron pan
get rid of fruit flies
tip in restaurants in Japan
""")
SPORT = lines("""
How many players are on a rugby union team?
Who has won the most Wimbledon titles?
What are the basic rules of cricket?
Which country won the 2010 FIFA World Cup?
How long is a marathon?
What is the offside rule in soccer?
How does scoring work in tennis?
Who holds the record for most Olympic gold medals?
How many holes are in a standard round of golf?
What does a quarterback do?
""")

FAMILIES = [
    Family(L, "who", (
        "Who {who}?",
        "[do you know|can you tell me|quick question:] who {who}?",
        "who {who}[ and when|? give me some background|]",
        "[Trivia|Quiz question]: who {who}?",
    ), {"who": WHO}),
    Family(L, "when", (
        "When {when}?",
        "[In what year|what year|When exactly] {when}?",
        "when {when}[ and why|? and what happened next|]",
    ), {"when": WHEN}),
    Family(L, "geography", (
        "What is the capital of {country}?",
        "[What's the population of|How big is|What language is spoken in|What currency does] {country}[ use|]?",
        "Where is {country} [located|on the map]?",
        "[tell me about|give me an overview of] the geography of {country}",
        "What [is the highest mountain|is the longest river|are the biggest cities] in {country}?",
        "Which countries border {country}?",
    ), {"country": COUNTRY}),
    Family(L, "what_is", (
        "What is {whatis}?",
        "[Can you explain|Explain|Tell me about|what was] {whatis}[ briefly| in a few sentences|]?",
        "what does {whatis} [mean|refer to]?",
        "I keep hearing about {whatis}. What is it?",
    ), {"whatis": WHATIS}),
    Family(L, "history", (
        "What caused {history}?",
        "[Tell me about|Give me a short history of|Explain] {history}",
        "What were the main consequences of {history}?",
        "Who were the key figures in {history}?",
        "[summarize|give me an overview of] {history}[ for a history class|]",
    ), {"history": HISTORY}),
    Family(L, "etymology_words", (
        "Where does the word \"{word}\" come from?",
        "What does {word} mean?",
        "[What's the origin of|etymology of] the word {word}",
        "[Define|definition of] {word}[ and use it in a sentence|]",
    ), {"word": WORD}),
    Family(L, "culture_works", (
        "What is {work} about?",
        "[Who wrote|Who created|When was] {work}[ written|]?",
        "Why is {work} considered so important?",
        "What are the main themes of {work}?",
        "[tell me|give me] the plot of {work} [without spoilers|in short|]",
    ), {"work": WORK}),
    Family(L, "practical", (
        "How do I {practical}?",
        "what's the best way to {practical}",
        "[any tips to|quick tip:| how to] {practical}?",
        "Is there an easy way to {practical}?",
    ), {"practical": PRACTICAL}),
    Family(L, "sports", (
        "{sport}",
        "[Sports question|Quick sports question|Settle a bet]: {sport}",
    ), {"sport": SPORT}),
    Family(L, "superlatives", (
        "What is the [largest|smallest|oldest|most populated|richest] {kind} in the world?",
        "Which is [bigger|older|more populous], {a} or {b}?",
        "what's the [tallest building|longest bridge|busiest airport|oldest university] in {region}?",
    ), {"kind": pool("country", "city", "desert", "lake", "museum", "library", "company", "island", split=False),
        "a": pool("Russia", "Canada", "Tokyo", "Delhi", "Texas", "France", "Brazil", split=False),
        "b": pool("China", "the United States", "Shanghai", "Mexico City", "Germany", "Alaska", split=False),
        "region": pool("Europe", "Asia", "Africa", "South America", "the world", "the US", split=False)}),
    Family(L, "facts_trivia", (
        "Tell me [some|five|three|a few] [fun facts|interesting facts|things most people don't know] about {fact_topic}",
        "What is {fact_topic} famous for?",
        "Give me a quick overview of {fact_topic}.",
    ), {"fact_topic": lines("""
the Vikings
ancient Egypt
the city of Venice
the Olympic Games
the history of chocolate
Japanese tea ceremonies
the Amazon company
the Beatles
the Louvre
Mount Everest expeditions
the history of the bicycle
Shakespeare's life
""")}),
    Family(L, "civics", (
        "How does {civic} work?",
        "[Explain|what is] {civic}[ in the US| in the UK| in simple terms|]",
        "How are {civic2} chosen?",
    ), {"civic": lines("""
the Electoral College
a parliamentary system
the UN Security Council
the European Union's decision making
a bill becoming law
jury selection in general
the census
"""), "civic2": pool("Supreme Court justices", "members of the European Parliament", "popes",
                                    "Nobel Prize winners", "Olympic host cities", "prime ministers in the UK",
                                    split=False)}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
who was the first emperor of china
What's the tallest mountain in Africa?
how many countries are in the EU
What language do they speak in Brazil?
when was the eiffel tower built
Who is the author of The Little Prince?
What's the difference between a latte and a cappuccino?
where was Napoleon born
What is the national animal of Scotland?
How many time zones does Russia have?
Who won the Nobel Peace Prize in 2014?
What does NASA stand for?
Which planet is named after the Roman god of war, and who was that god in Greek myths?
What is the oldest city in the world?
what is thanksgiving and why is it celebrated
Who were the Aztecs?
How do you say hello in Swahili and where is it spoken?
what is the best selling book of all time
When did humans first arrive in Australia?
How tall is the Statue of Liberty?
What are the seven wonders of the ancient world?
Who invented the World Wide Web?
What's the origin of Halloween?
which US state has the most national parks
What is the Rosetta Stone?
who painted starry night
what instruments are in a string quartet
what is the main religion in Thailand
How long did the Hundred Years' War last?
Is Australia a country or a continent?
What currency is used in Switzerland?
Who was Ada Lovelace?
How many books are in the Harry Potter series?
What's the difference between England, Britain and the UK?
what do the olympic rings represent
Why do people in the UK drive on the left?
How do I get from Paris to London by train?
what's the dress code for a black tie event
What's a good age to start learning the violin?
What year did the Beatles break up?
""")
