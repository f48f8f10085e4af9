#!/usr/bin/env python3
"""Replays a review log through py-fsrs, as `cloudcram due` replays progress.toml.

    python3 scripts/fsrs_replay.py LOG.csv NOW RUNS

LOG.csv holds `card,unix seconds,rating` lines (1 again .. 4 easy) in time order, as
benches/startup.rs writes them beside the progress.toml it measures. Each card's reviews
go through py-fsrs's Scheduler (cloudcram's defaults: retention 0.9, fuzzing on) in time
order, and the cards due at NOW are counted. Prints the median time of RUNS replays, in
seconds, reading the file not included: the reference for P2 in scripts/bench.
"""

import statistics
import sys
import time
from datetime import datetime, timezone

from fsrs import Card, Rating, Scheduler

RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}


def replay(log, now):
    scheduler = Scheduler(desired_retention=0.9, enable_fuzzing=True)
    cards = {}
    for card_id, at, rating in log:
        card = cards.get(card_id)
        if card is None:
            card = Card()
        cards[card_id], _ = scheduler.review_card(card, rating, at)
    return sum(1 for c in cards.values() if c.due <= now)


def main():
    path, now, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    now = datetime.fromisoformat(now.replace("Z", "+00:00"))
    log = []
    with open(path) as f:
        for line in f:
            card, at, rating = line.rstrip("\n").split(",")
            log.append((card, datetime.fromtimestamp(int(at), tz=timezone.utc), RATINGS[int(rating)]))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        replay(log, now)
        times.append(time.perf_counter() - start)
    print(f"{statistics.median(times):.6f}")


if __name__ == "__main__":
    main()
