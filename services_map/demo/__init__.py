"""Demo agencies and services of the directory for seed_demo (data/demo-directory.json)."""

from .directory import seed_directory

__all__ = ["seed_directory"]
