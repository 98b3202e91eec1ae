"""A person's programme over the weeks: the ``plan`` (``plan.yaml`` in the data folder),
its ``adherence`` (the log's weeks against it), ``reminders`` (the plan as an iCalendar
file), the check-ins' ``outcomes`` (change against the minimal important change) and the
suggested ``progression``. It reads the session log (``backstretch.log``) and writes only
the plan."""
