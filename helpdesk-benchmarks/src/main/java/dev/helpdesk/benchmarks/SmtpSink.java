package dev.helpdesk.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain SMTP server on loopback that accepts every mail and throws it away, so a benchmark can
 * measure the client against a server that answers promptly. It speaks enough of RFC 5321 for
 * jakarta.mail: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY and QUIT, in the order the RFC
 * requires (503 otherwise). It does not offer PIPELINING, STARTTLS or AUTH.
 *
 * <p>By default each reply, multi-line ones included, goes out in one write on a socket with
 * TCP_NODELAY, as a production MTA's does. {@link Replies#LINE_BY_LINE} instead flushes each line
 * of a reply on its own with Nagle's algorithm on, as GreenMail does: the second line of the EHLO
 * reply then waits for the client's delayed ACK of the first. That mode exists only to show where
 * GreenMail's connect time goes.
 */
final class SmtpSink implements AutoCloseable {

  /** How replies are written. */
  enum Replies {
    /** Each reply in one write, TCP_NODELAY on. */
    ONE_WRITE,
    /** Each line of a reply flushed on its own, TCP_NODELAY off (Nagle on), like GreenMail. */
    LINE_BY_LINE
  }

  /** Longest line kept (RFC 5321 4.5.3.1.4: 512 octets for a command); the rest is skipped. */
  private static final int MAX_COMMAND = 512;

  private final Replies replies;
  private final ServerSocket server;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong messages = new AtomicLong();

  private SmtpSink(Replies replies) throws IOException {
    this.replies = replies;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "smtp-sink-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a sink on a free port of 127.0.0.1. */
  static SmtpSink start(Replies replies) throws IOException {
    return new SmtpSink(replies);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages accepted (250 after DATA) since the start or the last call, and resets the count. */
  long takeMessages() {
    return messages.getAndSet(0);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        // Closed by close(), or a failed accept: either way the loop checks isClosed again.
        continue;
      }
      open.add(socket);
      Thread t = new Thread(() -> serve(socket), "smtp-sink-" + socket.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(replies == Replies.ONE_WRITE);
      socket.setSoTimeout(30_000);
      new Session(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream()).run();
    } catch (SocketException e) {
      // The client dropped the connection, or close() closed it: nothing to answer.
    } catch (IOException e) {
      // Idle too long or a broken stream: the session ends, the sink goes on.
    } finally {
      open.remove(socket);
    }
  }

  /** One SMTP session: the state of RFC 5321's command sequence. */
  private final class Session {
    private final InputStream in;
    private final OutputStream out;
    private boolean greeted;
    private boolean inMail;
    private int recipients;

    Session(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    void run() throws IOException {
      reply("220 sink.localhost ESMTP sink");
      String line;
      while ((line = readLine(in, MAX_COMMAND)) != null) {
        String verb = verb(line);
        switch (verb) {
          case "EHLO" -> {
            greeted = true;
            resetTransaction();
            reply("250-sink.localhost", "250-8BITMIME", "250-SIZE 52428800", "250 HELP");
          }
          case "HELO" -> {
            greeted = true;
            resetTransaction();
            reply("250 sink.localhost");
          }
          case "MAIL" -> {
            if (!greeted) {
              reply("503 5.5.1 Send EHLO or HELO first");
            } else if (inMail) {
              reply("503 5.5.1 Nested MAIL command");
            } else if (!line.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:")) {
              reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else {
              inMail = true;
              reply("250 2.1.0 Ok");
            }
          }
          case "RCPT" -> {
            if (!inMail) {
              reply("503 5.5.1 Need MAIL before RCPT");
            } else if (!line.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
              reply("501 5.5.4 Syntax: RCPT TO:<address>");
            } else {
              recipients++;
              reply("250 2.1.5 Ok");
            }
          }
          case "DATA" -> {
            if (recipients == 0) {
              reply("503 5.5.1 Need RCPT before DATA");
            } else {
              reply("354 End data with <CR><LF>.<CR><LF>");
              if (!discardData()) {
                return;
              }
              messages.incrementAndGet();
              resetTransaction();
              reply("250 2.0.0 Ok: discarded");
            }
          }
          case "RSET" -> {
            resetTransaction();
            reply("250 2.0.0 Ok");
          }
          case "NOOP" -> reply("250 2.0.0 Ok");
          case "VRFY" -> reply("252 2.1.5 Cannot VRFY user");
          case "QUIT" -> {
            reply("221 2.0.0 Bye");
            return;
          }
          default -> reply("500 5.5.2 Command not recognized");
        }
      }
    }

    private void resetTransaction() {
      inMail = false;
      recipients = 0;
    }

    /** Reads the message up to the line holding a lone dot; false if the stream ended first. */
    private boolean discardData() throws IOException {
      String line;
      // Dot-stuffed lines ("..") are never a lone dot, so no unstuffing is needed to find the end.
      while ((line = readLine(in, MAX_COMMAND)) != null) {
        if (line.equals(".")) {
          return true;
        }
      }
      return false;
    }

    /** Writes a reply, all lines in one write or each flushed on its own. */
    private void reply(String... lines) throws IOException {
      if (replies == Replies.ONE_WRITE) {
        out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } else {
        for (String l : lines) {
          out.write((l + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    }
  }

  /** The command verb: the first four characters up to a space, upper-cased. */
  private static String verb(String line) {
    int space = line.indexOf(' ');
    return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  /**
   * Reads one line up to LF, dropping the CR before it; bytes past {@code max} are read but not
   * kept, so a long data line costs no memory. Null at the end of the stream.
   */
  static String readLine(InputStream in, int max) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() < max) {
        line.write(b);
      }
    }
    return null;
  }
}
