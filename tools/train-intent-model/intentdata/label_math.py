"""`math`: calculation, algebra, calculus, proofs, probability/statistics problems, math concepts."""
from __future__ import annotations

from .grammar import Family, Pool, lines, pool

L = "math"

SMALL = Pool(tuple(str(n) for n in (2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 17, 19, 24, 36)), split=False)
NUM = Pool(tuple(str(n) for n in (14, 23, 37, 48, 56, 72, 85, 96, 120, 144, 175, 240, 315, 360, 512, 999, 1250,
                                   2048, 4096, 7.5, 0.25, 3.14, 12.8, 1.5)), split=False)
PCT = pool("5%", "12%", "15%", "17.5%", "20%", "33%", "40%", "8 percent", "25 percent", split=False)
EQUATION = lines("""
3x + 7 = 22
2x^2 - 8x + 6 = 0
x^2 + 4x = 21
5(x - 2) = 3x + 4
x/3 + x/4 = 14
log2(x) = 5
e^(2x) = 10
sqrt(x + 5) = x - 1
|2x - 3| = 7
x^3 - 6x^2 + 11x - 6 = 0
2^x = 64
3x - 2y = 4 and x + y = 8
x^2 - 5x + 6 < 0
1/x + 1/(x+1) = 1/2
4^(x+1) = 8^x
sin(x) = 1/2 on [0, 2pi]
7 - 2x >= 3x + 1
x^4 - 5x^2 + 4 = 0
""")
FUNC = lines("""
x^3 sin(x)
ln(x^2 + 1)
e^(3x) cos(x)
(2x + 1)/(x - 3)
sqrt(1 - x^2)
x^x
tan(2x)
arctan(x)/x
5x^4 - 3x^2 + 2x - 7
1/(1 + e^(-x))
x ln x
sin^2(x) cos(x)
(x^2 + 1)^5
e^(-x^2)
""")
CONCEPT = lines("""
a derivative
an integral
a limit
eigenvalues and eigenvectors
the chain rule
a group in abstract algebra
modular arithmetic
a Fourier series
Bayes' theorem
standard deviation
a p-value
the central limit theorem
complex numbers
a matrix determinant
Taylor series
vector spaces
a bijection
mathematical induction
conditional probability
logarithms
the Pythagorean theorem
prime factorization
a Markov chain
linear regression from the math side
the binomial theorem
proof by contradiction
""")
PROOF = lines("""
the square root of 2 is irrational
there are infinitely many primes
the sum of the first n odd numbers is n^2
every tree with n vertices has n - 1 edges
n^3 - n is divisible by 6 for every integer n
the angles of a triangle add up to 180 degrees
a bounded monotone sequence converges
the harmonic series diverges
1 + 2 + ... + n = n(n+1)/2
there is no largest even number
the product of two odd numbers is odd
2^n > n^2 for n >= 5
""")
WORD = lines("""
A train leaves at 9:15 and travels 210 km at 70 km/h. When does it arrive?
If 3 pencils cost $1.35, how much do 14 pencils cost?
A rectangle has a perimeter of 48 cm and its length is twice its width. Find its area.
Two pipes fill a tank in 6 and 9 hours. How long do they take together?
A shirt costs $40 after a 20% discount. What was the original price?
Anna is 4 years older than Ben. In 6 years their ages will add up to 50. How old is Ben now?
A car uses 6.5 liters per 100 km. How much fuel for a 430 km trip?
How many handshakes happen if 12 people each shake hands once with everyone else?
A ladder 10 m long leans against a wall with its foot 6 m from the wall. How high does it reach?
If I save $150 a month, how many months until I have $2,700?
A recipe needs 250 g flour for 4 people. How much for 10 people?
A bag has 5 red and 7 blue marbles. What is the probability of drawing two reds without replacement?
I invest $1,000 at 5% compounded annually. What is it worth after 8 years?
A cyclist rides 18 km in 45 minutes. What is her average speed in km/h?
A population of bacteria doubles every 3 hours. Starting from 500, how many after a day?
The average of five numbers is 12. Four of them are 8, 10, 15 and 9. What is the fifth?
""")
DATA = lines("""
4, 8, 15, 16, 23, 42
2.5, 3.1, 2.9, 3.6, 3.3
12, 15, 11, 19, 15, 14, 20
100, 102, 98, 97, 105, 110
7, 7, 8, 9, 10, 13, 21
""")
COMBO = lines("""
how many ways can 6 people sit around a round table
how many 4-digit PINs have no repeated digits
in how many ways can I choose 3 books from 10
how many distinct arrangements of the letters in BANANA are there
how many subsets does a set with 8 elements have
how many paths are there from one corner of a 5x5 grid to the other moving only right or up
""")

