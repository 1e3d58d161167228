"""What the two peers share: the MLP, a float32 ring replay buffer, the loop (one environment
step, then one update once learning has started) and the line it prints."""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn


def mlp(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, n_out))


class ReplayBuffer:
    def __init__(self, capacity, obs_dim, act_dim):
        self.capacity, self.size, self.next = capacity, 0, 0
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.act = np.zeros((capacity, act_dim), dtype=np.float32)
        self.rew = np.zeros(capacity, dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.term = np.zeros(capacity, dtype=np.float32)

    def add(self, obs, act, rew, next_obs, terminated):
        i = self.next
        self.obs[i], self.act[i], self.rew[i], self.next_obs[i], self.term[i] = obs, act, rew, next_obs, terminated
        self.next = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch):
        i = np.random.randint(0, self.size, size=batch)
        return tuple(torch.from_numpy(x[i]) for x in (self.obs, self.act, self.rew, self.next_obs, self.term))


def seed_everything(env, seed, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    np.random.seed(seed)
    env.action_space.seed(seed)


def polyak(pairs, tau):
    """theta^- <- tau theta + (1 - tau) theta^- for each (network, target) pair."""
    with torch.no_grad():
        for net, target in pairs:
            for w, w_t in zip(net.parameters(), target.parameters()):
                w_t.lerp_(w, tau)


def train(env, rb, act, update, total_steps, learning_starts, seed):
    """Random actions until learning starts, then act(obs) and one update(step) per env step.

    Prints updates/s over the seconds since learning started (environment steps included, as a
    user sees them) and over the time inside update() alone, and the mean return of the last 5
    episodes."""
    returns, ep_return = [], 0.0
    updates, pure_seconds, learn_start = 0, 0.0, None
    wall_start = time.perf_counter()
    obs, _ = env.reset(seed=seed)
    for step in range(total_steps):
        action = env.action_space.sample() if step < learning_starts else act(obs)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        rb.add(obs, action, reward, next_obs, terminated)  # truncation still bootstraps
        ep_return += float(reward)
        obs = next_obs
        if terminated or truncated:
            returns.append(ep_return)
            ep_return = 0.0
            obs, _ = env.reset()
        if step >= learning_starts:
            if learn_start is None:
                learn_start = time.perf_counter()
            t0 = time.perf_counter()
            update(step)
            pure_seconds += time.perf_counter() - t0
            updates += 1
    now = time.perf_counter()
    seconds = now - learn_start if learn_start else 0.0
    final = float(np.mean(returns[-5:])) if returns else float("nan")
    print(f"updates={updates} update_seconds={seconds:.3f} "
          f"updates_per_second={updates / seconds if seconds else 0.0:.1f} "
          f"pure_update_seconds={pure_seconds:.3f} "
          f"pure_updates_per_second={updates / pure_seconds if pure_seconds else 0.0:.1f} "
          f"env_steps={total_steps} wall={now - wall_start:.3f} final_return={final:.1f}", flush=True)


class QNetwork(nn.Module):
    """Q(s, a): an MLP on the concatenated state and action."""

    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.net = mlp(obs_dim + act_dim, 1)

    def forward(self, s, a):
        return self.net(torch.cat([s, a], dim=1)).squeeze(1)


class BoundedPolicy(nn.Module):
    """An MLP policy of `outputs` per state, with the affine map tanh-space -> [low, high] as buffers."""

    def __init__(self, obs_dim, outputs, low, high):
        super().__init__()
        self.net = mlp(obs_dim, outputs)
        self.register_buffer("scale", torch.tensor((high - low) / 2, dtype=torch.float32))
        self.register_buffer("bias", torch.tensor((high + low) / 2, dtype=torch.float32))


def arguments(**defaults):
    """The command line both peers share (CleanRL's names and defaults), and the algorithm's own
    options given as name=default (e.g. policy_lr=3e-4): an ArgumentParser to add more to."""
    p = argparse.ArgumentParser()
    p.add_argument("--env-id", default="Pendulum-v1")
    p.add_argument("--total-steps", type=int, default=15_000)
    p.add_argument("--learning-starts", type=int, default=5_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--buffer-size", type=int, default=1_000_000)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--tau", type=float, default=0.005)
    for name, default in defaults.items():
        p.add_argument("--" + name.replace("_", "-"), type=type(default), default=default)
    return p
