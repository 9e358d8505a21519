"""Answers computed from a loaded catalogue: query, compare, search, fit, matrix, map."""
