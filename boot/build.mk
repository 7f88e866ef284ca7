# boot/: (empty so far)
