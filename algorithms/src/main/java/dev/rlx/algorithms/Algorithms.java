package dev.rlx.algorithms;

import static dev.rlx.api.PluginDescriptor.algorithm;
import static dev.rlx.api.PluginDescriptor.player;

import dev.rlx.algorithms.a2c.A2c;
import dev.rlx.algorithms.a2c.A2cParams;
import dev.rlx.algorithms.ddpg.Ddpg;
import dev.rlx.algorithms.ddpg.DdpgParams;
import dev.rlx.algorithms.dp.PolicyIteration;
import dev.rlx.algorithms.dp.PolicyIterationParams;
import dev.rlx.algorithms.dp.PrioritizedSweeping;
import dev.rlx.algorithms.dp.PrioritizedSweepingParams;
import dev.rlx.algorithms.dp.ValueIteration;
import dev.rlx.algorithms.dp.ValueIterationParams;
import dev.rlx.algorithms.dqn.DoubleDqn;
import dev.rlx.algorithms.dqn.Dqn;
import dev.rlx.algorithms.dqn.DqnParams;
import dev.rlx.algorithms.linear.SarsaLambda;
import dev.rlx.algorithms.linear.SarsaLambdaParams;
import dev.rlx.algorithms.linear.TrueOnlineSarsaLambda;
import dev.rlx.algorithms.linear.TrueOnlineSarsaLambdaParams;
import dev.rlx.algorithms.pg.Reinforce;
import dev.rlx.algorithms.pg.ReinforceParams;
import dev.rlx.algorithms.ppo.Ppo;
import dev.rlx.algorithms.ppo.PpoParams;
import dev.rlx.algorithms.sac.Sac;
import dev.rlx.algorithms.sac.SacDiscrete;
import dev.rlx.algorithms.sac.SacDiscreteParams;
import dev.rlx.algorithms.sac.SacParams;
import dev.rlx.algorithms.search.NoParams;
import dev.rlx.algorithms.search.Puct;
import dev.rlx.algorithms.search.PuctParams;
import dev.rlx.algorithms.search.RandomPlayer;
import dev.rlx.algorithms.search.Uct;
import dev.rlx.algorithms.search.UctParams;
import dev.rlx.algorithms.tabular.BanditEpsilonGreedy;
import dev.rlx.algorithms.tabular.BanditParams;
import dev.rlx.algorithms.tabular.DoubleQLearning;
import dev.rlx.algorithms.tabular.DynaQ;
import dev.rlx.algorithms.tabular.DynaQParams;
import dev.rlx.algorithms.tabular.ExpectedSarsa;
import dev.rlx.algorithms.tabular.NStepSarsa;
import dev.rlx.algorithms.tabular.NStepSarsaParams;
import dev.rlx.algorithms.tabular.NStepTd;
import dev.rlx.algorithms.tabular.NStepTdParams;
import dev.rlx.algorithms.tabular.PengQLambda;
import dev.rlx.algorithms.tabular.QLambdaParams;
import dev.rlx.algorithms.tabular.QLearning;
import dev.rlx.algorithms.tabular.Sarsa;
import dev.rlx.algorithms.tabular.TdControlParams;
import dev.rlx.algorithms.tabular.TdLambda;
import dev.rlx.algorithms.tabular.TdLambdaParams;
import dev.rlx.algorithms.tabular.TrueOnlineTdLambda;
import dev.rlx.algorithms.tabular.TrueOnlineTdLambdaParams;
import dev.rlx.algorithms.tabular.WatkinsQLambda;
import dev.rlx.algorithms.td3.Td3;
import dev.rlx.algorithms.td3.Td3Params;
import dev.rlx.api.Algorithm;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.Isolation;
import dev.rlx.api.KnownModel;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.VectorEnvironment;
import java.util.List;

