package dev.rlx.cli;

import dev.rlx.testkit.RandomWalkSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that run rlx in-process on an H2 file store of their own, with a small random-walk sweep to run. */
public abstract class InProcessCliTest {

  @TempDir
  protected Path dir;

  protected String storeUrl;

  /** 2 λ × 2 seeds of TD(λ) on a 5-state random walk, 10 episodes each. */
  protected Path spec;

  @BeforeEach
  protected void writeSpec() throws Exception {
    storeUrl = "jdbc:h2:file:" + dir.resolve("results");
    spec = write("walk.yaml", RandomWalkSweep.yaml(10, "[0.0, 0.9]", 2));
  }

  /** Writes a spec file named {@code name} into the test's directory. */
  protected Path write(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  /** {@code rlx ARGS --store STORE}. */
  protected CliRun rlx(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = storeUrl;
    return CliRun.of(all);
  }
}
