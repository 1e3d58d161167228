#!/usr/bin/env python3
"""Reference trajectories of Gymnasium's classic-control environments, for the Java tests.

The step functions below transcribe, operation for operation and with the same NumPy dtypes,
Gymnasium's own code as read from github.com/Farama-Foundation/Gymnasium:
  gymnasium/envs/classic_control/acrobot.py                  @ 9fa9225b4a12852c58b4e096535504026f9443ac
      (AcrobotEnv.step, _dsdt with book_or_nips="book", _terminal, _get_ob, wrap, bound, rk4)
  gymnasium/envs/classic_control/mountain_car.py             @ 076886ece8b0b369f0a0311f1dd0641814868df1
      (MountainCarEnv.step)
  gymnasium/envs/classic_control/continuous_mountain_car.py  @ f0fcd8fbaaf0aee3a92c9ef64d054ecc9c37cf99
      (Continuous_MountainCarEnv.step)
  gymnasium/envs/classic_control/pendulum.py                 @ 9e06113040677f69752ba6fcec5f6b3478084db3
      (PendulumEnv.step, _get_obs, angle_normalize)
Gymnasium is not installed here (no network), hence the transcription; rendering, seeding and
the TimeLimit wrapper are left out (time limits are tested separately in Java).

Each trajectory starts from a fixed state (as the Java tests set it through their setState hook)
and follows a fixed action sequence chosen by a simple rule on the reference state; the actions
are recorded in the CSV so the Java side replays them exactly. Continuous actions are float32
values (what the Java side receives) passed as float64 arrays, so that NumPy >= 2 computes in
float64 as NumPy 1 did for float32 actions. (NumPy >= 2 still rounds 3 * position to float32 in
MountainCarContinuous once its state is float32; the Java tests allow for that float32-ulp noise.)
Written with NumPy 2.4.6.

Run: python3 gymnasium_classic_control.py  (writes the *.csv files beside this script)
CSV columns: step, action, observation..., reward, terminated. Row 0 is the start observation.
"""
import csv
import math
import os

import numpy as np
from numpy import cos, pi, sin

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- Acrobot-v1 (acrobot.py)
class Acrobot:
    dt = 0.2
    LINK_LENGTH_1 = 1.0
    LINK_LENGTH_2 = 1.0
    LINK_MASS_1 = 1.0
    LINK_MASS_2 = 1.0
    LINK_COM_POS_1 = 0.5
    LINK_COM_POS_2 = 0.5
    LINK_MOI = 1.0
    MAX_VEL_1 = 4 * pi
    MAX_VEL_2 = 9 * pi
    AVAIL_TORQUE = [-1.0, 0.0, +1]

    def __init__(self, state):
        self.state = np.asarray(state, dtype=np.float32)  # reset() draws float32 (astype(np.float32))

    def step(self, a):
        torque = self.AVAIL_TORQUE[a]
        s_augmented = np.append(self.state, torque)  # float32 state + torque -> float64
        ns = rk4(self._dsdt, s_augmented, [0, self.dt])
        ns[0] = wrap(ns[0], -pi, pi)
        ns[1] = wrap(ns[1], -pi, pi)
        ns[2] = bound(ns[2], -self.MAX_VEL_1, self.MAX_VEL_1)
        ns[3] = bound(ns[3], -self.MAX_VEL_2, self.MAX_VEL_2)
        self.state = ns
        terminated = bool(-cos(ns[0]) - cos(ns[1] + ns[0]) > 1.0)
        reward = -1.0 if not terminated else 0.0
        return self.obs(), reward, terminated

    def obs(self):
        s = self.state
        return np.array([cos(s[0]), sin(s[0]), cos(s[1]), sin(s[1]), s[2], s[3]], dtype=np.float32)

    def _dsdt(self, s_augmented):
        m1, m2 = self.LINK_MASS_1, self.LINK_MASS_2
        l1 = self.LINK_LENGTH_1
        lc1, lc2 = self.LINK_COM_POS_1, self.LINK_COM_POS_2
        I1 = I2 = self.LINK_MOI
        g = 9.8
        a = s_augmented[-1]
        theta1, theta2, dtheta1, dtheta2 = s_augmented[:-1]
        d1 = m1 * lc1**2 + m2 * (l1**2 + lc2**2 + 2 * l1 * lc2 * cos(theta2)) + I1 + I2
        d2 = m2 * (lc2**2 + l1 * lc2 * cos(theta2)) + I2
        phi2 = m2 * lc2 * g * cos(theta1 + theta2 - pi / 2.0)
        phi1 = (-m2 * l1 * lc2 * dtheta2**2 * sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin(theta2)
                + (m1 * lc1 + m2 * l1) * g * cos(theta1 - pi / 2)
                + phi2)
        # "book" dynamics (the default): with the m2 l1 lc2 dtheta1^2 sin(theta2) term
        ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1**2 * sin(theta2) - phi2) / (
            m2 * lc2**2 + I2 - d2**2 / d1)
        ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0


def wrap(x, m, M):
    diff = M - m
    while x > M:
        x = x - diff
    while x < m:
        x = x + diff
    return x


def bound(x, m, M):
    return min(max(x, m), M)


def rk4(derivs, y0, t):
    yout = np.zeros((len(t), len(y0)), np.float64)
    yout[0] = y0
    for i in np.arange(len(t) - 1):
        dt = t[i + 1] - t[i]
        dt2 = dt / 2.0
        y0 = yout[i]
        k1 = np.asarray(derivs(y0))
        k2 = np.asarray(derivs(y0 + dt2 * k1))
        k3 = np.asarray(derivs(y0 + dt2 * k2))
        k4 = np.asarray(derivs(y0 + dt * k3))
        yout[i + 1] = y0 + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return yout[-1][:4]


