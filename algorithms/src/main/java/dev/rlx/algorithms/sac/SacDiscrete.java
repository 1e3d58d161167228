package dev.rlx.algorithms.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.Categorical;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.offpolicy.BellmanTarget;
import dev.rlx.algorithms.offpolicy.CriticLosses;
import dev.rlx.algorithms.offpolicy.OffPolicyTraining;
import dev.rlx.algorithms.offpolicy.TargetedNetworks;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Discrete SAC (references.md §4.3, exercise 3; Christodoulou 2019): π(·|s) = softmax(f_θ(s))
 * and critics Q_φi(s, ·) over all |A| actions, so every expectation over actions is a sum in
 * closed form — no reparameterisation, no Jacobian:
 * <pre>  y = r + γ (1 − terminated) Σ_a' π(a'|s') (min_i Q_φi⁻(s', a') − α log π(a'|s'))
 *   L_π = E_s[Σ_a π(a|s) (α log π(a|s) − min_i Q_φi(s, a))]</pre>
 * with α fixed or tuned towards H_target = scale · log|A|. Logs what {@link Sac} logs.
 */
public record SacDiscrete(SacDiscreteParams params, VectorEnvironment env, TrialContext context)
    implements Algorithm {

  @Inject
  public SacDiscrete {}

  @Override
  public void train() {
    OffPolicyTraining.train(params.offPolicy(), env, context, Agent::new);
  }

  /** Discrete SAC's networks and its update. */
  private final class Agent extends SoftAgent {
    private final int actions = env.actionCount();
    private final float[] logProb = new float[1];

    Agent(NDManager manager, SplittableRandom rng) {
      super(params.offPolicy(), params.soft(), params.targetEntropyScale() * Math.log(env.actionCount()),
          env.observationSize(), env.actionCount(), env.observationSize(), env.actionCount(), manager, rng);
    }

    @Override
    public void explore(float[] observation, float[] action) {
      action[0] = Categorical.sample(policyOutput(observation), 0, actions, rng, logProb);
    }

    @Override
    public void act(float[] observation, float[] action) {
      action[0] = Categorical.greedy(policyOutput(observation), 0, actions);
    }

    @Override
    public void update(ReplayBuffer.Batch mb, long update) {
      double alpha = temperature.alpha();
      try (NDManager m = manager.newSubManager()) {
        NDArray s = m.create(mb.obs(), new Shape(mb.size(), observationSize));
        NDArray a = m.create(mb.actions()).toType(DataType.INT64, false).reshape(-1, 1);
        NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), observationSize));
        // y = r + γ(1 − terminated) Σ_a' π(a'|s')(min_i Q_φi⁻(s', a') − α log π(a'|s')), without a graph
        NDArray nextLogPi = actor.forward(store, next, false)[0].logSoftmax(1);
        NDArray softValue = softValue(critics.forwardTargets(store, next), nextLogPi, alpha);
        NDArray y = BellmanTarget.of(m, mb, softValue);

        Learner.Step<CriticLosses> criticStep = critics.step(() -> {
          NDArray[] q = critics.forward(store, s, true);
          for (int i = 0; i < q.length; i++) {
            q[i] = q[i].gather(a, 1);
          }
          return CriticLosses.of(q, y);
        });
        criticStepped(criticStep.objective(), criticStep.gradNorm());

        // L_π = E_s[Σ_a π(a|s)(α log π(a|s) − min_i Q_φi(s, a))]; Q does not depend on θ: no graph through it
        NDArray q = TargetedNetworks.min(critics.forward(store, s, false));
        Learner.Step<PolicyLoss> actorStep = actor.step(() -> {
          NDArray logPi = actor.forward(store, s, true)[0].logSoftmax(1);
          NDArray pi = logPi.exp();
          NDArray negEntropy = pi.mul(logPi).sum(new int[] {1});
          return new PolicyLoss(pi.mul(Scalars.mul(logPi, alpha).sub(q)).sum(new int[] {1}).mean(), negEntropy);
        });
        actorStepped(actorStep.objective().loss().getFloat(), actorStep.gradNorm(),
            actorStep.objective().expectedLogProb().mean().getFloat(), alpha);
        critics.updateTargets(params.offPolicy().tau());
      }
    }

  }

  /** V(s') = Σ_a' π(a'|s') (min_i Q_φi⁻(s', a') − α log π(a'|s')) [B], from [B, A] critics' outputs and log π. */
  static NDArray softValue(NDArray[] nextQ, NDArray logPi, double alpha) {
    return logPi.exp().mul(TargetedNetworks.min(nextQ).sub(Scalars.mul(logPi, alpha))).sum(new int[] {1});
  }

  /** The actor's loss with E_{a~π}[log π(a|s)] per state (−entropy), for the temperature. */
  private record PolicyLoss(NDArray loss, NDArray expectedLogProb) implements Learner.Objective {}
}
