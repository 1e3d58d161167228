package dev.rlx.core.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The GPUs trials may use: from {@code --gpus 0,1} or {@code RLX_GPUS} when given (which also
 * fakes an inventory on a machine without GPUs, for testing placement), else from
 * {@code nvidia-smi}, else none.
 */
public record GpuInventory(List<Gpu> gpus) {

  /** Environment variable overriding the GPU list: "0,1", or "none". */
  public static final String GPUS_ENV = "RLX_GPUS";

  public GpuInventory {
    gpus = List.copyOf(gpus);
  }

  /** One GPU: its index on this machine, name and memory in MiB. */
  public record Gpu(int index, String name, long memoryTotalMiB, long memoryUsedMiB) {}

  public static final GpuInventory NONE = new GpuInventory(List.of());

  /** The inventory as the user or the machine states it. */
  public static GpuInventory detect(Optional<String> override) {
    Optional<String> given = override.or(() -> Optional.ofNullable(System.getenv(GPUS_ENV)));
    if (given.isPresent()) {
      return ofIndices(given.get());
    }
    return fromNvidiaSmi().orElse(NONE);
  }

  /** "0,1,3" → those GPUs; "" or "none" → none. */
  public static GpuInventory ofIndices(String list) {
    String trimmed = list.trim();
    if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
      return NONE;
    }
    List<Gpu> gpus = new ArrayList<>();
    for (String part : trimmed.split(",")) {
      try {
        gpus.add(new Gpu(Integer.parseInt(part.trim()), "gpu" + part.trim(), 0, 0));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("GPU list must be indices like 0,1 (or none), got: " + list);
      }
    }
    return new GpuInventory(gpus);
  }

  /**
   * Parses {@code nvidia-smi --query-gpu=index,name,memory.total,memory.used
   * --format=csv,noheader,nounits} output.
   */
  public static GpuInventory parseNvidiaSmi(String csv) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : csv.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length < 4) {
        throw new IllegalArgumentException("unexpected nvidia-smi line: " + line);
      }
      gpus.add(new Gpu(Integer.parseInt(f[0].trim()), f[1].trim(), Long.parseLong(f[2].trim()), Long.parseLong(f[3].trim())));
    }
    return new GpuInventory(gpus);
  }

  private static Optional<GpuInventory> fromNvidiaSmi() {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,memory.total,memory.used",
          "--format=csv,noheader,nounits").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(parseNvidiaSmi(out));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no nvidia-smi: no GPUs
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public boolean isEmpty() {
    return gpus.isEmpty();
  }
}
