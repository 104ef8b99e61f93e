package dev.helpdesk.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the module's controllers, so that its problem handling advises them and no others. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface DeskEndpoint {}
