"""Poisoning attack benchmark for traingate's dataset analyzers (see README.md)."""
