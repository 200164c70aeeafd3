"""Hand-written text that prompts paste in: code, logs, prose, emails, notes, clauses, tables.

The same pasted material appears under several labels (summarize it, extract from it, judge it, fix it), so the
model has to read the instruction rather than the payload. Every pool is split: dev pastes are never in train.
"""
from __future__ import annotations

from .grammar import Pool

CODE = Pool((
    "def average(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total / len(xs)",
    "function debounce(fn, ms) {\n  let t;\n  return (...args) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...args), ms);\n  };\n}",
    "SELECT c.name, COUNT(o.id)\nFROM customers c\nLEFT JOIN orders o ON o.customer_id = c.id\nGROUP BY c.name\nHAVING COUNT(o.id) > 5;",
    "for f in *.log; do\n  gzip \"$f\"\ndone",
    "func sum(nums []int) int {\n\ts := 0\n\tfor _, n := range nums {\n\t\ts += n\n\t}\n\treturn s\n}",
    "public int fib(int n) {\n    if (n < 2) return n;\n    return fib(n - 1) + fib(n - 2);\n}",
    "const res = await fetch(url);\nconst data = res.json();\nconsole.log(data.items.length);",
    "x = [1, 2, 3]\nfor i in range(len(x) + 1):\n    print(x[i])",
    "#include <stdio.h>\nint main() {\n  char buf[8];\n  gets(buf);\n  printf(\"%s\", buf);\n}",
    "fn main() {\n    let v = vec![1, 2, 3];\n    let first = &v[0];\n    v.push(4);\n    println!(\"{}\", first);\n}",
    "import pandas as pd\ndf = pd.read_csv('sales.csv')\ndf.groupby('region')['revenue'].sum().plot()",
    "class Stack:\n    def __init__(self):\n        self.items = []\n    def pop(self):\n        return self.items.pop()",
    "useEffect(() => {\n  fetchUser(id).then(setUser);\n});",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3",
    "Traceback (most recent call last):\n  File \"app.py\", line 12, in <module>\n    user = users[0]\nIndexError: list index out of range",
    "TypeError: Cannot read properties of undefined (reading 'map')\n    at Dashboard (Dashboard.jsx:27:18)",
    "$ docker build .\nERROR: failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1",
    "def is_prime(n):\n    for i in range(2, n):\n        if n % i == 0:\n            return False\n    return True",
    "let total = 0;\nfor (var i = 0; i < cart.length; i++) {\n  total += cart[i].price * cart[i].qty;\n}",
    "UPDATE accounts SET balance = balance - 100 WHERE id = 7;\nUPDATE accounts SET balance = balance + 100 WHERE id = 9;",
    "<div class=\"card\">\n  <img src=\"a.png\">\n  <p>Hello</p>\n</div>",
    ".container {\n  display: flex;\n  justify-content: center;\n}",
    "with open('data.txt') as f:\n    lines = f.readlines()\nwords = [l.split() for l in lines]",
    "git push origin main\n! [rejected]        main -> main (non-fast-forward)",
    "interface User { id: number; name: string }\nconst u: User = JSON.parse(raw);",
    "async def handler(req):\n    data = await req.json()\n    return web.json_response({'ok': True})",
    "while True:\n    line = input()\n    if line == 'q':\n        break",
    "SELECT * FROM users WHERE email = '\" + email + \"'",
    "df['date'] = pd.to_datetime(df['date'])\ndf = df.set_index('date').resample('W').mean()",
    "map<string, int> counts;\nfor (auto& w : words) counts[w]++;",
))

