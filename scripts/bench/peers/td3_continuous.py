"""TD3 on a Gymnasium continuous-action task: the PyTorch peer of rlx's `td3` in
scripts/bench/offpolicy.sh. Written from the target of the RL reference §4.2 (Fujimoto et al.
2018): clipped double Q, target-policy smoothing, delayed actor and target updates. The settings
are CleanRL's td3_continuous_action.py: 256x256 ReLU MLPs, batch 256, tau 0.005, gamma 0.99,
Adam 3e-4, exploration noise 0.1, policy noise 0.2 clipped to 0.5 (both times the action scale),
policy delay 2.

Prints the same line as sac_continuous.py.
"""

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import BoundedPolicy, arguments, QNetwork, ReplayBuffer, polyak, seed_everything, train


class Actor(BoundedPolicy):
    """mu(s) = tanh(f(s)) * scale + bias: deterministic, within the action bounds."""

    def __init__(self, obs_dim, act_dim, low, high):
        super().__init__(obs_dim, act_dim, low, high)

    def forward(self, s):
        return torch.tanh(self.net(s)) * self.scale + self.bias


def main():
    args = arguments(learning_rate=3e-4, exploration_noise=0.1, policy_noise=0.2, noise_clip=0.5, policy_delay=2, threads=1).parse_args()

    env = gym.make(args.env_id)
    seed_everything(env, args.seed, args.threads)
    obs_dim, act_dim = env.observation_space.shape[0], env.action_space.shape[0]
    low, high = env.action_space.low, env.action_space.high
    a_low, a_high = torch.as_tensor(low), torch.as_tensor(high)

    actor, actor_t = Actor(obs_dim, act_dim, low, high), Actor(obs_dim, act_dim, low, high)
    q1, q2 = QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    q1_t, q2_t = QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    for net, target in ((actor, actor_t), (q1, q1_t), (q2, q2_t)):
        target.load_state_dict(net.state_dict())
    opt_q = torch.optim.Adam(list(q1.parameters()) + list(q2.parameters()), lr=args.learning_rate)
    opt_pi = torch.optim.Adam(actor.parameters(), lr=args.learning_rate)
    rb = ReplayBuffer(args.buffer_size, obs_dim, act_dim)

    def update(step):
        s, a, r, s2, term = rb.sample(args.batch_size)
        # y = r + gamma min_i Q_i^-(s', clip(mu^-(s') + clip(N(0, sigma), -c, c), a_min, a_max))
        with torch.no_grad():
            noise = (torch.randn_like(a) * args.policy_noise).clamp(-args.noise_clip, args.noise_clip)
            a2 = (actor_t(s2) + noise * actor.scale).clamp(a_low, a_high)
            y = r + args.gamma * (1 - term) * torch.min(q1_t(s2, a2), q2_t(s2, a2))
        q_loss = F.mse_loss(q1(s, a), y) + F.mse_loss(q2(s, a), y)
        opt_q.zero_grad()
        q_loss.backward()
        opt_q.step()

        if step % args.policy_delay == 0:  # the actor and the targets move every d critic steps
            pi_loss = -q1(s, actor(s)).mean()
            opt_pi.zero_grad()
            pi_loss.backward()
            opt_pi.step()
            polyak(((actor, actor_t), (q1, q1_t), (q2, q2_t)), args.tau)

    def act(obs):  # mu(s) + N(0, (scale sigma)^2), clipped to the bounds
        with torch.no_grad():
            mu = actor(torch.as_tensor(obs)[None])[0].numpy()
        noisy = np.random.normal(mu, actor.scale.numpy() * args.exploration_noise)
        return noisy.clip(low, high).astype(np.float32)

    train(env, rb, act, update, args.total_steps, args.learning_starts, args.seed)


if __name__ == "__main__":
    main()
