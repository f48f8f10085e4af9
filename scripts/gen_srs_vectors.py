#!/usr/bin/env python3
"""Generate the FSRS test vectors in tests/data/fsrs_vectors.json from py-fsrs.

cloudcram's scheduler (src/srs/) must give the same results as the reference
implementation, py-fsrs 6.x with fuzzing off, on the same review log. This script replays
hand-picked and seeded-random review logs through py-fsrs and writes, after every review,
the card state py-fsrs reached. tests/srs_vectors.rs replays the same logs through
cloudcram and compares: due times exactly, stability and difficulty to 1e-5.

    pip install 'fsrs>=6,<7'
    python3 scripts/gen_srs_vectors.py > tests/data/fsrs_vectors.json

The output depends only on py-fsrs's version and this script (the random cases use a
fixed seed), so running it again gives the same file.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta, timezone
from importlib.metadata import version

from fsrs import Card, Rating, Scheduler, State

RATINGS = {
    "again": Rating.Again,
    "hard": Rating.Hard,
    "good": Rating.Good,
    "easy": Rating.Easy,
}
STATES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}
START = datetime(2026, 1, 5, 9, 30, 0, tzinfo=timezone.utc)


def fmt(t: datetime) -> str:
    """RFC 3339 in UTC with a `Z`, fractional seconds only when there are some."""
    if t.microsecond:
        return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Case:
    """One card's review log, built step by step; each step records py-fsrs's result."""

    def __init__(self, name: str, retention: float = 0.9, start: datetime = START):
        self.name = name
        self.retention = retention
        self.scheduler = Scheduler(desired_retention=retention, enable_fuzzing=False)
        self.card = Card(card_id=1)
        self.now = start
        self.steps: list[dict] = []

    def review(self, rating: str) -> "Case":
        self.card, _ = self.scheduler.review_card(self.card, RATINGS[rating], self.now)
        self.steps.append(
            {
                "at": fmt(self.now),
                "rating": rating,
                "state": STATES[self.card.state],
                "step": self.card.step,
                "stability": self.card.stability,
                "difficulty": self.card.difficulty,
                "due": fmt(self.card.due),
            }
        )
        return self

    # Moving the clock before the next review.
    def at_due(self) -> "Case":
        self.now = self.card.due
        return self

    def after(self, **kw) -> "Case":
        self.now = self.now + timedelta(**kw)
        return self

    def due_plus(self, **kw) -> "Case":
        self.now = self.card.due + timedelta(**kw)
        return self

    def late(self, factor: float) -> "Case":
        """Reviewed when `factor` times the scheduled interval has passed."""
        last = self.card.last_review
        self.now = last + (self.card.due - last) * factor
        return self

    def to_json(self) -> dict:
        return {"name": self.name, "desired_retention": self.retention, "reviews": self.steps}


def hand_picked() -> list[Case]:
    cases = []

    # Learning steps (1 min, 10 min) from a new card, each rating.
    for r in RATINGS:
        cases.append(Case(f"first review {r}").review(r))
    cases.append(Case("learning: good good").review("good").at_due().review("good"))
    cases.append(Case("learning: hard at step 0 then good").review("hard").at_due().review("good").at_due().review("good"))
    cases.append(Case("learning: good then hard at step 1").review("good").at_due().review("hard").at_due().review("good"))
    cases.append(Case("learning: again resets the step").review("good").at_due().review("again").at_due().review("good").at_due().review("good"))
    cases.append(Case("learning: easy leaves learning").review("good").at_due().review("easy"))
    cases.append(Case("learning: again again hard easy").review("again").at_due().review("again").at_due().review("hard").at_due().review("easy"))

    # Reviews on the due date, a long run of each successful rating.
    for r in ("good", "easy", "hard"):
        c = Case(f"on time: {r} x12").review("good").at_due().review("good")
        for _ in range(12):
            c.at_due().review(r)
        cases.append(c)

    # Lapses: a review card forgotten, relearned, forgotten again.
    c = Case("lapse then relearn").review("good").at_due().review("good")
    for _ in range(4):
        c.at_due().review("good")
    c.at_due().review("again")  # -> relearning, 10 min
    c.at_due().review("good")  # -> review
    for _ in range(3):
        c.at_due().review("good")
    c.at_due().review("again").at_due().review("again").at_due().review("hard").at_due().review("hard").at_due().review("good")
    c.at_due().review("good")
    cases.append(c)
    c = Case("relearning: easy leaves at once").review("easy").at_due().review("again").at_due().review("easy").at_due().review("good")
    cases.append(c)
    c = Case("relearning: next-day return").review("good").at_due().review("good").at_due().review("again").after(days=2, hours=3).review("good").at_due().review("good")
    cases.append(c)
    c = Case("many lapses")
    c.review("hard")
    for i in range(20):
        c.at_due().review("again" if i % 3 == 0 else "good")
    cases.append(c)

    # Overdue reviews: long after the due date.
    for factor in (1.5, 3.0, 10.0, 40.0):
        c = Case(f"overdue x{factor}").review("good").at_due().review("good")
        for r in ("good", "good", "hard", "good", "again", "good", "easy"):
            c.late(factor).review(r)
        cases.append(c)
    cases.append(Case("learning card back after a month").review("good").after(days=31).review("good").at_due().review("good"))
    cases.append(Case("new card: again, back a week later").review("again").after(days=7, minutes=5).review("hard").after(days=7).review("again").at_due().review("good"))

    # Early reviews: before the due date but at least a day after the last review.
    for factor in (0.2, 0.5, 0.9):
        c = Case(f"early x{factor}").review("good").at_due().review("good").at_due().review("good")
        for r in ("good", "again", "good", "good", "hard", "easy", "good"):
            if c.card.state == State.Review and (c.card.due - c.card.last_review) >= timedelta(days=2):
                c.late(factor)
            else:
                c.at_due()
            c.review(r)
        cases.append(c)

    # Same-day reviews: in the review state, less than 24 hours after the last review.
    c = Case("same day in review").review("easy")
    for r in ("good", "good", "again", "hard", "good", "easy", "again"):
        c.after(hours=2).review(r)
    c.at_due().review("good").after(minutes=30).review("good")
    cases.append(c)
    c = Case("same-day then next day").review("good").at_due().review("good").at_due().review("good")
    c.after(hours=23, minutes=59, seconds=59).review("good")
    c.after(hours=24).review("good")
    c.after(days=1, microseconds=-1).review("hard")
    c.after(days=1, microseconds=1).review("good")
    cases.append(c)

    # Whole 24-hour periods: 23:59:59.999999 is 0 days, 24:00:00 is 1 day.
    for label, delta in (("just under a day", timedelta(days=1, microseconds=-1)), ("exactly a day", timedelta(days=1))):
        c = Case(f"elapsed: {label}").review("good").at_due().review("good").at_due().review("good")
        c.now = c.card.last_review + delta
        c.review("good")
        c.now = c.card.last_review + delta * 3
        c.review("again")
        cases.append(c)
    c = Case("fractional seconds", start=START.replace(microsecond=250_000)).review("good").at_due().review("good").after(days=3, microseconds=123_456).review("good")
    cases.append(c)

    # The interval cap: 36,500 days.
    c = Case("cap: easy on time").review("easy")
    for _ in range(14):
        c.at_due().review("easy")
    cases.append(c)
    c = Case("cap: easy when very overdue").review("easy")
    for _ in range(6):
        c.late(20.0).review("easy")
    cases.append(c)
    c = Case("cap: easy on time at retention 0.97", retention=0.97).review("easy")
    for _ in range(16):
        c.at_due().review("easy")
    cases.append(c)

    # Other desired retentions.
    for retention in (0.7, 0.8, 0.85, 0.95, 0.99):
        c = Case(f"retention {retention}", retention=retention).review("good").at_due().review("good")
        for r in ("good", "hard", "good", "again", "good", "good", "easy", "good"):
            c.at_due().review(r)
        cases.append(c)
    return cases


def random_cases(count: int, seed: int) -> list[Case]:
    """Seeded random logs: any rating after any delay, early, on time, late or same day."""
    rng = random.Random(seed)
    retentions = (0.9, 0.9, 0.9, 0.8, 0.85, 0.95)
    cases = []
    for n in range(count):
        start = START + timedelta(seconds=rng.randrange(0, 400 * 86400))
        c = Case(f"random {n}", retention=rng.choice(retentions), start=start)
        for _ in range(rng.randrange(1, 30)):
            if c.steps:
                kind = rng.random()
                if kind < 0.45:
                    c.at_due()
                elif kind < 0.6:
                    c.after(minutes=rng.randrange(0, 24 * 60))  # same day or so
                elif kind < 0.8:
                    c.late(rng.uniform(1.0, 6.0))
                elif kind < 0.95:
                    c.late(rng.uniform(0.05, 1.0))
                else:
                    c.after(seconds=rng.randrange(0, 86400 * 3000))
                if c.now < c.card.last_review:  # never before the previous review
                    c.now = c.card.last_review
            c.review(rng.choices(list(RATINGS), weights=(15, 15, 55, 15))[0])
        cases.append(c)
    return cases


def main() -> None:
    cases = hand_picked() + random_cases(160, seed=20261127)
    out = {
        "generator": f"scripts/gen_srs_vectors.py with py-fsrs {version('fsrs')}",
        "scheduler": {
            "parameters": list(Scheduler().parameters),
            "learning_steps_seconds": [60, 600],
            "relearning_steps_seconds": [600],
            "maximum_interval_days": 36500,
            "fuzz": False,
        },
        "cases": [c.to_json() for c in cases],
    }
    # One review per line: small, and a diff of two runs stays readable.
    cases_json = ",\n".join(
        '  {"name": %s, "desired_retention": %s, "reviews": [\n%s]}'
        % (json.dumps(c["name"]), json.dumps(c["desired_retention"]), ",\n".join("    " + json.dumps(r) for r in c["reviews"]))
        for c in out.pop("cases")
    )
    head = json.dumps(out)[:-1]
    sys.stdout.write(head + ', "cases": [\n' + cases_json + "\n]}\n")


if __name__ == "__main__":
    main()
