package dev.rlx.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a parameter record whose type is itself a parameter record: a block of
 * settings several plugins share (the LM settings of the post-training algorithms), declared once.
 * Its parameters join the enclosing record's flat namespace at this component's position, under
 * their own names (no prefix), so a spec, a trial id and {@code rlx describe} see them exactly as
 * if they were declared in place; {@link ParameterSpace#bind} builds the nested record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Params {}
