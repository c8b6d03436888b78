"""Rapporteur: drafts and searches WSIS Forum Session Outcome Documents, offline first."""

__version__ = "0.1.0"
