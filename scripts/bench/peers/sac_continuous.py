"""SAC with automatic temperature on a Gymnasium continuous-action task: the PyTorch peer of
rlx's `sac` in scripts/bench/offpolicy.sh. Written from the losses of the RL reference §4.3
(Haarnoja et al. 2018, and the automatic-α paper); the settings are CleanRL's
sac_continuous_action.py: 256x256 ReLU MLPs, batch 256, tau 0.005, gamma 0.99, Adam (policy 3e-4,
Q and alpha 1e-3), log std tanh-rescaled to [-5, 2], the actor (and alpha) updated twice every
second step, the targets every step.

Prints one line (common.train): updates, the seconds since learning started (environment steps
included, as a user sees them) and updates per second over them, the seconds inside update() alone
and updates per second over those, environment steps, wall time, the mean of the last 5 returns.
"""

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import BoundedPolicy, arguments, QNetwork, ReplayBuffer, polyak, seed_everything, train

LOG_STD_MIN, LOG_STD_MAX = -5.0, 2.0


class SquashedGaussian(BoundedPolicy):
    """a = tanh(mu + sigma * eps) * scale + bias; log pi corrected by the Jacobian of the squash."""

    def __init__(self, obs_dim, act_dim, low, high):
        super().__init__(obs_dim, 2 * act_dim, low, high)

    def forward(self, s):
        mu, log_std = self.net(s).chunk(2, dim=1)
        log_std = LOG_STD_MIN + 0.5 * (LOG_STD_MAX - LOG_STD_MIN) * (torch.tanh(log_std) + 1)
        return mu, log_std

    def sample(self, s):
        mu, log_std = self(s)
        std = log_std.exp()
        z = mu + std * torch.randn_like(mu)  # reparameterised: gradients flow through z
        y = torch.tanh(z)
        log_normal = -0.5 * ((z - mu) / std) ** 2 - log_std - 0.5 * np.log(2 * np.pi)
        log_pi = (log_normal - torch.log(self.scale * (1 - y**2) + 1e-6)).sum(1)
        return y * self.scale + self.bias, log_pi


def main():
    args = arguments(policy_lr=3e-4, q_lr=1e-3, policy_frequency=2, threads=1).parse_args()

    env = gym.make(args.env_id)
    seed_everything(env, args.seed, args.threads)
    obs_dim, act_dim = env.observation_space.shape[0], env.action_space.shape[0]
    low, high = env.action_space.low, env.action_space.high

    actor = SquashedGaussian(obs_dim, act_dim, low, high)
    q1, q2 = QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    q1_t, q2_t = QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    q1_t.load_state_dict(q1.state_dict())
    q2_t.load_state_dict(q2.state_dict())
    opt_q = torch.optim.Adam(list(q1.parameters()) + list(q2.parameters()), lr=args.q_lr)
    opt_pi = torch.optim.Adam(actor.parameters(), lr=args.policy_lr)
    target_entropy = -float(act_dim)  # -|A|
    log_alpha = torch.zeros(1, requires_grad=True)
    opt_alpha = torch.optim.Adam([log_alpha], lr=args.q_lr)
    alpha = log_alpha.exp().item()
    rb = ReplayBuffer(args.buffer_size, obs_dim, act_dim)

    def update(step):
        nonlocal alpha
        s, a, r, s2, term = rb.sample(args.batch_size)
        # soft Q target: y = r + gamma (min_i Q_i^-(s', a') - alpha log pi(a'|s')), a' ~ pi(.|s')
        with torch.no_grad():
            a2, log_pi2 = actor.sample(s2)
            v2 = torch.min(q1_t(s2, a2), q2_t(s2, a2)) - alpha * log_pi2
            y = r + args.gamma * (1 - term) * v2
        q_loss = F.mse_loss(q1(s, a), y) + F.mse_loss(q2(s, a), y)
        opt_q.zero_grad()
        q_loss.backward()
        opt_q.step()

        if step % args.policy_frequency == 0:  # delayed, as TD3: the actor catches up in one go
            for _ in range(args.policy_frequency):
                a_pi, log_pi = actor.sample(s)
                pi_loss = (alpha * log_pi - torch.min(q1(s, a_pi), q2(s, a_pi))).mean()
                opt_pi.zero_grad()
                pi_loss.backward()
                opt_pi.step()
                # dual descent on log alpha: alpha rises while the entropy is below its target
                with torch.no_grad():
                    _, log_pi = actor.sample(s)
                alpha_loss = (-log_alpha.exp() * (log_pi + target_entropy)).mean()
                opt_alpha.zero_grad()
                alpha_loss.backward()
                opt_alpha.step()
                alpha = log_alpha.exp().item()

        polyak(((q1, q1_t), (q2, q2_t)), args.tau)  # every step; SAC's actor has no target

    def act(obs):
        with torch.no_grad():
            return actor.sample(torch.as_tensor(obs)[None])[0][0].numpy()

    train(env, rb, act, update, args.total_steps, args.learning_starts, args.seed)


if __name__ == "__main__":
    main()
