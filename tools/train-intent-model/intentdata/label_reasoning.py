"""`reasoning`: logic puzzles, multi-step analysis, planning, decisions and trade-offs, critiques of arguments."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "reasoning"

PUZZLE = lines("""
All bloops are razzies and all razzies are lazzies. Are all bloops definitely lazzies?
Some cats are black. All black things absorb heat. Can we conclude that some cats absorb heat?
On an island, knights always tell the truth and knaves always lie. A says "B is a knave". B says "A and I are the same type". What are A and B?
Five houses in a row are painted different colors. The green house is right of the white one, the red house is in the middle, and the blue house is at the left end. Which positions are possible for green?
Tom is taller than Ann, Ann is taller than Raj, and Raj is taller than Mei. Who is the second shortest?
A farmer must cross a river with a wolf, a goat and a cabbage, and the boat holds only one item at a time. How does he get everything across?
You have two ropes that each burn for exactly one hour but unevenly. How do you measure 45 minutes?
There are three boxes labeled apples, oranges, and mixed, and every label is wrong. You may pick one fruit from one box. How do you relabel them?
If it rains, the match is cancelled. The match was not cancelled. What can you conclude?
I have 12 coins and one is counterfeit and lighter. With a balance scale, how many weighings do I need to find it?
Four people need to cross a bridge at night with one flashlight; they take 1, 2, 5 and 10 minutes. What is the fastest way?
Exactly one of these statements is true: the key is in box A; the key is not in box B; the key is not in box A. Where is the key?
Alice says Bob is lying. Bob says Carol is lying. Carol says both Alice and Bob are lying. Who is telling the truth?
If no doctors are lazy and some runners are doctors, which of these must be true: some runners are not lazy; all runners are lazy?
A is the father of B, but B is not the son of A. How is that possible?
Every student in the club plays chess or go, 14 play chess, 9 play go and 5 play both. How many students are in the club?
You meet two guards at two doors: one always lies and one always tells the truth. One door leads out. What single question do you ask?
Monday's meeting is two days before the review, and the review is the day after Wednesday. Is the meeting on Monday possible?
""")
RIDDLE = lines("""
A man pushes his car to a hotel and tells the owner he is bankrupt. Why?
What gets wetter the more it dries?
A woman shoots her husband, holds him underwater for five minutes, then hangs him. Later they go out to dinner. How?
I speak without a mouth and hear without ears. What am I?
A man lives on the 10th floor but takes the elevator only to the 7th unless it is raining. Why?
What has keys but cannot open locks?
The more you take, the more you leave behind. What are they?
""")
PLAN_GOAL = lines("""
a 5-day trip to Japan on a $2,000 budget
a study plan to pass the AWS certification in 6 weeks
a weekly schedule that fits work, gym three times a week and learning Spanish
a move to a new apartment in two weeks with a full-time job
the launch of a small online store over the next month
a wedding for 60 guests in four months
a week of dinners for a family of four with one vegetarian
my thesis writing so I finish in 10 weeks
a road trip from Chicago to Denver with two kids
a product roadmap for the next quarter with three engineers
a 3-month plan to get back into running after an injury-free break
a weekend hackathon with a team of four
a garage sale for next Saturday
onboarding a new hire in their first two weeks
""")
DECISION = lines("""
learn Rust or Go next
take the job with the higher salary or the one with better mentorship
move to a bigger city or stay in my hometown
do a master's degree now or work for a few years first
rebuild our app from scratch or refactor it gradually
hire a senior engineer or two juniors
rent a car or use trains for a trip through Italy
host the team offsite in the mountains or at the beach
launch now with fewer features or wait two months
use a spreadsheet or buy project management software for a team of five
go to my friend's wedding or my cousin's graduation on the same day
focus on mobile first or web first for our startup
""")
COMPARE = lines("""
working from home versus working in an office
public transit versus owning a car in a mid-sized city
monoliths versus microservices for a three-person team
hiring contractors versus full-time staff for a short project
a four-day work week versus flexible hours
paper books versus e-readers for a student
open-plan offices versus private offices
""")
ANALYSIS = lines("""
Our website signups dropped 30% last week even though traffic stayed the same. How should we figure out why?
The team keeps missing sprint deadlines even though everyone works overtime. What could be going on?
Customer complaints doubled after we switched to a new courier. How do I work out whether the courier is really the cause?
Our cafe is busy on weekends but empty on weekdays. Think through what could explain it and what to test first.
Two of our best employees quit in the same month. What are the possible root causes and how would you investigate?
Our app ratings fell from 4.6 to 3.9 after the last release but crash rates are unchanged. What might explain that?
Attendance at our community meetups has been falling for six months. Walk me through a structured way to diagnose it.
Sales are up but profit is down this quarter. What are the possible explanations?
""")
ESTIMATE = lines("""
How many piano tuners are there in Chicago?
How many golf balls fit in a school bus?
How many words does an average person speak in a lifetime?
How many pizzas are eaten in New York City every day?
How many windows are there in Manhattan?
How much water does a city of 1 million people use in a day?
How many smartphones are sold worldwide every year?
How many dentists does a town of 50,000 need?
""")
HYPOTHETICAL = lines("""
a city made all public transport free
a company switched to a four-day week without cutting pay
a school banned homework completely
our team stopped having any meetings for a month
a small town replaced its only supermarket with an online delivery service
a country required every new building to have a green roof
""")

FAMILIES = [
    Family(L, "logic_puzzle", (
        "{puzzle}",
        "{puzzle} [Explain your reasoning.|Think step by step.|Walk me through the logic.|]",
        "[Logic puzzle|Brain teaser|Here's a puzzle]: {puzzle}",
        "Can you solve this? {puzzle}",
    ), {"puzzle": PUZZLE}),
    Family(L, "riddle", (
        "{riddle}",
        "[Riddle|Here's a riddle|riddle for you]: {riddle}",
        "{riddle} [I've been stuck on this for an hour.|What's the answer and why?|]",
    ), {"riddle": RIDDLE}),
    Family(L, "planning", (
        "[Plan|Help me plan|Can you plan|Make a plan for|I need a plan for] {goal}.",
        "[Create|Draft|Put together] a step-by-step plan for {goal}[, with priorities and a timeline|, considering my constraints|].",
        "How should I organize {goal}? [Break it into steps.|What should I do first?|]",
        "I want {goal}. [What's a realistic schedule?|Which tasks come first and what can run in parallel?|Help me sequence the work.]",
    ), {"goal": PLAN_GOAL}),
    Family(L, "decision", (
        "Should I {decision}? [Help me think it through.|Walk me through the trade-offs.|What would you weigh?|]",
        "I can't decide whether to {decision}. [Give me a framework to decide.|What questions should I ask myself?|Pros and cons?]",
        "Help me decide: {decision}. [Context: I'm risk averse and have limited time.|I care most about long-term growth.|]",
        "What factors matter when deciding whether to {decision}?",
    ), {"decision": DECISION}),
    Family(L, "compare", (
        "Compare {compare}. [Which is better and under what conditions?|Weigh the pros and cons.|]",
        "[What are the trade-offs of|Analyze] {compare}[ for a small team|]",
        "{compare}: [give me a balanced analysis|which would you recommend and why?|argue both sides]",
    ), {"compare": COMPARE}),
    Family(L, "argument_critique", (
        "What's the [logical flaw|fallacy|problem] in this argument? {=argument}",
        "Is this reasoning valid? \"{=argument}\"",
        "{=argument}\n[Does this argument hold up?|Name the fallacy and explain.|Critique this reasoning.]",
        "[Evaluate|Analyze] the following argument step by step: {=argument}",
    )),
    Family(L, "root_cause", (
        "{analysis}",
        "{analysis} [Give me hypotheses ranked by likelihood.|What data would you look at?|]",
        "[Think this through with me:|Help me reason about this:] {analysis}",
    ), {"analysis": ANALYSIS}),
    Family(L, "estimation", (
        "{estimate} [Estimate it step by step.|Give me a Fermi estimate.|Show your assumptions.|]",
        "[Fermi question|Estimation question]: {estimate}",
        "Roughly estimate: {estimate} Explain how you got there.",
    ), {"estimate": ESTIMATE}),
    Family(L, "hypothetical", (
        "What would happen if {hypo}? [Think through the second-order effects.|Consider winners and losers.|]",
        "Suppose {hypo}. [Walk through the likely consequences step by step.|What trade-offs would appear?]",
        "Analyze the consequences if {hypo}.",
    ), {"hypo": HYPOTHETICAL}),
    Family(L, "constraints", (
        "I need to schedule {people} into {slots} so that {constraint}. Is it possible, and how?",
        "[Constraint puzzle|Scheduling problem]: {people}, {slots}, and {constraint}. Find a valid arrangement.",
        "Seat {people} at a table so that {constraint}. How many valid arrangements are there and what are they?",
    ), {"people": pool("Ana, Ben, Carl and Dee", "five interns", "four speakers", "three teams", "six guests",
                       split=False),
        "slots": pool("three time slots", "two rooms", "Monday to Friday", "four presentation slots",
                      "two shifts", split=False),
        "constraint": lines("""
