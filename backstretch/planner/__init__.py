"""The planner: a routine that fits a time budget and reaches the target groups.

``from backstretch.planner import plan`` is the public way in; ``problem`` states the
problem and checks its inputs, ``search`` finds the best choice.
"""

from .problem import (
                      DEFAULT_GOAL,
                      GOAL_NAMES,
                      GOALS,
                      MAX_BUDGET,
                      POSITION_ORDER,
                      STRENGTH_MOVES,
                      plan,
                      reached_groups,
                      summary,
                      goal_name,
                      target_groups,
)

__all__ = ["DEFAULT_GOAL", "GOALS", "GOAL_NAMES", "MAX_BUDGET", "POSITION_ORDER",
           "STRENGTH_MOVES", "goal_name", "plan", "reached_groups", "summary", "target_groups"]
