"""The repository and its demo workspace as the tests know them: where they are, and
who the demo's ten participants are (``examples/demo/participants/01`` to ``10``)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DEMO = ROOT / "examples" / "demo"

NAMES = [
    "Priya Shah",
    "Tomasz Nowak",
    "Grace Adeyemi",
    "Ciarán Murphy",
    "Fatima Begum",
    "Lucia Fernandes",
    "Kwame Asante",
    "Hannah Cohen",
    "Aisha Rahman",
    "Oliver Bennett",
]
ORGANISATIONS = [
    "Northbridge Council – Early Help",
    "Northbridge Health Visiting Service (NHS)",
    "Northbridge Council – Public Health",
    "Northbridge Maternity Unit",
    "Little Acorns Nursery",
    "Northbridge Childminding Network",
    "Home-Start Northbridge",
    "Northbridge Parents Forum",
    "GP practice, Northbridge PCN",
    "Northbridge Council – Family Hubs",
]
