"""The guided-session widgets: timer, class view, their controls, cues and page side."""
