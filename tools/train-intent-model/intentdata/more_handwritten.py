"""A second batch of free-form prompts per label, written the way people type, with an eye on label boundaries
(science vs knowledge, reasoning vs math, writing vs creative, high_stakes vs knowledge, extraction vs writing)."""
from __future__ import annotations

from .grammar import lines

MORE = {
    "code": lines("""
I'm a beginner. What's the difference between a function and a method in Python?
Our Postgres queries got slow after the table hit 50 million rows. Which indexes should I add for WHERE user_id = ? AND created_at > ?
Write a script that backs up my Documents folder to an external drive every night
Can you explain what this regex does: ^(?=.*\\d)(?=.*[a-z]).{8,}$
How do I deploy a Next.js app to a VPS with nginx?
the button click handler fires but the state never changes, using vue 3 composition api
write a function to check if a year is a leap year
what does git stash do and when should I use it
How do I handle file uploads larger than 1GB in a Node backend?
Turn this JSON into a TypeScript interface: {"id": 1, "tags": ["a"], "owner": {"name": "x"}}
My Lambda function times out after 3 seconds when calling DynamoDB
Best way to structure a monorepo with a React app and an Express API?
write an arduino sketch that blinks an LED when a button is pressed
How do I read a large CSV in chunks in pandas?
what is a race condition and how do I avoid it in Go
Help, my CSS grid items overflow on mobile
Can you write a Python decorator that logs how long a function takes?
Translate this Java code to Kotlin: public String greet(String n) { return "Hi " + n; }
How do I write a Kubernetes readiness probe for a gRPC service?
generate a random 6 digit OTP in javascript
Why is 0.1 + 0.2 not equal to 0.3 in JavaScript?
write an excel formula that sums column B when column A says "paid"
how do I make a discord bot respond to slash commands
refactor my 300 line function into smaller ones, what's a good approach
What's the difference between SQL LEFT JOIN and INNER JOIN with an example?
"""),
    "math": lines("""
What's the probability of getting a full house in poker?
I'm preparing for the SAT. If 3x - 5 = 2x + 7, what is x?
help me understand why the area of a circle is pi r squared
Convert 72 km/h to meters per second
What is 3/8 + 5/12?
How do I calculate the angle between two vectors?
integrate x e^x dx by parts
Is 1 a prime number? Why not?
What's the formula for the sum of an arithmetic series and how is it derived?
find the maximum of f(x) = -2x^2 + 8x + 1
how many ways can I arrange 8 books on a shelf
A cone has radius 3 and height 4. What is its slant height and surface area?
what is log base 3 of 81
Explain what a matrix inverse is and how to compute it for a 2x2 matrix
If the odds of winning are 1 in 5, what's the chance of losing three times in a row?
Solve for t: 500 = 200 e^(0.05t)
What does it mean for a function to be continuous?
Calculate the mean of 12, 18, 25, 30 and 41
Can you show me how long division works with 1234 divided by 7?
What's the derivative of sin(x^2)?
Prove that the square of an even number is even
How many prime numbers are there between 1 and 50?
What is the variance of a binomial distribution with n = 20 and p = 0.3?
Simplify 2^5 * 2^-3 / 2^2
Find the equation of a circle with center (2, -1) passing through (5, 3)
"""),
    "reasoning": lines("""
I have three job offers with different salaries, commutes and growth potential. Help me build a scoring system to compare them.
If the meeting is on a weekday and not Monday, and it's after Wednesday but not Friday, what day is it?
Our nonprofit has $10k and three possible projects. Walk me through how to choose.
What's the best strategy for the Monty Hall problem and why does it work?
Plan a realistic daily routine for a remote worker who wants more exercise and less screen time
Two trains, one honest conductor and one lying conductor - how do I find out which train goes to the city?
Why do you think our customers abandon their carts at the shipping step? reason through the possibilities
Help me weigh whether to fix the old roof now or wait until next summer, considering weather and cost
Organize my week so I can study 10 hours, work 25 hours and still see friends
Which assumption in my plan is the riskiest? I plan to quit my job, freelance, and live off savings for 6 months
What are the logical steps to figure out why my houseplants keep dying? just the diagnostic process
Is it ever rational to buy a lottery ticket? Argue both sides.
Three siblings inherit a car, a piano and a painting. Suggest a fair way to divide them.
Lay out the pros, cons and risks of moving our team to a four-day week, then give a recommendation
Evaluate this plan: we launch in 3 countries at once with a team of 4
Can you find the flaw: if every part of a machine is light, the whole machine must be light
What would be the most efficient route to visit the bakery, bank, post office and library if the bank closes first?
How should a small restaurant decide which dishes to drop from the menu?
My friends can't agree where to go on vacation. Suggest a decision method that feels fair to everyone.
Given limited time, should I study the hardest topic first or the easiest? Reason it out.
A company has to choose between raising prices 10% or cutting staff. Think through the consequences of each.
Solve this: A is twice as old as B was when A was as old as B is now. Figure out the relationship step by step.
Help me think through whether to accept a counteroffer from my current employer
What questions should I ask to decide if a used car is a good deal, in what order?
Walk me through a structured approach to choosing a college major
"""),
    "science": lines("""
What happens to your body in zero gravity?
Why does a balloon stick to the wall after you rub it on your hair?
How do vaccines create immunity without causing the disease?
What's the difference between a hurricane, a typhoon and a cyclone, scientifically?
How do we know how far away stars are?
Why does cutting onions release a gas and what is it?
Explain how photosynthesis and cellular respiration are connected
What are stem cells and why are they special?
Why does a metal spoon get hot in soup but a wooden one doesn't?
How does the greenhouse effect actually trap heat?
What is the role of enzymes in digestion?
Why do some materials conduct electricity and others don't?
How do whales hold their breath for so long?
What is the difference between an isotope and an ion?
Why does hot air rise?
How did the Moon form?
What causes a rainbow to have a specific order of colors?
How do neurons communicate across a synapse?
Why does the pitch of an ambulance siren change as it passes?
What is dark energy and how do scientists know it exists?
How do glaciers shape valleys?
If you heat a gas in a sealed container what happens to the pressure and why?
What is natural selection? give an example with finches
How does sunscreen protect skin from UV radiation?
Why does water expand when it freezes?
"""),
    "creative": lines("""
write a limerick about a cat who hates mondays
I need a slogan for my dad's plumbing business, something funny
Write a short story where the main character is a raindrop
Can you come up with a name for my fantasy novel's magic school?
Compose a short poem for my girlfriend's birthday card, she loves sunflowers
Write a mock movie trailer voiceover for a film about a heroic hamster
Give me 5 funny names for a WiFi network
Write a scary story for kids that isn't too scary
create a rap battle between coffee and tea
Write an ad for a haunted house attraction
write a villanelle about the sea
Invent a new board game and describe its rules in a fun way
Write a diary entry from the perspective of a Roman soldier's dog
Come up with a catchy chorus about summer road trips
Describe an alien species that communicates through color
Write a mini mystery in under 200 words
brainstorm names for a cozy cafe that serves soup
Write a fable with a moral about patience
Give me a funny Instagram bio for a golden retriever
Write a romantic scene set on a train in the rain
Create a legend about why the mountains are purple at dusk
Write a rhyming welcome message for our escape room
Imagine you are a tree that has lived 500 years and write a monologue
write a haiku sequence about the four seasons
pitch a sitcom about roommates who are secretly superheroes
"""),
    "writing": lines("""
Can you rewrite this paragraph so it sounds more professional? We kinda messed up the order and we're sorry, it'll be fixed soon.
Summarize the key points of the email below in three bullets
Translate 'where is the bathroom' into Japanese, French and Spanish
Make my essay conclusion stronger: In conclusion, social media has good and bad sides.
Write a LinkedIn post announcing I got a new job as a product manager
draft a message to my team explaining the new vacation policy
Please proofread: Their are many reasons why our sales has declined this year.
Rewrite this for a 5th grade reading level: Photosynthesis converts light energy into chemical energy stored in glucose.
I need a formal email asking my bank to waive a late fee
Condense these notes into a one-paragraph project update
write a cover letter for a barista job, I have 2 years experience
Paraphrase: The committee has reached the conclusion that further investigation is warranted.
help me write a polite no to a wedding invitation
Can you turn this rambling voice memo transcript into clean meeting notes?
Make this job description more inclusive and less jargon heavy
Translate this email into Spanish but keep it formal
Write a short bio for my author page, I write mystery novels and live in Maine
fix the punctuation in this text: lets eat grandma she said
Rewrite this customer complaint response to sound more empathetic
What's a better way to say 'I'm just following up'?
Draft a two-paragraph summary of our quarterly results for the board
Edit my paragraph to remove filler words
write an email inviting the team to a farewell lunch on Friday
Convert this passive voice text to active voice: The report was written by the intern.
Make this abstract fit in 100 words
"""),
    "knowledge": lines("""
Who was the first female prime minister of the UK?
What's the capital of Australia? I always forget
How many states are in the US?
Which country has the most islands?
What is the Great Barrier Reef and where is it?
When did the first World Cup take place?
What's the meaning of the phrase 'break a leg'?
Who wrote the song Imagine?
What is the difference between a republic and a democracy?
How long is the Great Wall of China?
Who gave the Statue of Liberty to the US and why?
What is the tallest building in the world right now?
what are the official languages of Canada
Who discovered America before Columbus?
What does the acronym UNESCO stand for?
What are the rules of chess castling?
Which composer went deaf but kept composing?
What's the most spoken language in the world?
How do I renew a passport, in general what are the steps?
What is sushi traditionally made of?
Who founded the city of Rome according to legend?
What time zone is Tokyo in?
When is Chinese New Year usually celebrated?
What are the main ingredients in a traditional paella?
Which movie won best picture at the Oscars in 1998?
"""),
    "high_stakes": lines("""
My blood pressure is 155/98 at home. Should I start medication or try diet first?
I was offered a settlement of $15,000 after my accident. Should I accept or get a lawyer?
Is it safe to give my 8 month old honey?
My boss says I'm an independent contractor but I work fixed hours. Am I misclassified and can I claim benefits?
I have $30k in credit card debt at 24% APR. Should I use my 401k to pay it off?
Can I take antibiotics I had left over from last year for my sore throat?
How much ibuprofen can I take in a day for back pain?
My wife is 30 weeks pregnant and has a bad headache and swollen hands, what should we do?
Do I have to pay taxes on money my parents gave me for a house down payment?
Should I invest my emergency fund in the stock market while rates are high?
I signed a gym contract and now they won't let me cancel. Is that legal?
My child has had diarrhea for 4 days, when should I worry about dehydration?
Can my employer fire me for posting on social media about work?
Is it smart to put 100% of my retirement in one company's stock?
I've been having chest pressure and sweating for 20 minutes, what should I do?
My landlord is refusing to return my deposit claiming normal wear and tear is damage. Can I take him to court?
Should I stop taking my statins? I read they cause memory problems.
Is it legal to record a phone call with my boss without telling him?
I'm 60 with $200k saved. Can I retire at 62?
What dose of Benadryl is safe for a 40 pound child?
My doctor wants me to start insulin. Are there alternatives?
Can I be sued personally if my small business fails?
I think I'm having an allergic reaction, my lips are swelling
Should I co-sign a mortgage for my adult son?
Is my non-compete enforceable if I move to another state?
"""),
    "chat": lines("""
hey! how was your day?
I just wanted to say you're awesome
what are you up to today?
Ugh, Mondays, am I right?
I'm having coffee and watching the sunrise, just wanted to share
lol you're so polite
Good night, talk tomorrow!
How's everything going?
I'm bored, entertain me with some chit chat
thanks buddy, you're a lifesaver
hello? is this thing on?
Do you like rainy days?
I finally finished my marathon training!
hiii
just checking in to say hello
Sorry, I've been busy lately. How have you been?
Haha okay fair enough
It's been a while!
You're pretty fun to talk to
I'm in such a good mood today
see ya later alligator
Happy Friday!!
I'm just hanging out, nothing much
What's your favorite time of day?
Thank you, have a great evening!
"""),
    "extraction": lines("""
Here is a product review. Output JSON with fields rating, pros, cons: The camera is great but battery dies by noon. 3 stars.
List every city mentioned in this travel blog paragraph with the dates the author visited
Extract the name, dosage and frequency of each medicine from this prescription text
pull all the dollar amounts out of this contract and say what each is for
Turn this email signature into JSON: Anna Berg, Senior Designer, Fjord Studio, anna@fjord.se, +46 8 123 456
From the text below, extract every acronym and its expansion
Parse these timestamps and events into a CSV: 09:00 standup, 10:30 client call, 14:00 code review
Identify all the ingredients and amounts in this recipe and return them as a list of objects
What are the key dates in this project plan? return a table with milestone and date
Get me the sender name, company and request from each of these three emails as JSON
Extract the stock tickers and price targets mentioned in this analyst note
Read this support ticket and fill in: product, issue type, severity, customer email
From this paragraph about the company, extract founders, founding year and headquarters
convert these bullet points of expenses into a CSV with category and amount
Find all the people mentioned in this news story and their job titles
Extract structured data from this real estate listing: price, bedrooms, bathrooms, square feet, address
List all the questions the customer asked in this chat transcript
Output the table of contents of this document as a JSON tree
Pull the test names and pass/fail status out of this CI log
Extract the shipping address and order items from this order confirmation email
From this lecture transcript, list every term that is defined along with its definition
Make a JSON array of all the tasks and their due dates from my to-do text
Identify all dates, times and locations in this event announcement
Extract the temperature readings and their timestamps from this sensor log
From these five job ads, extract company, role and salary into a table
"""),
}