ARTICLE = Pool((
    "The city council voted 7-2 on Tuesday to expand the bike lane network by 40 kilometres over the next three "
    "years. Supporters say it will cut traffic and emissions; opponents argue the $18 million budget should go to "
    "road repairs first. Construction on the first phase starts in April.",
    "Our Q3 revenue grew 12% year over year to $4.1M, driven mostly by the enterprise tier. Churn rose slightly to "
    "3.4% after the price change in July. Hiring is paused until we hit break-even, which we now expect in Q2.",
    "Remote work has reshaped how teams communicate. Many companies report fewer meetings but more written "
    "updates, and some managers worry that junior staff miss out on informal mentoring that used to happen in the "
    "office.",
    "The new library opens on Saturday with a reading room, a maker space with two 3D printers, and extended hours "
    "until 10 pm on weekdays. Membership is free for residents; visitors pay a small annual fee.",
    "Researchers followed 2,000 adults for ten years and found that those who walked at least 7,000 steps a day "
    "had noticeably lower rates of heart disease. The authors caution that the study shows an association, not "
    "cause and effect.",
    "After two years of delays, the bridge reopened to traffic this morning. Engineers replaced the corroded "
    "cables and widened the pedestrian walkway. Tolls will remain unchanged until the end of the year.",
    "Our team migrated the billing service from a monolith to three smaller services. Deploys are now faster, but "
    "we underestimated the effort of keeping data consistent across services, and on-call load went up for a "
    "month.",
    "The festival drew a record 60,000 visitors this weekend despite the rain. Local restaurants reported their "
    "busiest days of the year, and organizers are already planning a second stage for next summer.",
    "Coffee prices have climbed for the third straight month as poor harvests in several growing regions reduce "
    "supply. Roasters say retail prices may rise by 10 to 15 percent before the end of the year.",
    "The school district will move to a four-day week starting in September, citing teacher shortages. Parents "
    "are split: some welcome the long weekend, others worry about childcare on Fridays.",
    "In the final match, the underdogs came back from two sets down to win the championship. Their captain, who "
    "had been injured for most of the season, scored the deciding point.",
    "A local bakery has started delivering bread by cargo bike to cut costs. The owner says the bikes pay for "
    "themselves within a year, and customers like seeing them around the neighborhood.",
    "Scientists at the observatory captured the clearest images yet of a distant comet. It will be visible with "
    "binoculars in early November, low on the western horizon after sunset.",
    "The airline will charge for carry-on bags on its cheapest fares starting next month. Consumer groups called "
    "the move confusing, while the airline says most passengers will see lower base prices.",
    "Volunteers planted 3,000 trees along the river over the weekend. The project aims to reduce flooding and give "
    "shade to the walking trail, which gets very hot in summer.",
    "Our hospital's new scheduling system cut average waiting times from 40 to 25 minutes. Staff needed two weeks "
    "of training, and some older patients still prefer booking by phone.",
    "The museum returned two statues to their country of origin after a ten-year investigation into how they were "
    "acquired. A ceremony is planned for next spring.",
    "Electric scooter rentals will be banned from the old town after complaints about blocked sidewalks. Riders "
    "can still use them on the main roads and in designated parking zones.",
    "The company reported its first loss in a decade, blaming higher shipping costs and a slow holiday season. "
    "Shares fell 8% in early trading, and the CEO promised a cost review.",
    "A new study suggests that people who learn a second language later in life still get measurable memory "
    "benefits, although the effect is smaller than for those who learned as children.",
    "After the storm, about 12,000 homes were without power for up to two days. The utility has promised to bury "
    "more lines underground, starting with the neighborhoods that were hit hardest.",
    "The startup announced a partnership with a regional grocery chain to test drone deliveries in two suburbs. "
    "Orders under 2 kg will arrive within 30 minutes, weather permitting.",
))

EMAIL = Pool((
    "hi team, just a heads up that the client moved the demo to thursday 3pm. can someone update the slides and "
    "send me the new numbers by wed? thx, Dana",
    "Dear Mr. Alvarez,\nThank you for your application for the Senior Analyst role. We would like to invite you "
    "to an interview on March 14 at 10:00 at our Berlin office. Please confirm by Friday.\nBest regards,\nHR Team",
    "Hey, sorry for the late reply. The invoice #4471 for $2,350 is still unpaid, it was due on May 3rd. Could you "
    "check with accounting? Thanks, Priya",
    "Hello, I ordered a blue jacket (order 88213) two weeks ago and received a red one. I would like an exchange or "
    "a refund. My phone number is 555-0142. Regards, Tom Becker",
    "Reminder: the office will be closed on Monday for the holiday. The server maintenance window is Sunday from "
    "22:00 to 02:00 UTC. Contact Luis (luis@example.com) with questions.",
    "Hi Sam, great meeting you at the conference. As discussed, attached is our proposal: 3 workshops in October, "
    "12 participants each, total fee EUR 9,600. Let me know what you think. Cheers, Mira",
    "To all tenants: water will be shut off on June 5 between 9am and 1pm for pipe repairs in building B. We "
    "apologise for the inconvenience. - Building Management",
    "Hi Jordan, the venue for the June 12 workshop changed to Room 4B at the Harper Center. Lunch will be provided. "
    "Please RSVP to events@harper.org by June 1. Best, Olivia",
    "Dear customer, your subscription (plan: Pro, $29/month) will renew on 2024-09-15. To cancel, visit your account "
    "settings before that date. Support: help@streamly.com",
    "Hey all - quick update: the release slipped to Nov 8 because of the payment bug. Marco is fixing it, Sara "
    "will retest Thursday. Ping me if you have concerns. -- Kim",
    "Good afternoon Dr. Patel, I'm writing to request a copy of my medical records from my visit on 02/03/2024. "
    "My date of birth is 11/22/1987. Thank you, Laura Chen",
    "Hello! Your table for 4 at Osteria Blu is confirmed for Saturday, 7:30 pm. If your plans change please call "
    "020 7946 0321. See you soon!",
    "Hi Ms. Novak, we received your rental application for 14 Elm St, Apt 3. We need a copy of your last two pay "
    "stubs and a reference from your previous landlord by Monday.",
    "Team, thanks for a great quarter. Bonuses will be paid on March 28. The all-hands is moved to April 2 at 4pm "
    "in the main hall. Cheers, Raj",
    "hey mom, landed safe!! the flight was delayed 2 hrs but all good. staying at Jess's tonight, will call tmrw "
    "around noon. love you",
    "Dear Applicant, unfortunately the position of Junior Designer (ref. JD-2291) has been filled. We will keep "
    "your CV on file for six months. Kind regards, Talent Team",
    "yo can u send me the notes from yesterday? i missed the part about the budget and the deadline for the "
    "marketing plan. also are we still on for lunch friday",
))