Ana and Ben are never together
nobody works two days in a row
the two managers are not in the same slot
Carl must go before Dee but after Ana
each room has at least one senior person
""")}),
    Family(L, "prioritize", (
        "We have these tasks: {tasks}. [How should we prioritize them|What order makes sense] given {limit}?",
        "Prioritize this backlog and explain the reasoning: {tasks}.",
        "I have {limit} and need to do {tasks}. What's the smartest order?",
    ), {"tasks": lines("""
fix the checkout bug, redesign the homepage, add dark mode, write onboarding docs
file taxes, prepare a client pitch, clean the garage, book flights
hire a designer, migrate the database, answer support backlog, plan the offsite
study for two exams, finish a group project, apply for an internship
"""), "limit": pool("one week", "two people", "a tight budget", "only evenings free",
                                 "a launch in ten days", split=False)}),
    Family(L, "game_strategy", (
        "In {game}, {gamesit}. What's the best move and why?",
        "What's a good strategy for {game} [against a beginner|if I go second|with limited resources|]?",
        "Think through the optimal strategy for {game}.",
    ), {"game": pool("tic-tac-toe", "chess", "Connect Four", "the game of Nim with 3 piles", "poker", "Monopoly",
                     "rock-paper-scissors against a predictable opponent", "Settlers of Catan", split=False),
        "gamesit": lines("""
