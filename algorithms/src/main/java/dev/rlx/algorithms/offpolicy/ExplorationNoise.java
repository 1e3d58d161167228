package dev.rlx.algorithms.offpolicy;

import dev.rlx.api.Param;
import java.util.SplittableRandom;

/**
 * The noise a deterministic actor explores with (references.md §4.1): independent Gaussian
 * N(0, σ²) each step, or the temporally correlated Ornstein–Uhlenbeck process
 * <pre>  x_t = x_{t−1} + θ (μ − x_{t−1}) dt + σ √dt · N(0, 1)</pre>
 * whose stationary variance is σ² / (2θ − θ²dt) ≈ σ²/2θ. Values are in the actor's tanh
 * units, [−1, 1] per action component; callers scale them to the environment's bounds.
 */
public interface ExplorationNoise {

  /** Writes the next noise vector into {@code into}. */
  void sample(float[] into);

  /** A new episode: a correlated process restarts from μ. */
  void reset();

  /** The noise's standard deviation (the stationary one for OU), logged as charts/exploration_noise. */
  double scale();

  /** Which process, and its parameters (nested in a plugin's parameter record). */
  record Settings(
      @Param(doc = "exploration noise process: gaussian (independent) or ou (Ornstein–Uhlenbeck)",
          defaultValue = "gaussian")
      Kind noise,
      @Param(doc = "σ of the Gaussian exploration noise, in units of half the action range", defaultValue = "0.1",
          min = 0)
      double explorationNoise,
      @Param(doc = "OU mean reversion θ", defaultValue = "0.15", min = 0, minExclusive = true)
      double ouTheta,
      @Param(doc = "OU diffusion σ", defaultValue = "0.2", min = 0)
      double ouSigma,
      @Param(doc = "OU long-run mean μ", defaultValue = "0.0")
      double ouMu,
      @Param(doc = "OU time step dt", defaultValue = "0.01", min = 0, minExclusive = true)
      double ouDt) {

    /** The process for {@code size} action components. */
    public ExplorationNoise create(int size, SplittableRandom rng) {
      return noise == Kind.OU ? new OrnsteinUhlenbeck(size, ouTheta, ouSigma, ouMu, ouDt, rng)
          : new Gaussian(explorationNoise, rng);
    }
  }

  enum Kind { GAUSSIAN, OU }

  /** N(0, σ²), independent across steps and components. */
  final class Gaussian implements ExplorationNoise {
    private final double sigma;
    private final SplittableRandom rng;

    public Gaussian(double sigma, SplittableRandom rng) {
      this.sigma = sigma;
      this.rng = rng;
    }

    @Override
    public void sample(float[] into) {
      for (int k = 0; k < into.length; k++) {
        into[k] = (float) (sigma * rng.nextGaussian());
      }
    }

    @Override
    public void reset() {}

    @Override
    public double scale() {
      return sigma;
    }
  }

  /** The Euler–Maruyama discretisation of the OU process, one state per action component. */
  final class OrnsteinUhlenbeck implements ExplorationNoise {
    private final double theta;
    private final double sigma;
    private final double mu;
    private final double dt;
    private final double[] x;
    private final SplittableRandom rng;

    public OrnsteinUhlenbeck(int size, double theta, double sigma, double mu, double dt, SplittableRandom rng) {
      this.theta = theta;
      this.sigma = sigma;
      this.mu = mu;
      this.dt = dt;
      this.x = new double[size];
      this.rng = rng;
      reset();
    }

    @Override
    public void sample(float[] into) {
      for (int k = 0; k < x.length; k++) {
        x[k] += theta * (mu - x[k]) * dt + sigma * Math.sqrt(dt) * rng.nextGaussian();
        into[k] = (float) x[k];
      }
    }

    @Override
    public void reset() {
      java.util.Arrays.fill(x, mu);
    }

    @Override
    public double scale() {
      return sigma / Math.sqrt(2 * theta - theta * theta * dt);
    }
  }
}
