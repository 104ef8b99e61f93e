package dev.helpdesk.web;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.TicketClosedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Every refusal of the API as an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code code} property a client can switch on; validation problems also name the {@code field}.
 * Only the module's own controllers are advised, so the application's error handling is untouched.
 */
@RestControllerAdvice(annotations = DeskEndpoint.class)
class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  @ExceptionHandler(WebRefusal.class)
  ResponseEntity<ProblemDetail> refused(WebRefusal e, HttpServletRequest request) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    e.retryAfter()
        .ifPresent(
            d -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(WebRefusal.seconds(d))));
    return answer
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(e.status(), e.code(), e.getMessage(), request));
  }

  @ExceptionHandler(ValidationException.class)
  ResponseEntity<ProblemDetail> invalid(ValidationException e, HttpServletRequest request) {
    return field(e.field(), e.getMessage(), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return field(
        e.getParameterName(), "parameter '" + e.getParameterName() + "' is missing", request);
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(
      MissingServletRequestPartException e, HttpServletRequest request) {
    return field(
        e.getRequestPartName(), "part '" + e.getRequestPartName() + "' is missing", request);
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> missingHeader(
      MissingRequestHeaderException e, HttpServletRequest request) {
    return field(e.getHeaderName(), "header '" + e.getHeaderName() + "' is missing", request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    if (e.getCause() != null && e.getCause().getCause() instanceof ValidationException v) {
      return field(v.field(), v.getMessage(), request);
    }
    return field(e.getName(), "'" + e.getName() + "' has a value of the wrong form", request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    ValidationException v = cause(e, ValidationException.class);
    if (v != null) {
      return field(v.field(), v.getMessage(), request);
    }
    return answer(
        HttpStatus.BAD_REQUEST,
        "malformed-body",
        "the request body is not the JSON expected",
        request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", e.getMessage(), request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return answer(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", e.getMessage(), request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(
      MaxUploadSizeExceededException e, HttpServletRequest request) {
    return answer(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large",
        "the upload is larger than the application accepts",
        request);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
    return answer(HttpStatus.FORBIDDEN, "access-denied", e.getMessage(), request);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> answer =
        answer(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), request);
    answer.getBody().setProperty("kind", e.kind());
    return answer;
  }

  @ExceptionHandler(ConcurrentUpdateException.class)
  ResponseEntity<ProblemDetail> concurrent(
      ConcurrentUpdateException e, HttpServletRequest request) {
    return answer(HttpStatus.PRECONDITION_FAILED, "concurrent-update", e.getMessage(), request);
  }

  @ExceptionHandler(IllegalTransitionException.class)
  ResponseEntity<ProblemDetail> transition(
      IllegalTransitionException e, HttpServletRequest request) {
    return answer(HttpStatus.CONFLICT, "illegal-transition", e.getMessage(), request);
  }

  @ExceptionHandler(TicketClosedException.class)
  ResponseEntity<ProblemDetail> closed(TicketClosedException e, HttpServletRequest request) {
    return answer(HttpStatus.CONFLICT, "ticket-closed", e.getMessage(), request);
  }

  @ExceptionHandler(CapacityExceededException.class)
  ResponseEntity<ProblemDetail> capacity(CapacityExceededException e, HttpServletRequest request) {
    return answer(HttpStatus.CONFLICT, "capacity-exceeded", e.getMessage(), request);
  }

  @ExceptionHandler(HelpDeskException.class)
  ResponseEntity<ProblemDetail> refusedByDesk(HelpDeskException e, HttpServletRequest request) {
    return answer(HttpStatus.UNPROCESSABLE_CONTENT, "refused", e.getMessage(), request);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> failed(RuntimeException e, HttpServletRequest request) {
    // Unknown failures keep their message out of the answer: it may name internals.
    LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the desk could not answer", request);
  }

  private static ResponseEntity<ProblemDetail> field(
      String field, String detail, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> answer =
        answer(HttpStatus.BAD_REQUEST, "validation", detail, request);
    answer.getBody().setProperty("field", field);
    return answer;
  }

  private static ResponseEntity<ProblemDetail> answer(
      HttpStatus status, String code, String detail, HttpServletRequest request) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(status, code, detail, request));
  }

  static ProblemDetail problem(
      HttpStatus status, String code, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("code", code);
    return problem;
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
