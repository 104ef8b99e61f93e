package dev.helpdesk.mail.outbound;

import dev.helpdesk.mail.MailSettings;
import jakarta.mail.AuthenticationFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Words why an SMTP connection failed, from the root cause jakarta.mail buried under its own
 * exceptions, as an operator can act on it. jakarta.mail's top-level message ("Could not connect to
 * SMTP host") is the same for a wrong port, a missing STARTTLS and a bad certificate, which is what
 * a new user could not tell apart.
 */
final class SmtpDiagnosis {

  /** What angus-mail says when the settings require STARTTLS and the server does not offer it. */
  private static final String NO_STARTTLS = "does not support STARTTLS";

  /** What angus-mail says when it cannot match the server's certificate to its host name. */
  private static final String IDENTITY = "verify identity";

  private SmtpDiagnosis() {}

  /**
   * Why connecting to the server of {@code settings} failed, naming the cause and what to change.
   */
  static String connectFailure(MailSettings settings, Throwable failure) {
    String server = settings.host() + ":" + settings.port();
    List<Throwable> chain = chain(failure);
    for (Throwable t : chain) {
      String message = String.valueOf(t.getMessage());
      if (message.contains(NO_STARTTLS) || message.contains("STARTTLS required but not")) {
        return server
            + " does not offer STARTTLS; set security NONE for a plain relay or use port 465 with"
            + " SSL";
      }
    }
    for (Throwable t : chain) {
      if (t instanceof AuthenticationFailedException) {
        return server
            + " refused the login of '"
            + settings.username().orElse("")
            + "' ("
            + detail(t)
            + "); check the username and password";
      }
      if (t instanceof UnknownHostException) {
        return "unknown SMTP host " + settings.host() + "; check the host name and DNS";
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return server
            + " refused the connection ("
            + detail(t)
            + "); check the SMTP host and port, and that the server runs";
      }
      if (t instanceof SocketTimeoutException) {
        return server
            + " did not answer within the timeout; check the host, the port and any firewall";
      }
      if (t instanceof CertificateException || String.valueOf(t.getMessage()).contains(IDENTITY)) {
        return "the TLS certificate of "
            + server
            + " is not trusted ("
            + detail(t)
            + "); connect by the name in the certificate, add its CA to the JDK trust store, or"
            + " name the host in sslTrust";
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return "the TLS handshake with "
            + server
            + " failed ("
            + detail(t)
            + "); security "
            + settings.security()
            + " may not fit the port: 465 speaks SSL from the first byte, 587 and 25 use STARTTLS";
      }
    }
    Throwable root = chain.get(chain.size() - 1);
    return "could not connect to SMTP " + server + ": " + detail(root);
  }

  /** The throwable and its causes, outermost first; stops at a cycle. */
  static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static String detail(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : message.strip().replaceAll("\\s+", " ");
  }
}
