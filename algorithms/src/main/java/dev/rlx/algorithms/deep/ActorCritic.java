package dev.rlx.algorithms.deep;

import ai.djl.nn.Block;
import java.util.SplittableRandom;

/**
 * The separate actor and critic networks of the on-policy algorithms (CleanRL's PPO/A2C
 * agents): 2-layer tanh MLPs with orthogonal init — gain √2 hidden, 0.01 on the policy head
 * so the initial policy is near uniform (near zero-mean for a Gaussian), 1 on the value head.
 */
public final class ActorCritic {

  private ActorCritic() {}

  /** The actor for {@code policy}: logits for a categorical, [μ, log σ] for a Gaussian. */
  public static Block actor(PolicyDistribution policy, int hidden, boolean orthogonal, SplittableRandom rng) {
    int[] layers = {hidden, hidden};
    if (policy instanceof GaussianPolicy gaussian) {
      return new GaussianActor(Mlp.tanh(layers, gaussian.actionSize(), orthogonal, 0.01, rng), gaussian.actionSize());
    }
    return Mlp.tanh(layers, policy.actorOutputs(), orthogonal, 0.01, rng);
  }

  /** V(s): one output. */
  public static Block critic(int hidden, boolean orthogonal, SplittableRandom rng) {
    return Mlp.tanh(new int[] {hidden, hidden}, 1, orthogonal, 1.0, rng);
  }
}
