"""`extraction`: structured output (JSON, CSV, tables, lists of fields) pulled out of text given in the prompt."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "extraction"

FIELDS = lines("""
all names and dates
the sender, the recipient and the main request
every person, organization and location
the amounts, invoice numbers and due dates
product names, quantities and prices
the phone numbers and email addresses
all deadlines and who owns them
the order number and the customer's complaint
the company names and their revenue figures
every date and the event that happens on it
the decisions made and the open questions
the key numbers
the dosages and medication names
the addresses
""")
FORMAT = pool("JSON", "a JSON object", "a JSON array", "CSV", "a markdown table", "a table", "YAML",
              "key: value pairs", "a bulleted list", "JSON with keys name, date, amount", split=False)
SCHEMA = lines("""
{"name": string, "email": string, "company": string}
{"date": "YYYY-MM-DD", "amount": number, "currency": string}
{"items": [{"product": string, "qty": number, "price": number}]}
{"people": [string], "places": [string], "organizations": [string]}
{"action_items": [{"owner": string, "task": string, "due": string}]}
{"sentiment": "positive|negative|neutral", "topics": [string]}
""")
RESUME = lines("""
Jane Doe - jane.doe@mail.com - 555-0199. Software engineer at Acme (2019-2024), Python, Go, AWS. BSc Computer Science, University of Leeds 2019.
Carlos Mendes, Lisbon. Marketing manager, 8 years. Skills: SEO, Google Ads, copywriting. Previously at BrightSide Media and Loja Verde. Speaks Portuguese, English, Spanish.
Dr. Aisha Khan, pediatrician, board certified 2015, St. Mary's Hospital 2016-present, fellowship at Boston Children's, contact akhan@clinic.org.
""")
REVIEWS = lines("""
1) Great battery life but the screen scratches easily. 2) Terrible customer service, never again. 3) Does the job, nothing special.
The pasta was amazing, service slow, prices fair. Would come back for the dessert alone.
Shipping took 3 weeks and the box was damaged, but the lamp itself works perfectly and looks great.
""")

FAMILIES = [
    Family(L, "fields_json", (
        "Extract {fields} from this [text|email|message|document] [as|into|and return] {format}:\n{=email}",
        "{=email}\n\n[Extract|Pull out|Get] {fields} [as|in] {format}",
        "From the following text, extract {fields}. Return {format} only.\n{=article}",
        "[Parse|Read] this and [return|give me|output] {fields} as {format}: {=notes}",
        "Return {format} with {fields} found in:\n{=notes}",
    ), {"fields": FIELDS, "format": FORMAT}),
    Family(L, "list_all", (
        "List [all|every one of] the [dates|names|numbers|email addresses|places|companies|dollar amounts] [mentioned|that appear] in this text: {=article}",
        "Find every [date|person|price|URL|phone number] in the following and list them one per line:\n{=email}",
        "{=notes}\n[which dates are mentioned?|list the people mentioned|list every number with what it refers to]",
    )),
    Family(L, "table_convert", (
        "Convert this [table|data|CSV|log] to {format}:\n{=table}",
        "{=table}\n\n[turn this into JSON|make this a markdown table|give me this as a list of objects|convert to YAML]",
        "Parse these [log lines|rows|records] into {format} with one entry per line:\n{=table}",
        "Restructure this data as {format} [with proper types|and normalize the dates|with snake_case keys|]:\n{=table}",
    ), {"format": FORMAT}),
    Family(L, "schema_fill", (
        "Fill this schema from the text below.\nSchema: {=schema}\nText: {=email}",
        "Given the JSON schema {=schema}, extract the matching fields from:\n{=notes}",
        "{=article}\n\nOutput JSON matching {=schema}. [No extra text.|Use null for missing fields.|]",
    ), {"schema": SCHEMA}),
    Family(L, "action_items", (
        "Extract the action items [and owners|with owners and due dates|] from these [meeting notes|notes|minutes][ as a checklist| as JSON| as a table|]:\n{=notes}",
        "{=notes}\n\n[who owns what? list each task with its owner and deadline|pull out the to-dos as JSON]",
        "Make a structured list of tasks, owners and deadlines from this email: {=email}",
    )),
    Family(L, "ner", (
        "[Identify|Tag|Find] the [people, organizations and locations|named entities|companies and products] in this [paragraph|text]:\n{=article}",
        "Do named entity recognition on: {=article}",
        "Label each entity in the following text with its type (PERSON, ORG, LOC, DATE):\n{=email}",
    )),
    Family(L, "receipt_invoice", (
        "From this [receipt|invoice|order confirmation], get the [total, tax and merchant|date, items and total|invoice number and amount due] as {format}:\n{=table}",
        "{=table}\n[what's the total? return item, qty, price as JSON|extract the line items into CSV]",
        "Read this invoice email and give me {format} with amount, due date and invoice number: {=email}",
    ), {"format": FORMAT}),
    Family(L, "resume_parse", (
        "Parse this resume into JSON with name, contact, skills and experience: {resume}",
        "{resume}\n[extract the candidate's skills and employers as a list|give me name, email, years of experience as JSON]",
        "Pull the structured fields (name, title, employers, education) out of this profile: {resume}",
    ), {"resume": RESUME}),
    Family(L, "review_tagging", (
        "For each review, extract [the sentiment and the product aspect mentioned|pros and cons|a rating from 1 to 5 and the main complaint] as JSON:\n{reviews}",
        "{reviews}\n\n[Tag each review with sentiment (positive/negative/mixed) in a table|List each aspect mentioned and its sentiment as key-value pairs]",
        "Classify each sentence below as complaint, praise or neutral and return a JSON array:\n{reviews}",
    ), {"reviews": REVIEWS}),
    Family(L, "address_contact", (
        "Split this address into street, city, postal code and country as JSON: {address}",
        "Get the contact details from this signature as {format}:\n{signature}",
        "normalize these into structured fields (name, phone, email): {signature}",
    ), {"address": lines("""
