# mm/: (empty so far)