# ---------------------------------------------------------------- MountainCar-v0 (mountain_car.py)
class MountainCar:
    min_position, max_position, max_speed = -1.2, 0.6, 0.07
    goal_position, goal_velocity = 0.5, 0
    force, gravity = 0.001, 0.0025

    def __init__(self, state):
        self.state = np.array(state, dtype=np.float64)  # reset(): np.array([uniform, 0])

    def step(self, action):
        position, velocity = self.state
        velocity += (action - 1) * self.force + math.cos(3 * position) * (-self.gravity)
        velocity = np.clip(velocity, -self.max_speed, self.max_speed)
        position += velocity
        position = np.clip(position, self.min_position, self.max_position)
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        self.state = (position, velocity)
        return np.array(self.state, dtype=np.float32), -1.0, terminated

    def obs(self):
        return np.array(self.state, dtype=np.float32)


# ------------------------------------- MountainCarContinuous-v0 (continuous_mountain_car.py)
class MountainCarContinuous:
    min_action, max_action = -1.0, 1.0
    min_position, max_position, max_speed = -1.2, 0.6, 0.07
    goal_position, goal_velocity = 0.45, 0
    power = 0.0015

    def __init__(self, state):
        self.state = np.array(state, dtype=np.float64)  # reset(): float64 until the first step

    def step(self, action):
        position = self.state[0]
        velocity = self.state[1]
        force = min(max(action[0], self.min_action), self.max_action)
        velocity += force * self.power - 0.0025 * math.cos(3 * position)
        if velocity > self.max_speed:
            velocity = self.max_speed
        if velocity < -self.max_speed:
            velocity = -self.max_speed
        position += velocity
        if position > self.max_position:
            position = self.max_position
        if position < self.min_position:
            position = self.min_position
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        reward = 0
        if terminated:
            reward = 100.0
        reward -= math.pow(action[0], 2) * 0.1  # the action as given, not the clipped force
        self.state = np.array([position, velocity], dtype=np.float32)
        return self.state, reward, terminated

    def obs(self):
        return np.array(self.state, dtype=np.float32)


# ---------------------------------------------------------------- Pendulum-v1 (pendulum.py)
class Pendulum:
    max_speed, max_torque, dt = 8, 2.0, 0.05
    m, l = 1.0, 1.0

    def __init__(self, state, g=10.0):
        self.state = np.array(state, dtype=np.float64)
        self.g = g

    def step(self, u):
        th, thdot = self.state
        g, m, l, dt = self.g, self.m, self.l, self.dt
        u = np.clip(u, -self.max_torque, self.max_torque)[0]
        costs = angle_normalize(th) ** 2 + 0.1 * thdot**2 + 0.001 * (u**2)
        newthdot = thdot + (3 * g / (2 * l) * np.sin(th) + 3.0 / (m * l**2) * u) * dt
        newthdot = np.clip(newthdot, -self.max_speed, self.max_speed)
        newth = th + newthdot * dt
        self.state = np.array([newth, newthdot])
        return self.obs(), -costs, False

    def obs(self):
        theta, thetadot = self.state
        return np.array([np.cos(theta), np.sin(theta), thetadot], dtype=np.float32)


def angle_normalize(x):
    return ((x + np.pi) % (2 * np.pi)) - np.pi


# ---------------------------------------------------------------- trajectories
def record(name, env, policy, max_steps, stop_at_termination=True):
    rows = [[0, "", *[repr(float(x)) for x in env.obs()], "", ""]]
    for t in range(1, max_steps + 1):
        action = policy(t, env)
        if isinstance(action, float):
            obs, reward, terminated = env.step(np.array([action], dtype=np.float64))
        else:
            obs, reward, terminated = env.step(action)
        rows.append([t, repr(action), *[repr(float(x)) for x in obs], repr(float(reward)), int(terminated)])
        if terminated and stop_at_termination:
            break
    with open(os.path.join(HERE, name), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["step", "action", *[f"obs{k}" for k in range(len(env.obs()))], "reward", "terminated"])
        out.writerows(rows)
    print(f"{name}: {len(rows) - 1} steps, terminated: {bool(rows[-1][-1])}")


def f32(x):
    return float(np.float32(x))


def main():
    # Acrobot: pump energy by torquing against the first joint's velocity (and now and then not at all); ends at the bar.
    record("acrobot.csv", Acrobot([f32(0.05), f32(-0.08), f32(0.02), f32(0.07)]),
           lambda t, e: (0 if e.state[2] > 0 else 2) if t % 9 else 1, 500)
    # MountainCar-v0: reverse into the left wall first, then rock along the velocity to the goal.
    record("mountain_car.csv", MountainCar([-0.9, -0.04]),
           lambda t, e: 0 if t <= 12 else (2 if e.state[1] >= 0 else 0), 200)
    # MountainCarContinuous-v0: actions beyond +-1 (clipped in the force, not in the reward).
    record("mountain_car_continuous.csv", MountainCarContinuous([-0.5234, 0.0]),
           lambda t, e: f32(1.5 if e.state[1] >= 0 else -0.75 - 0.5 * (t % 3)), 999)
    # Pendulum-v1: a deterministic pseudo-random torque sequence over [-3, 3] for 200 steps.
    record("pendulum.csv", Pendulum([2.9, -0.6]),
           lambda t, e: f32(3.0 * math.sin(0.7 * t + 0.3 * math.cos(1.3 * t))), 200)


if __name__ == "__main__":
    main()
