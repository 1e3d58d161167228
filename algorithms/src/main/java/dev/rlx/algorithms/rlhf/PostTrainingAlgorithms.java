package dev.rlx.algorithms.rlhf;

import static dev.rlx.api.PluginDescriptor.algorithm;
import com.google.inject.AbstractModule;
import dev.rlx.api.Algorithm;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.RlxPlugin;
import dev.rlx.api.TextTask;
import java.util.Map;

/** Registers the LLM post-training algorithms (references.md §VII), all on {@link TextTask}s. */
public final class PostTrainingAlgorithms extends AbstractModule implements RlxPlugin {

  @Override
  protected void configure() {
    register("sft", "SFT: next-token cross-entropy on the response tokens of the task's demonstrations",
        "references.md §7.1", SftParams.class, Sft.class);
    register("dpo", "DPO (β) or IPO on a fixed set of preference pairs, from an SFT warm start as π_ref",
        "references.md §7.4; Rafailov et al. 2023; Azar et al. 2023", DpoParams.class, Dpo.class);
    register("grpo", "GRPO (group size K, clip ε, KL β) on the task's verifier; DAPO's clip-higher, dynamic sampling, "
            + "token-level loss and overlong shaping as switches",
        "references.md §7.6, §7.7; Shao et al. 2024; Yu et al. 2025", GrpoParams.class, Grpo.class);
    // DAPO is GRPO with its fixes on: clip-higher, dynamic sampling, token-level loss, no KL term
    // (Yu et al. 2025 drop it). Overlong shaping stays off: it needs a generation cap well above the
    // answers' length (set overlong_cache when the task allows long responses).
    register("dapo", "DAPO: GRPO with clip-higher (ε_high 0.28), dynamic sampling with refill, token-level loss, no KL term",
        "references.md §7.7; Yu et al. 2025", GrpoParams.class,
        Map.of("clip_eps_high", 0.28, "dynamic_sampling", true, "loss_aggregation", "token_mean", "beta", 0.0),
        Grpo.class);
    register("kto", "KTO (β, λ_D, λ_U) on responses labelled desirable/undesirable, from an SFT warm start as π_ref",
        "references.md §7.5; Ethayarajh et al. 2024", KtoParams.class, Kto.class);
    register("reward-model", "a Bradley–Terry (or margin) reward model on the task's preference pairs, initialised from SFT",
        "references.md §7.2; Bradley & Terry 1952", RewardModelParams.class, RewardModel.class);
    register("ppo-rlhf", "the RLHF pipeline: SFT → reward model → token-level PPO with a per-token KL penalty β, value head, GAE (γ = 1)",
        "references.md §7.1–7.3; Ouyang et al. 2022", TokenPpoParams.class, TokenPpo.class);
  }

  /** An algorithm on {@link TextTask}s, each trial in a process of its own (DJL allows one gradient collector at a time). */
  private void register(String id, String summary, String reference, Class<? extends Record> parameters,
      Class<? extends Algorithm> implementation) {
    register(id, summary, reference, parameters, Map.of(), implementation);
  }

  /** The same with other defaults ({@link dev.rlx.api.ParameterSpace#withDefaults}). */
  private void register(String id, String summary, String reference, Class<? extends Record> parameters,
      Map<String, ?> defaults, Class<? extends Algorithm> implementation) {
    PluginBindings.register(binder(), algorithm(id, summary, reference, parameters, defaults, implementation,
        TextTask.class, Isolation.PROCESS));
  }
}
