"""Benchmarks: run `python -m bench.run` from the project root; they are not part of the tests."""
