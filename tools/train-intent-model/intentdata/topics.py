"""Shared question frames filled with label-specific topics, for the five labels that are mostly about *what* is
asked (code, math, science, knowledge, high_stakes). The same frames appear under every one of them, so the model
has to learn the topic words rather than the frame."""
from __future__ import annotations

from .grammar import Family, lines

FRAMES = (
    "Tell me about {topic}.",
    "I have a question about {topic}.",
    "[Explain|Can you explain] {topic}[ to me|].",
    "What should I know about {topic}?",
    "{topic} - [help|any advice?|explain please]",
    "[Quick question|Question] about {topic}[, can you help?|.]",
    "I'm confused about {topic}. [Can you help?|Where do I start?]",
    "Give me a [short|clear|detailed] overview of {topic}.",
    "[I need help with|Help me understand] {topic}",
    "What are the basics of {topic}?",
    "Let's talk about {topic}.",
    "Everything I should understand about {topic}, please",
)

TOPICS = {
    "code": lines("""
Python decorators
React hooks
SQL window functions
Rust lifetimes
async programming in JavaScript
Docker networking
Kubernetes ingress controllers
writing unit tests with pytest
Git branching strategies
memory leaks in Java
TypeScript generics
REST API authentication with JWT
CSS flexbox
database migrations in Django
multithreading in C++
Go channels
regular expressions
the Linux command line
debugging a segfault
setting up a CI pipeline
my Node.js server crashing on startup
webpack configuration
Python virtual environments
pointers in C
object-oriented design patterns
refactoring legacy code
GraphQL resolvers
caching with Redis
error handling in Go
shell scripting
"""),
    "math": lines("""
integration by parts
prime numbers
the quadratic formula
matrix multiplication
conditional probability
limits in calculus
logarithms
the normal distribution
trigonometric identities
modular arithmetic
solving systems of equations
derivatives of exponential functions
permutations and combinations
vectors and dot products
geometric series
proof by induction
complex numbers
the law of sines
eigenvalues
fractions and percentages
standard deviation
polynomial long division
the binomial distribution
differential equations
set theory
"""),
    "science": lines("""
black holes
photosynthesis
plate tectonics
the immune system
quantum mechanics
climate and the carbon cycle
DNA and genes
chemical bonds
electromagnetism
the theory of evolution
cell division
thermodynamics
the solar system
nuclear energy
how the brain works
the periodic table
sound waves
ocean currents
viruses and bacteria
the speed of light
volcanoes
the human digestive system
gravity
acids and bases
the life cycle of stars
"""),
    "knowledge": lines("""
the French Revolution
the Olympic Games
ancient Rome
the history of jazz
the European Union
the Ming dynasty
World War II in the Pacific
Renaissance painters
the geography of South America
the British royal family
the history of the internet as a business
Greek mythology
the Cold War space race
famous Russian novelists
the Inca Empire
the rules of baseball
Japanese festivals
the United Nations
Indian cuisine
the history of Hollywood
the Silk Road trade routes
major world religions
the American civil rights movement
the Vikings in North America
famous architects
"""),
    "high_stakes": lines("""
my chest pain
my lease dispute
my 401k rollover
my child's fever
suing my former employer
my tax debt
my blood test results
drug interactions with my prescriptions
filing for bankruptcy
my custody agreement
my mortgage refinancing options
my anxiety medication
a wrongful termination claim
my insurance claim denial
my visa status
investing my inheritance
my father's dementia care and power of attorney
my high blood pressure
my credit card debt
a contract I'm about to sign
my back pain and painkillers
my divorce settlement
my small business liability
my pregnancy symptoms
my retirement savings
"""),
}


def families() -> dict[str, Family]:
    return {label: Family(label, "topic_frames", FRAMES, {"topic": pool}) for label, pool in TOPICS.items()}
