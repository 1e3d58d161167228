package dev.rlx.cli;

import dev.rlx.testkit.RandomWalkSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For in-process CLI tests: the random-walk sweep's spec and an H2 file store in a fresh folder, and rlx run on that store. */
abstract class WalkSweepOnFileStore {

  @TempDir
  Path dir;

  String storeUrl;
  Path spec;

  @BeforeEach
  void writeSpec() throws Exception {
    storeUrl = "jdbc:h2:file:" + dir.resolve("results");
    spec = dir.resolve("walk.yaml");
    Files.writeString(spec, RandomWalkSweep.yaml(10, "[0.0, 0.9]", 2));
  }

  /** rlx with {@code args}, then {@code --store} naming this test's store. */
  CliRun rlx(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = storeUrl;
    return CliRun.of(all);
  }
}
