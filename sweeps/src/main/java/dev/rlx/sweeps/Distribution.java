package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import java.util.Optional;

/** A distribution random search samples a swept path from. */
public sealed interface Distribution {

  /** Draws one value using {@code rng}. */
  JsonNode sample(SplitMix64 rng);

  /** The values that bound what it can draw: the interval's ends, or every option. */
  List<JsonNode> bounds();

  /** What is wrong with the bounds, reported at {@code origin} on {@code path}, if anything. */
  Optional<SweepProblem> check(String path, Object origin);

  /** Uniform on [low, high). */
  record Uniform(double low, double high) implements Distribution {
    @java.lang.Override
    public JsonNode sample(SplitMix64 rng) {
      return DoubleNode.valueOf(low + rng.nextDouble() * (high - low));
    }

    @java.lang.Override
    public List<JsonNode> bounds() {
      return List.of(DoubleNode.valueOf(low), DoubleNode.valueOf(high));
    }

    @java.lang.Override
    public Optional<SweepProblem> check(String path, Object origin) {
      return low < high ? Optional.empty() : Optional.of(new SweepProblem(origin, path,
          "uniform bounds are reversed or equal", "[low, high] with low < high", "[" + low + ", " + high + "]"));
    }
  }

  /** Log-uniform on [low, high), low &gt; 0: uniform in log space, for learning rates and β. */
  record LogUniform(double low, double high) implements Distribution {
    @java.lang.Override
    public JsonNode sample(SplitMix64 rng) {
      double logLow = Math.log(low);
      return DoubleNode.valueOf(Math.exp(logLow + rng.nextDouble() * (Math.log(high) - logLow)));
    }

    @java.lang.Override
    public List<JsonNode> bounds() {
      return List.of(DoubleNode.valueOf(low), DoubleNode.valueOf(high));
    }

    @java.lang.Override
    public Optional<SweepProblem> check(String path, Object origin) {
      return low > 0 && low < high ? Optional.empty() : Optional.of(new SweepProblem(origin, path,
          "log_uniform needs positive, increasing bounds", "[low, high] with 0 < low < high",
          "[" + low + ", " + high + "]"));
    }
  }

  /** Uniform over the integers low..high, both included. */
  record IntUniform(long low, long high) implements Distribution {
    @java.lang.Override
    public JsonNode sample(SplitMix64 rng) {
      return LongNode.valueOf(low + rng.nextLong(high - low + 1));
    }

    @java.lang.Override
    public List<JsonNode> bounds() {
      return List.of(LongNode.valueOf(low), LongNode.valueOf(high));
    }

    @java.lang.Override
    public Optional<SweepProblem> check(String path, Object origin) {
      return low <= high ? Optional.empty() : Optional.of(new SweepProblem(origin, path,
          "int_uniform bounds are reversed", "[low, high] with low ≤ high", "[" + low + ", " + high + "]"));
    }
  }

  /** One of a list of values, equally likely. */
  record Choice(List<JsonNode> options) implements Distribution {
    public Choice {
      options = List.copyOf(options);
    }

    @java.lang.Override
    public JsonNode sample(SplitMix64 rng) {
      return options.get((int) rng.nextLong(options.size()));
    }

    @java.lang.Override
    public List<JsonNode> bounds() {
      return options;
    }

    @java.lang.Override
    public Optional<SweepProblem> check(String path, Object origin) {
      return !options.isEmpty() ? Optional.empty() : Optional.of(new SweepProblem(origin, path,
          "choice needs options", "a non-empty list", "an empty list"));
    }
  }
}
