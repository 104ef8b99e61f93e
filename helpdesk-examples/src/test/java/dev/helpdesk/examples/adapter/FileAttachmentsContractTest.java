package dev.helpdesk.examples.adapter;

import dev.helpdesk.contract.AttachmentStoreContract;
import dev.helpdesk.conversation.AttachmentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The core's contract for attachment stores, run against the file adapter. */
class FileAttachmentsContractTest extends AttachmentStoreContract {

  @TempDir Path folder;

  @Override
  protected AttachmentStore attachments() {
    return new FileAttachments(folder, 10L * 1024 * 1024);
  }
}
