def generated_world(portals=200, pages=5000, seed=0):
    raise NotImplementedError
