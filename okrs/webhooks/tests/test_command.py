"""`okrs deliver-webhooks` sends what is due once; with --forever it runs `okrs worker`."""

import os
import signal
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from okrs.objectives.actions import record_check_in
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import Delivery


def run(*args) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("deliver-webhooks", *args, stdout=out)
    return out.getvalue()


def test_one_shot_run_sends_due_deliveries_and_prints_a_summary(world, receiver):
    create_endpoint(world.org, receiver.url, ["checkin.created"])
    record_check_in(world.objective().key_results.first(), 30000, 6)
    assert run() == "Webhook deliveries: 1 delivered, 0 to retry, 0 failed.\n"
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED
    assert len(receiver.requests) == 1


def test_one_shot_run_with_nothing_due(db):
    assert run() == "Webhook deliveries: 0 delivered, 0 to retry, 0 failed.\n"


def run_forever_until_sigterm(after: float) -> tuple[str, str]:
    """Run the command with --forever, send it SIGTERM after some seconds; return its output."""
    timer = threading.Timer(after, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    out, err = StringIO(), StringIO()
    try:
        call_command("deliver-webhooks", "--forever", "--interval", "60", stdout=out, stderr=err)
    finally:
        timer.cancel()
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db(transaction=True)  # the loop recycles connections, as a worker must
def test_forever_runs_the_worker_which_sends_then_stops_cleanly_on_sigterm(world, receiver):
    create_endpoint(world.org, receiver.url, ["checkin.created"])
    record_check_in(world.objective().key_results.first(), 30000, 6)
    previous = signal.getsignal(signal.SIGTERM)
    out, err = run_forever_until_sigterm(0.5)
    assert "replaced by okrs worker" in err
    assert out.splitlines()[-1] == "Stopped."
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED
    assert len(receiver.requests) == 1
    assert signal.getsignal(signal.SIGTERM) is previous


def test_interval_must_be_positive(db):
    with pytest.raises(CommandError, match="--interval"):
        run("--forever", "--interval", "0")
