"""Sharing a week with the instructor, on the class hub: what a share holds (``share``),
built from the person's log and plan (``this_week``), the class's figures the instructor
sees (``class_figures``, as a page in ``class_page``) and the client that talks to the
hub's sharing service (``client``). It reads the log and the programme; it shows nothing."""
