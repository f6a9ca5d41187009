"""Throughput harness (``eventwire bench``)."""

from eventwire.bench.harness import build_corpus, run_bench

__all__ = ["build_corpus", "run_bench"]