221B Baker Street, London NW1 6XE, United Kingdom
1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA
Calle de Alcala 42, 28014 Madrid, Spain
Unit 5, 12 Harbour Rd, Wellington 6011, NZ
"""), "signature": lines("""
Maria Rossi | Head of Sales | Northwind Ltd | +44 20 7946 0958 | maria.rossi@northwind.co.uk
-- Ben Ode, CTO, Loop Labs, ben@looplabs.io, cell 415-555-0101
Dr. P. Singh / Cardiology Dept / City Hospital / ext. 4412 / psingh@cityhosp.org
"""), "format": FORMAT}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
extract all the dates from this email and return them as a JSON list
Pull the names and phone numbers out of this text into a table
give me a JSON object with title, author and year from this citation: Orwell, G. (1949). Nineteen Eighty-Four. Secker & Warburg.
From the paragraph below, list every company mentioned and its country
convert this list of addresses into CSV with columns street, city, zip
What are the amounts and due dates in this invoice? answer as json
Extract the ingredients and quantities from this recipe as a table
return the key fields from this shipping notification as JSON: tracking number, carrier, ETA
Parse 'Meeting with Dr. Lee on 3/14 at 2pm in Room 204' into date, time, person, location
Find all the URLs in this text and output them one per line
turn these survey answers into a CSV with one column per question
Extract the medication names and doses from this discharge note as JSON
Give me the subject, sender and date of each email in this thread as a table
Identify every hashtag and mention in these tweets and return a JSON array
pull the error codes and timestamps from this log into a table
From this job posting, extract salary range, location and required skills as JSON
List all the characters mentioned in this passage with the line where they first appear
Turn this free-text product spec into key value pairs
Extract the flight number, departure time and gate from this boarding pass text
Can you structure this contact list into JSON objects? John 555-1234 john@x.com, Amy 555-9876 amy@y.org
Make a table of the countries and capitals mentioned in the text
extract each question from this FAQ page as a JSON array of {question, answer}
Pull out all the numbers with their units from this paragraph
Convert these bank transactions into CSV with date, description, amount
From these notes, extract decisions, owners and deadlines as JSON
Identify the dates and amounts in this lease and return them as key: value
What products and prices are listed here? give me JSON
get the start and end times of each session from this conference agenda as a table
Extract the title, price and rating of each product from this scraped HTML text
parse this address block and give me the zip codes only as a list
Fill in this form from the email: name, company, meeting date, budget
Return a YAML list of the people and their roles described in this paragraph
Extract key-value pairs from this config description
Make a JSON array of every event in this timeline with year and description
Tag each sentence in this paragraph with its sentiment as JSON
Extract the author, publication date and headline from this article
List the attendees and their companies from this meeting invite
Extract every ISBN number from this bibliography
Read this receipt and give me merchant, total and date as JSON
from this chat log, extract who agreed to what in a table
""")
