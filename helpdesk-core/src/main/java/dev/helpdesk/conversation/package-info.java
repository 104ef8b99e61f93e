/**
 * A ticket's conversation: public replies and internal notes, attachment metadata, and the {@link
 * dev.helpdesk.conversation.AttachmentStore} port that keeps the bytes.
 */
package dev.helpdesk.conversation;
