/** Support agents over JPA: {@link dev.helpdesk.jpa.agent.JpaAgents}. */
package dev.helpdesk.jpa.agent;
