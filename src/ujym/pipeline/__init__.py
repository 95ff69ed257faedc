"""Pipeline: the verbs a researcher calls, returning frames with a known unit and provenance."""
