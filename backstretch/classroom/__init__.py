"""For a class: the nbgitpuller link to hand out, and the presented page's order."""
