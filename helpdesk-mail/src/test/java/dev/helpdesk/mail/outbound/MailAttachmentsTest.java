package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.ANA;
import static dev.helpdesk.mail.MailTestSupport.BEA;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The files of an agent's reply travel with its mail, over real SMTP, and are read back over IMAP;
 * over the size limit the mail lists and links them instead.
 */
class MailAttachmentsTest {

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private static final String LINK =
      "https://app.example/helpdesk/api/tickets/{id}/messages/{message}/attachments/{index}";

  private final InMemoryAttachments files = new InMemoryAttachments();

  @BeforeEach
  void mailbox() {
    mail.setUser("c-ana@example.com", "ana", "secret");
  }

  private HelpDesk desk(UnaryOperator<MailSettings.Builder> settings, boolean withStore) {
    MailSettings s = settings.apply(MailTestSupport.settings(mail.getSmtp().getPort())).build();
    InMemoryOutbox outbox = new InMemoryOutbox();
    HelpDesk desk =
        HelpDesk.builder()
            .tickets(new InMemoryTickets(outbox), outbox)
            .attachments(files)
            .notifier(withStore ? new MailNotifier(s, files) : new MailNotifier(s))
            // Each mail at once: these tests are about one reply's files, not about coalescing.
            .notifications(NotificationPolicy.defaults().coalescingWindow(Duration.ZERO))
            .build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    return desk;
  }

  private static Ticket openAssigned(HelpDesk desk) {
    Ticket t = desk.open(ANA, MailTestSupport.request("c-ana").build());
    return desk.assign(BEA, t.id(), AgentId.of("a-bea"));
  }