my opponent took the center first
I'm ahead but low on time
there are two moves that both look good
my opponent keeps repeating the same pattern
""")}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
If Sally has 3 brothers and each brother has 2 sisters, how many sisters does Sally have?
think step by step: which weighs more, a kilo of feathers or a kilo of steel?
help me figure out the best order to do my errands: post office, gym, groceries, pharmacy closes at 5
My team can't agree on a tech stack. How do I run a fair decision process?
Is it better to pay with cash or card when traveling abroad? think about fees, safety and convenience
What's wrong with the logic "I've flipped heads 5 times so tails is due"?
Plan my Saturday: I need to clean, do laundry, see a friend at 2pm and be home by 7
should our startup build or buy an analytics tool? walk through the considerations
We have 3 candidates for one role. One is experienced but expensive, one is cheap but junior, one is a culture fit but slow. Help me reason about it.
Why might a bigger team ship slower? Reason it out.
i have 4 exams in 5 days, how should i split my study time
Rank these options for reducing our team's meeting load and justify the ranking.
What are the hidden assumptions in the statement "more police always means less crime"?
Three friends split a bill unevenly; explain a fair way to settle who owes whom.
There are 100 lockers and 100 students who toggle them; which lockers stay open at the end and why?
Break down the decision of whether to repair my old laptop or buy a new one.
If all my meetings start late because the previous one runs over, what systemic fix would you suggest?
Walk me through how you'd decide which city to open our second store in.
Who owns the fish? The Brit lives in the red house, the Swede keeps dogs, the Dane drinks tea...
Come up with a step by step approach to decluttering an entire house in a month
What are the weak points in my plan to learn piano in 3 months by practicing only on weekends?
We need to cut 20% of our event budget. What would you cut first and why?
if every time I add a feature two bugs appear, what process problems might be at play
Evaluate whether it makes sense to carpool with my coworker given we start at different times
Which is the better deal overall, a gym 10 minutes away or a cheaper one 30 minutes away? reason it through
How would you approach untangling a project that is three months late?
Solve: five pirates must divide 100 gold coins by voting. What does the oldest pirate propose?
Let's reason about why our volunteer sign-ups fall in December.
My sister always wins at Monopoly. What strategy is she probably using?
""")
