"""The stretches, their muscle groups, the props they need, and a card per stretch."""
