"""`writing`: editing, proofreading, summarizing, rewriting, translating, and drafting functional prose."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "writing"

ROUGH = lines("""
me and him goes to the store yesterday and buyed some apple
Their going to announce the results tomorow, weather we like it or not.
I has attached the report, please let me know if their is any question.
The data shows that sales has increased alot since we launch the campaign.
Its important to make sure everyone know about the new policy before monday.
Could you please sent me the files, I am waiting since two days.
Despite of the rain we was able to finish the project on time.
Me and my team is very exciting to work with you on this project.
He don't know nothing about the meeting that happened last week.
The company have decided to postponed the event untill further notice.
i think we should of started earlier but its fine we will manage
Everyone have their own opinion but the decision have been made already.
""")
LANGUAGE = pool("Spanish", "French", "German", "Italian", "Portuguese", "Japanese", "Chinese", "Korean",
                "Dutch", "Polish", "Turkish", "Arabic", "Hindi", "Swedish", "Russian", "English", split=False)
PHRASE = lines("""
Thank you for your patience, we will get back to you shortly.
Where is the nearest train station?
The meeting has been moved to next Tuesday.
I would like to book a table for two at eight.
Please find the invoice attached.
Happy birthday, I hope all your wishes come true!
Our store is closed on Sundays.
Could you speak a little more slowly?
We are excited to welcome you to the team.
The package will arrive within three business days.
""")
RECIPIENT_PURPOSE = lines("""
my landlord asking to fix the heating
my manager requesting a day off next Friday
a client apologizing for a delayed delivery
my professor asking for an extension on my paper
a recruiter following up after an interview
a colleague declining a meeting politely
customers announcing a price increase
the team announcing that I'm leaving the company
a supplier asking for a discount on bulk orders
my neighbor about their dog barking at night
a hotel asking for a refund for a cancelled booking
a new hire welcoming them to the team
""")
DOCUMENT = lines("""
a cover letter for a junior data analyst position
a resignation letter that keeps things friendly
a LinkedIn summary for a nurse moving into healthcare IT
a short bio for a conference speaker page
a formal complaint letter to an airline about lost luggage
a reference letter for a former intern
meeting minutes from a project kickoff
a project status update for stakeholders
a thank-you note to my mentor
a personal statement for a master's application
an out-of-office message
a one-page executive summary of our quarterly results
a short speech for my team's end-of-year dinner
a newsletter intro for our community garden
a README introduction for our internal tool
""")
ESSAY_TOPIC = lines("""
the impact of social media on teenagers
why public libraries still matter
the pros and cons of remote work
climate change and individual responsibility
the role of technology in education
the history of the printing press
whether homework should be banned
the importance of sleep for students
""")
TONE = pool("more formal", "more casual", "friendlier", "more professional", "more concise", "more polite",
            "less aggressive", "more confident", "more persuasive", "warmer", "more neutral", "simpler",
            split=False)

FAMILIES = [
    Family(L, "summarize", (
        "[Summarize|Summarise|Can you summarize|Give me a summary of] [this|the following|this article|this text][:|]\n{=article}",
        "{=article}\n\n[TL;DR?|tldr|summarize in one sentence|give me the gist|summarize in 3 bullet points]",
        "[Summarize|Condense] this [email|message|thread] [in two sentences|briefly|for my boss]:\n{=email}",
        "Write a short summary of these notes for people who missed the meeting:\n{=notes}",
        "What's the main point of this paragraph? {=article}",
    )),
    Family(L, "proofread", (
        "[Fix the grammar|Correct the grammar|Proofread|Check the spelling and grammar] [in this sentence|in this|]: {rough}",
        "[can you|pls|] [correct|fix] this: {rough}",
        "Is this sentence grammatically correct? \"{rough}\"",
        "{rough}\n[fix grammar|proofread pls|correct my english please]",
        "Proofread my email before I send it:\n{=email}",
    ), {"rough": ROUGH}),
    Family(L, "tone", (
        "[Rewrite|Rephrase|Reword|Make] this [to sound|so it sounds|] {tone}: {=email}",
        "Can you make this email {tone}?\n{=email}",
        "{=email}\n\n[make it {tone}|rewrite {tone}|same message but {tone}]",
        "Rewrite this sentence to be {tone}: {rough}",
    ), {"tone": TONE, "rough": ROUGH}),
    Family(L, "translate", (
        "Translate [this|the following|this sentence] [to|into] {language}: {phrase}",
        "How do you say \"{phrase}\" in {language}?",
        "{phrase} -> {language}[ please|]",
        "[translate|Translate] to {language}[ and keep it formal|, casual tone|]:\n{=email}",
        "What does \"{foreign}\" mean in English?",
    ), {"language": LANGUAGE, "phrase": PHRASE,
        "foreign": pool("je ne sais pas", "wo ist der Bahnhof", "muchas gracias por todo", "ci vediamo domani",
                        "obrigado pela ajuda", "hasta luego", split=False)}),
    Family(L, "draft_email", (
        "Write an email to {recipient}.",
        "[Draft|Help me write|Can you write|Compose] [an email|a message|a short note|a polite email] to {recipient}",
        "I need to email {recipient}. [Keep it short and polite.|Make it firm but friendly.|What should I say?]",
        "[write|draft] a [text|slack message|short message] to {recipient}",
    ), {"recipient": RECIPIENT_PURPOSE}),
    Family(L, "draft_document", (
        "[Write|Draft|Help me write|Can you write] {document}.",
        "I need {document}. [Here are the key facts: 5 years of experience, team lead, moving cities.|Keep it under 200 words.|]",
        "[Please prepare|Put together] {document}[ based on my notes|].",
    ), {"document": DOCUMENT}),
    Family(L, "paraphrase_simplify", (
        "[Paraphrase|Reword|Put in your own words] this [paragraph|text|passage]: {=article}",
        "[Simplify|Rewrite] this for a [10-year-old|non-expert|general audience]:\n{=article}",
        "{=article}\n[explain this in plain English|rewrite this so it's easier to read|make this less wordy]",
    )),
    Family(L, "length", (
        "[Shorten|Cut down|Trim] this to [under 100 words|50 words|one paragraph|a single sentence]: {=article}",
        "[Expand|Flesh out|Turn] these [bullet points|notes] into [a paragraph|a full email|a proper report]:\n{=notes}",
        "Make this longer and more detailed without changing the meaning:\n{=email}",
    )),
    Family(L, "outline_essay", (
        "[Write|Draft] a [500-word|short|five-paragraph|persuasive|argumentative] essay on {essay}",
        "[Make|Create|Give me] an outline for an essay about {essay}",
        "Help me write the introduction for my essay on {essay}.",
        "I'm writing a report on {essay}. [How should I structure it?|Draft a thesis statement.]",
    ), {"essay": ESSAY_TOPIC}),
    Family(L, "feedback", (
        "Give me feedback on my [intro|paragraph|cover letter opening|essay conclusion]: \"{=article}\"",
        "How can I improve the flow of this [text|paragraph]?\n{=article}",
        "Edit this for clarity and concision:\n{=email}",
        "[Review|Critique] my writing and suggest edits: {rough}",
    ), {"rough": ROUGH}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
can you make my cover letter sound less desperate
Summarize the plot of this chapter I pasted below in 3 sentences
translate 'good morning, how did you sleep' to italian
fix my grammer: i has went to the store
Rewrite this paragraph in active voice.
Write a polite reminder to a client who hasn't paid
help me write a resignation letter
Make this tweet shorter, it's 320 characters
Draft an apology email to my team for missing the deadline
Proofread my abstract for typos please
How do I say 'I'm allergic to peanuts' in Thai?
Turn my bullet points into a professional bio
Can you rewrite this so a kid can understand it?
write a short thank you note for a birthday gift from my aunt
Condense this 2-page memo into a half-page brief
Improve the wording of my LinkedIn headline: 'hardworking guy who likes computers'
write a formal letter requesting a transcript from my university
summarize this article for me
rephrase 'per my last email' so it sounds less passive aggressive
Translate this menu into English
Can you edit my college essay for flow and grammar?
Write meeting notes from this transcript
help me word a message to my roommate about cleaning
Write a complaint to my internet provider about slow speeds
Make this sound more confident: 'I think maybe I could possibly lead the project'
Reduce the word count of my essay by 20% without losing the argument
Write an executive summary of the attached report
Check this sentence: 'Who's book is this?'
Convert this informal message into a formal business email
write a short farewell message to a colleague
Give me a concise version of this paragraph
draft a welcome email for new newsletter subscribers
rewrite my personal statement intro to be more engaging
Write an obituary for my grandfather, he was a carpenter who loved fishing
Help me write a toast-free, professional retirement announcement for our CFO
Please translate this paragraph to German and keep the formal tone
Summarize this YouTube transcript into key takeaways
Can you polish this product update email before I send it?
Write a letter of recommendation for my student
Shorten this abstract to 150 words
""")
