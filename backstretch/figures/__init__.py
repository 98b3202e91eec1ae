"""Stick figures of each stretch: pose data, their layout and scene, SVG and PNG drawing."""
