"""Routines: the model, its files, its timeline of steps, coverage, the dose check, the
library of saved routines."""
