package dev.helpdesk.web;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.PageRequest;
import dev.helpdesk.search.TicketQuery;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The paging of the plain listings (a customer's tickets, the queues): the page is asked for with
 * {@code size} and {@code cursor}, and answered as a JSON array with a {@code Link} header (RFC
 * 8288) to the next page when there is one, so that a listing never ends silently while tickets
 * remain.
 */
final class Listing {

  private Listing() {}

  /** The page asked for; {@code size} defaults to the desk's longest listing. */
  static PageRequest request(Integer size, String cursor) {
    int n = size == null ? HelpDesk.MAX_LISTING : size;
    if (n < 1 || n > TicketQuery.MAX_PAGE_SIZE) {
      throw new ValidationException(
          "size", "must be from 1 to " + TicketQuery.MAX_PAGE_SIZE + " (was " + n + ")");
    }
    PageRequest first = PageRequest.first(n);
    return cursor == null || cursor.isBlank() ? first : first.next(cursor);
  }

  /** The items, with a link to the same request's next page if the page has one. */
  static <T> ResponseEntity<List<T>> answer(Page<?> page, List<T> items) {
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
    page.next()
        .ifPresent(
            cursor ->
                ok.header(
                    HttpHeaders.LINK,
                    "<"
                        // The request's query is kept as it came, already encoded: encoding it
                        // again would turn a %40 into %2540. The cursor is base64url, safe as it
                        // is.
                        + ServletUriComponentsBuilder.fromCurrentRequest()
                            .replaceQueryParam("cursor", cursor)
                            .build()
                            .toUriString()
                        + ">; rel=\"next\""));
    return ok.body(items);
  }
}
