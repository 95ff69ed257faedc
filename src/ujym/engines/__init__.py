"""Engines: pure, seeded maths on arrays and frames (measures, ideal points, bargaining, claim checks)."""
