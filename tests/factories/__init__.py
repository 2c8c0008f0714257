"""Factories for the test suite, one module per app."""

from .accounts import UserFactory

__all__ = ["UserFactory"]
