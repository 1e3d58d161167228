package dev.rlx.environments.text;

import dev.rlx.api.Param;

/** The code task: infer a small integer polynomial f from examples and write it as an expression in x. */
public record CodeFunctionParams(
    @Param(doc = "largest degree of f (1: a·x+b, 2: a·x·x+b·x+c)", defaultValue = "1", min = 1, max = 2)
    int degree,
    @Param(doc = "largest |coefficient| of f", defaultValue = "3", min = 1, max = 9)
    int maxCoefficient,
    @Param(doc = "examples f(x)=y shown in the prompt, x drawn from 0..9", defaultValue = "3", min = 1, max = 8)
    int examples,
    @Param(doc = "hidden tests the program must also pass, at fixed inputs outside the examples", defaultValue = "3", min = 0, max = 8)
    int hiddenTests,
    @Param(doc = "largest reward a failing program earns in proportion to the tests it passes (0: binary 1/0 reward)",
        defaultValue = "0", min = 0, max = 1, maxExclusive = true)
    double partialCredit,
    @Param(doc = "CPU time of one sandboxed run", defaultValue = "1", min = 1, max = 60, unit = "s")
    int cpuSeconds,
    @Param(doc = "wall-clock limit of one sandboxed run", defaultValue = "3000", min = 100, max = 600_000, unit = "ms")
    int timeoutMs,
    @Param(doc = "address-space limit of one sandboxed run", defaultValue = "256", min = 64, max = 65_536, unit = "MiB")
    int memoryMb,
    @Param(doc = "run programs even without the full sandbox (which needs root: a uid of its own per run, memory and"
        + " process cgroups); the weaker one has neither", defaultValue = "false")
    boolean weakSandbox,
    @Param(doc = "probability a preference pair's or labelled response's label is flipped", defaultValue = "0", min = 0, max = 1)
    double labelNoise,
    @Param(doc = "probability a demonstration is correct (else a plausible wrong program)", defaultValue = "1", min = 0, max = 1)
    double demoQuality,
    @Param(doc = "fraction of labelled responses generated correct (KTO's class balance)", defaultValue = "0.5", min = 0, max = 1)
    double desirableFraction) {

  Supervision supervision() {
    return new Supervision(labelNoise, demoQuality, desirableFraction, partialCredit);
  }

  CodeVerifier.Limits limits() {
    return new CodeVerifier.Limits(cpuSeconds, (long) memoryMb << 20, java.time.Duration.ofMillis(timeoutMs), 16, 64 << 10);
  }
}
