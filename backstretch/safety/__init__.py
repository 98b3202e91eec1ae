"""Safety as data (red flags, stop signs, conditions) and as Markdown and HTML notes."""
