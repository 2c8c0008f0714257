"""Demo agencies and services of the directory for seed_demo (data/demo-directory.json), and
the helplines."""

from .directory import seed_directory
from .helplines import seed_helplines

__all__ = ["seed_directory", "seed_helplines"]
