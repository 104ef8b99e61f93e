/**
 * Adapters that keep data as files: {@link dev.helpdesk.files.FileSystemAttachments}, attachment
 * bytes in a directory.
 */
package dev.helpdesk.files;
