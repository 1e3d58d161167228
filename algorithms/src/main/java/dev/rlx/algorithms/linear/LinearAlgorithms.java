package dev.rlx.algorithms.linear;

import static dev.rlx.api.PluginDescriptor.algorithm;

import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers control with linear function approximation over tile-coded features. */
public final class LinearAlgorithms extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        algorithm("sarsa-lambda", "SARSA(λ) with tile coding and accumulating or replacing traces",
            "references.md §6.3; Sutton & Barto §12.7, Fig. 12.10", SarsaLambdaParams.class, SarsaLambda.class,
            ContinuousStateEnvironment.class, Isolation.THREAD),
        algorithm("true-online-sarsa-lambda", "true online SARSA(λ) with tile coding: dutch traces and the correction term",
            "Sutton & Barto §12.7, Fig. 12.11; van Seijen et al. 2016", TrueOnlineSarsaLambdaParams.class,
            TrueOnlineSarsaLambda.class, ContinuousStateEnvironment.class, Isolation.THREAD));
  }
}