/**
 * Registers the algorithms and players of this module, a family a section, in one table (as
 * Gymnasium registers its environments in one file): what a spec's {@code algorithm.id} can
 * name, its summary and reference, its parameter record and implementation. The post-training
 * family registers itself ({@link dev.rlx.algorithms.rlhf.PostTrainingAlgorithms}): its
 * variants are GRPO with other defaults. A new algorithm is its file plus a line here.
 */
public final class Algorithms extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        // Tabular prediction and control algorithms
        tabular("td-lambda", "TD(λ) prediction with accumulating or replacing eligibility traces",
            "references.md §6.2; Sutton & Barto Fig. 12.3", TdLambdaParams.class, TdLambda.class),
        tabular("true-online-td-lambda", "true online TD(λ): dutch traces, exactly the online λ-return algorithm",
            "Sutton & Barto §12.5, Fig. 12.8; van Seijen & Sutton 2014", TrueOnlineTdLambdaParams.class, TrueOnlineTdLambda.class),
        tabular("n-step-td", "n-step TD prediction",
            "references.md §6.1; Sutton & Barto Fig. 7.2", NStepTdParams.class, NStepTd.class),
        tabular("sarsa", "on-policy one-step TD control with an ε-greedy policy",
            "references.md §2.1", TdControlParams.class, Sarsa.class),
        tabular("n-step-sarsa", "on-policy n-step SARSA: n rewards, then bootstrap from Q(S_{t+n}, A_{t+n})",
            "references.md §6.1, exercise 1; Sutton & Barto §7.2", NStepSarsaParams.class, NStepSarsa.class),
        tabular("expected-sarsa", "SARSA with the expectation over the ε-greedy policy in the target",
            "references.md §2.1, exercise 2", TdControlParams.class, ExpectedSarsa.class),
        tabular("q-learning", "off-policy one-step TD control toward max_a' Q(s', a')",
            "references.md §2.2", TdControlParams.class, QLearning.class),
        tabular("watkins-q-lambda", "Q-learning with traces over (s, a), cut whenever the next action is not greedy",
            "references.md §6.4; Sutton & Barto §12.10", QLambdaParams.class, WatkinsQLambda.class),
        tabular("peng-q-lambda", "Peng & Williams' Q(λ): traces never cut, toward the mixed-policy λ-return",
            "references.md §6.4; Peng & Williams 1996; Sutton & Barto 1998 §7.6", QLambdaParams.class, PengQLambda.class),
        tabular("double-q-learning", "two Q tables: one selects the maximising action, the other evaluates it",
            "references.md §2.2; Sutton & Barto Fig. 6.5", TdControlParams.class, DoubleQLearning.class),
        tabular("bandit-epsilon-greedy",
            "ε-greedy action values for a k-armed bandit: sample-average or constant step, optimistic Q₁, optional UCB",
            "Sutton & Barto §2.2–2.7, Fig. 2.2–2.4", BanditParams.class, BanditEpsilonGreedy.class),
        tabular("dyna-q", "Q-learning plus n planning updates per step from a learned model (Dyna-Q+ with κ > 0)",
            "references.md §5.1; Sutton & Barto Fig. 8.2", DynaQParams.class, DynaQ.class),
        // Policy-gradient algorithms
        algorithm("ppo", "PPO: clipped surrogate, GAE advantages, value loss and entropy bonus",
            "references.md §3.4, §6.6", PpoParams.class, Ppo.class, BatchedEnvironment.class, Isolation.PROCESS),
        algorithm("a2c", "A2C: synchronous advantage actor-critic, n-step or GAE advantages, entropy bonus β",
            "references.md §3.2; Mnih et al. 2016", A2cParams.class,
            A2c.class, BatchedEnvironment.class, Isolation.PROCESS),
        algorithm("reinforce", "REINFORCE: Monte-Carlo policy gradient, with no baseline, a running mean or a learned V",
            "references.md §3.1; Williams 1992", ReinforceParams.class,
            Reinforce.class, VectorEnvironment.class, Isolation.PROCESS),
        // Value-based deep algorithms
        algorithm("dqn", "DQN: Q-learning with a replay buffer and a target network",
            "references.md §2.3", DqnParams.class, Dqn.class, VectorEnvironment.class, Isolation.PROCESS),
        algorithm("double-dqn", "Double DQN: the online net selects a', the target net evaluates it",
            "references.md §2.4", DqnParams.class, DoubleDqn.class, VectorEnvironment.class, Isolation.PROCESS),
        // Dynamic-programming planners
        algorithm("value-iteration", "value iteration with the known model, synchronous or in place",
            "references.md §0.2; Sutton & Barto §4.4", ValueIterationParams.class, ValueIteration.class,
            KnownModel.class, Isolation.THREAD),
        algorithm("policy-iteration", "policy iteration: evaluate to θ, improve greedily, until the policy is stable",
            "Sutton & Barto §4.3", PolicyIterationParams.class, PolicyIteration.class, KnownModel.class, Isolation.THREAD),
        algorithm("prioritized-sweeping", "asynchronous value iteration backing up the state of largest Bellman residual first",
            "references.md §0.2, exercise 3; Moore & Atkeson 1993", PrioritizedSweepingParams.class,
            PrioritizedSweeping.class, KnownModel.class, Isolation.THREAD),
        // Control with linear function approximation over tile-coded features
        algorithm("sarsa-lambda", "SARSA(λ) with tile coding and accumulating or replacing traces",
            "references.md §6.3; Sutton & Barto §12.7, Fig. 12.10", SarsaLambdaParams.class, SarsaLambda.class,
            ContinuousStateEnvironment.class, Isolation.THREAD),
        algorithm("true-online-sarsa-lambda", "true online SARSA(λ) with tile coding: dutch traces and the correction term",
            "Sutton & Barto §12.7, Fig. 12.11; van Seijen et al. 2016", TrueOnlineSarsaLambdaParams.class,
            TrueOnlineSarsaLambda.class, ContinuousStateEnvironment.class, Isolation.THREAD),
        // The off-policy actor-critic family (references.md §4), on OffPolicyTraining's loop
        algorithm("ddpg", "DDPG: deterministic actor, critic, Polyak targets, Gaussian or OU exploration noise",
            "references.md §4.1", DdpgParams.class, Ddpg.class, ContinuousActionVectorEnvironment.class,
            Isolation.PROCESS),
        algorithm("td3", "TD3: twin critics, target-policy smoothing, delayed actor updates (each switchable)",
            "references.md §4.2", Td3Params.class, Td3.class, ContinuousActionVectorEnvironment.class,
            Isolation.PROCESS),
        algorithm("sac", "SAC: tanh-squashed Gaussian, twin soft Q critics, fixed or automatic temperature α",
            "references.md §4.3", SacParams.class, Sac.class, ContinuousActionVectorEnvironment.class,
            Isolation.PROCESS),
        algorithm("sac-discrete", "Discrete SAC: categorical policy, closed-form expectations over actions",
            "references.md §4.3", SacDiscreteParams.class, SacDiscrete.class, VectorEnvironment.class,
            Isolation.PROCESS),
        // Players of two-player games: planning by search (references.md §5.2) and random play
        player("uct", "UCT: Monte Carlo tree search with UCB1 selection and random rollouts",
            "references.md §5.2", UctParams.class, Uct.class),
        player("puct", "PUCT: Monte Carlo tree search with a move prior (uniform or centre) and random rollouts",
            "references.md §5.2", PuctParams.class, Puct.class),
        player("random", "Random play: a uniformly random legal move",
            "references.md §5.2", NoParams.class, RandomPlayer.class));
  }

  /** An algorithm on a {@link TabularEnvironment}, run in a thread of the worker. */
  private static PluginDescriptor tabular(
      String id, String summary, String reference, Class<? extends Record> parameters, Class<? extends Algorithm> implementation) {
    return algorithm(id, summary, reference, parameters, implementation, TabularEnvironment.class, Isolation.THREAD);
  }
}