FAMILIES = [
    Family(L, "arithmetic", (
        "what is {num} [times|x|*|multiplied by|divided by|plus|minus] {num}[?|]",
        "[calculate|compute|evaluate] {num} [*|/|+|-] {small} [* {small}|^ 2|]",
        "what's {pct} of {num}",
        "[calculate|work out] {small}! [please|]",
        "{num} / {small} = ?",
        "[round|express] {num} / {small} to two decimal places",
        "[how much is|what is] {num} [squared|cubed]?",
        "what is the square root of {num}",
    ), {"num": NUM, "small": SMALL, "pct": PCT}),
    Family(L, "solve", (
        "[Solve|solve for x:|Find x:|Solve the equation] {eq}",
        "How do I solve {eq}? [Show the steps.|Step by step please.|]",
        "{eq}, [what is x|find all solutions|x = ?]",
        "Can you help me solve {eq}[ by factoring| using the quadratic formula| graphically|]?",
        "[Find the roots of|Determine the solution set of] {eq}",
    ), {"eq": EQUATION}),
    Family(L, "calculus", (
        "[Find|Compute|What is] the derivative of {f}",
        "[Integrate|Evaluate the integral of|Find the antiderivative of] {f}[ dx| from 0 to 1|]",
        "d/dx {f}",
        "What is the limit of {f} as x approaches [0|infinity|1]?",
        "[find|give me] the [Taylor|Maclaurin] series of {f} up to the x^4 term",
        "Where is {f} increasing and where does it have a maximum?",
    ), {"f": FUNC}),
    Family(L, "concept", (
        "[Explain|Can you explain|What is|what's] {concept}[ in simple terms| with an example| intuitively|]?",
        "I don't understand {concept}. [Can you explain it with a worked example?|Why does it work?|]",
        "[how would you teach|how do I think about] {concept}[ to a high school student|]?",
        "What's the intuition behind {concept}?",
    ), {"concept": CONCEPT}),
    Family(L, "proof", (
        "Prove that {proof}.",
        "[Show|Can you show|How do I prove] that {proof}[?|.]",
        "[give me|write] a [rigorous|short|formal|] proof that {proof}",
        "Is there a proof by induction that {proof}?",
    ), {"proof": PROOF}),
    Family(L, "word_problem", (
        "{word}",
        "{word} [Show your work.|Explain each step.|]",
        "My kid's homework: {word} How do I solve this?",
        "[word problem|math problem|question]: {word}",
    ), {"word": WORD}),
    Family(L, "statistics", (
        "[Compute|Calculate|Find] the [mean|median|variance|standard deviation|mean and standard deviation] of {data}",
        "[what is|what's] the [range|mode|interquartile range|z-score of the largest value] [for|of] {data}?",
        "Given the data {data}, [calculate the sample variance|find the 90th percentile|compute a 95% confidence interval for the mean]",
        "What is the probability of [rolling two sixes with two dice|getting at least one head in 3 coin flips|drawing an ace from a deck|getting exactly 2 heads in 5 flips]?",
        "If P(A) = 0.{small} and P(B) = 0.{small} and they are independent, what is P(A and B)?",
    ), {"data": DATA, "small": SMALL}),
    Family(L, "combinatorics", (
        "{combo}?",
        "[Combinatorics question:|Counting problem:] {combo}",
        "can you explain how to figure out {combo}",
    ), {"combo": COMBO}),
    Family(L, "linear_algebra", (
        "Find the [eigenvalues|determinant|inverse|rank|eigenvectors] of the matrix \\[\\[{small}, 1\\], \\[2, {small}\\]\\]",
        "multiply the matrices \\[\\[1, 2\\], \\[3, 4\\]\\] and \\[\\[{small}, 0\\], \\[1, {small}\\]\\]",
        "[Is|Are] the vectors (1, {small}, 0), (0, 1, {small}) and (1, 0, 1) linearly independent?",
        "[compute|what is] the dot product of (2, {small}, -1) and ({small}, 0, 4)",
        "Solve the system using Gaussian elimination: x + y + z = 6, 2x - y + z = 3, x + 2y - z = 2",
    ), {"small": SMALL}),
    Family(L, "geometry", (
        "What is the area of a [circle with radius|square with side|equilateral triangle with side] {small}[ cm| m|]?",
        "[Find|Calculate] the volume of a [sphere|cube|cylinder of height 10 and] with radius {small}",
        "A triangle has sides {small}, {small} and {num}. [Is it a right triangle?|What is its area?|Find its largest angle.]",
        "what is the distance between the points ({small}, 2) and (-1, {small})?",
        "[find|what is] the equation of the line through (1, {small}) and ({small}, -2)",
    ), {"small": SMALL, "num": SMALL}),
    Family(L, "number_theory", (
        "Is {bignum} a prime number?",
        "[Find|What is] the [gcd|greatest common divisor|lcm|least common multiple] of {num} and {num2}",
        "[What is|compute] {num} mod {small}",
        "[factor|find the prime factorization of] {bignum}",
        "What is the last digit of 7^{num}?",
        "[convert|write] {num} [to binary|in base 3|to hexadecimal]",
    ), {"bignum": pool("221", "391", "1001", "997", "2023", "8191", "561", "4087", split=False),
        "num": NUM, "num2": SMALL, "small": SMALL}),
    Family(L, "series", (
        "Does the series sum of [1/n^2|1/n|(-1)^n/n|n/2^n|1/(n ln n)] converge?",
        "[Find|What is] the sum of the first {num} [odd numbers|terms of 3, 7, 11, 15, ...|powers of 2|squares]",
        "what's the next term in [2, 6, 12, 20, 30|1, 1, 2, 3, 5, 8|3, 9, 27, 81] and what is the formula?",
        "[sum of the geometric series|evaluate] 1 + 1/3 + 1/9 + 1/27 + ...",
    ), {"num": pool("10", "20", "50", "100", "1000", split=False)}),
    Family(L, "latex_simplify", (
        "Simplify \\\\frac\\{x^2 - 1\\}\\{x - 1\\}",
        "[simplify|expand|factor] {expr}",
        "Can you [simplify|expand|factor] this expression: {expr}",
        "{expr} - [simplify|factorise] [please|pls|]",
    ), {"expr": lines("""
(x + 3)^2 - (x - 3)^2
x^2 - 9x + 20
(a + b)^3
2x(x - 4) + 3(x - 4)
(x^2 y^3)^2 / (x y)
log(a) + log(b) - log(c)
sqrt(50) + sqrt(18)
(1 - cos^2 x) / sin x
x^3 - 27
(2/3) / (4/9)
""")}),
]

