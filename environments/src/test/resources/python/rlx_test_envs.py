"""Environments that misbehave on purpose, for the Gymnasium bridge's fault tests (GymnasiumFaultsTest)."""

import os
import sys
import time

import gymnasium
import numpy as np
from gymnasium import spaces


class Faulty(gymnasium.Env):
    """Two observations, two actions, +1 per step, terminated at step 10; at step `at_step` it
    raises, exits, hangs, or (`print`) writes to stdout on every step."""

    def __init__(self, fault="none", at_step=3):
        self.observation_space = spaces.Box(-1.0, 1.0, (2,), np.float32)
        self.action_space = spaces.Discrete(2)
        self.fault = fault
        self.at_step = at_step
        self.t = 0

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.t = 0
        return np.zeros(2, np.float32), {}

    def step(self, action):
        self.t += 1
        if self.t == self.at_step:
            if self.fault == "raise":
                raise RuntimeError(f"the faulty environment broke at step {self.t}")
            if self.fault == "exit":
                os._exit(7)
            if self.fault == "hang":
                time.sleep(3600)
        if self.fault == "print":
            print("a line on stdout from step", self.t, flush=True)
            os.write(1, b"bytes written straight to fd 1\n")
        return np.full(2, self.t / 100, np.float32), 1.0, self.t >= 10, False, {}


gymnasium.register("Faulty-v0", entry_point=Faulty, max_episode_steps=50)


class TwoKnobs(Faulty):
    """Faulty's dynamics with a MultiDiscrete([3, 3]) action space, which rlx's algorithms cannot act in."""

    def __init__(self):
        super().__init__()
        self.action_space = spaces.MultiDiscrete([3, 3])


gymnasium.register("TwoKnobs-v0", entry_point=TwoKnobs, max_episode_steps=50)


class Frames(gymnasium.Env):
    """64×64 RGB frames (uint8) whose every pixel is the step count mod 256: answers far larger than
    a pipe's 64 KiB buffer, and a non-float observation space that the bridge flattens."""

    def __init__(self):
        self.observation_space = spaces.Box(0, 255, (64, 64, 3), np.uint8)
        self.action_space = spaces.Discrete(3)
        self.t = 0

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.t = 0
        return np.zeros((64, 64, 3), np.uint8), {}

    def step(self, action):
        self.t += 1
        return np.full((64, 64, 3), (self.t + int(action)) % 256, np.uint8), float(action), False, self.t >= 300, {}


gymnasium.register("Frames-v0", entry_point=Frames)
