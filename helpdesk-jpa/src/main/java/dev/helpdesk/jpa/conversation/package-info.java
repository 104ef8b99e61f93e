/** Attachment bytes in the database: {@link dev.helpdesk.jpa.conversation.JpaAttachmentStore}. */
package dev.helpdesk.jpa.conversation;
