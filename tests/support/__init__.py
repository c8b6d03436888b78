"""Helpers shared by the test folders: free ports, a deterministic fake embedder."""
