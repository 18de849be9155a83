print("pipetop-bench: nothing yet")
