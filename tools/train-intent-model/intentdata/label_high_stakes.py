"""`high_stakes`: medical, legal or financial advice where a wrong answer can hurt health, rights or money."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "high_stakes"

SYMPTOM = lines("""
chest pain when I climb stairs
a headache that won't go away
numbness in my left arm
blood in my urine
a fever of 39.5
shortness of breath at night
a lump in my breast
sudden blurry vision
severe stomach pain on the right side
a rash that is spreading
dizziness every time I stand up
heart palpitations
a cough with green mucus
swollen ankles
ringing in my ears
tingling in my feet
a mole that changed shape
unexplained weight loss
""")
DURATION = pool("two days", "a week", "three weeks", "a month", "since yesterday", "on and off for months",
                split=False)
DRUG = pool("ibuprofen", "paracetamol", "acetaminophen", "aspirin", "amoxicillin", "sertraline", "melatonin",
            "warfarin", "metformin", "Adderall", "Xanax", "prednisone", "lisinopril", "birth control pills",
            "antihistamines", "St John's wort", "codeine", "omeprazole", split=False)
PERSON = pool("a 2-year-old", "my 70-year-old mother", "someone with kidney problems", "a pregnant woman",
              "me, I weigh 55 kg", "a teenager", "my dad who has high blood pressure", split=False)
LEGAL_SITUATION = lines("""
My landlord kept my whole deposit and won't say why
My employer hasn't paid me overtime for three months
I was fired the day after I reported harassment
My ex won't let me see our kids even though we share custody
A contractor took a $5,000 deposit and disappeared
I got a letter saying I'm being sued for a debt I don't recognize
My neighbor's tree fell on my car
I was in a car accident and the other driver has no insurance
My boss wants me to sign a non-compete after I've already started
Someone is using my photos on their business website without permission
The police searched my car without asking
My landlord wants to evict me with one week's notice
My company says I have to repay my training costs if I quit
I received a cease and desist letter about my app's name
""")
LEGAL_ACTION = lines("""
file for divorce
sue someone in small claims court
contest my father's will
respond to a subpoena
trademark my business name
get out of a lease early
fight a speeding ticket
set up power of attorney for my mother
report wage theft
appeal a denied insurance claim
""")
INVEST = lines("""
put all my savings into Bitcoin
invest my emergency fund in index funds
take out a loan to buy stocks
cash out my 401k to pay off credit card debt
buy a house now or keep renting
put my inheritance into a single tech stock
refinance my mortgage at 6.5%
use a margin account to invest
buy gold as a hedge against inflation
lend my brother $20,000
invest in my friend's startup
take a payday loan to cover rent
co-sign my friend's car loan
stop paying into my pension to pay off student loans
""")
AMOUNT = pool("$5,000", "$20k", "$150,000", "10,000 euros", "£40k", "$800", "my entire $60,000 savings",
              split=False)
TAX = lines("""
deduct my home office if I'm a part-time freelancer
claim my parents as dependents
avoid paying tax on crypto gains
file taxes late without a penalty
report income from selling things on eBay
handle taxes on stock options when I leave my job
get back taxes forgiven
""")

FAMILIES = [
    Family(L, "symptoms", (
        "I've had {symptom} for {duration}. [Should I see a doctor?|Is this serious?|What could it be?|Should I go to the ER?]",
        "[What could cause|What causes|Is it dangerous to have] {symptom}?",
        "{symptom} [for|since] {duration} - [should I be worried|do I need urgent care|what should I do]",
        "My [husband|wife|son|daughter|mom|dad|friend] has {symptom}. [What should we do?|Is it an emergency?|Could it be a heart attack?]",
        "I'm {age} and I have {symptom}. [What's the likely diagnosis?|Do I need tests?|How should I treat it at home?]",
    ), {"symptom": SYMPTOM, "duration": DURATION,
        "age": pool("32", "45 and diabetic", "67", "19", "pregnant", "58 with a heart condition", split=False)}),
    Family(L, "medication", (
        "Can I take {drug} with {drug2}?",
        "Is it safe to take {drug} [while pregnant|while breastfeeding|with alcohol|every day|on an empty stomach]?",
        "What is the [maximum|right|safe] dose of {drug} for {person}?",
        "I [missed|doubled] my dose of {drug}. What should I do?",
        "Should I stop taking {drug}? [It makes me feel dizzy.|My doctor is on vacation.|I feel better now.]",
        "how much {drug} can I give {person}",
    ), {"drug": DRUG, "drug2": DRUG, "person": PERSON}),
    Family(L, "results", (
        "My {test} came back at {value}. Is that [bad|dangerous|normal]? What should I do?",
        "These are my lab results, what do they mean for me? {=notes}",
        "{=notes}\n[Is this something to worry about?|Should I change my medication?|What treatment do I need?]",
        "My doctor said my {test} is {value}. Do I need medication?",
    ), {"test": pool("blood pressure", "cholesterol", "A1C", "TSH", "PSA", "white blood cell count",
                     "blood sugar", "vitamin B12", split=False),
        "value": pool("160/100", "high", "borderline", "7.2%", "very low", "out of range", "240", split=False)}),
    Family(L, "mental_health", (
        "I've been feeling [hopeless|numb|anxious all the time|unable to get out of bed] for [weeks|months]. [Do I have depression?|What should I do?|Should I get medication?]",
        "My [friend|partner|teenager] [talks about not wanting to live|stopped eating|is self-harming]. How do I help them?",
        "Can I stop my antidepressants [cold turkey|on my own|if I feel fine]?",
    )),
    Family(L, "legal_situation", (
        "{legal}. [What are my rights?|Can I sue?|What should I do legally?|Is this legal?]",
        "{legal}. [Do I need a lawyer?|What are my options?|How do I protect myself?]",
        "[Legal question|Need legal advice|Quick legal q]: {legal}. [What can I do?|Is that allowed?]",
        "[I live in California|I'm in the UK|I'm in Ontario|I'm in Germany]. {legal}. [What does the law say?|What should my next step be?]",
    ), {"legal": LEGAL_SITUATION}),
    Family(L, "contract_clause", (
        "Is this clause enforceable? {=clause}",
        "My contract says: \"{=clause}\" [Should I sign it?|Is that legal?|Can they really do that?]",
        "{=clause}\n[Can I negotiate this before signing?|Would this hold up in court?|What are the risks for me if I sign?]",
        "Before I sign my [lease|employment contract|freelance contract], is this fair and legal? {=clause}",
    )),
    Family(L, "legal_process", (
        "How do I {legal_action}? [Do I need a lawyer?|What are the deadlines?|What happens if I lose?]",
        "[Can I|Should I] {legal_action} myself [without a lawyer|or hire an attorney]?",
        "What are my chances if I {legal_action}?",
    ), {"legal_action": LEGAL_ACTION}),
    Family(L, "immigration_benefits", (
        "Can I [work|start a business|travel abroad] while on a {visa}?",
        "[My visa expires|My green card application was denied|I overstayed my visa] [next month|last week]. What should I do?",
        "Will [a DUI|an old arrest|unpaid taxes] affect my {visa} application?",
    ), {"visa": pool("student visa", "H-1B", "tourist visa", "work permit", "green card", "spousal visa",
                     split=False)}),
    Family(L, "invest", (
        "Should I {invest}?",
        "Is it a good idea to {invest}? [I'm 28 with no debt.|I'm 55 and close to retirement.|I have two kids and a mortgage.|]",
        "I have {amount}. [Should I|Would it be smart to] {invest}?",
        "[Financial advice please|Need money advice]: thinking about whether to {invest}. [What would you do?|What are the risks for me?]",
    ), {"invest": INVEST, "amount": AMOUNT}),
    Family(L, "debt_tax", (
        "I owe {amount} [on credit cards|in student loans|to the IRS|in medical bills]. [Should I declare bankruptcy?|What should I pay first?|Should I consolidate?]",
        "Can I {tax}?",
        "How do I {tax} [without getting audited|legally|]?",
        "[tax question|Tax advice]: can I {tax}?",
    ), {"amount": AMOUNT, "tax": TAX}),
    Family(L, "insurance_retirement", (
        "Which [health insurance plan|life insurance policy|retirement plan] should I choose? {plans}",
        "Should I [buy|cancel] [life insurance|disability insurance|my health insurance] [at 30|now that I'm self-employed|before surgery]?",
        "Is it better for me to [take the lump sum or the annuity|retire at 62 or 67|roll over my 401k into an IRA]?",
        "How much should I [have saved for retirement|put in my emergency fund|contribute to my pension] given {situation}?",
    ), {"plans": lines("""
