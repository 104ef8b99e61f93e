/**
 * Who acts: customers, agents and the system, and the {@link
 * dev.helpdesk.actor.AccessDeniedException} raised when an actor oversteps.
 */
package dev.helpdesk.actor;
