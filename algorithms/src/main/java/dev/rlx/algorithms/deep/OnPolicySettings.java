package dev.rlx.algorithms.deep;

/**
 * The settings the on-policy actor-critic loop reads ({@link OnPolicyTraining}); PPO's and A2C's
 * parameter records implement it with their components of the same names.
 */
public interface OnPolicySettings {

  /** Discount γ. */
  double gamma();

  /** GAE λ. */
  double gaeLambda();

  /** Adam's learning rate (the start of the schedule when annealed). */
  double lr();

  double adamEps();

  /** Parallel environment copies per rollout. */
  int numEnvs();

  /** Steps per copy per rollout. */
  int numSteps();

  /** Anneal the learning rate linearly to 0 over the updates. */
  boolean annealLr();

  /** Hidden units per layer of the actor's and the critic's MLPs. */
  int hiddenSize();

  boolean orthogonalInit();

  boolean normalizeObs();

  boolean scaleRewards();
}
