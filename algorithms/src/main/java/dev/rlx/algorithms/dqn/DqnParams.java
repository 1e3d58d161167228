package dev.rlx.algorithms.dqn;

import dev.rlx.api.Param;

/**
 * DQN and Double DQN (references.md §2.3–2.4). Defaults are the reference's CartPole recipe:
 * replay 10k, batch 64, target copy every 500 steps, Adam 1e-3, ε 1.0 → 0.05 over 10k steps,
 * learning after 1,000 random steps, 64-64 ReLU MLP. The Rainbow extensions (references.md
 * §2.3 "Descendants", §2.5) are off by default: prioritised replay (Schaul et al. 2016), the
 * dueling head (Wang et al. 2016) and n-step returns.
 */
public record DqnParams(
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1, maxExclusive = true)
    double gamma,
    @Param(doc = "Adam learning rate", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "replay buffer capacity", defaultValue = "10000", min = 1, unit = "transitions")
    int bufferSize,
    @Param(doc = "minibatch size", defaultValue = "64", min = 1)
    int batchSize,
    @Param(doc = "steps between hard target copies θ⁻ ← θ", defaultValue = "500", min = 1, unit = "steps")
    int targetUpdateInterval,
    @Param(doc = "Polyak τ for soft target updates; 1 means hard copies", defaultValue = "1.0", min = 0, minExclusive = true, max = 1)
    double tau,
    @Param(doc = "random steps before learning starts", defaultValue = "1000", min = 0, unit = "steps")
    int learningStarts,
    @Param(doc = "environment steps per gradient update", defaultValue = "1", min = 1, unit = "steps")
    int trainFrequency,
    @Param(doc = "initial exploration ε", defaultValue = "1.0", min = 0, max = 1)
    double epsilonStart,
    @Param(doc = "final exploration ε", defaultValue = "0.05", min = 0, max = 1)
    double epsilonEnd,
    @Param(doc = "steps of the linear ε decay", defaultValue = "10000", min = 1, unit = "steps")
    int explorationSteps,
    @Param(doc = "hidden units per layer of the 2-layer ReLU MLP", defaultValue = "64", min = 1)
    int hiddenSize,
    @Param(doc = "proportional prioritised replay (Schaul et al. 2016) instead of uniform", defaultValue = "false")
    boolean prioritized,
    @Param(doc = "priority exponent α of p_i = (|δ_i| + ε)^α; 0 is uniform", defaultValue = "0.6", min = 0)
    double priorityAlpha,
    @Param(doc = "initial importance-weight exponent β0, annealed linearly to 1 over training", defaultValue = "0.4",
        min = 0, max = 1)
    double priorityBeta0,
    @Param(doc = "ε of p_i = (|δ_i| + ε)^α: keeps transitions with zero TD error sampleable", defaultValue = "1.0e-6",
        min = 0, minExclusive = true)
    double priorityEpsilon,
    @Param(doc = "dueling head Q = V + A − mean_a A (Wang et al. 2016) on the shared hidden layers", defaultValue = "false")
    boolean dueling,
    @Param(doc = "n of the n-step return target Σ_{k<n} γ^k r_{t+k} + γ^n Q(s_{t+n}, ·); 1 is one-step",
        defaultValue = "1", min = 1, unit = "steps")
    int nStep) {}
