"""Figures in the book's shared matplotlib style."""
