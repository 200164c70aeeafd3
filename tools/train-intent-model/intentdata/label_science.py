"""`science`: how the natural world works: physics, chemistry, biology, earth and space science, experiments."""
from __future__ import annotations

from .grammar import Family, lines, pool

L = "science"

WHY = lines("""
is the sky blue
do we have seasons
does ice float on water
do leaves change color in autumn
does salt melt ice on roads
do stars twinkle
is the ocean salty
do we see lightning before we hear thunder
does bread rise
do metals feel colder than wood at the same temperature
does a compass point north
do onions make you cry
does the moon have phases
do cats always land on their feet
is the sunset red
does popcorn pop
do planes stay in the air
does hot water sometimes freeze faster than cold water
do bubbles form in soda
does iron rust
do birds migrate
do we yawn
does the moon cause tides
do objects fall at the same rate in a vacuum
does a spoon look bent in a glass of water
""")
HOW = lines("""
photosynthesis
a nuclear reactor
the human immune system
vaccination
rainbow formation
DNA replication
an electric motor
a refrigerator
GPS
plate tectonics
evolution by natural selection
black hole formation
the heart's pumping cycle
a solar panel
a rechargeable battery
kidney filtration
hurricane formation
a lithium-ion battery
sound propagation
the greenhouse effect
an antibiotic
nerve signaling
a laser
fermentation
nuclear fusion in stars
CRISPR gene editing
an MRI machine
the water cycle
an earthquake
muscle contraction
""")
CONCEPT = lines("""
entropy
quantum entanglement
the Doppler effect
general relativity
half-life
osmosis
the Higgs boson
dark matter
electronegativity
a chemical equilibrium
the photoelectric effect
mitochondria
an ecosystem's carrying capacity
the Heisenberg uncertainty principle
a catalyst
superconductivity
epigenetics
a neutron star
the ozone layer
Newton's third law
kinetic energy
pH
continental drift
the speed of light being a limit
wave-particle duality
""")
PAIR = lines("""
mitosis and meiosis
a virus and a bacterium
weather and climate
speed and velocity
mass and weight
nuclear fission and fusion
an element and a compound
DNA and RNA
heat and temperature
a comet and an asteroid
ionic and covalent bonds
AC and DC current
genotype and phenotype
an acid and a base
a meteor and a meteorite
""")
PHYSICS = lines("""
A ball is dropped from a height of 20 m. How long does it take to hit the ground?
A car accelerates from 0 to 27 m/s in 9 seconds. What is its acceleration?
What force is needed to accelerate a 1200 kg car at 2 m/s^2?
A 60 W bulb runs for 5 hours. How much energy does it use in joules?
A projectile is launched at 30 m/s at 45 degrees. How far does it travel?
What is the wavelength of a 440 Hz sound wave in air?
A 2 kg object moves at 3 m/s. What is its kinetic energy?
How much current flows through a 10 ohm resistor connected to a 12 V battery?
A spring with k = 200 N/m is stretched 0.1 m. How much energy is stored?
What is the pressure 10 m under water?
How long does light from the Sun take to reach Earth?
What is the escape velocity from the Moon?
""")
CHEM = lines("""
H2 + O2 -> H2O
Fe + O2 -> Fe2O3
C3H8 + O2 -> CO2 + H2O
Al + HCl -> AlCl3 + H2
NaOH + H2SO4 -> Na2SO4 + H2O
CH4 + O2 -> CO2 + H2O
""")
COMPOUND = pool("glucose", "sulfuric acid", "calcium carbonate", "caffeine", "ethanol", "sodium chloride",
                "ammonia", "aspirin", split=False)
HYPO = lines("""
the Moon disappeared
Earth stopped spinning
you fell into a black hole
the Sun turned into a black hole of the same mass
all the ice on Earth melted
gravity were twice as strong
there were no bees
you dug a tunnel through the center of the Earth and jumped in
the speed of light were only 100 km/h
Earth had rings like Saturn
""")
HYPOTHESIS = lines("""
plants grow faster with music
caffeine affects how fast ants move
the color of a surface changes how fast it heats in the sun
salt water boils at a higher temperature than fresh water
paper airplanes fly farther with longer wings
temperature affects how fast yeast produces gas
""")
ORGANISM = lines("""
bats navigate in the dark
octopuses change color
plants know which way is up
bees communicate where flowers are
birds navigate during migration
tardigrades survive in space
sharks detect prey
fireflies glow
chameleons see in two directions
salmon find their home river
""")

