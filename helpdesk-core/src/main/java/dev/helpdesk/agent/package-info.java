/** Support agents and their groups, and the {@link dev.helpdesk.agent.Agents} port. */
package dev.helpdesk.agent;