NOTES = Pool((
    "Meeting 4/12 - attendees: Ana, Raj, Chen. Decided to delay launch to May 20. Raj owns QA plan (due 4/19). Chen "
    "to get legal sign-off. Budget approved: $45k. Open question: pricing for EU.",
    "Patient visit summary: 54-year-old male, BP 150/95, cholesterol 240 mg/dL, reports occasional chest tightness "
    "on stairs. Current meds: metformin 500 mg twice daily.",
    "Lab results: hemoglobin 10.9 g/dL (low), ferritin 8 ng/mL (low), TSH 2.1 mIU/L (normal), vitamin D 18 ng/mL.",
    "Standup: backend - fixed login bug, started on rate limiting. frontend - dark mode 80% done. blockers: waiting "
    "on API keys from vendor. next demo friday.",
    "Trip plan: fly out Jun 3 (LH 401, 9:40), hotel Marriott Downtown Jun 3-7, conference Jun 4-6, dinner with "
    "Karen Jun 5 at 7pm, return flight Jun 7 18:15.",
    "Inventory count: 42 chairs, 15 desks (3 damaged), 8 monitors, 120 notebooks, 6 printers (1 needs toner).",
    "Interview notes - candidate: J. Okafor. 6 yrs Python, led team of 4 at a fintech, strong on system design, "
    "weaker on frontend. Salary expectation 95k. Available from Sept 1.",
    "Sprint retro: went well - faster code reviews, good pairing. Didn't go well - flaky tests, unclear specs for "
    "checkout. Actions: Lena to fix test infra by 6/2, PM to write acceptance criteria.",
    "Call with supplier (Oct 3): price per unit drops to $3.20 above 5,000 units. Delivery 4 weeks. Need answer by "
    "Oct 10. Contact: Hugo Brandt, +49 30 5551234.",
    "Discharge note: 67F admitted for pneumonia, treated with IV antibiotics 5 days. Go home on amoxicillin 875 mg "
    "twice daily for 7 days. Follow-up with GP in 2 weeks.",
    "Book club - next meeting Nov 18 at Priya's. Book: The Remains of the Day. Bring snacks: Tom (chips), Ada "
    "(dessert). Vote on December book by email.",
    "Apartment viewing notes: 2 bed, 68 m2, 3rd floor no lift, rent 1450 + 120 utilities, available Jan 1, "
    "landlord Mr. Okoye 07700 900123, deposit 2 months.",
    "Customer call 9/14 - Acme Inc, contact Dana Lee. Issue: invoices sent to wrong address since July. Promised "
    "fix by 9/20 and credit of $250. Follow up Friday.",
    "Workout log: Mon run 5k 27:10, Wed squats 5x5 80kg, Fri swim 1.2 km, Sun rest. Weight 78.4 kg. Sleep avg 6.5 h.",
    "Wedding to-do: book photographer (deposit $800 by 5/1), send invites by 5/15, cake tasting 5/20 with Sam, "
    "finalize seating chart by 6/10.",
    "Grocery budget March: rent 1200, food 380, transport 95, utilities 140, phone 35, savings 300, fun 120.",
))

