package dev.rlx.core.store;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a claimed trial: a sweep driver, named by its host, process id and the start of
 * that process ({@code host/pid/startMillis}), so that a driver on the same host can tell that
 * another one is gone (killed, crashed) without waiting for its lease to run out.
 */
public record DriverId(String host, long pid, long startMillis) {

  /** This process. */
  public static DriverId current() {
    ProcessHandle self = ProcessHandle.current();
    return new DriverId(hostName(), self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  /** Parses {@link #toString}'s form; empty for anything else. */
  public static Optional<DriverId> parse(String owner) {
    String[] parts = owner == null ? new String[0] : owner.split("/");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DriverId(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether this driver runs on this host and its process is gone (a pid reused since counts as gone). */
  public boolean goneFromThisHost() {
    if (!host.equals(hostName())) {
      return false;
    }
    return ProcessHandle.of(pid).map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) != startMillis)
        .orElse(true);
  }

  @Override
  public String toString() {
    return host + "/" + pid + "/" + startMillis;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
