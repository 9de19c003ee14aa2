"""Concurrent check-ins through the API, each user with its own token, over many key results."""

import itertools
import json
import os
import random
from pathlib import Path

from locust import task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(Path(os.environ["OKRS_BENCH_PLAN"]).read_text())
TOKENS = itertools.cycle(PLAN["tokens"])


class TeamMember(FastHttpUser):
    """Someone checking in on key results as fast as the server answers."""

    def on_start(self):
        """Take the next token of the plan."""
        self.headers = {"Authorization": f"Bearer {next(TOKENS)}"}

    @task
    def check_in(self):
        """Check in on a random key result: a value, a confidence and a note."""
        key_result = random.choice(PLAN["key_results"])
        payload = {
            "value": round(random.uniform(0, 100), 1),
            "confidence": random.randint(0, 10),
            "progress_note": "Benchmark check-in",
        }
        self.client.post(
            f"/api/v1/key-results/{key_result}/check-ins",
            json=payload,
            headers=self.headers,
            name="/api/v1/key-results/{id}/check-ins",
        )