TABLE = Pool((
    "name,age,city\nAlice,34,Lisbon\nBruno,28,Porto\nCarla,41,Faro",
    "date | product | units | price\n2024-01-03 | Widget A | 12 | 4.50\n2024-01-04 | Widget B | 3 | 19.99",
    "id;status;created\n1001;shipped;2023-11-02\n1002;pending;2023-11-03\n1003;cancelled;2023-11-03",
    "2024-05-01 12:00:01 ERROR db timeout after 30s (host=db-2)\n2024-05-01 12:00:04 WARN retrying (1/3)\n"
    "2024-05-01 12:00:09 INFO connected",
    "Item            Qty   Price\nCoffee beans     2    14.00\nMilk             1     1.29\nOat bars         6     0.99",
    "127.0.0.1 - - [10/Oct/2023:13:55:36] \"GET /index.html HTTP/1.1\" 200 2326\n10.0.0.7 - - "
    "[10/Oct/2023:13:56:01] \"POST /login HTTP/1.1\" 401 512",
    "employee,department,start_date,salary\nR. Diaz,Sales,2021-03-01,52000\nK. Wong,IT,2019-07-15,68000\n"
    "P. Ivanova,HR,2022-01-10,49000",
    "Order #5531\n1 x Wireless Mouse   $24.99\n2 x USB-C Cable     $9.98\nShipping            $4.00\nTotal "
    "$38.97",
    "Jan: 1,204 visitors, 31 signups\nFeb: 1,530 visitors, 44 signups\nMar: 1,310 visitors, 29 signups",
    "[WARN] 2023-12-01T08:14:22Z disk usage 91% on /var\n[ERROR] 2023-12-01T08:15:03Z backup job failed: "
    "no space left on device\n[INFO] 2023-12-01T08:20:40Z cleanup freed 12GB",
    "Flight  From  To   Dep    Arr\nBA117  LHR   JFK  08:25  11:10\nAF006  CDG   JFK  10:30  12:45",
    "student, math, physics, english\nLi, 88, 92, 75\nOmar, 71, 65, 90\nSofia, 95, 89, 84",
    "2024-02-01  Rent            -1,250.00\n2024-02-03  Salary          +3,400.00\n2024-02-05  Grocery store     "
    "-86.45\n2024-02-07  Electric bill    -72.10",
    "Title: Ergonomic Chair X2 | Price: $249 | Rating: 4.5 (1,203 reviews) | In stock\nTitle: Standing Desk Pro | "
    "Price: $399 | Rating: 4.2 (560 reviews) | Ships in 2 weeks",
))

CLAUSE = Pool((
    "The Employee agrees not to work for any competitor anywhere in the world for a period of five (5) years after "
    "termination of employment, for any reason.",
    "Tenant shall forfeit the entire security deposit if the lease is terminated early for any reason, including "
    "relocation for work or medical emergencies.",
    "Either party may terminate this Agreement with thirty (30) days' written notice. Fees paid in advance are "
    "non-refundable.",
    "The Contractor retains all intellectual property rights in any work product created under this Agreement "
    "unless otherwise agreed in writing.",
    "Customer agrees to binding arbitration and waives any right to participate in a class action lawsuit.",
    "Late payments accrue interest at 5% per month, compounded monthly, until paid in full.",
    "The landlord may enter the premises at any time without notice for inspection purposes.",
    "The Company may change the terms of this policy at any time without notifying the user.",
    "Employee must give ninety (90) days notice of resignation or forfeit all accrued vacation pay.",
    "Buyer accepts the vehicle as is, with no warranty of any kind, express or implied.",
    "The Borrower shall pay a prepayment penalty equal to 4% of the outstanding balance if the loan is repaid "
    "within three years.",
    "This warranty is void if the product is opened or repaired by anyone other than an authorized service center.",
))

ARGUMENT = Pool((
    "Every successful startup founder I know wakes up at 5am. So if you want your startup to succeed, you should "
    "wake up at 5am.",
    "Sales went up the month we changed the logo, so the new logo caused the increase in sales.",
    "If we allow students to retake one exam, soon they'll demand to retake every exam and grades will mean "
    "nothing.",
    "Nobody has proven that the new policy is harmful, so it must be safe.",
    "Our competitor lowered prices and lost money. Therefore lowering prices always loses money.",
    "Most people in my neighborhood support the park project, so most people in the city must support it.",
    "Either we ban cars downtown completely or pollution will keep getting worse.",
    "I've driven without a seatbelt for twenty years and never been hurt, so seatbelts are unnecessary.",
    "The new manager started in March and our numbers dropped in April, so the manager is the problem.",
    "Everyone is buying this phone, so it must be the best one on the market.",
    "We've always done the release on Fridays and it's been fine, so there's no reason to change it.",
    "The professor is a brilliant chemist, so her opinion on economic policy must be correct.",
))

PASTE_POOLS = {
    "code": CODE, "article": ARTICLE, "email": EMAIL, "notes": NOTES, "table": TABLE, "clause": CLAUSE,
    "argument": ARGUMENT,
}
