"""The generality perturbation set's builder (entry point: tools/make_generality.py)."""
