package dev.rlx.algorithms.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.offpolicy.ActionBounds;
import dev.rlx.algorithms.offpolicy.BellmanTarget;
import dev.rlx.algorithms.offpolicy.CriticLosses;
import dev.rlx.algorithms.offpolicy.OffPolicyTraining;
import dev.rlx.algorithms.offpolicy.SquashedGaussian;
import dev.rlx.algorithms.offpolicy.TargetedNetworks;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Soft Actor-Critic (references.md §4.3; Haarnoja et al. 2018): maximises return plus α times
 * the policy's entropy. The twin soft critics regress onto
 * <pre>  y = r + γ (1 − terminated) (min_{i=1,2} Q_φi⁻(s', ã') − α log π_θ(ã'|s')),  ã' ~ π_θ(·|s')</pre>
 * the tanh-squashed Gaussian actor ({@link SquashedGaussian}, reparameterised) minimises
 * <pre>  L_π = E_s[α log π_θ(ã|s) − min_i Q_φi(s, ã)]</pre>
 * and α is fixed or follows {@link Temperature}'s dual step towards entropy −|A|. Critic targets
 * move by Polyak averaging every update. Logs, as means over 100 updates,
 * {@code losses/qf1_loss}, {@code losses/qf2_loss}, {@code q/qf1_mean}, {@code q/qf2_mean},
 * {@code losses/critic_grad_norm}, {@code losses/actor_loss}, {@code losses/actor_grad_norm},
 * {@code losses/alpha_loss}, {@code charts/alpha} and {@code charts/entropy} (−E[log π], in the
 * policy's tanh units).
 */
public record Sac(SacParams params, ContinuousActionVectorEnvironment env, TrialContext context) implements Algorithm {

  @Inject
  public Sac {}

  @Override
  public void train() {
    OffPolicyTraining.train(params.offPolicy(), env, context, Agent::new);
  }

  /** SAC's networks and its update. */
  private final class Agent extends SoftAgent {
    private final int actions = env.actionSize();
    private final ActionBounds bounds = ActionBounds.of(env);
    private final ActionBounds.Tensors boundTensors;
    private final float[] epsilon;

    Agent(NDManager manager, SplittableRandom rng) {
      super(params.offPolicy(), params.soft(), -env.actionSize(), env.observationSize(), 2 * env.actionSize(),
          env.observationSize() + env.actionSize(), 1, manager, rng);
      this.boundTensors = bounds.on(manager);
      this.epsilon = new float[params.offPolicy().batchSize() * actions];
    }

    @Override
    public void explore(float[] observation, float[] action) {
      SquashedGaussian.sample(policyOutput(observation), bounds, rng, false, action);
    }

    @Override
    public void act(float[] observation, float[] action) {
      SquashedGaussian.sample(policyOutput(observation), bounds, rng, true, action);
    }

    @Override
    public void update(ReplayBuffer.Batch mb, long update) {
      double alpha = temperature.alpha();
      boolean correction = params.tanhCorrection();
      try (NDManager m = manager.newSubManager()) {
        Shape noiseShape = new Shape(mb.size(), actions);
        NDArray s = m.create(mb.obs(), new Shape(mb.size(), observationSize));
        NDArray a = m.create(mb.actions(), noiseShape);
        NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), observationSize));
        // y = r + γ(1 − terminated)(min_i Q_φi⁻(s', ã') − α log π(ã'|s')), computed without a graph
        SquashedGaussian.Sample nextSample = SquashedGaussian.sample(actor.forward(store, next, false)[0],
            m.create(gaussian(), noiseShape), correction);
        NDArray softValue = softValue(critics.forwardTargets(store,
            next.concat(boundTensors.fromTanh(nextSample.action()), 1)), nextSample.logProb(), alpha);
        NDArray y = BellmanTarget.of(m, mb, softValue);

        NDArray sa = s.concat(a, 1);
        Learner.Step<CriticLosses> criticStep = critics.step(() -> CriticLosses.of(critics.forward(store, sa, true), y));
        criticStepped(criticStep.objective(), criticStep.gradNorm());

        // L_π = E[α log π(ã|s) − min_i Q_φi(s, ã)], ã = tanh(μ + σε) reparameterised; critics held fixed
        NDArray noise = m.create(gaussian(), noiseShape);
        critics.freeze(true);
        Learner.Step<PolicyLoss> actorStep = actor.step(() -> {
          SquashedGaussian.Sample sample = SquashedGaussian.sample(actor.forward(store, s, true)[0], noise, correction);
          NDArray q = TargetedNetworks.min(critics.forward(store,
              s.concat(boundTensors.fromTanh(sample.action()), 1), true)).reshape(-1);
          return new PolicyLoss(Scalars.mul(sample.logProb(), alpha).sub(q).mean(), sample.logProb());
        });
        critics.freeze(false);
        actorStepped(actorStep.objective().loss().getFloat(), actorStep.gradNorm(),
            actorStep.objective().logProb().mean().getFloat(), alpha);
        critics.updateTargets(params.offPolicy().tau());
      }
    }

    /** Standard normal draws for a minibatch's reparameterised samples, from the trial's generator. */
    private float[] gaussian() {
      for (int i = 0; i < epsilon.length; i++) {
        epsilon[i] = (float) rng.nextGaussian();
      }
      return epsilon;
    }

  }

  /** The soft value min_i Q_φi⁻(s', ã') − α log π(ã'|s') [B] of critics' outputs [B, 1] and log π [B]. */
  static NDArray softValue(NDArray[] nextQ, NDArray logProb, double alpha) {
    return TargetedNetworks.min(nextQ).reshape(-1).sub(Scalars.mul(logProb, alpha));
  }

  /** The actor's loss with the log-probabilities of its sampled actions (for the temperature). */
  private record PolicyLoss(NDArray loss, NDArray logProb) implements Learner.Objective {}
}
