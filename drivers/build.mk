# drivers/: (empty so far)
