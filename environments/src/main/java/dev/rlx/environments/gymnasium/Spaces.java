package dev.rlx.environments.gymnasium;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Gymnasium environment's spaces as rlx uses them, read from its worker's handshake: a flat
 * float32 observation of {@code observationSize} ({@code gymnasium.spaces.flatten} of whatever
 * the environment returns), and either {@code actionCount} Discrete actions or a Box of
 * {@code actionSize} components within [{@code low}, {@code high}].
 */
record Spaces(int observationSize, String observationSpace, boolean discrete, int actionCount, int actionSize,
    float[] low, float[] high, String actionSpace) {

  static Spaces of(JsonNode handshake) {
    JsonNode observation = handshake.path("observation");
    JsonNode action = handshake.path("action");
    boolean discrete = action.path("kind").asText().equals("discrete");
    return new Spaces(observation.path("size").asInt(), observation.path("space").asText(), discrete,
        discrete ? action.path("n").asInt() : 0, discrete ? 1 : action.path("size").asInt(),
        discrete ? new float[0] : floats(action.path("low")), discrete ? new float[0] : floats(action.path("high")),
        action.path("space").asText());
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  /** In words, for errors: "Box(-1.0, 1.0, (6,), float32) actions, 17 observations". */
  String describe() {
    return actionSpace + " actions, " + observationSize + " observation values (" + observationSpace + ")";
  }
}
