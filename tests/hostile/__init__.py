"""Hostile inputs for pmroles: the data behind tests/test_hostile.py."""