One has a $500 deductible and $400 premium, the other a $3000 deductible and $150 premium.
My employer offers a PPO and an HDHP with an HSA.
I have a chronic condition and see specialists often.
"""), "situation": lines("""
I'm 40 and make $85k
I'm a freelancer with irregular income
we have two kids and one income
I just inherited $100k
""")}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
is it safe to take ibuprofen after drinking last night
my baby has a fever of 40 and won't stop crying what do i do
Can my landlord enter my apartment without telling me?
should I put my savings in an index fund or pay off my car loan first
I think I broke my toe, do I need an x-ray?
What happens legally if I break my lease 6 months early?
Is it legal for my employer to read my private messages on my work laptop?
I found a lump under my armpit, should I be worried?
Should I sell my stocks now that the market is crashing?
how many milligrams of melatonin is safe for a 5 year old
my doctor prescribed antibiotics but I feel better, can I stop taking them
Can I get fired for being pregnant?
I was bitten by a stray dog, do I need a rabies shot?
Is it worth buying a house with an adjustable rate mortgage right now?
My insurance denied my surgery claim. How do I appeal?
Can I mix alcohol with my anxiety medication?
What should I do if I can't afford to pay my taxes this year?
my chest hurts when I breathe deeply, what could it be
Is my prenup valid if I signed it the day before the wedding?
Should I take Social Security at 62?
I accidentally took two doses of my blood pressure pill, is that dangerous?
Am I liable if someone slips on my icy sidewalk?
How much should I invest in crypto with a $50k salary?
I keep having panic attacks at work, should I ask for medication?
My company is going bankrupt, what happens to my unpaid salary?
Can I sue my doctor for a misdiagnosis?
Is it okay to take expired antibiotics?
should i file chapter 7 or chapter 13
My elderly dad fell and now seems confused, should we go to the hospital?
What legal steps do I need to take to start an LLC and protect my personal assets?
My tenant stopped paying rent, can I change the locks?
Is it safe to exercise with a heart murmur?
Should I lump-sum pay off my student loans with my bonus or invest it?
Can my ex take the kids out of the country without my permission?
I'm on blood thinners and need dental surgery, what should I do?
is this mole cancer? it's dark and has irregular edges
What are the tax consequences if I sell my rental property this year?
Should I sign a settlement offer from the other driver's insurance?
My son swallowed a button battery, what do I do
Can I be deported for a misdemeanor?
""")
