package dev.rlx.api;

/** An environment whose true state values under its own evaluation policy are known. */
public interface KnownStateValues {

  /** v_π(s) for every state under the environment's evaluation policy, for discount γ. */
  double[] trueStateValues(double gamma);

  /** An action drawn from the evaluation policy, given a uniform draw u ∈ [0, 1). */
  int evaluationPolicyAction(int state, double u);
}
