package dev.rlx.algorithms.linear;

import dev.rlx.api.Param;

/**
 * The tile coding both linear SARSA methods use, declared once and nested ({@link dev.rlx.api.Params})
 * in their parameter records: how many offset tilings, and how finely each cuts a state variable.
 */
public record TileCodingParams(
    @Param(doc = "number of tilings (active features per state-action)", defaultValue = "8", min = 1, max = 64)
    int tilings,
    @Param(doc = "tiles per state variable in each tiling", defaultValue = "8", min = 1, max = 64)
    int tiles) {}
