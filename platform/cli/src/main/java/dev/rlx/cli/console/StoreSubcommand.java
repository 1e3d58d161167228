package dev.rlx.cli.console;

import picocli.CommandLine.Mixin;

/** A command that reads or writes the results store that {@code --store} names. */
public abstract class StoreSubcommand extends Subcommand {

  @Mixin
  protected StoreOption store;
}
