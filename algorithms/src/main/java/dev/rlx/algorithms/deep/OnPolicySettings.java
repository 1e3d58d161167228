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

  /** The learning-rate schedule, the MLPs and the normalisation ({@link OnPolicyDetails}). */
  OnPolicyDetails details();
}
