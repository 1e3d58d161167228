package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcePoolTest {

  private final GpuInventory twoGpus = GpuInventory.parseNvidiaSmi(
      "0, NVIDIA H100 80GB HBM3, 81559, 0\n1, NVIDIA H100 80GB HBM3, 81559, 1024\n");

  @Test
  void parsesNvidiaSmi() {
    assertThat(twoGpus.gpus()).extracting(GpuInventory.Gpu::index).containsExactly(0, 1);
    assertThat(twoGpus.gpus().get(1).memoryUsedMiB()).isEqualTo(1024);
    assertThat(GpuInventory.ofIndices("none").isEmpty()).isTrue();
    assertThat(GpuInventory.ofIndices("2,3").gpus()).extracting(GpuInventory.Gpu::index).containsExactly(2, 3);
  }

  @Test
  void packsFractionalRequestsFirstFitWithoutOversubscribing() {
    ResourcePool pool = new ResourcePool(16, twoGpus);
    List<ResourcePool.Allocation> quarters = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      quarters.add(pool.tryAllocate(1, 0.25).orElseThrow());
    }
    // First fit: four quarters fill GPU 0 before any lands on GPU 1.
    assertThat(quarters.subList(0, 4)).allSatisfy(a -> assertThat(a.gpuIndices()).containsExactly(0));
    assertThat(quarters.subList(4, 8)).allSatisfy(a -> assertThat(a.gpuIndices()).containsExactly(1));
    assertThat(pool.tryAllocate(1, 0.25)).isEmpty();
    assertThat(pool.gpusFree()).containsEntry(0, 0.0).containsEntry(1, 0.0);
    pool.release(quarters.get(5));
    assertThat(pool.tryAllocate(1, 0.25)).hasValueSatisfying(a -> assertThat(a.gpuIndices()).containsExactly(1));
  }

  @Test
  void sharesThatDoNotDivideOneStillNeverExceedAGpu() {
    ResourcePool pool = new ResourcePool(16, twoGpus);
    int placed = 0;
    while (pool.tryAllocate(1, 0.3).isPresent()) {
      placed++;
    }
    assertThat(placed).isEqualTo(6); // three 0.3 shares per GPU; a fourth would make 1.2
  }

  @Test
  void wholeGpuRequestsTakeIdleGpusOnly() {
    ResourcePool pool = new ResourcePool(16, twoGpus);
    ResourcePool.Allocation half = pool.tryAllocate(1, 0.5).orElseThrow();
    assertThat(pool.tryAllocate(1, 2)).isEmpty();
    ResourcePool.Allocation one = pool.tryAllocate(1, 1).orElseThrow();
    assertThat(one.gpuIndices()).containsExactly(1);
    pool.release(half);
    pool.release(one);
    assertThat(pool.tryAllocate(1, 2).orElseThrow().gpuIndices()).containsExactly(0, 1);
  }

  @Test
  void countsCpuSlots() {
    ResourcePool pool = new ResourcePool(2, GpuInventory.NONE);
    ResourcePool.Allocation a = pool.tryAllocate(1, 0).orElseThrow();
    pool.tryAllocate(1, 0).orElseThrow();
    assertThat(pool.tryAllocate(0.5, 0)).isEmpty();
    pool.release(a);
    assertThat(pool.tryAllocate(0.5, 0)).isPresent();
    assertThat(pool.tryAllocate(0.5, 0)).isPresent();
    assertThat(pool.cpusFree()).isZero();
  }

  @Test
  void explainsRequestsThatCanNeverBeMet() {
    ResourcePool pool = new ResourcePool(2, GpuInventory.NONE);
    assertThat(pool.whyNever(4, 0)).hasValueSatisfying(w -> assertThat(w).contains("4.0 CPU slots"));
    assertThat(pool.whyNever(1, 0.5)).hasValueSatisfying(w -> assertThat(w).contains("none are available"));
    assertThat(new ResourcePool(2, twoGpus).whyNever(1, 1.5)).hasValueSatisfying(w -> assertThat(w).contains("whole number"));
    assertThat(new ResourcePool(2, twoGpus).whyNever(1, 3)).hasValueSatisfying(w -> assertThat(w).contains("has 2"));
  }
}
