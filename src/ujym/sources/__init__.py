"""Sources: the casebook, the dataset catalog, the cache and the publishers' files (all I/O)."""