POOLS: dict[str, Pool] = {}

HANDWRITTEN = lines("""
what's 17 times 23
help me with my algebra homework: 2(x+3) = 4x - 10
Is zero an even number? prove it
what is the integral of 1/x
Why is dividing by zero undefined?
Find the area under y = x^2 between 0 and 3.
can you check my proof that the sum of two even numbers is even
what's 15% tip on $84.50
Convert 0.375 to a fraction
how do you calculate compound interest, give me the formula and an example with 2000 at 4% for 5 years
If a coin is flipped 10 times what's the chance of exactly 7 heads?
explain the difference between permutations and combinations with numbers
What is e and why is it special?
solve x^2 = 2x + 8
What is the expected value of rolling a fair six-sided die?
Is 0.999 repeating equal to 1?
find the slope of 3y - 6x = 9
simplify (3x^2)(4x^5)
what is the formula for the volume of a cone
how many degrees are in the interior angles of a hexagon
Derive the quadratic formula.
Calculate the hypotenuse if the legs are 9 and 12.
What is the probability that two people in a room of 23 share a birthday?
I need help understanding how to divide fractions
what's the determinant of a 3x3 matrix and how do I compute it
How many zeros does 100! end with?
A sequence starts 5, 8, 11, 14. What is the 50th term?
What's 2 to the power of 20?
can you explain what a derivative means geometrically
Is the function f(x) = x^3 odd or even?
What is the standard deviation of 2, 4, 4, 4, 5, 5, 7, 9?
how do I find the inverse of f(x) = (2x+1)/3
Show that the set of integers under addition is a group
how many seconds are in a week
Estimate sqrt(47) without a calculator
What's the sum of the angles in a pentagon?
Write 3.2 x 10^-4 in standard form.
what is the limit of sin(x)/x as x goes to 0
Why is the derivative of e^x equal to e^x?
I need to solve this system: y = 2x + 1 and y = -x + 7
""")
