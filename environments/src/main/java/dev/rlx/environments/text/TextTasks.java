package dev.rlx.environments.text;

import static dev.rlx.api.PluginDescriptor.environment;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers the synthetic text tasks for LLM post-training (references.md §VII), each with a programmatic verifier. */
public final class TextTasks extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        environment("text-arithmetic", "\"12+7=\" → \"19\"; exact answers, any equivalent number is correct; reward 1/0",
            "references.md §7.7 (RLVR: math verifier)", ArithmeticParams.class, ArithmeticTask.class),
        environment("text-sort", "\"sort 31415=\" → \"11345\"; exact match; reward 1/0",
            "references.md §7.7 (RLVR)", DigitStringParams.class, DigitStringTask.Sort.class),
        environment("text-reverse", "\"rev 31415=\" → \"51413\"; exact match; reward 1/0",
            "references.md §7.7 (RLVR)", DigitStringParams.class, DigitStringTask.Reverse.class),
        environment("text-permute", "\"? 31415=\" → any arrangement of the digits (\"13145\", \"54311\", …); reward 1/0",
            "references.md §7.7 (RLVR; many correct answers: entropy collapse, clip-higher)", DigitStringParams.class,
            DigitStringTask.Permute.class),
        environment("text-answer-format", "\"7+5=?\" → \"Answer: 12\"; 1 for format and value, format_credit for the format alone",
            "references.md §7.7 (RLVR: format verifier)", AnswerFormatParams.class, AnswerFormatTask.class),
        environment("text-code", "\"f(1)=3,f(2)=5;f(x)=\" → \"2*x+1\"; the expression runs sandboxed against tests; reward 1/0",
            "references.md §7.7 (RLVR: code verifier)", CodeFunctionParams.class, CodeFunctionTask.class));
  }
}
