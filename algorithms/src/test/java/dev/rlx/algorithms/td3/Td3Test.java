package dev.rlx.algorithms.td3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.PendulumTrial;
import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.ddpg.Ddpg;
import dev.rlx.algorithms.ddpg.DdpgParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Td3Test {

  @Test
  void theTargetPolicyNoiseIsClippedToPlusMinusC() {
    assertThat(Td3.clippedNoise(0.5, 0.2, 0.5)).isEqualTo(0.1);
    assertThat(Td3.clippedNoise(10, 0.2, 0.5)).isEqualTo(0.5);
    assertThat(Td3.clippedNoise(-10, 0.2, 0.5)).isEqualTo(-0.5);
  }

  private static RecordingContext td3(long seed, Map<String, Object> extra) {
    Td3Params params = PendulumTrial.small(Td3Params.class, extra);
    return PendulumTrial.train(seed, 600, (env, c) -> new Td3(params, env, c));
  }

  @Test
  void theSameSeedGivesTheSameReturnsAndTheActorUpdatesEveryDCriticUpdates() {
    RecordingContext first = PendulumTrial.twiceTheSame(() -> td3(4, Map.of()));
    assertThat(first.values("losses/qf2_loss")).hasSize(5); // 500 updates, logged every 100
    assertThat(first.values("losses/actor_loss")).allSatisfy(l -> assertThat(l).isFinite());
  }

  @Test
  void eachTrickSwitchesOffAlone() {
    RecordingContext oneCritic = td3(4, Map.of("twin_critics", false, "target_smoothing", false, "policy_delay", 1L));
    assertThat(oneCritic.values("losses/qf1_loss")).hasSize(5);
    assertThat(oneCritic.values("losses/qf2_loss")).isEmpty();
    assertThat(oneCritic.values("charts/episodic_return")).isNotEqualTo(td3(4, Map.of()).values("charts/episodic_return"));
  }

  @Test
  void ddpgRunsWithAndWithoutTargetNetworksAndWithOuNoise() {
    for (Map<String, Object> extra : List.<Map<String, Object>>of(Map.of(), Map.of("target_networks", false),
        Map.of("noise", "ou"))) {
      DdpgParams params = PendulumTrial.small(DdpgParams.class, extra);
      RecordingContext c = PendulumTrial.train(2, 400, (env, ctx) -> new Ddpg(params, env, ctx));
      assertThat(c.values("q/policy_q_max")).hasSize(3).allSatisfy(q -> assertThat(q).isFinite());
      assertThat(c.values("eval/return")).hasSize(1);
    }
  }
}
