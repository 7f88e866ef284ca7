# arch/x86_64/: (empty so far)
