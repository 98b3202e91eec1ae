"""The guided-session widgets: the page's player, the timer and the class view."""
