"""Matplotlib charts of a routine and of the progress log (matplotlib loads here only)."""
