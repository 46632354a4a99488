"""Benchmarks: a synthetic corpus (bench.synth) and the runner (``python -m bench.run``)."""
