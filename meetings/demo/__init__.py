"""Demo thematic groups and meetings for seed_demo, drawn from the response's 2018–2019 work."""

from .seed import seed_meetings

__all__ = ["seed_meetings"]
