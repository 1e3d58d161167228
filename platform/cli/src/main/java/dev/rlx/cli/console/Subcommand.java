package dev.rlx.cli.console;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A command of rlx that does something: the help options every * command has, and the output streams of the command line it was parsed from. Its
 * {@code call} returns how rlx exits.
 */
@Command(mixinStandardHelpOptions = true)
public abstract class Subcommand implements Callable<ExitCode> {

  @CommandLine.Spec
  protected CommandLine.Model.CommandSpec spec;

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
