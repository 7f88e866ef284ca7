# luo/: (empty so far)
