// The code verifier's cost: wall time of one verified program and programs per second, one
// thread. Run by scripts/bench/code-verifier.sh: java -cp <rlx classpath> CodeVerifierBench.java [ROUNDS]
import dev.rlx.environments.text.CodeVerifier;
import dev.rlx.environments.text.CodeVerifier.Limits;
import dev.rlx.environments.text.CodeVerifier.TestCase;
import dev.rlx.environments.text.CodeVerifier.Verdict;
import java.util.Arrays;
import java.util.List;

public class CodeVerifierBench {
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int programs = 40;
    List<TestCase> tests = List.of(new TestCase("(1,)", "3"), new TestCase("(2,)", "5"), new TestCase("(-4,)", "-7"),
        new TestCase("(-2,)", "-3"), new TestCase("(11,)", "23"), new TestCase("(-5,)", "-9"));
    // The text-code task's own limits (CodeFunctionParams' defaults).
    CodeVerifier verifier = new CodeVerifier(new Limits(1, 256L << 20, java.time.Duration.ofSeconds(3), 16, 64 << 10));
    String[] kinds = {"def f(x):\n    return (2*x+1)\n", "def f(x):\n    return (2*x)\n", "def f(x):\n    return (2*x+1*)\n"};
    for (int i = 0; i < 10; i++) { // warm-up
      verifier.verify(kinds[i % 3], "f", tests);
    }
    double[] perSecond = new double[rounds];
    double[] millis = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < programs; i++) {
        Verdict v = verifier.verify(kinds[i % 3], "f", tests);
        if (v.outcome() == CodeVerifier.Outcome.SANDBOX_FAILURE) {
          throw new IllegalStateException(v.detail());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      perSecond[r] = programs / seconds;
      millis[r] = seconds * 1000 / programs;
    }
    Arrays.sort(perSecond);
    Arrays.sort(millis);
    System.out.printf("code verifier: %.1f ms per program (median of %d rounds of %d: right, wrong, syntax error),"
        + " %.1f programs/s on one thread%n", millis[rounds / 2], rounds, programs, perSecond[rounds / 2]);
  }
}
