package dev.helpdesk.jpa.ticket;

import dev.helpdesk.actor.Actor;

/** Stores an actor as a kind ({@code CUSTOMER}, {@code AGENT}, {@code SYSTEM}) and an id. */
final class Actors {

  private Actors() {}

  static String kind(Actor actor) {
    if (actor instanceof Actor.Customer) {
      return "CUSTOMER";
    }
    if (actor instanceof Actor.Agent) {
      return "AGENT";
    }
    return "SYSTEM";
  }

  static String id(Actor actor) {
    if (actor instanceof Actor.Customer c) {
      return c.id().value();
    }
    if (actor instanceof Actor.Agent a) {
      return a.id().value();
    }
    return ((Actor.System) actor).name();
  }

  static Actor of(String kind, String id) {
    return switch (kind) {
      case "CUSTOMER" -> Actor.customer(id);
      case "AGENT" -> Actor.agent(id);
      case "SYSTEM" -> Actor.system(id);
      default -> throw new IllegalStateException("Unknown stored actor kind " + kind);
    };
  }
}
