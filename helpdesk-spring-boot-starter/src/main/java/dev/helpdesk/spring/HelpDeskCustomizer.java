package dev.helpdesk.spring;

import dev.helpdesk.HelpDeskBuilder;

/**
 * A last word on the desk the starter builds: declare beans of this type to set what no property or
 * bean covers (live update buffers, dispatch batch sizes, ...). Customizers run in their {@code
 * Ordered} order, after the starter has applied properties and beans, just before {@code build()}.
 */
@FunctionalInterface
public interface HelpDeskCustomizer {

  /** Changes {@code builder}, which the starter builds the desk from once every customizer ran. */
  void customize(HelpDeskBuilder builder);
}
