"""The session log: a store of sessions done, their records, schema, CSV export and weekly
words. ``from backstretch.log import SessionLog`` is the public way in."""

from .store import (
                    MAX_NAME,
                    MAX_NOTE,
                    MAX_SECONDS,
                    PAIN_MAX,
                    PAIN_MIN,
                    SCHEMA_VERSION,
                    PainPoint,
                    SessionLog,
                    SessionRecord,
                    Week,
                    completed_group_seconds,
)

__all__ = ["MAX_NAME", "MAX_NOTE", "MAX_SECONDS", "PAIN_MAX", "PAIN_MIN", "SCHEMA_VERSION",
           "PainPoint", "SessionLog", "SessionRecord", "Week", "completed_group_seconds"]
