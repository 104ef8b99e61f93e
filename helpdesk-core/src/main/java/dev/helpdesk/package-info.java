/**
 * Helpdesk SDK: an embeddable customer-support desk. Start at {@link dev.helpdesk.HelpDesk}, built
 * with {@link dev.helpdesk.HelpDesk#builder()}.
 */
package dev.helpdesk;