  /** What arrived in Ana's inbox, read over IMAP, oldest first, each fully loaded. */
  private List<MimeMessage> inbox() throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", mail.getImap().getPort(), "ana", "secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<MimeMessage> got = new ArrayList<>();
      for (jakarta.mail.Message m : inbox.getMessages()) {
        // A detached copy: the folder closes below.
        got.add(new MimeMessage((MimeMessage) m));
      }
      inbox.close(false);
      return got;
    } finally {
      store.close();
    }
  }

  private static List<BodyPart> fileParts(Part p) throws Exception {
    List<BodyPart> found = new ArrayList<>();
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) {
          found.add(bp);
        } else {
          found.addAll(fileParts(bp));
        }
      }
    }
    return found;
  }

  private static byte[] bytes(Part p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var in = p.getInputStream()) {
      in.transferTo(out);
    }
    return out.toByteArray();
  }

  private static byte[] binary(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    return b;
  }

  private MimeMessage replyMail(HelpDesk desk, MessageDraft draft) throws Exception {
    Ticket t = openAssigned(desk);
    desk.reply(BEA, t.id(), draft);
    desk.dispatchNotifications();
    List<MimeMessage> got = inbox();
    assertEquals(2, got.size(), "the acknowledgement and the reply");
    return got.get(1);
  }

  @Test
  void theReplysFilesArriveAsAttachmentsByteForByteWithTheirNames() throws Exception {
    HelpDesk desk = desk(s -> s, true);
    byte[] pdf = binary(40_000);
    byte[] text = "Sitz 12A, Gate B\n".getBytes(StandardCharsets.UTF_8);
    MessageDraft draft =
        MessageDraft.text("Here are your documents.")
            .attach(new NewAttachment("Bordkarte März.pdf", "application/pdf", pdf))
            .attach(new NewAttachment("seat \"12A\".txt", "text/plain", text));

    MimeMessage m = replyMail(desk, draft);

    assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
    List<BodyPart> parts = fileParts(m);
    assertEquals(2, parts.size());
    assertEquals("Bordkarte März.pdf", parts.get(0).getFileName());
    assertTrue(parts.get(0).isMimeType("application/pdf"), parts.get(0).getContentType());
    assertArrayEquals(pdf, bytes(parts.get(0)));
    assertEquals("seat \"12A\".txt", parts.get(1).getFileName());
    assertArrayEquals(text, bytes(parts.get(1)));
    String body = part(m, "text/plain");
    assertTrue(body.contains("Here are your documents."), body);
    assertTrue(body.contains("Attached files:\n- Bordkarte März.pdf (40 KB)"), body);
    assertFalse(body.contains("not attached"), body);
    assertTrue(part(m, "text/html").contains("<li>Bordkarte März.pdf (40 KB)</li>"));
  }

  @Test
  void overTheLimitTheMailLinksEachFileAndCarriesNoPart() throws Exception {
    HelpDesk desk = desk(s -> s.attachmentLimit(1_000).attachmentLink(LINK), true);
    Ticket t = openAssigned(desk);
    Message reply =
        desk.reply(
                BEA,
                t.id(),
                MessageDraft.text("Two files.")
                    .attach(new NewAttachment("small.txt", "text/plain", binary(600)))
                    .attach(new NewAttachment("big.bin", "application/octet-stream", binary(600))))
            .message();
    desk.dispatchNotifications();

    MimeMessage m = inbox().get(1);

    assertEquals(List.of(), fileParts(m));
    assertFalse(m.isMimeType("multipart/mixed"), m.getContentType());
    String base = "https://app.example/helpdesk/api/tickets/" + t.id() + "/messages/" + reply.id();
    String body = part(m, "text/plain");
    assertTrue(body.contains("Files of this reply, not attached to this mail:"), body);
    assertTrue(body.contains("- small.txt (600 B): " + base + "/attachments/0"), body);
    assertTrue(body.contains("- big.bin (600 B): " + base + "/attachments/1"), body);
    assertFalse(body.contains("request's page"), body);
    assertTrue(
        part(m, "text/html").contains("<a href=\"" + base + "/attachments/1\">big.bin</a>"),
        part(m, "text/html"));
  }

  @Test
  void withinTheLimitExactlyEveryFileIsAttached() throws Exception {
    HelpDesk desk = desk(s -> s.attachmentLimit(1_200).attachmentLink(LINK), true);

    MimeMessage m =
        replyMail(
            desk,
            MessageDraft.text("Two files.")
                .attach(new NewAttachment("a.bin", "application/octet-stream", binary(600)))
                .attach(new NewAttachment("b.bin", "application/octet-stream", binary(600))));

    assertEquals(2, fileParts(m).size());
    assertFalse(part(m, "text/plain").contains("https://app.example"));
  }

  @Test
  void withoutALinkTemplateTheFilesAreNamedAndThePortalIsPointedTo() throws Exception {
    HelpDesk desk = desk(s -> s.attachmentLimit(10), true);

    MimeMessage m =
        replyMail(
            desk,
            MessageDraft.text("A file.")
                .attach(new NewAttachment("scan.png", "image/png", binary(2_048))));

    assertEquals(List.of(), fileParts(m));
    String body = part(m, "text/plain");
    assertTrue(body.contains("- scan.png (2 KB)\n"), body);
    assertTrue(
        body.contains("They are on your request's page: https://support.example/tickets/"), body);
  }

  @Test
  void aNotifierWithoutTheStoreListsTheFiles() throws Exception {
    HelpDesk desk = desk(s -> s, false);

    MimeMessage m =
        replyMail(
            desk,
            MessageDraft.text("A file.")
                .attach(new NewAttachment("scan.png", "image/png", binary(10))));

    assertEquals(List.of(), fileParts(m));
    assertTrue(part(m, "text/plain").contains("- scan.png (10 B)"));
  }

  @Test
  void aFileDeletedBeforeTheMailGoesIsListedAndNoneIsAttached() throws Exception {
    HelpDesk desk = desk(s -> s, true);
    Ticket t = openAssigned(desk);
    Message reply =
        desk.reply(
                BEA,
                t.id(),
                MessageDraft.text("Two files.")
                    .attach(new NewAttachment("kept.txt", "text/plain", binary(5)))
                    .attach(new NewAttachment("gone.txt", "text/plain", binary(5))))
            .message();
    files.delete(reply.attachments().get(1).ref());
    desk.dispatchNotifications();

    MimeMessage m = inbox().get(1);

    assertEquals(List.of(), fileParts(m));
    String body = part(m, "text/plain");
    assertTrue(body.contains("- kept.txt (5 B)\n- gone.txt (5 B)"), body);
  }

  @Test
  void theLinkTemplateMustNameTheFileAndTheLimitCannotBeNegative() {
    MailSettings.Builder s = MailTestSupport.settings(25);
    assertEquals(
        "attachmentLink",
        assertThrows(
                ValidationException.class,
                () -> s.attachmentLink("https://app.example/tickets/{id}/files").build())
            .field());
    assertEquals(
        "attachmentLink",
        assertThrows(
                ValidationException.class,
                () -> s.attachmentLink("https://app.example/files/{ref}").build())
            .field());
    assertEquals(
        "attachmentLimit",
        assertThrows(
                ValidationException.class,
                () -> MailTestSupport.settings(25).attachmentLimit(-1).build())
            .field());
    assertEquals(
        MailSettings.DEFAULT_ATTACHMENT_LIMIT,
        MailTestSupport.settings(25).build().attachmentLimit());
    MailTestSupport.settings(25).attachmentLink("https://app.example/t/{key}/files/{ref}").build();
  }
}
