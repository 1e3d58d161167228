package dev.rlx.core.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU slots and GPUs, handed to trials first-fit and never oversubscribed. A GPU request
 * below 1 is a share of one GPU (0.25 packs four trials per GPU); a request of 1 or more
 * takes that many whole, otherwise unused GPUs. Amounts are counted in thousandths so
 * shares add up exactly.
 */
public final class ResourcePool {

  private static final int UNIT = 1000;

  private final int cpuCapacity;
  private int cpuFree;
  private final Map<Integer, Integer> gpuFree = new LinkedHashMap<>();

  public ResourcePool(double cpuSlots, GpuInventory gpus) {
    this.cpuCapacity = units(cpuSlots);
    this.cpuFree = cpuCapacity;
    gpus.gpus().forEach(g -> gpuFree.put(g.index(), UNIT));
  }

  /** What a trial was given. */
  public record Allocation(int cpuUnits, Map<Integer, Integer> gpuUnits) {
    public List<Integer> gpuIndices() {
      return List.copyOf(gpuUnits.keySet());
    }

    public double gpuShare() {
      return gpuUnits.isEmpty() ? 0 : gpuUnits.values().iterator().next() / (double) UNIT;
    }
  }

  /** Whether a request could ever be met by this pool (when it is empty). */
  public Optional<String> whyNever(double cpus, double gpus) {
    if (units(cpus) > cpuCapacity) {
      return Optional.of("a trial needs " + cpus + " CPU slots; this pool has " + cpuCapacity / (double) UNIT);
    }
    if (gpus > 0 && gpuFree.isEmpty()) {
      return Optional.of("a trial needs " + gpus + " GPU(s); none are available");
    }
    if (gpus > 1 && gpus != Math.rint(gpus)) {
      return Optional.of("a GPU request above 1 must be a whole number, got " + gpus);
    }
    if (gpus >= 1 && gpus > gpuFree.size()) {
      return Optional.of("a trial needs " + (int) gpus + " GPUs; this machine has " + gpuFree.size());
    }
    return Optional.empty();
  }

  /** Takes resources for one trial, or returns empty if they are not free now. */
  public synchronized Optional<Allocation> tryAllocate(double cpus, double gpus) {
    int cpuUnits = units(cpus);
    if (cpuUnits > cpuFree) {
      return Optional.empty();
    }
    Map<Integer, Integer> taken = new LinkedHashMap<>();
    if (gpus > 0 && gpus < 1) {
      int share = units(gpus);
      for (Map.Entry<Integer, Integer> gpu : gpuFree.entrySet()) {
        if (gpu.getValue() >= share) {
          taken.put(gpu.getKey(), share);
          break;
        }
      }
      if (taken.isEmpty()) {
        return Optional.empty();
      }
    } else if (gpus >= 1) {
      List<Integer> idle = new ArrayList<>();
      gpuFree.forEach((index, free) -> {
        if (free == UNIT) {
          idle.add(index);
        }
      });
      if (idle.size() < (int) gpus) {
        return Optional.empty();
      }
      idle.subList(0, (int) gpus).forEach(i -> taken.put(i, UNIT));
    }
    cpuFree -= cpuUnits;
    taken.forEach((index, amount) -> gpuFree.merge(index, -amount, Integer::sum));
    return Optional.of(new Allocation(cpuUnits, taken));
  }

  public synchronized void release(Allocation allocation) {
    cpuFree += allocation.cpuUnits();
    allocation.gpuUnits().forEach((index, amount) -> gpuFree.merge(index, amount, Integer::sum));
  }

  /** Free CPU slots now. */
  public synchronized double cpusFree() {
    return cpuFree / (double) UNIT;
  }

  /** Free share of each GPU now. */
  public synchronized Map<Integer, Double> gpusFree() {
    Map<Integer, Double> out = new LinkedHashMap<>();
    gpuFree.forEach((index, free) -> out.put(index, free / (double) UNIT));
    return out;
  }

  private static int units(double amount) {
    return (int) Math.round(amount * UNIT);
  }
}
