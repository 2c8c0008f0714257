"""Requests as the app server sees them behind the load balancer, and settings read from a given
environment: what the rate-limit tests need to play a visitor, an attacker and an operator."""

import os
import runpy
from pathlib import Path
from unittest import mock

BASE_SETTINGS = Path(__file__).resolve().parents[1] / "iswg_portal" / "settings" / "base.py"

# The load balancer's own address: behind it, every request reaches the app server from here.
LOAD_BALANCER = "10.0.0.2"


def through_load_balancer(visitor, forged=""):
    """The request headers of `visitor` once the load balancer has passed it on: the balancer
    appends the address it saw to whatever X-Forwarded-For the visitor sent (`forged`)."""
    forwarded_for = f"{forged}, {visitor}" if forged else visitor
    return {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": forwarded_for}


def settings_read_from(**environment):
    """The settings base.py makes of these environment variables (added to the current ones)."""
    with mock.patch.dict(os.environ, environment):
        return runpy.run_path(str(BASE_SETTINGS))
