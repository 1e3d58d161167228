package dev.rlx.cli.console;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A command that groups subcommands: run alone, it prints its usage. */
@Command(mixinStandardHelpOptions = true)
public abstract class CommandGroup implements Runnable {

  @CommandLine.Spec
  protected CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