FAMILIES = [
    Family(L, "why", (
        "Why {why}?",
        "[why|Why exactly|Can you explain why] {why}[?| scientifically?| in simple terms?]",
        "what's the science behind why {why}",
        "I've always wondered why {why}. [What's the explanation?|What's the physics?|]",
        "[ELI5|Explain like I'm 10]: why {why}?",
    ), {"why": WHY}),
    Family(L, "how", (
        "How does {how} work?",
        "[Explain|Describe|Walk me through] how {how} works[ step by step| at the molecular level| in detail|]",
        "what is the mechanism of {how}",
        "Can you give a [simple|detailed|high school level|] explanation of {how}?",
    ), {"how": HOW}),
    Family(L, "concept", (
        "What is {concept}?",
        "[Explain|Can you explain|Help me understand] {concept}[ in physics| in chemistry| with an everyday example| without math|]",
        "I'm studying for my [biology|physics|chemistry|earth science] exam. What is {concept} and why does it matter?",
        "{concept} - [what is it really?|can you give an intuitive explanation?|how do scientists measure it?]",
    ), {"concept": CONCEPT}),
    Family(L, "difference", (
        "What's the difference between {pair}?",
        "[Compare|Contrast] {pair}[ for a biology class| with examples|].",
        "how do {pair} differ?",
        "{pair}: [same thing?|what distinguishes them?|explain the difference]",
    ), {"pair": PAIR}),
    Family(L, "physics_problem", (
        "{physics}",
        "[Physics question|Physics homework|Help with this physics problem]: {physics}",
        "{physics} [Use g = 9.8 m/s^2.|Show the formula you use.|Explain the physics.|]",
    ), {"physics": PHYSICS}),
    Family(L, "chemistry", (
        "[Balance|Can you balance|How do I balance] [the equation|this chemical equation|this reaction]: {chem}",
        "What is the molar mass of {compound}?",
        "[what happens|What reaction occurs] when you mix {mix}?",
        "Is {compound} [polar or nonpolar|an acid or a base|ionic or covalent]? Why?",
        "What type of reaction is {chem}?",
    ), {"chem": CHEM, "compound": COMPOUND,
        "mix": pool("baking soda and vinegar", "bleach and ammonia", "sodium and water", "an acid and a base",
                    "hydrogen peroxide and yeast", "copper and nitric acid", split=False)}),
    Family(L, "hypothetical", (
        "What would happen if {hypo}?",
        "Scientifically, what if {hypo}?",
        "[hypothetically|just curious], if {hypo}, what would [physics|science] say happens?",
    ), {"hypo": HYPO}),
    Family(L, "experiment", (
        "[Design|Help me design|How would I design] an experiment to test whether {hypothesis}.",
        "I want to test if {hypothesis} for my science fair. What should my variables and controls be?",
        "What would be a good controlled experiment to find out whether {hypothesis}?",
    ), {"hypothesis": HYPOTHESIS}),
    Family(L, "biology", (
        "How do {organism}?",
        "[What allows|What's the biology behind how] {organism}?",
        "is it true that {organism}? how does that work biologically",
    ), {"organism": ORGANISM}),
    Family(L, "space_earth", (
        "[How far|How big|How hot|How old] is {body}[ and how do we know|]?",
        "What is {body} made of?",
        "Why does {body} [look the way it does|have that color|behave like that]?",
        "Could life exist on {body}? What would it need?",
    ), {"body": pool("the Sun", "Mars", "Jupiter's moon Europa", "the Andromeda galaxy", "the Earth's core",
                     "a white dwarf", "the Milky Way", "Venus", "Saturn's rings", "the Moon", "Titan",
                     "Proxima Centauri", split=False)}),
    Family(L, "quantities", (
        "What is the [boiling point|melting point|density|speed of sound] of {substance}[ and why|]?",
        "[How many|how many] {count}?",
        "What's the [charge|mass] of [an electron|a proton|a neutron] and why does it matter?",
    ), {"substance": pool("water at high altitude", "iron", "liquid nitrogen", "mercury", "ethanol", "seawater",
                          "helium", split=False),
        "count": lines("""
chromosomes do humans have
bones are in the human body
neurons are in the brain
elements are in the periodic table
cells are in the human body
""")}),
]

POOLS: dict = {}

HANDWRITTEN = lines("""
why do we have different blood types
how do noise cancelling headphones work
is glass a liquid?
what causes the northern lights
explain quantum tunneling simply
How do black holes evaporate?
Why does the Earth have a magnetic field?
What is the theory of evolution, in a nutshell?
How do magnets work at the atomic level?
Why can't we see air?
if I drop a feather and a hammer on the moon which lands first
What makes soap clean things?
How do viruses mutate?
why is carbon so important for life
What is a supernova?
what is absolute zero and can we reach it
How does the body regulate temperature?
How does a microwave oven heat food?
Why do some animals hibernate?
How do scientists date fossils?
Why is Pluto not a planet anymore, scientifically speaking?
Can sound travel in space?
What is the function of the ribosome?
How do tides work and why are there two a day?
explain the big bang like i'm five
What is the difference between a solution and a suspension?
How does an eclipse happen?
Why are some people colorblind?
How does caffeine keep you awake, biochemically?
why do electrons not fall into the nucleus
How do plants absorb water from their roots all the way up?
What is radioactivity?
How do clouds form and why don't they fall?
Why does the ocean look blue but water in a glass looks clear?
What determines whether an atom is stable?
Why do we get goosebumps?
Is time travel possible according to physics?
How does thermal expansion affect bridges?
what's inside a proton
How does the brain form memories?
""")
