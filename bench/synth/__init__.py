"""A seeded synthetic corpus in the five layouts of the real agreements (see generate)."""

from bench.synth.generate import Entry, agreement, generate

__all__ = ["Entry", "agreement", "generate"]
