package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The constants of {@link Scalars} survive a garbage collection between the forward and the
 * backward pass: the gradient is the closed form however the freed memory is reused.
 */
class ScalarsTest {

  /**
   * d/dx Σ op(x) with a collection and a churn of small direct buffers (filled with 0x7f, i.e.
   * ≈ 3.4e38 as float) between forward and backward, for {@code rounds} fresh graphs.
   */
  private static List<float[]> gradients(UnaryOperator<NDArray> op, float[] x, int rounds) {
    List<float[]> out = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int round = 0; round < rounds; round++) {
        try (NDManager m = manager.newSubManager()) {
          NDArray input = m.create(x);
          input.setRequiresGradient(true);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = op.apply(input).sum();
            System.gc();
            List<ByteBuffer> churn = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
              ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 16) * 4);
              while (b.hasRemaining()) {
                b.put((byte) 0x7f);
              }
              churn.add(b);
            }
            collector.backward(loss);
            churn.clear();
          }
          out.add(input.getGradient().toFloatArray());
        }
      }
    }
    return out;
  }

  private static final float[] X = {-2f, -0.5f, 0.25f, 3f};

  /** Every round's gradient of Σ op(X) is {@code expected}. */
  private static void assertGradients(UnaryOperator<NDArray> op, float... expected) {
    for (float[] g : gradients(op, X, 20)) {
      assertThat(g).containsExactly(expected);
    }
  }

  @Test
  void mulAndDivGradientsAreTheConstantWhateverTheCollectorFreed() {
    assertGradients(x -> Scalars.mul(x, 0.5), 0.5f, 0.5f, 0.5f, 0.5f);
    assertGradients(x -> Scalars.div(x, 4), 0.25f, 0.25f, 0.25f, 0.25f);
  }

  @Test
  void maximumAndMinimumRouteTheGradientByTheComparisonWithTheConstant() {
    assertGradients(x -> Scalars.maximum(x, 0), 0f, 0f, 1f, 1f);
    assertGradients(x -> Scalars.minimum(x, 0), 1f, 1f, 0f, 0f);
  }

  @Test
  void theResultHasTheTypeAndValuesOfDjlsOwnNumberOperand() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(X);
      assertThat(Scalars.mul(x, 3).toFloatArray()).containsExactly(x.mul(3f).toFloatArray());
      assertThat(Scalars.div(x, 3).toFloatArray()).containsExactly(x.div(3f).toFloatArray());
      assertThat(Scalars.mul(x, 3).getDataType()).isEqualTo(x.mul(3f).getDataType());
    }
  }

  /**
   * A guard for the next loss someone writes: no algorithm hands a number literal or a cast to one
   * of the ops that save their operand (a float variable slips through; the Javadoc of
   * {@link Scalars} is the rest of the defence).
   */
  @Test
  void noAlgorithmPassesANumberToAnOpThatSavesItsOperand() throws IOException {
    Pattern risky = Pattern.compile("\\.(mul|div|maximum|minimum|pow)\\(\\s*(\\((float|double)\\)|-?[0-9])");
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(source);
        scanned++;
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          boolean comment = line.startsWith("*") || line.startsWith("//");
          if (!comment && risky.matcher(line).find()) {
            offenders.add(source + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertThat(scanned).as("algorithm sources found").isGreaterThan(50);
    assertThat(offenders).as("use Scalars.mul/div/maximum/minimum instead").isEmpty();
  }
}
