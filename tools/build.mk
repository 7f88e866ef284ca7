# tools/: (empty so far)
