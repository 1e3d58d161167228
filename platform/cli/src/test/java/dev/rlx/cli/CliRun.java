package dev.rlx.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The result of running rlx in-process: exit code and captured output. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RlxCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
