package dev.rlx.environments.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The root directory a sandboxed program sees: only the Python runtime (the interpreter, its
 * standard library and the shared libraries they load), {@code /dev/null}, {@code /dev/zero},
 * {@code /dev/urandom}, a private {@code /proc} and a size-capped tmpfs on {@code /tmp} — not
 * the host's files, its sockets or its other users' {@code /tmp}.
 *
 * <p>Built once per verifier as a skeleton on the host (empty files and directories where the
 * runtime's files go, and the symlinks on the way to them) plus an fstab that bind-mounts the
 * real files over the skeleton read-only; each run mounts that fstab with one {@code mount -a}
 * inside its private mount namespace, so the binds are never visible on the host and vanish
 * with the run. The skeleton is root's and read-only to everyone else.
 */
final class SandboxRoot implements AutoCloseable {

  private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");
  private final Path root;
  private final Path fstab;
  private final Path python;

  private SandboxRoot(Path root, Path fstab, Path python) {
    this.root = root;
    this.fstab = fstab;
    this.python = python;
  }

  /**
   * @param python the interpreter (a symlink is followed)
   * @param tmpBytes the size of the run's {@code /tmp}
   */
  static SandboxRoot build(Path python, long tmpBytes) throws IOException, InterruptedException {
    List<String> facts = run(List.of(python.toString(), "-I", "-S", "-c",
        "import os, sys\nprint(os.path.realpath(sys.executable))\nfor p in sys.path:\n    print(p)"));
    Path executable = Path.of(facts.get(0));
    List<Path> libraryDirs = new ArrayList<>();
    for (String p : facts.subList(1, facts.size())) {
      Path dir = Path.of(p);
      if (Files.isDirectory(dir) && libraryDirs.stream().noneMatch(dir::startsWith)) {
        libraryDirs.add(dir);
      }
    }
    // The shared libraries of the interpreter and of its extension modules, as the loader names them.
    List<String> ldd = new ArrayList<>(List.of("ldd", executable.toString()));
    for (Path dir : libraryDirs) {
      try (Stream<Path> files = Files.walk(dir, 2)) {
        files.filter(f -> f.getFileName().toString().endsWith(".so")).map(Path::toString).sorted().forEach(ldd::add);
      }
    }
    Set<Path> needed = new LinkedHashSet<>();
    needed.add(executable);
    needed.addAll(libraryDirs);
    for (String line : run(ldd)) {
      Matcher m = LIBRARY.matcher(line);
      if (m.find()) {
        needed.add(Path.of(m.group(1)));
      }
    }
    Path root = Files.createTempDirectory("rlx-jail-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    try {
      List<String> fstab = new ArrayList<>();
      fstab.add(entry(root, root, "none", "bind,ro"));
      Set<Path> bound = new LinkedHashSet<>();
      for (Path p : needed) {
        mirror(root, p, bound);
      }
      for (Path p : bound) {
        fstab.add(entry(p, inside(root, p), "none", "bind,ro,nosuid"));
      }
      for (String device : List.of("null", "zero", "urandom")) {
        Path target = inside(root, Path.of("/dev", device));
        Files.createDirectories(target.getParent());
        Files.createFile(target);
        fstab.add(entry(Path.of("/dev", device), target, "none", "bind"));
      }
      Files.createDirectories(inside(root, Path.of("/tmp")));
      Files.createDirectories(inside(root, Path.of("/proc")));
      fstab.add("tmpfs " + escape(inside(root, Path.of("/tmp"))) + " tmpfs size=" + tmpBytes
          + ",mode=1777,nosuid,nodev 0 0");
      fstab.add("proc " + escape(inside(root, Path.of("/proc"))) + " proc nosuid,nodev,noexec,hidepid=2 0 0");
      Path fstabFile = root.resolveSibling(root.getFileName() + ".fstab");
      Files.writeString(fstabFile, String.join("\n", fstab) + "\n", StandardCharsets.UTF_8);
      return new SandboxRoot(root, fstabFile, executable);
    } catch (IOException | RuntimeException e) {
      delete(root);
      throw e;
    }
  }

  /** The host directory that becomes the program's {@code /}. */
  Path root() {
    return root;
  }

  /** The fstab each run mounts with {@code mount -a -T}. */
  Path fstab() {
    return fstab;
  }

  /** The interpreter, by its real path (the same inside the root). */
  Path python() {
    return python;
  }

  @Override
  public void close() {
    delete(root);
    try {
      Files.deleteIfExists(fstab);
    } catch (IOException ignored) {
      // gone
    }
  }

  /**
   * Recreates {@code path} under {@code root}: each symlink on the way as the same symlink,
   * the real file or directory at its end as an empty mount point, noted in {@code bound}.
   */
  private static void mirror(Path root, Path path, Set<Path> bound) throws IOException {
    Path walked = Path.of("/");
    for (int i = 0; i < path.getNameCount(); i++) {
      Path next = walked.resolve(path.getName(i));
      if (Files.isSymbolicLink(next)) {
        Path link = inside(root, next);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(link.getParent());
          Files.createSymbolicLink(link, Files.readSymbolicLink(next));
        }
        Path target = next.getParent().resolve(Files.readSymbolicLink(next)).normalize();
        Path rest = i + 1 < path.getNameCount() ? path.subpath(i + 1, path.getNameCount()) : null;
        mirror(root, rest == null ? target : target.resolve(rest), bound);
        return;
      }
      walked = next;
    }
    Path real = walked;
    if (bound.stream().anyMatch(b -> Files.isDirectory(b) && real.startsWith(b))) {
      return; // inside a directory bound already
    }
    Path target = inside(root, real);
    if (Files.isDirectory(real)) {
      Files.createDirectories(target);
    } else if (Files.isRegularFile(real)) {
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        Files.createFile(target);
      }
    } else {
      return; // not there: the loader will not find it either
    }
    bound.add(real);
  }

  private static Path inside(Path root, Path absolute) {
    return root.resolve(Path.of("/").relativize(absolute));
  }

  private static String entry(Path source, Path target, String type, String options) {
    return escape(source) + " " + escape(target) + " " + type + " " + options + " 0 0";
  }

  /** fstab's octal escapes for the characters that would split a field. */
  private static String escape(Path path) {
    return path.toString().replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
  }

  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 && !command.get(0).equals("ldd")) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: " + out.strip());
    }
    return out.lines().toList();
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // already gone
    }
  }
}
