"""Printable handouts: what they say (content), and HTML and PDF renderings of it."""
