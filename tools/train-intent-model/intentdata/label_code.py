"""`code`: writing, fixing, explaining, reviewing or running software; programming concepts, tools, DevOps."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "code"

LANG = pool("Python", "python", "JavaScript", "javascript", "JS", "TypeScript", "Java", "C", "C++", "C#", "Go",
            "golang", "Rust", "Ruby", "PHP", "Kotlin", "Swift", "Scala", "bash", "PowerShell", "R", "Haskell",
            "Elixir", "Lua", "Dart", "Julia", "Perl", "Clojure", "OCaml", "Zig", split=False)
FRAMEWORK = pool("React", "Vue", "Angular", "Svelte", "Next.js", "Django", "Flask", "FastAPI", "Spring Boot",
                 "Express", "Rails", "Laravel", "ASP.NET", "Node", "Deno", "NestJS", "Flutter", "SwiftUI",
                 "Jetpack Compose", "PyTorch", "pandas", "NumPy", "Kubernetes", "Terraform", "Docker", "GraphQL",
                 "Redux", "Tailwind", "Prisma", "SQLAlchemy", split=False)
TASK = lines("""
reverses a string
checks if a number is prime
removes duplicates from a list while keeping order
merges two sorted arrays
counts word frequencies in a text file
validates an email address
flattens a nested list
finds the longest common prefix of a list of strings
converts a Roman numeral to an integer
parses a CSV file and returns a list of dicts
returns the n-th Fibonacci number iteratively
checks whether two strings are anagrams
rotates a matrix 90 degrees
computes the median of a stream of numbers
debounces a function call
retries an HTTP request with exponential backoff
reads a JSON config file and falls back to defaults
groups a list of objects by a key
generates a random password of a given length
converts Celsius to Fahrenheit
finds all files larger than 100MB in a directory
implements a thread-safe counter
does binary search on a sorted array
detects a cycle in a linked list
serializes a binary tree to a string and back
caches results of an expensive function
splits a list into chunks of size n
capitalizes the first letter of every word
returns the k most frequent elements
calculates the Levenshtein distance between two words
downloads a file and shows a progress bar
checks if a string is a palindrome ignoring punctuation
sorts a list of dictionaries by two keys
implements an LRU cache
parses command line arguments
converts a date string to ISO 8601
validates a sudoku board
throttles calls to at most 5 per second
pretty prints a nested dictionary
compresses a string using run-length encoding
finds the shortest path in a grid with obstacles
merges overlapping intervals
uploads a file to an S3 bucket
sends an email with an attachment
reads environment variables with type checking
paginates results from a REST API
watches a folder for new files
hashes a password with a salt
generates a UUID
extracts all links from an HTML page
""")
HOWTO = lines("""
read a file line by line
make an HTTP POST request with a JSON body
handle exceptions properly
sort a dictionary by value
connect to a PostgreSQL database
set up logging to a file
write async code without callback hell
deep copy an object
create a virtual environment
format a date
concatenate strings efficiently
remove an element from an array by index
check if a key exists in a map
run two functions in parallel
parse XML
convert a string to an integer safely
iterate over a dictionary
mock a dependency in unit tests
define an enum
create a REST endpoint
read user input from the terminal
profile a slow function
publish a package
schedule a job every hour
use generics
handle null values
write to a CSV file
load environment variables from a .env file
implement dependency injection
stream a large file without loading it into memory
cancel a running request
lazy load images
add pagination to a query
hot reload during development
write a custom error type
make a singleton
limit concurrency to 10 tasks
escape HTML to prevent XSS
""")
ERROR = lines("""
ModuleNotFoundError: No module named 'requests'
TypeError: 'NoneType' object is not subscriptable
Uncaught ReferenceError: process is not defined
segmentation fault (core dumped)
error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable
java.lang.NullPointerException
CORS policy: No 'Access-Control-Allow-Origin' header is present
fatal: refusing to merge unrelated histories
Maximum update depth exceeded
ECONNREFUSED 127.0.0.1:5432
KeyError: 'id'
undefined reference to `main'
Cannot find module './utils' or its corresponding type declarations
panic: runtime error: index out of range [3] with length 3
RecursionError: maximum recursion depth exceeded
permission denied (publickey)
ImagePullBackOff
SyntaxError: Unexpected token < in JSON at position 0
OOMKilled
npm ERR! ERESOLVE unable to resolve dependency tree
IndentationError: unexpected indent
Objects are not valid as a React child
deadlock detected
ConcurrentModificationException
"Hydration failed because the initial UI does not match"
ValueError: could not convert string to float
CrashLoopBackOff
address already in use :::3000
""")
CONTEXT = lines("""
running my script
I deploy to production
I run the tests
building the docker image
I start the dev server
importing my module
the page loads
I call the API from the browser
pushing to GitHub
the cron job runs
I open the app on Android
compiling
""")
CONCEPT_PAIR = lines("""
a process and a thread
let and var
an abstract class and an interface
== and ===
a list and a tuple
REST and GraphQL
async/await and promises
a shallow copy and a deep copy
stack and heap memory
TCP and UDP sockets in code
composition and inheritance
a mutex and a semaphore
git merge and git rebase
unit tests and integration tests
SQL and NoSQL databases
a compiler and an interpreter
pass by value and pass by reference
map and flatMap
props and state
a Docker image and a container
""")
CONCEPT = lines("""
closures
recursion
dependency injection
the event loop
big O notation
memoization
race conditions
garbage collection
SQL joins
database indexes
monads
decorators
generics
the borrow checker
virtual DOM
CI/CD pipelines
OAuth2 flows
websockets
microservices
type inference
tail call optimization
pointer arithmetic
goroutines
hooks in React
middleware
""")
APP = lines("""
todo app
personal blog
Discord bot
inventory system for a small shop
chat app
REST API for a bookstore
browser extension
CLI tool
Chrome extension that blocks ads
mobile app for tracking workouts
data pipeline
Slack bot
portfolio website
web scraper for job listings
multiplayer game server
recommendation engine prototype
""")
ALGO = lines("""
quicksort
Dijkstra's algorithm
a trie
A* search
a min-heap
union-find
topological sort
a bloom filter
merge sort
KMP string matching
a red-black tree
breadth-first search
a ring buffer
consistent hashing
the knapsack problem with dynamic programming
""")

FAMILIES = [
    Family(L, "write_function", (
        "[Write|Create|Implement|Give me|I need|Can you write|Please write|write me] a {lang} function that {task}",
        "[write|make] a [small|simple|quick|] {lang} [script|program] that {task}",
        "{lang}: [function|method|snippet] that {task}[?|.|]",
        "how would I write a function in {lang} that {task}?",
        "I need code that {task}. [Use|Preferably in|Language:] {lang}[.| please.]",
        "function to {task2} in {lang}",
    ), {"task2": lines("""
reverse a string
check if a number is prime
remove duplicates from a list
merge two sorted arrays
validate an email
flatten a nested list
parse a CSV
compute a factorial
shuffle an array
convert hex to rgb
""")}),
    Family(L, "how_to", (
        "How do I {howto} in {lang}?",
        "[what's|what is] the [best|cleanest|idiomatic|most efficient] way to {howto} in {lang}",
        "{lang} - how to {howto}",
        "how can i {howto} with {framework}",
        "quick q: how do you {howto} in {lang}?",
        "Is there a built-in way to {howto} in {lang}, or do I need a library?",
    )),
    Family(L, "debug_paste", (
        "[Why doesn't this work|What's wrong with this code|Can you find the bug|Fix this|this crashes, why]?\n\n{=code}",
        "{=code}\n\n[why is this failing|fix it pls|what's the bug here|it throws an error, help|this doesn't do what I expect]",
        "I have this code:\n{=code}\nIt [gives the wrong result|crashes|hangs|is really slow]. [What am I doing wrong|How do I fix it]?",
        "Debug this for me:\n```\n{=code}\n```",
    )),
    Family(L, "error_message", (
        "I'm getting \"{=error}\" when {context}. How do I fix it?",
        "{=error}\n[how to fix|what does this mean|any idea?|help]",
        "Getting {=error} [after upgrading|in production|on my laptop but not on CI|randomly]. [Ideas?|What causes this?|How do I debug it?]",
        "what causes `{=error}` [in {lang}|]?",
        "keep seeing {=error} when {context}, [already tried reinstalling|restarting didn't help|any clue]",
    )),
    Family(L, "explain_code", (
        "[Explain|Can you explain|Walk me through] what this [code|snippet|function|query] does:\n{=code}",
        "{=code}\n\n[what does this do?|explain line by line|ELI5 this code|what is the output?]",
        "I found this in our codebase and don't understand it:\n{=code}",
        "What's the time complexity of this?\n{=code}",
    )),
    Family(L, "refactor", (
        "[Refactor|Clean up|Simplify|Optimize] this [code|function|snippet][ for readability| to be more idiomatic| so it runs faster|]:\n{=code}",
        "Convert this [code|snippet] to {lang}:\n{=code}",
        "{=code}\n[rewrite this in {lang}|make this more pythonic|add type hints|add error handling|make it async]",
        "Can you add comments and docstrings to this?\n{=code}",
        "Write unit tests for this [function|code] [using pytest|with Jest|with JUnit|]:\n{=code}",
    )),
    Family(L, "sql", (
        "Write a SQL query that {sqltask}",
        "[sql|SQL|postgres|MySQL] query to {sqltask2}",
        "How do I {sqltask2} in SQL?",
        "I have tables {tables}. [Write a query that|How can I] {sqltask}?",
    ), {"sqltask": lines("""
returns the top 5 customers by total spend
finds duplicate emails in the users table
counts orders per month for the last year
lists employees who earn more than their manager
deletes rows older than 30 days
calculates a running total of sales
finds products that were never ordered
gets the second highest salary
"""), "sqltask2": lines("""
join three tables
pivot rows into columns
find gaps in a sequence of ids
update a column from another table
get the latest row per group
paginate results efficiently
"""), "tables": lines("""
users(id, email, created_at) and orders(id, user_id, total)
employees(id, name, manager_id, salary)
products(id, name) and order_items(order_id, product_id, qty)
""")}),
    Family(L, "regex_shell", (
        "[regex|regular expression] [to match|that matches|for] {regexthing}",
        "bash one-liner to {shelltask}",
        "[what's the|give me a] [command|shell command|terminal command] to {shelltask}",
        "How do I {shelltask} [on Linux|in the terminal|on a mac|with PowerShell]?",
    ), {"regexthing": lines("""
US phone numbers
IPv4 addresses
dates in YYYY-MM-DD format
hex color codes
words that start with a capital letter
URLs in a block of text
strong passwords
"""), "shelltask": lines("""
find and replace a word in all files
count lines of code in a repo
kill the process on port 8080
rename all .jpeg files to .jpg
show the 10 biggest files in a folder
tail a log and filter for errors
list all git branches merged into main
""")}),
    Family(L, "concepts", (
        "What's the difference between {pair}[ in {lang}|]?",
        "[Explain|Can you explain|help me understand] {concept} [in {lang}|with a code example|like I'm a junior dev|]",
        "when should I use {concept} in {lang}?",
        "{pair} - which one should I use [and why|for my project|]?",
        "I still don't get {concept}. [Can you show an example?|Why does it matter?|]",
    )),
    Family(L, "project_context", (
        "I'm building a {app} with {framework}. {problem} [How do I fix this?|Any suggestions?|What should I change?|]",
        "[Context|Background]: {app} in {lang}. {problem} [Can you help?|]",
        "My {app} uses {framework} and {problem2}. How should I structure the code?",
        "We have a {app} written in {lang}. I want to add {feature}. Where do I start in the code?",
    ), {"problem": lines("""
The login form submits twice.
State doesn't update after the API call.
Tests pass locally but fail on CI.
The build takes 10 minutes.
Memory keeps growing until it crashes.
Images don't load in production.
The websocket disconnects every minute.
Dates show up in the wrong timezone.
"""), "problem2": lines("""
the codebase is getting messy
I need to support multiple languages
I want to add authentication
we need to cache API responses
"""), "feature": lines("""
dark mode
OAuth login
rate limiting
file uploads
a search endpoint
background jobs
""")}),
    Family(L, "algorithms", (
        "Implement {algo} in {lang}",
        "[Can you|Please] code {algo} [from scratch|without libraries|step by step]",
        "how does {algo} work? show me an implementation",
        "[write|give me] {algo} with tests in {lang}",
    )),
    Family(L, "devops_tools", (
        "How do I {devops}?",
        "[Write|Create|Give me] a {config} for {purpose}",
        "my {tool} {devproblem}, what should I check?",
        "[set up|configure] {tool} to {devgoal}",
    ), {"devops": lines("""
undo the last git commit but keep the changes
write a Dockerfile for a Node app
set up GitHub Actions to run tests on every push
expose a Kubernetes service on port 80
squash my last three commits
resolve a merge conflict in git
reduce the size of my docker image
roll back a helm release
"""), "config": lines("""
Dockerfile
docker-compose file
GitHub Actions workflow
nginx config
Makefile
Kubernetes deployment yaml
tsconfig
.gitignore
"""), "purpose": lines("""
a Python Flask app
a React frontend and Postgres
running tests on pull requests
a Go microservice
serving a static site with caching
"""), "tool": lines("""
docker container
webpack build
kubernetes pod
jenkins pipeline
VS Code debugger
pip install
"""), "devproblem": lines("""
exits immediately
is stuck in pending
can't find my environment variables
keeps restarting
fails with no error
"""), "devgoal": lines("""
lint on commit
deploy on merge to main
cache dependencies
run the app with hot reload
""")}),
    Family(L, "review", (
        "Can you review this [code|PR|function] and point out [problems|security issues|anything I could improve]?\n{=code}",
        "Is this code thread-safe?\n{=code}",
        "{=code}\nIs there a [security hole|memory leak|race condition|SQL injection risk] here?",
        "Code review pls. [Be harsh.|Focus on performance.|]\n{=code}",
    )),
    Family(L, "api_usage", (
        "How do I use {api} with {framework}?",
        "[Show me|Give me] an example of calling {api} from {lang}",
        "{framework}: {fwtask}",
        "[In|Using] {framework}, {fwtask}?",
    ), {"api": lines("""
the Stripe API
the OpenAI API
OAuth with Google
the GitHub REST API
Redis pub/sub
a gRPC service
S3 presigned URLs
WebSockets
"""), "fwtask": lines("""
how do I pass data between components
how to add middleware
how do I write a migration
how can I mock the database in tests
how to handle form validation
how do I configure CORS
how do I stream responses
""")}),
]

POOLS = {"lang": LANG, "framework": FRAMEWORK, "task": TASK, "howto": HOWTO, "error": ERROR, "context": CONTEXT,
         "pair": CONCEPT_PAIR, "concept": CONCEPT, "app": APP, "algo": ALGO}

HANDWRITTEN = lines("""
my python script says list index out of range, what does that mean
write a react hook that tracks window size
Can you help me speed up this pandas groupby? It takes 20 minutes on 5M rows.
how to center a div
what does the yield keyword do
Convert this bash script to python please
I keep getting merge conflicts in package-lock.json, what's the best practice?
explain async await like I'm five
Write a Go HTTP server with a health endpoint and graceful shutdown.
is it bad to use global variables in JS
how do i make my website responsive
Generate a TypeScript type for a user object with optional address
what's a good folder structure for a flask project
recursion vs iteration for tree traversal in java?
how to reverse a linked list
write hello world in rust
Why is my useEffect running twice?
Show me how to read an Excel file with pandas.
Build a simple tic tac toe game in javascript
pls fix: for i in range(10) print(i)
How do I make a POST request with curl?
write a python class for a bank account with deposit and withdraw
my docker compose can't connect to postgres
implement fizzbuzz without using modulo
What is the difference between an API and an SDK?
write a GitHub action that builds on every PR
how do I store passwords securely in my database
Can you turn this loop into a list comprehension? result = [] / for x in nums: if x > 0: result.append(x*2)
what's wrong with my regex ^[a-z]+@[a-z]+$ it doesn't match john.doe@mail.com
How can I parallelize a for loop in C++?
Need a script that renames photos by the date they were taken
how to write a unit test for a function that calls an API
Node vs Deno for a new backend?
write me a minimal chrome extension manifest v3
What does "undefined is not a function" mean?
create a REST API in Express with CRUD for notes
how to use git bisect
Explain this error: Segmentation fault (core dumped)
write a kotlin data class for a product with a price and a list of tags
scrape the titles from a webpage with beautifulsoup
Help me write a Makefile for a C project with two source files
How do I type a React component's children prop in TypeScript?
write an sql trigger that updates updated_at on every change
Can you make this function tail recursive?
how do I profile memory usage in python
Set up eslint and prettier for a typescript project
My Flutter app crashes on startup on iOS only
How should I version my REST API?
write a binary search tree insert and delete in C
optimize this: nested loops comparing every pair in a 100k list
""")
