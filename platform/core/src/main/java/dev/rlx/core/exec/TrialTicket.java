package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a trial needs to run anywhere (a thread, a worker process, a Slurm task): its
 * identity, resolved config, device and run directory, and whether it streams its metrics to
 * {@link LiveMetrics} as they are logged (its sweep is mirrored to MLflow). Written as
 * {@code trial.json}.
 */
public record TrialTicket(String experiment, String trialId, ObjectNode config, Device device, Path runDir, boolean liveMetrics) {

  static final String FILE = "trial.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes {@code trial.json} into the run directory (atomically). */
  public void write() throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("experiment", experiment);
    root.put("trial_id", trialId);
    root.set("config", config);
    ArrayNode gpus = root.putObject("device").putArray("gpus");
    device.gpus().forEach(gpus::add);
    root.with("device").put("share", device.gpuShare());
    root.put("live_metrics", liveMetrics);
    Files.createDirectories(runDir);
    Path tmp = runDir.resolve(FILE + ".tmp");
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static TrialTicket read(Path runDir) throws IOException {
    JsonNode root = MAPPER.readTree(runDir.resolve(FILE).toFile());
    List<Integer> gpus = new ArrayList<>();
    root.path("device").path("gpus").forEach(g -> gpus.add(g.asInt()));
    return new TrialTicket(root.path("experiment").asText(), root.path("trial_id").asText(),
        (ObjectNode) root.path("config"), new Device(gpus, root.path("device").path("share").asDouble()), runDir,
        root.path("live_metrics").asBoolean(false));
  }
}
