package dev.rlx.environments.text;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "f(1)=3,f(2)=5,f(4)=9;f(x)=" → "2*x+1": infer an integer polynomial from examples and write
 * it as a Python expression in x. The response becomes {@code def f(x): return (<response>)}
 * and runs in the {@link CodeVerifier} sandbox against the shown examples and
 * {@code hidden_tests} more at fixed inputs; correct iff every test passes. Verdicts are
 * cached per (prompt, response), since a policy repeats itself and the program is
 * deterministic. Wrong programs by severity: 1 one that overfits (right on the shown examples,
 * wrong on the hidden tests; one coefficient off when there are none), 2 one or two
 * coefficients off, 3 a syntax error.
 */
public final class CodeFunctionTask extends VerifiableTextTask {

  /** Hidden-test inputs, in order of use, skipping any shown in the prompt. */
  private static final long[] HIDDEN_INPUTS = {-2, 11, -5, 13, 7, -1, 17, 0, 3, 5, 19, -7};
  private static final Pattern EXAMPLE = Pattern.compile("f\\((-?\\d+)\\)=");
  private static final int CACHE_SIZE = 10_000;

  private final CodeFunctionParams params;
  private final CodeVerifier verifier;
  private final Map<String, CodeVerifier.Verdict> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CodeVerifier.Verdict> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  /**
   * @throws IllegalStateException when the sandbox's requirements (python3, util-linux) are missing, or its full
   *     isolation is (not root) and {@code weak_sandbox} is false
   */
  @Inject
  public CodeFunctionTask(CodeFunctionParams params) {
    super(params.supervision());
    this.params = params;
    this.verifier = new CodeVerifier(params.limits(), params.weakSandbox());
  }

  @Override
  public int maxPromptLength() {
    return 1 + params.examples() * 11 + 6; // "f(9)=-999," is at most 11 tokens; ";f(x)="
  }

  @Override
  public int maxResponseLength() {
    return 12 + 6 * params.examples() + 1; // "-9*x*x-9*x-9", "+(x-d)" per example (overfitting programs), EOS
  }

  @Override
  public Prompt samplePrompt(SplittableRandom rng) {
    long[] coefficients = new long[params.degree() + 1]; // [c0, c1, c2]
    do {
      for (int i = 0; i < coefficients.length; i++) {
        coefficients[i] = rng.nextLong(-params.maxCoefficient(), params.maxCoefficient() + 1L);
      }
    } while (allZeroAbove(coefficients, 0));
    String answer = format(coefficients);
    List<Long> xs = new ArrayList<>();
    while (xs.size() < Math.min(params.examples(), 10)) {
      long x = rng.nextInt(10);
      if (!xs.contains(x)) {
        xs.add(x);
      }
    }
    StringBuilder text = new StringBuilder();
    for (long x : xs) {
      text.append(text.length() == 0 ? "" : ",").append("f(").append(x).append(")=")
          .append(Expression.evaluate(answer, x).orElseThrow());
    }
    return prompt(text + ";f(x)=", answer);
  }

  /** The shown examples and the hidden tests of {@code prompt}, as x → f(x). */
  List<long[]> tests(Prompt prompt) {
    List<long[]> tests = new ArrayList<>();
    List<Long> shown = new ArrayList<>();
    Matcher m = EXAMPLE.matcher(prompt.text());
    while (m.find()) {
      long x = Long.parseLong(m.group(1));
      shown.add(x);
      tests.add(new long[] {x, Expression.evaluate(prompt.answer(), x).orElseThrow()});
    }
    for (int i = 0, added = 0; i < HIDDEN_INPUTS.length && added < params.hiddenTests(); i++) {
      if (!shown.contains(HIDDEN_INPUTS[i])) {
        tests.add(new long[] {HIDDEN_INPUTS[i], Expression.evaluate(prompt.answer(), HIDDEN_INPUTS[i]).orElseThrow()});
        added++;
      }
    }
    return tests;
  }

  /** The program a response stands for. */
  static String program(String expression) {
    return "def f(x):\n    return (" + expression + ")\n";
  }

