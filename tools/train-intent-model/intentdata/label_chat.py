"""`chat`: small talk and social exchange with the assistant: greetings, thanks, feelings, banter, no real task."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "chat"

GREETING = pool("hi", "hello", "hey", "hey there", "hiya", "yo", "good morning", "good evening", "morning",
                "howdy", "sup", "greetings", "hi again", "hello friend", "heyyy", "good afternoon", "hola",
                "evening", split=False)
NAME = pool("", "", "", " bot", " buddy", " assistant", " there", " friend", " mate", split=False)
FEELING = lines("""
I'm so bored right now
I had a really good day today
I'm tired, long week
I just got back from vacation
today was kind of rough
I can't sleep
I'm in a great mood
I just finished my exams!
I'm procrastinating again
my cat just knocked over my coffee
I finally cleaned my room
I got a promotion today
it's been a weird day
I'm feeling a bit lonely tonight
I just adopted a puppy
I'm stuck at the airport
I ate way too much pizza
it's my birthday today
I'm nervous about tomorrow
I just watched a really good movie
""")
ABOUT_BOT = lines("""
how are you
how are you doing today
how's it going
what's your name
are you a robot
do you have feelings
what can you do
who made you
are you conscious
do you ever get tired
do you dream
do you like talking to people
are you real
what are you up to
how old are you
do you have a favorite song
what do you do for fun
can we be friends
are you having a good day
do you remember me
""")
FAVORITE = pool("color", "food", "movie", "book", "season", "animal", "song", "holiday", "ice cream flavor",
                 "city", "board game", "emoji", split=False)
THANKS = lines("""
thanks
thank you so much
thx
ty!
thanks, that helped a lot
awesome, thanks
perfect, thank you
cool thanks
appreciate it
you're the best
great, that's exactly what I needed
ok thanks bye
""")
BYE = lines("""
bye
goodbye
see you later
talk to you tomorrow
good night
gotta go
catch you later
that's all for now
have a nice day
I'm heading to bed
""")
REACTION = lines("""
lol
haha
wow
nice
cool
oh interesting
that's wild
no way
haha you're funny
lmao
ok
hmm
oops
yay
omg
""")

FAMILIES = [
    Family(L, "greeting", (
        "{greeting}{name}",
        "{greeting}{name}[!|!!|.|]",
        "{greeting}{name}, {about}?",
        "{greeting}! {about}[?|]",
        "{greeting}[,|] just wanted to say hi",
    ), {"greeting": GREETING, "name": NAME, "about": ABOUT_BOT}),
    Family(L, "about_bot", (
        "{about}?",
        "{about}[?|??|]",
        "so, {about}?",
        "[just curious,|random question:|hey] {about}?",
        "{about}? [I've always wondered|be honest|lol|]",
    ), {"about": ABOUT_BOT}),
    Family(L, "feelings", (
        "{feeling}",
        "{feeling}[.|!|...|] [how about you?|how's your day?|just wanted to tell someone|lol|ugh|]",
        "[guess what,|you know what?|so,|hey,] {feeling}",
        "{feeling}. [Talk to me?|Can we chat for a bit?|Say something nice.|]",
    ), {"feeling": FEELING}),
    Family(L, "favorites", (
        "what's your favorite {fav}?",
        "[do you have a|got a] favorite {fav}?",
        "mine is [blue|pizza|summer|cats|jazz]. what's your favorite {fav}?",
        "if you could [go anywhere|eat anything|be any animal|have any superpower], what would it be?",
    ), {"fav": FAVORITE}),
    Family(L, "thanks", (
        "{thanks}",
        "{thanks}[!|!!|.|] [you're great|have a good one|]",
        "[ok|alright|great|nice] {thanks}",
    ), {"thanks": THANKS}),
    Family(L, "bye", (
        "{bye}",
        "{bye}[!|.|] [thanks for the chat|it was fun talking|see ya|]",
        "ok {bye}",
    ), {"bye": BYE}),
    Family(L, "reaction", (
        "{reaction}",
        "{reaction} [that's funny|I didn't expect that|you're right|]",
        "{reaction}[!|]",
    ), {"reaction": REACTION}),
    Family(L, "weather_weekend", (
        "[ugh,|man,|so|] it's [raining|snowing|so hot|freezing|so windy] [again|here|today]",
        "[finally|yay] [friday|the weekend]! [any plans?|what are you up to?|]",
        "[how was your weekend|did you have a good weekend|happy monday]?",
        "[happy|merry] [new year|holidays|friday|birthday to me]!",
    ), {}),
    Family(L, "companionship", (
        "can we just [talk|chat] for a [bit|while|minute]?",
        "i don't need anything, just [wanted someone to talk to|bored and wanted to chat|saying hello]",
        "[keep me company|talk to me] while I [wait for my train|cook dinner|can't sleep]",
        "tell me about your day",
    ), {}),
    Family(L, "meta", (
        "[never mind|nevermind|forget it|let's start over|scratch that]",
        "[sorry|oops], [wrong chat|I meant to send that to someone else|ignore that]",
        "[you there?|are you still there?|hello??|anyone home?]",
        "[brb|be right back|one sec|hold on]",
    ), {}),
    Family(L, "banter", (
        "[you're|you are] [funny|smart|weird|sweet|kind of sassy|cool]",
        "I bet you [say that to everyone|can't beat me at trivia|get asked that a lot]",
        "[do you like|what do you think of] [me|humans|mondays|memes|small talk]?",
        "[are you|you're] [better than|smarter than|nicer than] [siri|alexa|my brother]?",
    ), {}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
hey how's your day going
good morning sunshine
I'm back!
what's up?
just saying hi :)
You're really nice to talk to
I'm so happy today, I don't know why
Do you ever get bored of answering questions?
lol that's hilarious
I think I'm going to make pancakes this morning
ok that's enough for today, good night
Nice to meet you!
What's new with you?
I'm just chilling on the couch
do you like cats or dogs better
hey it's me again
hmm ok
long time no see
you seem cheerful today
I missed talking to you
It's so quiet here tonight
How's life in the cloud?
I can't believe it's already December
haha you got me
sorry I was gone so long
thank u!!
I have nothing to do today
you're a good listener
morning! coffee first, then questions
bye bye
wanna hear about my day?
I just wanted to say thanks for yesterday
today i learned that otters hold hands while they sleep lol
how's the weather where you are? oh wait you don't have weather
I'm watching the rain and drinking tea
what are you thinking about?
okay you win
Honestly I just needed someone to talk to
hey hey hey
just wanted to check in
""")
