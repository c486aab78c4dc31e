"""Benchmarks: ``scripts/bench [NAME ...]`` runs them and prints their figures."""