  /** Runs {@code response} in the sandbox against {@code prompt}'s tests (cached). */
  public CodeVerifier.Verdict verdict(Prompt prompt, String response) {
    String key = prompt.text() + '\n' + response;
    synchronized (cache) {
      CodeVerifier.Verdict cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    List<CodeVerifier.TestCase> cases = tests(prompt).stream()
        .map(t -> new CodeVerifier.TestCase("(" + t[0] + ",)", Long.toString(t[1]))).toList();
    CodeVerifier.Verdict verdict = verifier.verify(program(response), "f", cases);
    if (verdict.outcome() != CodeVerifier.Outcome.SANDBOX_FAILURE && verdict.outcome() != CodeVerifier.Outcome.TIMEOUT) {
      synchronized (cache) { // a timeout may be the machine's load, not the program: run it again next time
        cache.put(key, verdict);
      }
    }
    return verdict;
  }

  @Override
  String wrongResponse(Prompt prompt, int severity, SplittableRandom rng) {
    if (severity >= 3) {
      return prompt.answer() + "*";
    }
    if (severity == 1 && params.hiddenTests() > 0) {
      // overfits: right on the shown examples, wrong on the hidden tests
      StringBuilder overfit = new StringBuilder(prompt.answer()).append('+');
      Matcher m = EXAMPLE.matcher(prompt.text());
      String sep = "";
      while (m.find()) {
        overfit.append(sep).append("(x-").append(m.group(1)).append(')');
        sep = "*";
      }
      return overfit.toString();
    }
    long[] coefficients = coefficients(prompt);
    int n = coefficients.length;
    int first = rng.nextInt(n);
    int[] changed = severity == 1 || n == 1 ? new int[] {first} : new int[] {first, (first + 1 + rng.nextInt(n - 1)) % n};
    for (int i : changed) {
      coefficients[i] += (rng.nextBoolean() ? 1 : -1) * (1 + rng.nextInt(2));
    }
    return allZeroAbove(coefficients, -1) ? "0" : format(coefficients);
  }

  @Override
  double score(Prompt prompt, String response) {
    if (response.isBlank()) {
      return 0;
    }
    CodeVerifier.Verdict verdict = verdict(prompt, response);
    return graded(verdict.outcome() == CodeVerifier.Outcome.PASSED, verdict.passFraction());
  }

  /** The same score, evaluated in Java: exact for the polynomials and syntax errors the generators write. */
  @Override
  double hiddenScore(Prompt prompt, String response) {
    List<long[]> tests = tests(prompt);
    int passed = 0;
    for (long[] t : tests) {
      OptionalLong y = Expression.evaluate(response, t[0]);
      passed += y.isPresent() && y.getAsLong() == t[1] ? 1 : 0;
    }
    return graded(passed == tests.size(), tests.isEmpty() ? 0 : (double) passed / tests.size());
  }

  private long[] coefficients(Prompt prompt) {
    // f(x) = c0 + c1·x + c2·x², recovered from the reference by evaluation at 0, 1, −1
    long f0 = Expression.evaluate(prompt.answer(), 0).orElseThrow();
    long f1 = Expression.evaluate(prompt.answer(), 1).orElseThrow();
    long fm1 = Expression.evaluate(prompt.answer(), -1).orElseThrow();
    long c2 = (f1 + fm1 - 2 * f0) / 2;
    long c1 = (f1 - fm1) / 2;
    return params.degree() == 2 ? new long[] {f0, c1, c2} : new long[] {f0, c1};
  }

  private static boolean allZeroAbove(long[] coefficients, int index) {
    for (int i = index + 1; i < coefficients.length; i++) {
      if (coefficients[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** "2*x*x-x+3": highest power first, unit coefficients dropped, zero terms omitted. */
  static String format(long[] coefficients) {
    StringBuilder s = new StringBuilder();
    for (int power = coefficients.length - 1; power >= 0; power--) {
      long c = coefficients[power];
      if (c == 0) {
        continue;
      }
      String monomial = power == 0 ? "" : "x" + "*x".repeat(power - 1);
      s.append(c < 0 ? "-" : s.length() == 0 ? "" : "+");
      long abs = Math.abs(c);
      s.append(power == 0 ? Long.toString(abs) : abs == 1 ? monomial : abs + "*" + monomial);
    }
    return s.length() == 0 ? "0" : s.toString();
  }
}
