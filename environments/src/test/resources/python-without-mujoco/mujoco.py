"""Stands in for a missing MuJoCo (GymnasiumFaultsTest): first on sys.path, it hides the real one."""
raise ImportError("No module named 'mujoco' (hidden by rlx's fault test)")
