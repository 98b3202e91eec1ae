"""The guided session: a state machine over a routine's timeline, its checklist, a pretend
clock for tests and rehearsals."""
